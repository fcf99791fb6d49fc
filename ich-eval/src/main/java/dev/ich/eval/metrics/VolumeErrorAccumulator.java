package dev.ich.eval.metrics;

/**
 * Volume agreement statistics from streaming sufficient statistics: constant memory whatever the
 * number of cases, one pass, numerically stable.
 *
 * <p>Sums of errors (MAE, MSE, MAPE) use compensated (Neumaier) summation. Means, variances and the
 * covariance use Welford's update with co-moments, and {@link #combine} merges partial accumulators
 * with Chan et al.'s formulas, so cases can be split across threads. Commons Math's storeless
 * statistics cover single moments ({@code Mean}, {@code Variance}) and a covariance, but not one
 * joint update of the five co-moments needed here nor a merge of covariances; both are a few lines,
 * so they are written out.
 *
 * <p>Conventions: the error is predicted − true; MAPE is in percent of |true| (scikit-learn's
 * {@code mean_absolute_percentage_error} × 100) and undefined when a true volume is zero; Pearson r
 * as {@code scipy.stats.pearsonr}; Lin's CCC with population (1/n) moments as in Lin (1989);
 * Bland–Altman limits bias ± 1.96 SD with the sample (n − 1) SD of the differences (Bland &amp;
 * Altman 1986). Not thread-safe.
 */
public final class VolumeErrorAccumulator {

    /**
     * The multiplier of the SD in the Bland–Altman 95 % limits of agreement (Bland &amp; Altman
     * 1986).
     */
    public static final double LOA_Z = 1.96;

    private long n;
    private final CompensatedSum absErrors = new CompensatedSum();
    private final CompensatedSum squaredErrors = new CompensatedSum();
    private final CompensatedSum relativeErrors = new CompensatedSum();
    private long firstZeroTrue = -1;
    private double meanTrue;
    private double meanPred;
    private double m2True;
    private double m2Pred;
    private double coMoment;
    private double meanDiff;
    private double m2Diff;

    /**
     * Adds one case; its index is the number of cases added before it.
     *
     * @throws UndefinedMetricException when a value is not finite (naming the case index)
     */
    public void add(double trueVolume, double predictedVolume) {
        int index = (int) Math.min(n, Integer.MAX_VALUE);
        Inputs.finite("true volume", trueVolume, index);
        Inputs.finite("predicted volume", predictedVolume, index);
        double error = predictedVolume - trueVolume;
        double absError = Math.abs(error);
        absErrors.add(absError);
        squaredErrors.add(error * error);
        if (trueVolume == 0) {
            if (firstZeroTrue < 0) {
                firstZeroTrue = n;
            }
        } else {
            relativeErrors.add(absError / Math.abs(trueVolume));
        }
        n++;
        double dt = trueVolume - meanTrue;
        meanTrue += dt / n;
        double dp = predictedVolume - meanPred;
        meanPred += dp / n;
        m2True += dt * (trueVolume - meanTrue);
        m2Pred += dp * (predictedVolume - meanPred);
        coMoment += dt * (predictedVolume - meanPred);
        double dd = error - meanDiff;
        meanDiff += dd / n;
        m2Diff += dd * (error - meanDiff);
    }

    /** Adds every case of two parallel arrays, in order. */
    public void addAll(double[] trueVolumes, double[] predictedVolumes) {
        Inputs.sameLength(
                "true volumes", trueVolumes.length, "predicted volumes", predictedVolumes.length);
        for (int i = 0; i < trueVolumes.length; i++) {
            add(trueVolumes[i], predictedVolumes[i]);
        }
    }

    /**
     * Merges the cases of {@code other} into this accumulator (Chan, Golub &amp; LeVeque 1979); the
     * cases of {@code other} count as coming after this one's.
     */
    public void combine(VolumeErrorAccumulator other) {
        if (other.n == 0) {
            return;
        }
        if (n == 0) {
            copyFrom(other);
            return;
        }
        long total = n + other.n;
        double wA = (double) n / total;
        double wB = (double) other.n / total;
        double dt = other.meanTrue - meanTrue;
        double dp = other.meanPred - meanPred;
        double dd = other.meanDiff - meanDiff;
        double cross = (double) n * other.n / total;
        m2True += other.m2True + dt * dt * cross;
        m2Pred += other.m2Pred + dp * dp * cross;
        coMoment += other.coMoment + dt * dp * cross;
        m2Diff += other.m2Diff + dd * dd * cross;
        meanTrue = wA * meanTrue + wB * other.meanTrue;
        meanPred = wA * meanPred + wB * other.meanPred;
        meanDiff = wA * meanDiff + wB * other.meanDiff;
        absErrors.add(other.absErrors);
        squaredErrors.add(other.squaredErrors);
        relativeErrors.add(other.relativeErrors);
        if (firstZeroTrue < 0 && other.firstZeroTrue >= 0) {
            firstZeroTrue = n + other.firstZeroTrue;
        }
        n = total;
    }

