package dev.ich.eval.metrics;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Erf;

/**
 * DeLong, DeLong &amp; Clarke-Pearson (1988) variance of the AUC and the test of two correlated
 * AUCs, computed with Sun &amp; Xu's (2014) fast algorithm from mid-ranks in O(n log n).
 *
 * <p>For m positives X and n negatives Y, with T<sub>Z</sub> the mid-ranks in the pooled sample and
 * T<sub>X</sub>, T<sub>Y</sub> those within each class: AUC = (Σ T<sub>Z</sub>(X) − m(m+1)/2) /
 * (mn); the structural components are V10<sub>i</sub> = (T<sub>Z</sub>(X<sub>i</sub>) −
 * T<sub>X</sub>(X<sub>i</sub>)) / n and V01<sub>j</sub> = 1 − (T<sub>Z</sub>(Y<sub>j</sub>) −
 * T<sub>Y</sub>(Y<sub>j</sub>)) / m; the covariance of the AUCs of several models is S10/m + S01/n
 * with S the sample (n − 1) covariance of the components. Commons Math has no DeLong; its {@code
 * NormalDistribution} gives the quantile and {@code Erf} the p-value.
 */
public final class DeLong {

    private DeLong() {}

    /**
     * The AUC of {@code scores} with DeLong's confidence interval.
     *
     * @throws UndefinedMetricException with fewer than two cases of either class, or a NaN
     */
    public static AucEstimate auc(int[] labels, double[] scores, double level) {
        Inputs.level(level);
        Components c = components(labels, new double[][] {scores}, new String[] {"scores"});
        double variance = c.covariance(0, 0);
        double half = quantile(level) * Math.sqrt(variance);
        double auc = c.aucs[0];
        return new AucEstimate(
                auc,
                variance,
                Math.max(0, auc - half),
                Math.min(1, auc + half),
                level,
                c.positives,
                c.negatives);
    }

    /**
     * DeLong's test of the AUCs of two models on the same cases.
     *
     * @throws UndefinedMetricException with fewer than two cases of either class, or a NaN
     */
    public static DeLongComparison compare(
            int[] labels, double[] scoresA, double[] scoresB, double level) {
        Inputs.level(level);
        Inputs.sameLength("scores A", scoresA.length, "scores B", scoresB.length);
        Components c =
                components(
                        labels,
                        new double[][] {scoresA, scoresB},
                        new String[] {"scores A", "scores B"});
        double difference = c.aucs[0] - c.aucs[1];
        double variance =
                Math.max(0, c.covariance(0, 0) + c.covariance(1, 1) - 2 * c.covariance(0, 1));
        double z;
        if (variance > 0) {
            z = difference / Math.sqrt(variance);
        } else {
            z = difference == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, difference);
        }
        double p = Erf.erfc(Math.abs(z) / Math.sqrt(2));
        double half = quantile(level) * Math.sqrt(variance);
        return new DeLongComparison(
                c.aucs[0],
                c.aucs[1],
                difference,
                variance,
                z,
                p,
                difference - half,
                difference + half,
                level);
    }

    private static double quantile(double level) {
        return new NormalDistribution().inverseCumulativeProbability(1 - (1 - level) / 2);
    }

    private static Components components(int[] labels, double[][] scores, String[] names) {
        int positives = Inputs.binaryProblem(labels, scores[0], names[0]);
        for (int k = 1; k < scores.length; k++) {
            Inputs.binaryProblem(labels, scores[k], names[k]);
        }
        int negatives = labels.length - positives;
        Inputs.bothClasses("the AUC", positives, labels.length);
        if (positives < 2 || negatives < 2) {
            throw new UndefinedMetricException(
                    "DeLong's variance needs at least 2 positive and 2 negative cases, got "
                            + positives
                            + " positive and "
                            + negatives
                            + " negative",
                    -1);
        }
        int models = scores.length;
        double[][] v10 = new double[models][];
        double[][] v01 = new double[models][];
        double[] aucs = new double[models];
        for (int k = 0; k < models; k++) {
            double[][] split = Ranks.splitByClass(labels, scores[k]);
            double[] x = split[1];
            double[] y = split[0];
            double[] pooled = new double[x.length + y.length];
            System.arraycopy(x, 0, pooled, 0, x.length);
            System.arraycopy(y, 0, pooled, x.length, y.length);
            double[] tz = Ranks.midranks(pooled);
            double[] tx = Ranks.midranks(x);
            double[] ty = Ranks.midranks(y);
            v10[k] = new double[positives];
            v01[k] = new double[negatives];
            CompensatedSum rankSum = new CompensatedSum();
            for (int i = 0; i < positives; i++) {
                rankSum.add(tz[i]);
                v10[k][i] = (tz[i] - tx[i]) / negatives;
            }
            for (int j = 0; j < negatives; j++) {
                v01[k][j] = 1.0 - (tz[positives + j] - ty[j]) / positives;
            }
            aucs[k] =
                    (rankSum.value() - positives * (positives + 1.0) / 2.0)
                            / ((double) positives * negatives);
        }
        return new Components(aucs, v10, v01, positives, negatives);
    }

    /** The structural components of every model. */
    private static final class Components {
        final double[] aucs;
        final double[][] v10;
        final double[][] v01;
        final int positives;
        final int negatives;

        Components(double[] aucs, double[][] v10, double[][] v01, int positives, int negatives) {
            this.aucs = aucs;
            this.v10 = v10;
            this.v01 = v01;
            this.positives = positives;
            this.negatives = negatives;
        }

        double covariance(int a, int b) {
            return sampleCovariance(v10[a], v10[b]) / positives
                    + sampleCovariance(v01[a], v01[b]) / negatives;
        }

        private static double sampleCovariance(double[] u, double[] v) {
            double mu = mean(u);
            double mv = mean(v);
            CompensatedSum s = new CompensatedSum();
            for (int i = 0; i < u.length; i++) {
                s.add((u[i] - mu) * (v[i] - mv));
            }
            return s.value() / (u.length - 1);
        }

        private static double mean(double[] u) {
            CompensatedSum s = new CompensatedSum();
            for (double x : u) {
                s.add(x);
            }
            return s.value() / u.length;
        }
    }
}
