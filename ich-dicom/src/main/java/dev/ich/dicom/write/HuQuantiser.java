package dev.ich.dicom.write;

import java.nio.FloatBuffer;

/**
 * Chooses Rescale Slope and Intercept for signed 16-bit pixels and stores HU with them.
 *
 * <p>Whole HU values whose range fits 65 536 steps are stored exactly with slope 1 (intercept 0
 * when they fit −32768…32767 and a zero intercept is preferred, else the whole-number intercept
 * {@code min + 32768}). Otherwise the range is spread over all 65 536 steps: slope = (max − min) /
 * 65535, and each value is stored as the nearest step, an error of at most half a slope (0.031 HU
 * for a −1024…3071 HU range). Slope and intercept are written as DS strings; the stored integers
 * are computed with the values parsed back from those strings, so a reader computing {@code stored
 * × slope + intercept} gets exactly the values this class reports.
 */
final class HuQuantiser {

    private static final int LO = Short.MIN_VALUE;
    private static final int HI = Short.MAX_VALUE;
    private static final double STEPS = (double) HI - LO;

    /** Rescale values as written (DS strings) and as a reader parses them. */
    record Scale(String slopeText, String interceptText, double slope, double intercept) {

        static Scale of(double slope, double intercept) {
            String s = DecimalStrings.format(slope);
            String i = DecimalStrings.format(intercept);
            return new Scale(s, i, Double.parseDouble(s), Double.parseDouble(i));
        }

        /** The stored value nearest to {@code hu}, clamped to int16. */
        short store(float hu) {
            long q = Math.round((hu - intercept) / slope);
            return (short) Math.max(LO, Math.min(HI, q));
        }

        /** What a reader makes of a stored value. */
        double huOf(short stored) {
            return stored * slope + intercept;
        }
    }

    private HuQuantiser() {}

    /** The scale for the values {@code hu[from, to)}, intercept 0 where possible. */
    static Scale choose(float[] hu, int from, int to) {
        return choose(FloatBuffer.wrap(hu), from, to, true);
    }

    /**
     * The scale for the values at absolute positions {@code [from, to)} of {@code hu}.
     *
     * @param preferZeroIntercept keep intercept 0 for whole HU that fit int16; otherwise whole HU
     *     get the intercept {@code min + 32768}, which differs from slice to slice
     */
    static Scale choose(FloatBuffer hu, int from, int to, boolean preferZeroIntercept) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean whole = true;
        for (int n = from; n < to; n++) {
            float v = hu.get(n);
            min = Math.min(min, v);
            max = Math.max(max, v);
            whole &= v == Math.rint(v);
        }
        if (preferZeroIntercept && whole && min >= LO && max <= HI) {
            return Scale.of(1, 0);
        }
        if (whole && max - min <= STEPS) {
            return Scale.of(1, min - LO);
        }
        if (max == min) {
            return Scale.of(1, min);
        }
        Scale first = Scale.of((max - min) / STEPS, 0);
        // The intercept puts min on the lowest step, using the slope as a reader will parse it.
        return Scale.of(first.slope(), min - LO * first.slope());
    }
}
