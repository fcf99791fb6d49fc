package dev.ich.eval.metrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Every {@link VolumeMetric} of one estimate against the reference volume, with percentile
 * bootstrap intervals.
 *
 * @param cases the number of cases
 * @param estimates every metric with its interval
 * @param validResamples per metric, the resamples on which it was defined (a resample of a tiny
 *     cohort can make a correlation undefined; such resamples are left out of that metric's
 *     interval)
 * @param bootstrap how the intervals were made
 */
public record VolumeEvaluation(
        int cases,
        Map<VolumeMetric, Estimate> estimates,
        Map<VolumeMetric, Integer> validResamples,
        BootstrapSettings bootstrap) {

    public VolumeEvaluation {
        estimates = Collections.unmodifiableMap(new EnumMap<>(estimates));
        validResamples = Collections.unmodifiableMap(new EnumMap<>(validResamples));
        for (VolumeMetric m : VolumeMetric.values()) {
            if (!estimates.containsKey(m)) {
                throw new IllegalArgumentException("estimates lacks " + m);
            }
        }
    }

    /** The estimate of one metric. */
    public Estimate get(VolumeMetric metric) {
        return estimates.get(metric);
    }
}
