package dev.ich.eval.metrics;

import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;

/** Confidence intervals of proportions (accuracy, sensitivity, ...). */
public final class Proportions {

    private Proportions() {}

    /**
     * {@code successes / trials} with its Wilson score interval (Commons Math {@code
     * WilsonScoreInterval}), which, unlike the Wald interval, stays inside [0, 1] and behaves at 0
     * % and 100 %.
     */
    public static Estimate wilson(long successes, long trials, double level) {
        Inputs.level(level);
        if (trials < 1 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException(
                    "need 0 ≤ successes ≤ trials and trials ≥ 1, got "
                            + successes
                            + " of "
                            + trials);
        }
        if (trials > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "too many trials for the Wilson interval: " + trials);
        }
        ConfidenceInterval ci =
                new WilsonScoreInterval().createInterval((int) trials, (int) successes, level);
        double p = (double) successes / trials;
        return new Estimate(
                p,
                Math.max(0, Math.min(p, ci.getLowerBound())),
                Math.min(1, Math.max(p, ci.getUpperBound())));
    }
}
