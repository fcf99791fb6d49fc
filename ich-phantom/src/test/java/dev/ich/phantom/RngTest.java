package dev.ich.phantom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The generator's random numbers against tools/reference/phantom_reference.py: SplitMix64 as
 * published and the normal quantile of Python's statistics module.
 */
class RngTest {

    /** Acklam's approximation has a relative error below 1.2e-9. */
    private static final double QUANTILE_TOLERANCE = 1e-8;

    /**
     * Sampling tolerance of the mean and variance of a million table draws (about 10 standard
     * errors).
     */
    private static final double MOMENT_TOLERANCE = 0.01;

    static Properties reference() throws IOException {
        Properties p = new Properties();
        try (InputStream in = RngTest.class.getResourceAsStream("/phantom/reference.properties")) {
            p.load(in);
        }
        return p;
    }

    @Test
    void splitMix64MatchesThePublishedAlgorithm() throws IOException {
        Properties ref = reference();
        for (long seed : new long[] {0, 42, -7}) {
            Rng rng = new Rng(seed);
            for (String expected : ref.getProperty("splitmix." + seed).split(",")) {
                assertThat(rng.nextLong()).isEqualTo(Long.parseLong(expected.trim()));
            }
        }
    }

    @Test
    void streamSeedsMatchTheDocumentedDerivation() throws IOException {
        Properties ref = reference();
        long[][] cases = {{0, 1}, {42, 3}, {-7, 5}};
        for (long[] c : cases) {
            long expectedSeed = Long.parseLong(ref.getProperty("stream." + c[0] + "." + c[1]));
            assertThat(Rng.stream(c[0], c[1]).nextLong())
                    .isEqualTo(new Rng(expectedSeed).nextLong());
        }
    }

    @Test
    void normalQuantileMatchesPython() throws IOException {
        Properties ref = reference();
        int checked = 0;
        for (String key : ref.stringPropertyNames()) {
            if (key.startsWith("quantile.")) {
                double p = Double.parseDouble(key.substring("quantile.".length()));
                assertThat(Rng.inverseNormal(p))
                        .as("quantile at %s", p)
                        .isCloseTo(
                                Double.parseDouble(ref.getProperty(key)),
                                within(QUANTILE_TOLERANCE));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(9);
    }

    @Test
    void tableGaussiansHaveUnitVariance() {
        float[] values = new float[1_000_000];
        new Rng(3).fillGaussian(values, 0, values.length);
        double sum = 0;
        double squares = 0;
        for (float v : values) {
            sum += v;
            squares += v * (double) v;
        }
        double mean = sum / values.length;
        assertThat(mean).isCloseTo(0, within(MOMENT_TOLERANCE));
        assertThat(squares / values.length - mean * mean).isCloseTo(1, within(MOMENT_TOLERANCE));
    }
}
