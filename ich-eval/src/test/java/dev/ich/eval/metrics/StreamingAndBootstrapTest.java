package dev.ich.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Streaming over a million cases, and the behaviour of the seeded percentile bootstrap. */
class StreamingAndBootstrapTest {

    private static final double TOLERANCE = 1e-12;

    @Test
    void aMillionCasesStreamWithExactKnownAnswers() {
        // pred = true + e with e cycling through {-2, -1, 0, 1, 2}: MAE = 6/5, MSE = 10/5, bias 0.
        VolumeErrorAccumulator acc = new VolumeErrorAccumulator();
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            double t = 10 + (i % 7);
            acc.add(t, t + (i % 5) - 2);
        }
        assertThat(acc.count()).isEqualTo(n);
        Close.to("mae", 1.2, acc.mae(), TOLERANCE);
        Close.to("mse", 2.0, acc.mse(), TOLERANCE);
        assertThat(Math.abs(acc.meanBias())).isLessThan(1e-12);
        // Var of e over full cycles is 2 (population); the sample SD follows.
        Close.to("sd", Math.sqrt(2.0 * n / (n - 1)), acc.sdDifference(), 1e-10);
        // true and error are independent (periods 7 and 5 over whole cycles): r = sd_t / sqrt(sd_t²
        // + 2), var_t = 4.
        Close.to("pearson", 2.0 / Math.sqrt(6.0), acc.pearsonR(), 1e-6);
    }

    @Test
    void bootstrapIsReproducibleForASeedAndBracketsTheEstimate() {
        double[][] data =
                SplitMix64.volume(
                        com.google.gson.JsonParser.parseString("{\"seed\": 3, \"n\": 400}")
                                .getAsJsonObject());
        VolumeBootstrap bootstrap = new VolumeBootstrap(new BootstrapSettings(500, 42, 0.95));
        VolumeEvaluation a = bootstrap.evaluate(data[0], data[1]);
        VolumeEvaluation b = bootstrap.evaluate(data[0], data[1]);
        assertThat(a).isEqualTo(b);
        VolumeEvaluation other =
                new VolumeBootstrap(new BootstrapSettings(500, 43, 0.95))
                        .evaluate(data[0], data[1]);
        assertThat(other.get(VolumeMetric.MAE).lower())
                .isNotEqualTo(a.get(VolumeMetric.MAE).lower());
        for (VolumeMetric m : VolumeMetric.values()) {
            Estimate e = a.get(m);
            assertThat(e.lower()).as(m.key()).isLessThan(e.value());
            assertThat(e.upper()).as(m.key()).isGreaterThan(e.value());
            assertThat(a.validResamples().get(m)).isEqualTo(500);
        }
    }

    @Test
    void bootstrapIntervalOfTheBiasAgreesWithTheNormalTheory() {
        double[][] data =
                SplitMix64.volume(
                        com.google.gson.JsonParser.parseString("{\"seed\": 9, \"n\": 2000}")
                                .getAsJsonObject());
        VolumeEvaluation e =
                new VolumeBootstrap(BootstrapSettings.defaults()).evaluate(data[0], data[1]);
        VolumeErrorAccumulator acc = new VolumeErrorAccumulator();
        acc.addAll(data[0], data[1]);
        double halfWidth = 1.959964 * acc.sdDifference() / Math.sqrt(data[0].length);
        Estimate bias = e.get(VolumeMetric.MEAN_BIAS);
        assertThat((bias.upper() - bias.lower()) / 2)
                .isCloseTo(halfWidth, org.assertj.core.data.Percentage.withPercentage(10));
    }

    @Test
    void tinyCohortsSkipUndefinedResamples() {
        VolumeEvaluation e =
                new VolumeBootstrap(new BootstrapSettings(200, 1, 0.95))
                        .evaluate(new double[] {10, 20, 30}, new double[] {12, 17, 33});
        assertThat(e.validResamples().get(VolumeMetric.MAE)).isEqualTo(200);
        assertThat(e.validResamples().get(VolumeMetric.PEARSON_R))
                .isLessThan(200)
                .isGreaterThan(100);
    }
}
