package dev.ich.eval.metrics;

/**
 * The ROC point that maximises Youden's J = sensitivity + specificity − 1, on the full curve
 * ({@link RocCurve#full}); among equal J the point with the highest threshold (the first, as {@code
 * numpy.argmax} picks). The threshold has ROC semantics: positive when the score is at least the
 * threshold (the paper's decision rule is "greater than", see {@link ConfusionMatrix}).
 *
 * @param threshold the score threshold (positive when score ≥ threshold)
 * @param sensitivity the true positive rate there
 * @param specificity 1 − the false positive rate there
 * @param j Youden's J there
 */
public record YoudenPoint(double threshold, double sensitivity, double specificity, double j) {

    /**
     * The Youden-optimal point of {@code scores}.
     *
     * @throws UndefinedMetricException when one class is missing or a value is NaN
     */
    public static YoudenPoint of(int[] labels, double[] scores) {
        RocCurve roc = RocCurve.full(labels, scores);
        double[] t = roc.thresholds();
        double[] fpr = roc.falsePositiveRates();
        double[] tpr = roc.truePositiveRates();
        int best = 0;
        for (int i = 1; i < t.length; i++) {
            if (tpr[i] - fpr[i] > tpr[best] - fpr[best]) {
                best = i;
            }
        }
        return new YoudenPoint(t[best], tpr[best], 1 - fpr[best], tpr[best] - fpr[best]);
    }
}
