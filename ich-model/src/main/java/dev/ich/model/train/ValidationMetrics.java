package dev.ich.model.train;

import java.util.Arrays;

/**
 * Volume and prognosis metrics of one validation pass, computed here so ich-model needs no
 * ich-eval.
 */
final class ValidationMetrics {

    private ValidationMetrics() {}

    static double mae(double[] predicted, double[] truth) {
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            sum += Math.abs(predicted[i] - truth[i]);
        }
        return sum / truth.length;
    }

    /** Mean absolute percentage error over the studies with a reference volume above 0. */
    static double mapePercent(double[] predicted, double[] truth) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] > 0) {
                sum += Math.abs(predicted[i] - truth[i]) / truth[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : 100 * sum / n;
    }

    static double accuracy(double[] probability, int[] outcome, double threshold) {
        int correct = 0;
        for (int i = 0; i < outcome.length; i++) {
            if ((probability[i] >= threshold ? 1 : 0) == outcome[i]) {
                correct++;
            }
        }
        return (double) correct / outcome.length;
    }

    /**
     * The ROC AUC as the Mann–Whitney statistic: the probability that a random positive scores
     * above a random negative, ties counting one half (mid-ranks). NaN with one class only.
     */
    static double auc(double[] score, int[] outcome) {
        int n = score.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double[] rank = new double[n];
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double mid = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rank[order[k]] = mid;
            }
            i = j + 1;
        }
        long positives = 0;
        double rankSum = 0;
        for (int i = 0; i < n; i++) {
            if (outcome[i] == 1) {
                positives++;
                rankSum += rank[i];
            }
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
