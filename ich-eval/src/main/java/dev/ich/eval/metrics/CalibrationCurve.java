package dev.ich.eval.metrics;

import java.util.Arrays;

/**
 * A reliability diagram with uniform bins, as scikit-learn's {@code calibration_curve(y, p,
 * n_bins=b, strategy='uniform')}: bin edges i/b, a probability on an inner edge falls into the
 * lower bin ({@code searchsorted} left), empty bins are left out.
 *
 * @param fractionPositive per non-empty bin, the fraction of positive cases ({@code prob_true})
 * @param meanPredicted per non-empty bin, the mean predicted probability ({@code prob_pred})
 * @param counts per non-empty bin, the number of cases
 */
public record CalibrationCurve(double[] fractionPositive, double[] meanPredicted, long[] counts) {

    public CalibrationCurve {
        if (fractionPositive.length != meanPredicted.length
                || fractionPositive.length != counts.length) {
            throw new IllegalArgumentException("calibration arrays differ in length");
        }
        fractionPositive = fractionPositive.clone();
        meanPredicted = meanPredicted.clone();
        counts = counts.clone();
    }

    /**
     * The calibration curve with {@code bins} uniform bins over [0, 1].
     *
     * @throws UndefinedMetricException for a label other than 0/1 or a probability outside [0, 1]
     */
    public static CalibrationCurve uniform(int[] labels, double[] probabilities, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1, got " + bins);
        }
        Inputs.binaryProblem(labels, probabilities, "probabilities");
        Inputs.probabilities("probabilities", probabilities);
        // NumPy's linspace(0, 1, bins + 1) is i * (1 / bins); the same products give the same
        // edges.
        double step = 1.0 / bins;
        double[] inner = new double[bins - 1];
        for (int i = 1; i < bins; i++) {
            inner[i - 1] = i * step;
        }
        double[] sums = new double[bins];
        double[] trues = new double[bins];
        long[] totals = new long[bins];
        for (int n = 0; n < labels.length; n++) {
            int bin = countBelow(inner, probabilities[n]);
            sums[bin] += probabilities[n];
            trues[bin] += labels[n];
            totals[bin]++;
        }
        int nonEmpty = 0;
        for (long t : totals) {
            if (t != 0) {
                nonEmpty++;
            }
        }
        double[] fraction = new double[nonEmpty];
        double[] mean = new double[nonEmpty];
        long[] counts = new long[nonEmpty];
        int k = 0;
        for (int b = 0; b < bins; b++) {
            if (totals[b] != 0) {
                fraction[k] = trues[b] / totals[b];
                mean[k] = sums[b] / totals[b];
                counts[k] = totals[b];
                k++;
            }
        }
        return new CalibrationCurve(fraction, mean, counts);
    }

    /** {@code searchsorted(edges, p, side='left')}: the number of edges strictly below p. */
    private static int countBelow(double[] edges, double p) {
        int lo = 0;
        int hi = edges.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] < p) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public double[] fractionPositive() {
        return fractionPositive.clone();
    }

    @Override
    public double[] meanPredicted() {
        return meanPredicted.clone();
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CalibrationCurve
                && Arrays.equals(((CalibrationCurve) o).fractionPositive, fractionPositive)
                && Arrays.equals(((CalibrationCurve) o).meanPredicted, meanPredicted)
                && Arrays.equals(((CalibrationCurve) o).counts, counts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(fractionPositive) + Arrays.hashCode(meanPredicted))
                + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "CalibrationCurve[" + counts.length + " non-empty bins]";
    }
}
