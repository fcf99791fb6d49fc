package dev.ich.eval.metrics;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Every prognosis metric of one model: the thresholded decision with Wilson intervals, the AUC with
 * DeLong's interval, the Brier score, the calibration curve, the Youden-optimal point and the ROC
 * curve (for plotting).
 *
 * @param cases number of cases
 * @param confusion the confusion matrix at the threshold
 * @param accuracy accuracy with its Wilson interval
 * @param sensitivity sensitivity with its Wilson interval; empty without positive cases
 * @param specificity specificity with its Wilson interval; empty without negative cases
 * @param ppv positive predictive value; empty when nothing is predicted positive
 * @param npv negative predictive value; empty when nothing is predicted negative
 * @param f1 F1 score; empty when there are no positives and none is predicted
 * @param balancedAccuracy (sensitivity + specificity) / 2
 * @param auc the AUC with DeLong's interval
 * @param brier the Brier score
 * @param calibration the uniform-bin calibration curve
 * @param youden the Youden-optimal ROC point
 * @param roc the ROC curve (intermediate points dropped)
 */
public record PrognosisEvaluation(
        int cases,
        ConfusionMatrix confusion,
        Estimate accuracy,
        Optional<Estimate> sensitivity,
        Optional<Estimate> specificity,
        Optional<Estimate> ppv,
        Optional<Estimate> npv,
        OptionalDouble f1,
        OptionalDouble balancedAccuracy,
        AucEstimate auc,
        double brier,
        CalibrationCurve calibration,
        YoudenPoint youden,
        RocCurve roc) {

    public PrognosisEvaluation {
        Objects.requireNonNull(confusion, "confusion");
        Objects.requireNonNull(accuracy, "accuracy");
        Objects.requireNonNull(auc, "auc");
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(youden, "youden");
        Objects.requireNonNull(roc, "roc");
    }

    /**
     * Evaluates {@code probabilities} against {@code labels}.
     *
     * @param threshold decision threshold (positive when p &gt; threshold); the paper's is 0.5
     * @param level confidence level of every interval
     * @param calibrationBins number of uniform calibration bins
     * @throws UndefinedMetricException for invalid data (NaN, labels not 0/1, probabilities outside
     *     [0, 1]) or when DeLong's variance is undefined (fewer than 2 cases of a class)
     */
    public static PrognosisEvaluation of(
            int[] labels,
            double[] probabilities,
            double threshold,
            double level,
            int calibrationBins) {
        Inputs.binaryProblem(labels, probabilities, "probabilities");
        Inputs.probabilities("probabilities", probabilities);
        ConfusionMatrix cm = ConfusionMatrix.at(labels, probabilities, threshold);
        long predictedPositive = cm.truePositives() + cm.falsePositives();
        long predictedNegative = cm.trueNegatives() + cm.falseNegatives();
        return new PrognosisEvaluation(
                labels.length,
                cm,
                Proportions.wilson(cm.truePositives() + cm.trueNegatives(), cm.total(), level),
                proportion(cm.truePositives(), cm.positives(), level),
                proportion(cm.trueNegatives(), cm.negatives(), level),
                proportion(cm.truePositives(), predictedPositive, level),
                proportion(cm.trueNegatives(), predictedNegative, level),
                cm.f1(),
                cm.balancedAccuracy(),
                DeLong.auc(labels, probabilities, level),
                ProbabilityScores.brier(labels, probabilities),
                CalibrationCurve.uniform(labels, probabilities, calibrationBins),
                YoudenPoint.of(labels, probabilities),
                RocCurve.of(labels, probabilities));
    }

    private static Optional<Estimate> proportion(long successes, long trials, double level) {
        return trials == 0
                ? Optional.empty()
                : Optional.of(Proportions.wilson(successes, trials, level));
    }
}
