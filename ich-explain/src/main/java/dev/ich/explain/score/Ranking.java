package dev.ich.explain.score;

import java.util.Arrays;

/** Orders values from largest to smallest, ties by position, without boxing. */
final class Ranking {

    private Ranking() {}

    /**
     * Positions of {@code values} by decreasing value; equal values keep their order. NaN is not
     * allowed.
     */
    static int[] descending(float[] values) {
        long[] keys = new long[values.length];
        for (int v = 0; v < values.length; v++) {
            float x = values[v];
            if (Float.isNaN(x)) {
                throw new IllegalArgumentException("value at " + v + " is NaN");
            }
            // Float order as signed-int order (negative floats have their magnitude bits flipped).
            int bits = Float.floatToIntBits(x == 0 ? 0f : x);
            int sortable = bits >= 0 ? bits : bits ^ Integer.MAX_VALUE;
            // Negate so the largest comes first; |sortable| < 2^31 so the shift cannot overflow.
            keys[v] = (-(long) sortable << 32) | v;
        }
        Arrays.sort(keys);
        int[] order = new int[values.length];
        for (int n = 0; n < order.length; n++) {
            order[n] = (int) (keys[n] & 0xffffffffL);
        }
        return order;
    }
}
