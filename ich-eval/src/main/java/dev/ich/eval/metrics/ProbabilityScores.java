package dev.ich.eval.metrics;

/** Proper scoring rules of predicted probabilities. */
public final class ProbabilityScores {

    private ProbabilityScores() {}

    /**
     * The Brier score, mean (y − p)², as scikit-learn's {@code brier_score_loss}.
     *
     * @throws UndefinedMetricException for a label other than 0/1 or a probability outside [0, 1]
     */
    public static double brier(int[] labels, double[] probabilities) {
        Inputs.binaryProblem(labels, probabilities, "probabilities");
        Inputs.probabilities("probabilities", probabilities);
        CompensatedSum sum = new CompensatedSum();
        for (int i = 0; i < labels.length; i++) {
            double d = labels[i] - probabilities[i];
            sum.add(d * d);
        }
        return sum.value() / labels.length;
    }
}
