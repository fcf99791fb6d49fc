package dev.ich.eval;

import dev.ich.eval.metrics.BootstrapSettings;
import dev.ich.eval.metrics.ConfusionMatrix;
import java.util.Objects;

/**
 * How an evaluation is run.
 *
 * @param threshold decision threshold: a case is predicted poor when its probability is greater;
 *     the paper's is 0.5
 * @param bootstrap resamples, seed and confidence level of the volume intervals; the level is also
 *     that of the Wilson and DeLong intervals
 * @param calibrationBins number of uniform bins of the calibration curve
 */
public record EvaluationOptions(
        double threshold, BootstrapSettings bootstrap, int calibrationBins) {

    public EvaluationOptions {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must lie in [0, 1], got " + threshold);
        }
        Objects.requireNonNull(bootstrap, "bootstrap");
        if (calibrationBins < 2 || calibrationBins > 100) {
            throw new IllegalArgumentException(
                    "calibrationBins must lie in [2, 100], got " + calibrationBins);
        }
    }

    /**
     * Threshold 0.5, 2000 bootstrap resamples with seed 1118340, 95 % intervals, 10 calibration
     * bins.
     */
    public static EvaluationOptions defaults() {
        return new EvaluationOptions(
                ConfusionMatrix.PAPER_THRESHOLD, BootstrapSettings.defaults(), 10);
    }

    /** The confidence level of every interval. */
    public double level() {
        return bootstrap.level();
    }
}
