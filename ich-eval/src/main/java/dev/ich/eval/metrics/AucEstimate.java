package dev.ich.eval.metrics;

/**
 * An AUC with DeLong's variance and a normal-approximation confidence interval clipped to [0, 1]
 * (as pROC's {@code ci.auc(method = "delong")}).
 *
 * @param auc the area under the ROC curve (ties count one half)
 * @param variance DeLong's variance estimate of the AUC
 * @param lower lower confidence bound
 * @param upper upper confidence bound
 * @param level the confidence level
 * @param positives number of positive cases
 * @param negatives number of negative cases
 */
public record AucEstimate(
        double auc,
        double variance,
        double lower,
        double upper,
        double level,
        int positives,
        int negatives) {

    /** The standard error, √variance. */
    public double standardError() {
        return Math.sqrt(variance);
    }

    /** The AUC with its interval as an {@link Estimate}. */
    public Estimate estimate() {
        return new Estimate(auc, lower, upper);
    }
}
