package dev.ich.eval.metrics;

import java.util.Arrays;

/**
 * A receiver operating characteristic curve, computed exactly as scikit-learn 1.2's {@code
 * roc_curve}: one point per distinct score (tied scores move together, giving the diagonal steps
 * that make the AUC count a tie as one half), points sorted by decreasing threshold, a first point
 * (0, 0) with threshold {@code max score + 1}, and optionally without the collinear intermediate
 * points ({@code drop_intermediate=True}, scikit-learn's default). A case is positive at threshold
 * t when its score is at least t. (scikit-learn 1.3 and later give the first point the threshold +∞
 * instead of max + 1; the rates are the same.)
 *
 * @param thresholds decreasing thresholds
 * @param falsePositiveRates false positive rate at each threshold
 * @param truePositiveRates true positive rate at each threshold
 */
public record RocCurve(
        double[] thresholds, double[] falsePositiveRates, double[] truePositiveRates) {

    public RocCurve {
        if (thresholds.length != falsePositiveRates.length
                || thresholds.length != truePositiveRates.length) {
            throw new IllegalArgumentException(
                    "thresholds, false and true positive rates differ in length: "
                            + thresholds.length
                            + ", "
                            + falsePositiveRates.length
                            + ", "
                            + truePositiveRates.length);
        }
        thresholds = thresholds.clone();
        falsePositiveRates = falsePositiveRates.clone();
        truePositiveRates = truePositiveRates.clone();
    }

    /** The ROC curve without collinear intermediate points, as {@code roc_curve(y, s)}. */
    public static RocCurve of(int[] labels, double[] scores) {
        return compute(labels, scores, true);
    }

    /**
     * The ROC curve with a point for every distinct score, as {@code roc_curve(y, s,
     * drop_intermediate=False)}.
     */
    public static RocCurve full(int[] labels, double[] scores) {
        return compute(labels, scores, false);
    }

    private static RocCurve compute(int[] labels, double[] scores, boolean dropIntermediate) {
        int positives = Inputs.binaryProblem(labels, scores, "scores");
        Inputs.bothClasses("the ROC curve", positives, labels.length);
        double[][] split = Ranks.splitByClass(labels, scores);
        double[] pos = split[1];
        double[] neg = split[0];
        Arrays.sort(pos);
        Arrays.sort(neg);
        int distinctMax = labels.length;
        long[] tps = new long[distinctMax];
        long[] fps = new long[distinctMax];
        double[] thr = new double[distinctMax];
        int count = 0;
        int ip = pos.length - 1;
        int in = neg.length - 1;
        long tp = 0;
        long fp = 0;
        while (ip >= 0 || in >= 0) {
            double v;
            if (ip < 0) {
                v = neg[in];
            } else if (in < 0) {
                v = pos[ip];
            } else {
                v = Math.max(pos[ip], neg[in]);
            }
            while (ip >= 0 && pos[ip] == v) {
                tp++;
                ip--;
            }
            while (in >= 0 && neg[in] == v) {
                fp++;
                in--;
            }
            tps[count] = tp;
            fps[count] = fp;
            thr[count] = v;
            count++;
        }
        int[] keep = dropIntermediate && count > 2 ? corners(tps, fps, count) : identity(count);
        double[] thresholds = new double[keep.length + 1];
        double[] fpr = new double[keep.length + 1];
        double[] tpr = new double[keep.length + 1];
        double lastFp = fps[count - 1];
        double lastTp = tps[count - 1];
        thresholds[0] = thr[keep[0]] + 1;
        for (int i = 0; i < keep.length; i++) {
            thresholds[i + 1] = thr[keep[i]];
            fpr[i + 1] = fps[keep[i]] / lastFp;
            tpr[i + 1] = tps[keep[i]] / lastTp;
        }
        return new RocCurve(thresholds, fpr, tpr);
    }

    /**
     * Indices of the points where the curve bends, plus both ends (scikit-learn's second
     * differences).
     */
    private static int[] corners(long[] tps, long[] fps, int count) {
        int[] keep = new int[count];
        int k = 0;
        keep[k++] = 0;
        for (int i = 1; i < count - 1; i++) {
            long secondFp = (fps[i + 1] - fps[i]) - (fps[i] - fps[i - 1]);
            long secondTp = (tps[i + 1] - tps[i]) - (tps[i] - tps[i - 1]);
            if (secondFp != 0 || secondTp != 0) {
                keep[k++] = i;
            }
        }
        keep[k++] = count - 1;
        return Arrays.copyOf(keep, k);
    }

    private static int[] identity(int count) {
        int[] all = new int[count];
        for (int i = 0; i < count; i++) {
            all[i] = i;
        }
        return all;
    }

    /** The number of points. */
    public int size() {
        return thresholds.length;
    }

    /**
     * The area under this curve by the trapezoidal rule, as scikit-learn's {@code auc(fpr, tpr)};
     * on the curve of {@link #of} it equals {@code roc_auc_score}.
     */
    public double auc() {
        CompensatedSum area = new CompensatedSum();
        for (int i = 1; i < thresholds.length; i++) {
            area.add(
                    (falsePositiveRates[i] - falsePositiveRates[i - 1])
                            * (truePositiveRates[i] + truePositiveRates[i - 1])
                            / 2.0);
        }
        return area.value();
    }

    @Override
    public double[] thresholds() {
        return thresholds.clone();
    }

    @Override
    public double[] falsePositiveRates() {
        return falsePositiveRates.clone();
    }

    @Override
    public double[] truePositiveRates() {
        return truePositiveRates.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RocCurve
                && Arrays.equals(((RocCurve) o).thresholds, thresholds)
                && Arrays.equals(((RocCurve) o).falsePositiveRates, falsePositiveRates)
                && Arrays.equals(((RocCurve) o).truePositiveRates, truePositiveRates);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(thresholds) + Arrays.hashCode(falsePositiveRates))
                + Arrays.hashCode(truePositiveRates);
    }

    @Override
    public String toString() {
        return "RocCurve[" + thresholds.length + " points, AUC " + auc() + "]";
    }
}
