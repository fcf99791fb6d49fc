package dev.ich.eval.metrics;

/**
 * How a percentile bootstrap resamples: the number of resamples, the seed of its Mersenne Twister
 * (Commons Math {@code MersenneTwister}, so a seed gives the same intervals on every JVM) and the
 * confidence level.
 *
 * @param resamples number of bootstrap resamples, at least 100
 * @param seed seed of the random generator
 * @param level confidence level in (0, 1), e.g. 0.95
 */
public record BootstrapSettings(int resamples, long seed, double level) {

    /**
     * The default number of resamples; 2000 keeps the Monte-Carlo error of 95 % bounds small (Efron
     * &amp; Tibshirani).
     */
    public static final int DEFAULT_RESAMPLES = 2000;

    /** The default seed: the paper's article number (Front. Neurosci. 17:1118340). */
    public static final long DEFAULT_SEED = 1118340L;

    public BootstrapSettings {
        if (resamples < 100) {
            throw new IllegalArgumentException("resamples must be at least 100, got " + resamples);
        }
        Inputs.level(level);
    }

    /** 2000 resamples, seed 1118340, 95 % intervals. */
    public static BootstrapSettings defaults() {
        return new BootstrapSettings(DEFAULT_RESAMPLES, DEFAULT_SEED, 0.95);
    }
}
