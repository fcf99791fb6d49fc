package dev.ich.eval.metrics;

/**
 * A Neumaier (improved Kahan) sum: the error stays near one rounding whatever the number of terms,
 * so a million absolute errors add up to what NumPy's pairwise summation gives, or better. Commons
 * Math has no storeless compensated sum ({@code Sum} is naive), hence this class.
 */
final class CompensatedSum {

    private double sum;
    private double compensation;

    void add(double value) {
        double t = sum + value;
        if (Math.abs(sum) >= Math.abs(value)) {
            compensation += (sum - t) + value;
        } else {
            compensation += (value - t) + sum;
        }
        sum = t;
    }

    void add(CompensatedSum other) {
        add(other.sum);
        add(other.compensation);
    }

    double value() {
        return sum + compensation;
    }

    void reset() {
        sum = 0;
        compensation = 0;
    }
}
