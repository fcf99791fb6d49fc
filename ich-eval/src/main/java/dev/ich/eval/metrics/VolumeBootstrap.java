package dev.ich.eval.metrics;

import java.util.EnumMap;
import java.util.Map;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Percentile bootstrap confidence intervals of every volume metric.
 *
 * <p>Each resample draws n cases with replacement ({@code nextInt(n)} of a seeded Commons Math
 * {@code MersenneTwister}), recomputes all metrics with a {@link VolumeErrorAccumulator}, and the
 * interval is the (1 − level)/2 and (1 + level)/2 quantiles of the resampled values, linear
 * interpolation between order statistics (Commons Math {@code Percentile} type R-7, NumPy's
 * default). The point estimate is the metric on all cases. Unlike the metrics, the bootstrap needs
 * the cases in memory.
 */
public final class VolumeBootstrap {

    private final BootstrapSettings settings;

    public VolumeBootstrap(BootstrapSettings settings) {
        this.settings = java.util.Objects.requireNonNull(settings, "settings");
    }

    /**
     * Evaluates predicted against true volumes.
     *
     * @throws UndefinedMetricException when the data make a metric undefined on all cases (fewer
     *     than two cases, a NaN, a zero true volume, a constant column), naming the case where
     *     there is one
     */
    public VolumeEvaluation evaluate(double[] trueVolumes, double[] predictedVolumes) {
        return evaluate(trueVolumes, predictedVolumes, () -> {});
    }

    /**
     * As {@link #evaluate(double[], double[])}, calling {@code afterEachResample} once per
     * resample: a resample costs one pass over the cases, so a million cases take seconds per
     * hundred resamples, and a caller can show how far it is.
     */
    public VolumeEvaluation evaluate(
            double[] trueVolumes, double[] predictedVolumes, Runnable afterEachResample) {
        Inputs.sameLength(
                "true volumes", trueVolumes.length, "predicted volumes", predictedVolumes.length);
        Inputs.nonEmpty("true volumes", trueVolumes.length);
        VolumeErrorAccumulator all = new VolumeErrorAccumulator();
        all.addAll(trueVolumes, predictedVolumes);
        Map<VolumeMetric, Double> point = new EnumMap<>(VolumeMetric.class);
        for (VolumeMetric m : VolumeMetric.values()) {
            point.put(m, m.of(all));
        }

        int n = trueVolumes.length;
        VolumeMetric[] metrics = VolumeMetric.values();
        double[][] samples = new double[metrics.length][settings.resamples()];
        int[] valid = new int[metrics.length];
        RandomGenerator rng = new MersenneTwister(settings.seed());
        VolumeErrorAccumulator acc = new VolumeErrorAccumulator();
        for (int b = 0; b < settings.resamples(); b++) {
            acc.reset();
            for (int i = 0; i < n; i++) {
                int pick = rng.nextInt(n);
                acc.add(trueVolumes[pick], predictedVolumes[pick]);
            }
            for (int m = 0; m < metrics.length; m++) {
                try {
                    samples[m][valid[m]] = metrics[m].of(acc);
                    valid[m]++;
                } catch (UndefinedMetricException undefinedOnThisResample) {
                    // A resample of a tiny cohort may repeat one case n times; the metric simply
                    // has no
                    // value there, and the count of valid resamples is reported with the interval.
                    continue;
                }
            }
            afterEachResample.run();
        }

        Map<VolumeMetric, Estimate> estimates = new EnumMap<>(VolumeMetric.class);
        Map<VolumeMetric, Integer> validCounts = new EnumMap<>(VolumeMetric.class);
        for (int m = 0; m < metrics.length; m++) {
            double value = point.get(metrics[m]);
            double[] bounds = percentileInterval(samples[m], valid[m], settings.level(), value);
            estimates.put(metrics[m], new Estimate(value, bounds[0], bounds[1]));
            validCounts.put(metrics[m], valid[m]);
        }
        return new VolumeEvaluation(n, estimates, validCounts, settings);
    }

    /** The percentile interval of the first {@code count} samples; throws when none is valid. */
    static double[] percentileInterval(double[] samples, int count, double level, double point) {
        if (count == 0) {
            throw new UndefinedMetricException(
                    "no bootstrap resample gave a defined value (point estimate "
                            + point
                            + "); the cohort is too small for a bootstrap interval",
                    -1);
        }
        Percentile percentile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        percentile.setData(samples, 0, count);
        double tail = (1 - level) / 2 * 100;
        return new double[] {percentile.evaluate(tail), percentile.evaluate(100 - tail)};
    }
}
