package dev.ich.eval.metrics;

/** Validation shared by the metrics; every message names the array and the case index. */
final class Inputs {

    private Inputs() {}

    static void sameLength(String nameA, int lengthA, String nameB, int lengthB) {
        if (lengthA != lengthB) {
            throw new IllegalArgumentException(
                    nameA
                            + " has "
                            + lengthA
                            + " values but "
                            + nameB
                            + " has "
                            + lengthB
                            + "; give one value per case in both");
        }
    }

    static void nonEmpty(String name, int length) {
        if (length == 0) {
            throw new UndefinedMetricException(name + " is empty; at least one case is needed", -1);
        }
    }

    static void finite(String name, double[] values) {
        for (int n = 0; n < values.length; n++) {
            finite(name, values[n], n);
        }
    }

    static void finite(String name, double value, int index) {
        if (!Double.isFinite(value)) {
            throw new UndefinedMetricException(
                    name + "[" + index + "] is " + value + "; every value must be finite", index);
        }
    }

    static void binary(String name, int[] labels) {
        for (int n = 0; n < labels.length; n++) {
            if (labels[n] != 0 && labels[n] != 1) {
                throw new UndefinedMetricException(
                        name
                                + "["
                                + n
                                + "] is "
                                + labels[n]
                                + "; outcome labels must be 0 (negative) or 1 (positive)",
                        n);
            }
        }
    }

    static void probabilities(String name, double[] p) {
        for (int n = 0; n < p.length; n++) {
            finite(name, p[n], n);
            if (p[n] < 0 || p[n] > 1) {
                throw new UndefinedMetricException(
                        name + "[" + n + "] is " + p[n] + "; probabilities must lie in [0, 1]", n);
            }
        }
    }

    /** Checks labels and scores of a binary problem; returns the number of positives. */
    static int binaryProblem(int[] labels, double[] scores, String scoreName) {
        sameLength("labels", labels.length, scoreName, scores.length);
        nonEmpty("labels", labels.length);
        binary("labels", labels);
        finite(scoreName, scores);
        int positives = 0;
        for (int label : labels) {
            positives += label;
        }
        return positives;
    }

    static void bothClasses(String metric, int positives, int total) {
        if (positives == 0 || positives == total) {
            throw new UndefinedMetricException(
                    metric
                            + " is undefined: all "
                            + total
                            + " cases are "
                            + (positives == 0 ? "negative (0)" : "positive (1)")
                            + "; it needs at least one case of each class",
                    -1);
        }
    }

    static void level(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must lie in (0, 1), got " + level);
        }
    }
}
