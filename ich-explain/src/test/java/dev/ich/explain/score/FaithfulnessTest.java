package dev.ich.explain.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ich.core.error.IchException;
import dev.ich.core.preprocess.ModelInput;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FaithfulnessTest {

    private static final double TOLERANCE = 1e-12;

    /** A "model" that is the mean of the first half of the input: only that half matters. */
    private static final ModelFunction FIRST_HALF_MEAN =
            in -> {
                float[] d = in.data();
                double s = 0;
                for (int n = 0; n < d.length / 2; n++) {
                    s += d[n];
                }
                return s / (d.length / 2);
            };

    private static ModelInput ones() {
        float[] d = new float[4 * 4 * 4];
        Arrays.fill(d, 1f);
        return new ModelInput(4, 4, 4, d);
    }

    @Test
    void aPerfectMapDeletesFastAndInsertsFast() throws IchException {
        float[] saliency = new float[64];
        for (int v = 0; v < 32; v++) {
            saliency[v] = 1 + v % 3; // salient first half, with ties and an order inside
        }
        Faithfulness.Result r =
                Faithfulness.deletionAndInsertion(ones(), saliency, FIRST_HALF_MEAN, 4, 0f);
        assertThat(r.deletion().fractions()).containsExactly(0, 0.25, 0.5, 0.75, 1);
        assertThat(r.deletion().outputs()).containsExactly(1, 0.5, 0, 0, 0);
        assertThat(r.insertion().outputs()).containsExactly(0, 0.5, 1, 1, 1);
        assertThat(r.deletion().auc()).isCloseTo(0.25, within(TOLERANCE));
        assertThat(r.insertion().auc()).isCloseTo(0.75, within(TOLERANCE));
        assertThat(r.deletion().normalisedAuc()).isCloseTo(0.25, within(TOLERANCE));
    }

    @Test
    void anInvertedMapDeletesLate() throws IchException {
        float[] saliency = new float[64];
        for (int v = 32; v < 64; v++) {
            saliency[v] = 1;
        }
        Faithfulness.Result r =
                Faithfulness.deletionAndInsertion(ones(), saliency, FIRST_HALF_MEAN, 4, 0f);
        assertThat(r.deletion().outputs()).containsExactly(1, 1, 1, 0.5, 0);
        assertThat(r.deletion().auc()).isCloseTo(0.75, within(TOLERANCE));
        assertThat(r.insertion().auc()).isCloseTo(0.25, within(TOLERANCE));
    }

    @Test
    void rankingPutsLargestFirstAndKeepsTiesInOrder() {
        float[] v = {0f, -2.5f, 3f, -0f, 3f, 1e-30f, -1e-30f, Float.MAX_VALUE, -Float.MAX_VALUE};
        assertThat(Ranking.descending(v)).containsExactly(7, 2, 4, 5, 0, 3, 6, 1, 8);
    }

    @Test
    void rejectsMismatchedSaliency() {
        assertThatThrownBy(
                        () ->
                                Faithfulness.deletionAndInsertion(
                                        ones(), new float[3], FIRST_HALF_MEAN, 4, 0f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("saliency has 3 values");
    }
}
