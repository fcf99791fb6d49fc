package dev.ich.phantom.cohort;

import java.util.Random;

/**
 * Clinicians who measure ABC/2 by hand, like the eight in the paper's Table 1: each rater has a
 * systematic multiplicative bias and a per-case scatter, so their estimate of a case is {@code
 * ABC/2 × exp(log(bias) + N(0, scatter²))}.
 *
 * <p>Rater {@code r} (0-based) has bias {@code 0.85 + 0.3·u} and scatter {@code 0.10 + 0.20·v} with
 * {@code u, v} uniform in [0, 1) from the cohort seed, so raters range from careful to hasty and
 * from under- to over-measuring — the spread of hand measurement reported for ABC/2 (e.g. Kothari
 * et al., Stroke 1996; Webb et al., Stroke 2015).
 */
final class SimulatedRaters {

    private final double[] logBias;
    private final double[] scatter;
    private final long seed;

    SimulatedRaters(int count, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("rater count must not be negative, got " + count);
        }
        Random random = new Random(seed);
        this.logBias = new double[count];
        this.scatter = new double[count];
        for (int r = 0; r < count; r++) {
            logBias[r] = Math.log(0.85 + 0.3 * random.nextDouble());
            scatter[r] = 0.10 + 0.20 * random.nextDouble();
        }
        this.seed = seed;
    }

    int count() {
        return logBias.length;
    }

    /**
     * Every rater's estimate of case {@code caseIndex} whose ABC/2 from the true mask is {@code
     * abc2Ml}.
     */
    double[] estimates(int caseIndex, double abc2Ml) {
        // One generator per case, so a case's estimates do not depend on which cases came before.
        Random random = new Random(seed * 1_000_003L + caseIndex);
        double[] out = new double[logBias.length];
        for (int r = 0; r < out.length; r++) {
            out[r] = abc2Ml * Math.exp(logBias[r] + scatter[r] * random.nextGaussian());
        }
        return out;
    }
}
