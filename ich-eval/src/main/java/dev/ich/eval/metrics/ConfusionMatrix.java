package dev.ich.eval.metrics;

import java.util.OptionalDouble;

/**
 * The confusion matrix of a probability thresholded into a decision, and the ratios derived from
 * it. A case is predicted positive when its probability is <em>greater than</em> the threshold (the
 * paper decides at 0.5, so a probability of exactly 0.5 is negative).
 *
 * <p>A ratio whose denominator is zero (PPV when nothing is predicted positive, ...) is empty
 * rather than 0 as scikit-learn's {@code zero_division} default would make it.
 *
 * @param truePositives positive cases predicted positive
 * @param falsePositives negative cases predicted positive
 * @param trueNegatives negative cases predicted negative
 * @param falseNegatives positive cases predicted negative
 * @param threshold the decision threshold
 */
public record ConfusionMatrix(
        long truePositives,
        long falsePositives,
        long trueNegatives,
        long falseNegatives,
        double threshold) {

    /** The paper's decision threshold. */
    public static final double PAPER_THRESHOLD = 0.5;

    public ConfusionMatrix {
        if (truePositives < 0 || falsePositives < 0 || trueNegatives < 0 || falseNegatives < 0) {
            throw new IllegalArgumentException(
                    "counts must be non-negative, got tp="
                            + truePositives
                            + " fp="
                            + falsePositives
                            + " tn="
                            + trueNegatives
                            + " fn="
                            + falseNegatives);
        }
        if (truePositives + falsePositives + trueNegatives + falseNegatives == 0) {
            throw new IllegalArgumentException("a confusion matrix needs at least one case");
        }
    }

    /**
     * Thresholds {@code probabilities}: positive when {@code p > threshold}.
     *
     * @param labels 0/1 outcomes
     * @param probabilities predicted probabilities of the positive class (any finite scores work)
     * @param threshold the decision threshold
     */
    public static ConfusionMatrix at(int[] labels, double[] probabilities, double threshold) {
        Inputs.binaryProblem(labels, probabilities, "probabilities");
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold is NaN");
        }
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < labels.length; i++) {
            boolean predicted = probabilities[i] > threshold;
            if (labels[i] == 1) {
                if (predicted) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (predicted) {
                fp++;
            } else {
                tn++;
            }
        }
        return new ConfusionMatrix(tp, fp, tn, fn, threshold);
    }

    public long total() {
        return truePositives + falsePositives + trueNegatives + falseNegatives;
    }

    public long positives() {
        return truePositives + falseNegatives;
    }

    public long negatives() {
        return trueNegatives + falsePositives;
    }

    /** (TP + TN) / n. */
    public double accuracy() {
        return (double) (truePositives + trueNegatives) / total();
    }

    /** Sensitivity (recall, true positive rate): TP / (TP + FN). */
    public OptionalDouble sensitivity() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    /** Specificity (true negative rate): TN / (TN + FP). */
    public OptionalDouble specificity() {
        return ratio(trueNegatives, trueNegatives + falsePositives);
    }

    /** Positive predictive value (precision): TP / (TP + FP). */
    public OptionalDouble ppv() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    /** Negative predictive value: TN / (TN + FN). */
    public OptionalDouble npv() {
        return ratio(trueNegatives, trueNegatives + falseNegatives);
    }

    /** F1 = 2·TP / (2·TP + FP + FN). */
    public OptionalDouble f1() {
        return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
    }

    /**
     * Balanced accuracy: (sensitivity + specificity) / 2, as scikit-learn's {@code
     * balanced_accuracy_score}.
     */
    public OptionalDouble balancedAccuracy() {
        OptionalDouble sens = sensitivity();
        OptionalDouble spec = specificity();
        if (sens.isEmpty() || spec.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((sens.getAsDouble() + spec.getAsDouble()) / 2);
    }

    private static OptionalDouble ratio(long numerator, long denominator) {
        return denominator == 0
                ? OptionalDouble.empty()
                : OptionalDouble.of((double) numerator / denominator);
    }
}
