package dev.ich.core.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The trilinear resize against PyTorch's {@code F.interpolate(mode='trilinear',
 * align_corners=False)}.
 */
class TrilinearReferenceTest {

    /** Inputs are in [0, 1); PyTorch and the separable passes round differently by ~1e-7. */
    private static final float TOLERANCE = 1e-5f;

    private final PreprocessReference ref = new PreprocessReference();

    @Test
    void matchesPyTorchOnEveryCase() {
        int count = ref.getInt("interp.count");
        assertThat(count).isGreaterThanOrEqualTo(10);
        for (int c = 0; c < count; c++) {
            String key = "interp." + c;
            int[] in = ref.shape(key + ".in.shape");
            int[] out = ref.shape(key + ".out.shape");
            float[] x = ref.floats(key + ".in.file");
            float[] expected = ref.floats(key + ".out.file");
            for (int threads = 1; threads <= 2; threads++) {
                float[] actual =
                        Trilinear.resize(
                                rowsOf(x, in),
                                in[0],
                                in[1],
                                in[2],
                                out[0],
                                out[1],
                                out[2],
                                threads);
                assertThat(PreprocessReference.maxAbsDifference(actual, expected))
                        .as(
                                "%s: %dx%dx%d -> %dx%dx%d on %d threads",
                                key, in[0], in[1], in[2], out[0], out[1], out[2], threads)
                        .isLessThanOrEqualTo(TOLERANCE);
            }
            float[] fromArray = Trilinear.resize(x, in[0], in[1], in[2], out[0], out[1], out[2]);
            assertThat(PreprocessReference.maxAbsDifference(fromArray, expected))
                    .as("%s from an array", key)
                    .isLessThanOrEqualTo(TOLERANCE);
        }
    }

    @Test
    void refusesAnArrayThatDoesNotHoldTheGivenBlock() {
        assertThatThrownBy(() -> Trilinear.resize(new float[7], 2, 2, 2, 4, 4, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source has 7 values but 2×2×2 needs 8");
        assertThatThrownBy(() -> Trilinear.resize(new float[8], 2, 2, 2, 0, 4, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sizes must be positive");
    }

    @Test
    void sameSizeIsTheIdentity() {
        float[] x = ref.floats("interp.5.in.file");
        int[] s = ref.shape("interp.5.in.shape");
        assertThat(Trilinear.resize(rowsOf(x, s), s[0], s[1], s[2], s[0], s[1], s[2], 2))
                .containsExactly(x);
    }

    static RowReader rowsOf(float[] x, int[] shape) {
        return (j, k, row) -> System.arraycopy(x, (k * shape[1] + j) * shape[2], row, 0, shape[2]);
    }
}
