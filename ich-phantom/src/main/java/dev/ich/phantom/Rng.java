package dev.ich.phantom;

/**
 * SplitMix64 (Steele, Lea, Flood 2014): a tiny generator whose output is fixed by its published
 * algorithm, so phantoms are identical on every JDK (unlike {@code Random.nextGaussian}, whose
 * algorithm a JDK may change). Not thread-safe; each generation stage owns its own stream.
 *
 * <p>The phantom package uses {@code StrictMath} for every transcendental function for the same
 * reason: {@code Math.cos} and friends may differ by an ulp between JVMs and CPUs.
 */
final class Rng {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    /**
     * Table size for the fast Gaussian used for voxel noise (12 bits of a random long per draw).
     */
    private static final int TABLE_BITS = 12;

    private static final float[] GAUSSIAN_TABLE = gaussianTable(1 << TABLE_BITS);

    private long state;

    Rng(long seed) {
        this.state = seed;
    }

    /** A generator for an independent stream: the seed mixed with a stream number. */
    static Rng stream(long seed, long streamId) {
        return new Rng(mix(seed ^ mix(streamId * GOLDEN_GAMMA + 0x632be59bd9b4e019L)));
    }

    /** The SplitMix64 finaliser: a bijective mix of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Uniform integer in [0, bound). */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 33) * bound) >>> 31);
    }

    /**
     * A uniformly random rotation (from a random unit quaternion), row-major 3 × 3. Draws four
     * normal numbers.
     */
    double[] randomRotation() {
        double q0 = gaussian();
        double q1 = gaussian();
        double q2 = gaussian();
        double q3 = gaussian();
        double norm = Math.sqrt(q0 * q0 + q1 * q1 + q2 * q2 + q3 * q3);
        q0 /= norm;
        q1 /= norm;
        q2 /= norm;
        q3 /= norm;
        return new double[] {
            1 - 2 * (q2 * q2 + q3 * q3),
            2 * (q1 * q2 - q0 * q3),
            2 * (q1 * q3 + q0 * q2),
            2 * (q1 * q2 + q0 * q3),
            1 - 2 * (q1 * q1 + q3 * q3),
            2 * (q2 * q3 - q0 * q1),
            2 * (q1 * q3 - q0 * q2),
            2 * (q2 * q3 + q0 * q1),
            1 - 2 * (q1 * q1 + q2 * q2)
        };
    }

    /**
     * A standard normal draw (Box–Muller; one value per call, so the stream position is simple).
     */
    double gaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1]
        double u2 = nextDouble();
        return Math.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
    }

    /**
     * Fills {@code out[from, to)} with approximately standard normal values, five per random long,
     * from a table of 4096 normal quantiles. Voxel noise needs speed, not tails beyond 3.5 σ.
     */
    void fillGaussian(float[] out, int from, int to) {
        int n = from;
        int mask = (1 << TABLE_BITS) - 1;
        while (n < to) {
            long bits = nextLong();
            for (int part = 0; part < 5 && n < to; part++, n++) {
                out[n] = GAUSSIAN_TABLE[(int) (bits & mask)];
                bits >>>= TABLE_BITS;
            }
        }
    }

    private static float[] gaussianTable(int size) {
        float[] table = new float[size];
        double sumSquares = 0;
        for (int n = 0; n < size; n++) {
            table[n] = (float) inverseNormal((n + 0.5) / size);
            sumSquares += table[n] * (double) table[n];
        }
        // Rescale so the table itself has unit variance (the quantile grid slightly undershoots
        // it).
        float scale = (float) Math.sqrt(size / sumSquares);
        for (int n = 0; n < size; n++) {
            table[n] *= scale;
        }
        return table;
    }

    /** Acklam's rational approximation of the normal quantile (relative error below 1.2e-9). */
    static double inverseNormal(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must lie in (0, 1), got " + p);
        }
        final double[] a = {
            -3.969683028665376e+01,
            2.209460984245205e+02,
            -2.759285104469687e+02,
            1.383577518672690e+02,
            -3.066479806614716e+01,
            2.506628277459239e+00
        };
        final double[] b = {
            -5.447609879822406e+01,
            1.615858368580409e+02,
            -1.556989798598866e+02,
            6.680131188771972e+01,
            -1.328068155288572e+01
        };
        final double[] c = {
            -7.784894002430293e-03,
            -3.223964580411365e-01,
            -2.400758277161838e+00,
            -2.549732539343734e+00,
            4.374664141464968e+00,
            2.938163982698783e+00
        };
        final double[] d = {
            7.784695709041462e-03,
            3.224671290700398e-01,
            2.445134137142996e+00,
            3.754408661907416e+00
        };
        double pLow = 0.02425;
        if (p < pLow) {
            double q = Math.sqrt(-2 * StrictMath.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - pLow) {
            return -inverseNormal(1 - p);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5])
                * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
