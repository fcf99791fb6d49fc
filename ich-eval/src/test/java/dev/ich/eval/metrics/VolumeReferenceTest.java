package dev.ich.eval.metrics;

import com.google.gson.JsonObject;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Streaming volume metrics against scikit-learn, SciPy and NumPy formulas. */
class VolumeReferenceTest {

    /** A few ulps of the result. */
    private static final double TOLERANCE = 1e-12;

    /**
     * For volumes offset by 10⁶ ml the spread is 10⁻⁵ of the magnitude, so any one-pass or two-pass
     * method (ours and NumPy's) loses about five digits in the correlations.
     */
    private static final double OFFSET_TOLERANCE = 1e-9;

    static Stream<Arguments> cases() {
        return Reference.cases("volume").stream()
                .map(c -> Arguments.of(Named.of(c.get("name").getAsString(), c)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void everyMetricMatchesTheReference(JsonObject c) {
        double[][] data =
                c.has("gen")
                        ? SplitMix64.volume(c.getAsJsonObject("gen"))
                        : new double[][] {
                            Reference.doubles(c.getAsJsonArray("true")),
                            Reference.doubles(c.getAsJsonArray("pred"))
                        };
        VolumeErrorAccumulator acc = new VolumeErrorAccumulator();
        acc.addAll(data[0], data[1]);
        double tol = c.get("name").getAsString().contains("offset") ? OFFSET_TOLERANCE : TOLERANCE;
        for (VolumeMetric m : VolumeMetric.values()) {
            Close.to(m.key(), c.get(m.key()).getAsDouble(), m.of(acc), tol);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void combiningPartialAccumulatorsGivesTheSameMetrics(JsonObject c) {
        double[][] data =
                c.has("gen")
                        ? SplitMix64.volume(c.getAsJsonObject("gen"))
                        : new double[][] {
                            Reference.doubles(c.getAsJsonArray("true")),
                            Reference.doubles(c.getAsJsonArray("pred"))
                        };
        int half = data[0].length / 2;
        VolumeErrorAccumulator a = new VolumeErrorAccumulator();
        VolumeErrorAccumulator b = new VolumeErrorAccumulator();
        for (int i = 0; i < data[0].length; i++) {
            (i < half ? a : b).add(data[0][i], data[1][i]);
        }
        a.combine(b);
        double tol =
                c.get("name").getAsString().contains("offset") ? OFFSET_TOLERANCE : TOLERANCE * 10;
        for (VolumeMetric m : VolumeMetric.values()) {
            Close.to(m.key(), c.get(m.key()).getAsDouble(), m.of(a), tol);
        }
    }
}