    private void copyFrom(VolumeErrorAccumulator o) {
        n = o.n;
        absErrors.reset();
        absErrors.add(o.absErrors);
        squaredErrors.reset();
        squaredErrors.add(o.squaredErrors);
        relativeErrors.reset();
        relativeErrors.add(o.relativeErrors);
        firstZeroTrue = o.firstZeroTrue;
        meanTrue = o.meanTrue;
        meanPred = o.meanPred;
        m2True = o.m2True;
        m2Pred = o.m2Pred;
        coMoment = o.coMoment;
        meanDiff = o.meanDiff;
        m2Diff = o.m2Diff;
    }

    /** Forgets every case. */
    public void reset() {
        copyFrom(new VolumeErrorAccumulator());
    }

    /** The number of cases added. */
    public long count() {
        return n;
    }

    private void requireCases(String metric, long minimum) {
        if (n < minimum) {
            throw new UndefinedMetricException(
                    metric
                            + " needs at least "
                            + minimum
                            + " case"
                            + (minimum == 1 ? "" : "s")
                            + ", got "
                            + n,
                    -1);
        }
    }

    /** Mean absolute error. */
    public double mae() {
        requireCases("MAE", 1);
        return absErrors.value() / n;
    }

    /** Mean squared error. */
    public double mse() {
        requireCases("MSE", 1);
        return squaredErrors.value() / n;
    }

    /** Root mean squared error. */
    public double rmse() {
        return Math.sqrt(mse());
    }

    /**
     * Mean absolute percentage error in percent.
     *
     * @throws UndefinedMetricException when a true volume is zero (naming the first such case)
     */
    public double mape() {
        requireCases("MAPE", 1);
        if (firstZeroTrue >= 0) {
            throw new UndefinedMetricException(
                    "MAPE is undefined: the true volume of case "
                            + firstZeroTrue
                            + " is 0; leave cases without a haematoma out of MAPE",
                    (int) Math.min(firstZeroTrue, Integer.MAX_VALUE));
        }
        return 100.0 * relativeErrors.value() / n;
    }

    /** Mean of predicted − true, the Bland–Altman bias. */
    public double meanBias() {
        requireCases("mean bias", 1);
        return meanDiff;
    }

    /** Sample standard deviation (n − 1) of predicted − true. */
    public double sdDifference() {
        requireCases("SD of the differences", 2);
        return Math.sqrt(m2Diff / (n - 1));
    }

    /** Bland–Altman limits of agreement {lower, upper}: bias ∓ 1.96 SD. */
    public double[] limitsOfAgreement() {
        double sd = sdDifference();
        return new double[] {meanDiff - LOA_Z * sd, meanDiff + LOA_Z * sd};
    }

    /** Pearson's correlation coefficient of true and predicted volume. */
    public double pearsonR() {
        requireCases("Pearson r", 2);
        if (m2True == 0 || m2Pred == 0) {
            throw new UndefinedMetricException(
                    "Pearson r is undefined: the "
                            + (m2True == 0 ? "true" : "predicted")
                            + " volumes are all equal",
                    -1);
        }
        double r = coMoment / Math.sqrt(m2True * m2Pred);
        return Math.max(-1, Math.min(1, r));
    }

    /**
     * Lin's concordance correlation coefficient, 2·s_xy / (s_x² + s_y² + (x̄ − ȳ)²) with 1/n
     * moments.
     */
    public double concordance() {
        requireCases("Lin's CCC", 2);
        double meanGap = meanPred - meanTrue;
        double denominator = m2True + m2Pred + n * meanGap * meanGap;
        if (denominator == 0) {
            throw new UndefinedMetricException(
                    "Lin's CCC is undefined: every true and predicted volume is the same value",
                    -1);
        }
        return 2 * coMoment / denominator;
    }

    /** The mean true volume. */
    public double meanTrue() {
        requireCases("mean true volume", 1);
        return meanTrue;
    }

    /** The mean predicted volume. */
    public double meanPredicted() {
        requireCases("mean predicted volume", 1);
        return meanPred;
    }
}
