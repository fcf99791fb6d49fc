package dev.ich.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Prognosis metrics against scikit-learn 1.2.1 and a from-the-definition DeLong in NumPy. */
class PrognosisReferenceTest {

    /** Sums and ratios of the same numbers: agreement to a few ulps. */
    private static final double TOLERANCE = 1e-12;

    /**
     * Values through a normal quantile (Commons Math vs SciPy's ndtri differ in the last digits).
     */
    private static final double QUANTILE_TOLERANCE = 1e-9;

    static Stream<Arguments> cases() {
        return Reference.cases("prognosis").stream()
                .map(c -> Arguments.of(Named.of(c.get("name").getAsString(), c)));
    }

    private static int[] labels(JsonObject c) {
        return c.has("gen")
                ? (int[]) SplitMix64.prognosis(c.getAsJsonObject("gen"))[0]
                : Reference.ints(c.getAsJsonArray("labels"));
    }

    private static double[] scores(JsonObject c) {
        return c.has("gen")
                ? (double[]) SplitMix64.prognosis(c.getAsJsonObject("gen"))[1]
                : Reference.doubles(c.getAsJsonArray("scores"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void confusionMatrixAndRatiosMatchScikitLearn(JsonObject c) {
        ConfusionMatrix cm =
                ConfusionMatrix.at(labels(c), scores(c), c.get("threshold").getAsDouble());
        JsonObject e = c.getAsJsonObject("confusion");
        assertThat(
                        new long[] {
                            cm.trueNegatives(),
                            cm.falsePositives(),
                            cm.falseNegatives(),
                            cm.truePositives()
                        })
                .containsExactly(
                        e.get("tn").getAsLong(),
                        e.get("fp").getAsLong(),
                        e.get("fn").getAsLong(),
                        e.get("tp").getAsLong());
        Close.to("accuracy", c.get("accuracy").getAsDouble(), cm.accuracy(), TOLERANCE);
        optional(c, "precision", cm.ppv());
        optional(c, "recall", cm.sensitivity());
        optional(c, "specificity", cm.specificity());
        optional(c, "npv", cm.npv());
        optional(c, "f1", cm.f1());
        optional(c, "balanced_accuracy", cm.balancedAccuracy());
        double[] w = Reference.doubles(c.getAsJsonArray("wilson_accuracy"));
        Estimate acc =
                Proportions.wilson(cm.truePositives() + cm.trueNegatives(), cm.total(), 0.95);
        Close.to("wilson lower", Math.max(0, w[0]), acc.lower(), QUANTILE_TOLERANCE);
        Close.to("wilson upper", Math.min(1, w[1]), acc.upper(), QUANTILE_TOLERANCE);
    }

    private static void optional(JsonObject c, String key, java.util.OptionalDouble actual) {
        if (c.has(key)) {
            assertThat(actual).as(key).isPresent();
            Close.to(key, c.get(key).getAsDouble(), actual.getAsDouble(), TOLERANCE);
        } else {
            assertThat(actual).as(key + " (undefined in the reference)").isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void rocCurveAndAucMatchScikitLearnExactly(JsonObject c) {
        int[] y = labels(c);
        double[] s = scores(c);
        if (!c.has("roc")) {
            assertThatThrownBy(() -> RocCurve.of(y, s))
                    .isInstanceOf(UndefinedMetricException.class)
                    .hasMessageContaining("at least one case of each class");
            return;
        }
        check("roc", c.getAsJsonObject("roc"), RocCurve.of(y, s));
        check("roc_full", c.getAsJsonObject("roc_full"), RocCurve.full(y, s));
        Close.to("auc", c.get("auc").getAsDouble(), RocCurve.of(y, s).auc(), TOLERANCE);
        JsonObject youden = c.getAsJsonObject("youden");
        YoudenPoint yp = YoudenPoint.of(y, s);
        assertThat(yp.threshold()).isEqualTo(youden.get("threshold").getAsDouble());
        Close.to(
                "youden sensitivity",
                youden.get("sensitivity").getAsDouble(),
                yp.sensitivity(),
                TOLERANCE);
        Close.to(
                "youden specificity",
                youden.get("specificity").getAsDouble(),
                yp.specificity(),
                TOLERANCE);
    }

    private static void check(String what, JsonObject e, RocCurve roc) {
        assertThat(roc.thresholds())
                .as(what + " thresholds")
                .containsExactly(Reference.doubles(e.getAsJsonArray("thresholds")));
        assertThat(roc.falsePositiveRates())
                .as(what + " fpr")
                .containsExactly(Reference.doubles(e.getAsJsonArray("fpr")));
        assertThat(roc.truePositiveRates())
                .as(what + " tpr")
                .containsExactly(Reference.doubles(e.getAsJsonArray("tpr")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void brierAndCalibrationMatchScikitLearn(JsonObject c) {
        int[] y = labels(c);
        double[] s = scores(c);
        Close.to("brier", c.get("brier").getAsDouble(), ProbabilityScores.brier(y, s), TOLERANCE);
        CalibrationCurve cal = CalibrationCurve.uniform(y, s, c.get("bins").getAsInt());
        JsonObject e = c.getAsJsonObject("calibration");
        Close.to(
                "prob_true",
                Reference.doubles(e.getAsJsonArray("prob_true")),
                cal.fractionPositive(),
                TOLERANCE);
        Close.to(
                "prob_pred",
                Reference.doubles(e.getAsJsonArray("prob_pred")),
                cal.meanPredicted(),
                TOLERANCE);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void deLongIntervalMatchesTheDefinition(JsonObject c) {
        int[] y = labels(c);
        double[] s = scores(c);
        if (!c.has("delong")) {
            assertThatThrownBy(() -> DeLong.auc(y, s, 0.95))
                    .isInstanceOf(UndefinedMetricException.class);
            return;
        }
        JsonObject e = c.getAsJsonObject("delong");
        AucEstimate auc = DeLong.auc(y, s, 0.95);
        Close.to("delong auc", e.get("auc").getAsDouble(), auc.auc(), TOLERANCE);
        Close.to("sklearn auc", c.get("auc").getAsDouble(), auc.auc(), TOLERANCE);
        Close.to("delong variance", e.get("variance").getAsDouble(), auc.variance(), TOLERANCE);
        Close.to("delong lower", e.get("lower").getAsDouble(), auc.lower(), QUANTILE_TOLERANCE);
        Close.to("delong upper", e.get("upper").getAsDouble(), auc.upper(), QUANTILE_TOLERANCE);
    }

    static Stream<Arguments> pairs() {
        return Reference.cases("delong_pairs").stream()
                .map(c -> Arguments.of(Named.of(c.get("name").getAsString(), c)));
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void deLongTestMatchesTheDefinition(JsonObject c) {
        int[] y;
        double[] a;
        double[] b;
        if (c.has("gen")) {
            Object[] g = SplitMix64.pair(c.getAsJsonObject("gen"));
            y = (int[]) g[0];
            a = (double[]) g[1];
            b = (double[]) g[2];
        } else {
            y = Reference.ints(c.getAsJsonArray("labels"));
            a = Reference.doubles(c.getAsJsonArray("a"));
            b = Reference.doubles(c.getAsJsonArray("b"));
        }
        DeLongComparison d = DeLong.compare(y, a, b, 0.95);
        Close.to("auc A", c.get("auc_a").getAsDouble(), d.aucA(), TOLERANCE);
        Close.to("auc B", c.get("auc_b").getAsDouble(), d.aucB(), TOLERANCE);
        Close.to("sklearn auc A", c.get("sklearn_auc_a").getAsDouble(), d.aucA(), TOLERANCE);
        Close.to("difference", c.get("difference").getAsDouble(), d.difference(), 1e-10);
        Close.to("variance", c.get("variance").getAsDouble(), d.variance(), 1e-10);
        Close.to("z", c.get("z").getAsDouble(), d.z(), 1e-10);
        Close.to("p", c.get("p").getAsDouble(), d.pValue(), QUANTILE_TOLERANCE);
        Close.to("lower", c.get("lower").getAsDouble(), d.lower(), QUANTILE_TOLERANCE);
        Close.to("upper", c.get("upper").getAsDouble(), d.upper(), QUANTILE_TOLERANCE);
    }
}
