package dev.ich.eval.metrics;

import java.util.Arrays;

/** Sorting helpers on primitive arrays (no boxing, so a million cases sort quickly). */
final class Ranks {

    private Ranks() {}

    /** {negative scores, positive scores} in input order. */
    static double[][] splitByClass(int[] labels, double[] scores) {
        int positives = 0;
        for (int label : labels) {
            positives += label;
        }
        double[] pos = new double[positives];
        double[] neg = new double[labels.length - positives];
        int p = 0;
        int q = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == 1) {
                pos[p++] = scores[i];
            } else {
                neg[q++] = scores[i];
            }
        }
        return new double[][] {neg, pos};
    }

    /**
     * Mid-ranks (1-based; tied values share the mean of their ranks) of {@code values}, in input
     * order, as {@code scipy.stats.rankdata(method='average')}.
     */
    static double[] midranks(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] ranks = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            int lo = lowerBound(sorted, values[i]);
            int hi = upperBound(sorted, values[i]);
            ranks[i] = (lo + hi + 1) / 2.0;
        }
        return ranks;
    }

    /**
     * The first index whose value is not below {@code v} (numeric comparison, so −0.0 equals 0.0).
     */
    private static int lowerBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The first index whose value is above {@code v}. */
    private static int upperBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
