package dev.ich.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;

/** Relative comparisons with a tiny absolute floor (so an expected 0 can be met). */
final class Close {

    private static final double ABSOLUTE_FLOOR = 1e-15;

    private Close() {}

    static void to(String what, double expected, double actual, double relative) {
        double allowed = relative * Math.max(Math.abs(expected), Math.abs(actual)) + ABSOLUTE_FLOOR;
        assertThat(Math.abs(actual - expected))
                .as("%s: expected %s, got %s (allowed %s)", what, expected, actual, allowed)
                .isLessThanOrEqualTo(allowed);
    }

    static void to(String what, double[] expected, double[] actual, double relative) {
        assertThat(actual.length).as("%s: length", what).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            to(what + "[" + i + "]", expected[i], actual[i], relative);
        }
    }
}
