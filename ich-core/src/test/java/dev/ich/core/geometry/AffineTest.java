package dev.ich.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AffineTest {

    private static final double EXACT = 1e-12;

    private static final Affine SAMPLE = Affine.ofRowMajor(2, 1, 0, 5, 0, 3, 1, -2, 1, 0, 4, 7);

    @Test
    void composeAppliesTheRightOperandFirst() {
        Affine shift = Affine.ofRowMajor(1, 0, 0, 10, 0, 1, 0, 0, 0, 0, 1, 0);
        Vec3 p = new Vec3(1, 2, 3);
        assertThat(SAMPLE.compose(shift).apply(p)).isEqualTo(SAMPLE.apply(shift.apply(p)));
        assertThat(shift.compose(SAMPLE).apply(p)).isEqualTo(shift.apply(SAMPLE.apply(p)));
    }

    @Test
    void inverseUndoesTheTransform() {
        // det = 2·(12 − 0) − 1·(0 − 1) + 0 = 25, computed by hand.
        assertThat(SAMPLE.determinant()).isCloseTo(25, within(EXACT));
        assertThat(SAMPLE.inverse().compose(SAMPLE).approximatelyEquals(Affine.identity(), EXACT))
                .isTrue();
        assertThat(SAMPLE.compose(SAMPLE.inverse()).approximatelyEquals(Affine.identity(), EXACT))
                .isTrue();
    }

    @Test
    void lpsAndRasConversionsAreInverse() {
        assertThat(SAMPLE.lpsToRas().rasToLps()).isEqualTo(SAMPLE);
        assertThat(SAMPLE.lpsToRas().apply(1, 1, 1)).isEqualTo(new Vec3(-8, -2, 12));
    }

    @Test
    void refusesBadInput() {
        assertThatThrownBy(() -> Affine.ofRowMajor(1, 2, 3))
                .hasMessageContaining("12 or 16 values, got 3");
        assertThatThrownBy(() -> Affine.ofRowMajor(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1))
                .hasMessageContaining("0 0 0 1");
        assertThatThrownBy(
                        () ->
                                Affine.ofRowMajor(
                                        1, 0, 0, 0, 0, 1, 0, 0, 0, 0, Double.POSITIVE_INFINITY, 0))
                .hasMessageContaining("finite");
        Affine singular = Affine.ofRowMajor(1, 2, 3, 0, 2, 4, 6, 0, 0, 0, 1, 0);
        assertThatThrownBy(singular::inverse)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("singular");
    }
}
