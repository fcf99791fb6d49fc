package dev.ich.eval.metrics;

/**
 * A point estimate with a two-sided confidence interval.
 *
 * @param value the statistic on all cases
 * @param lower the lower confidence bound
 * @param upper the upper confidence bound
 */
public record Estimate(double value, double lower, double upper) {

    public Estimate {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("estimate value must be finite, got " + value);
        }
        if (!(lower <= upper)) {
            throw new IllegalArgumentException(
                    "interval lower bound " + lower + " exceeds upper bound " + upper);
        }
    }
}
