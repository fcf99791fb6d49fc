package dev.ich.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Undefined metrics and invalid data fail with a message naming the problem and the case. */
class UndefinedCasesTest {

    @Test
    void aucWithOneClassIsAnError() {
        assertThatThrownBy(() -> RocCurve.of(new int[] {1, 1, 1}, new double[] {0.2, 0.5, 0.9}))
                .isInstanceOf(UndefinedMetricException.class)
                .hasMessageContaining("all 3 cases are positive");
        assertThatThrownBy(() -> DeLong.auc(new int[] {0, 0}, new double[] {0.2, 0.5}, 0.95))
                .isInstanceOf(UndefinedMetricException.class)
                .hasMessageContaining("all 2 cases are negative");
    }

    @Test
    void deLongNeedsTwoCasesOfEachClass() {
        assertThatThrownBy(
                        () -> DeLong.auc(new int[] {0, 1, 0}, new double[] {0.2, 0.5, 0.1}, 0.95))
                .isInstanceOf(UndefinedMetricException.class)
                .hasMessageContaining("at least 2 positive and 2 negative");
    }

    @Test
    void mapeWithAZeroTrueVolumeNamesTheCase() {
        VolumeErrorAccumulator acc = new VolumeErrorAccumulator();
        acc.addAll(new double[] {3, 4, 0, 5}, new double[] {3, 5, 1, 5});
        assertThat(acc.mae()).isEqualTo(0.5);
        assertThatThrownBy(acc::mape)
                .isInstanceOf(UndefinedMetricException.class)
                .hasMessageContaining("case 2 is 0")
                .satisfies(e -> assertThat(((UndefinedMetricException) e).index()).isEqualTo(2));
    }

    @Test
    void nanAnywhereNamesTheIndex() {
        VolumeErrorAccumulator acc = new VolumeErrorAccumulator();
        assertThatThrownBy(
                        () -> acc.addAll(new double[] {1, 2, 3}, new double[] {1, Double.NaN, 3}))
                .isInstanceOf(UndefinedMetricException.class)
                .hasMessageContaining("predicted volume[1] is NaN");
        assertThatThrownBy(
                        () -> RocCurve.of(new int[] {0, 1, 0}, new double[] {0.1, 0.2, Double.NaN}))
                .isInstanceOf(UndefinedMetricException.class)
                .hasMessageContaining("scores[2] is NaN");
        assertThatThrownBy(
                        () ->
                                ProbabilityScores.brier(
                                        new int[] {0, 1},
                                        new double[] {0.1, Double.POSITIVE_INFINITY}))
                .isInstanceOf(UndefinedMetricException.class)
                .hasMessageContaining("probabilities[1] is Infinity");
        assertThatThrownBy(
                        () ->
                                DeLong.compare(
                                        new int[] {0, 1, 0, 1},
                                        new double[] {0.1, 0.2, 0.3, 0.4},
                                        new double[] {0.1, 0.2, Double.NaN, 0.4},
                                        0.95))
                .hasMessageContaining("scores B[2] is NaN");
    }

    @Test
    void mismatchedLengthsAreNamed() {
        assertThatThrownBy(() -> ConfusionMatrix.at(new int[] {0, 1}, new double[] {0.3}, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("labels has 2 values but probabilities has 1");
        assertThatThrownBy(() -> new VolumeErrorAccumulator().addAll(new double[3], new double[4]))
                .hasMessageContaining("true volumes has 3 values but predicted volumes has 4");
    }

    @Test
    void labelsMustBeBinaryAndProbabilitiesInTheUnitInterval() {
        assertThatThrownBy(() -> ConfusionMatrix.at(new int[] {0, 2}, new double[] {0.3, 0.4}, 0.5))
                .hasMessageContaining("labels[1] is 2");
        assertThatThrownBy(
                        () ->
                                CalibrationCurve.uniform(
                                        new int[] {0, 1}, new double[] {0.3, 1.5}, 10))
                .hasMessageContaining("probabilities[1] is 1.5");
    }

    @Test
    void correlationOfAConstantColumnIsAnError() {
        VolumeErrorAccumulator acc = new VolumeErrorAccumulator();
        acc.addAll(new double[] {5, 5, 5}, new double[] {4, 6, 5});
        assertThatThrownBy(acc::pearsonR).hasMessageContaining("true volumes are all equal");
        assertThatThrownBy(() -> new VolumeErrorAccumulator().mae())
                .hasMessageContaining("at least 1 case");
    }

    @Test
    void undefinedRatiosAreEmptyNotZero() {
        ConfusionMatrix cm =
                ConfusionMatrix.at(new int[] {0, 1, 0}, new double[] {0.1, 0.2, 0.3}, 0.5);
        assertThat(cm.ppv()).isEmpty();
        assertThat(cm.sensitivity()).hasValue(0.0);
        assertThat(cm.specificity()).hasValue(1.0);
    }

    @Test
    void probabilityOfExactlyTheThresholdIsNegative() {
        ConfusionMatrix cm = ConfusionMatrix.at(new int[] {1, 0}, new double[] {0.5, 0.5}, 0.5);
        assertThat(cm.truePositives()).isZero();
        assertThat(cm.falseNegatives()).isOne();
        assertThat(cm.trueNegatives()).isOne();
    }
}
