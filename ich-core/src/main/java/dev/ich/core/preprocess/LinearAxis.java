package dev.ich.core.preprocess;

/**
 * Source indices and weights of linear interpolation along one axis, exactly as PyTorch's CPU
 * kernels compute them for {@code align_corners=False} when an output size (not a scale factor) is
 * given: {@code scale = (float) in / out}; the source coordinate of output {@code o} is {@code
 * scale · (o + 0.5) − 0.5} (computed in double, then rounded to float), clamped at 0; {@code lo =
 * (int) coordinate}, {@code hi = lo + 1} unless {@code lo} is the last index; the weight of {@code
 * hi} is the fractional part. Output {@code o} is {@code wLo[o]·x[lo[o]] + wHi[o]·x[hi[o]]}.
 */
final class LinearAxis {

    final int[] lo;
    final int[] hi;
    final float[] wLo;
    final float[] wHi;

    private LinearAxis(int outSize) {
        lo = new int[outSize];
        hi = new int[outSize];
        wLo = new float[outSize];
        wHi = new float[outSize];
    }

    static LinearAxis of(int inSize, int outSize) {
        if (inSize < 1 || outSize < 1) {
            throw new IllegalArgumentException(
                    "axis sizes must be at least 1, got in=" + inSize + ", out=" + outSize);
        }
        LinearAxis a = new LinearAxis(outSize);
        float scale = (float) inSize / outSize;
        for (int o = 0; o < outSize; o++) {
            float src = (float) (scale * (o + 0.5) - 0.5);
            if (src < 0) {
                src = 0;
            }
            int l = (int) src;
            float lambda = src - l;
            a.lo[o] = l;
            a.hi[o] = l < inSize - 1 ? l + 1 : l;
            a.wHi[o] = lambda;
            a.wLo[o] = 1f - lambda;
        }
        return a;
    }

    int outSize() {
        return lo.length;
    }

    /** Which source indices any output reads (with a non-zero or zero weight alike). */
    boolean[] used(int inSize) {
        boolean[] used = new boolean[inSize];
        for (int o = 0; o < lo.length; o++) {
            used[lo[o]] = true;
            used[hi[o]] = true;
        }
        return used;
    }
}
