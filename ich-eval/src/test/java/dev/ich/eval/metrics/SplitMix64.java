package dev.ich.eval.metrics;

import com.google.gson.JsonObject;

/**
 * The SplitMix64 generator of tools/reference/make_eval_reference.py, so large reference inputs
 * need not be committed: both sides use only +, −, ×, ÷ and floor, which IEEE 754 makes identical.
 */
final class SplitMix64 {

    private long state;

    SplitMix64(long seed) {
        state = seed;
    }

    double next() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }

    /** {labels, scores} of gen_prognosis. */
    static Object[] prognosis(JsonObject spec) {
        SplitMix64 rng = new SplitMix64(spec.get("seed").getAsLong());
        int n = spec.get("n").getAsInt();
        int[] labels = new int[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.next() < 0.3 ? 1 : 0;
            scores[i] = Math.floor((0.35 * labels[i] + 0.65 * rng.next()) * 1000.0) / 1000.0;
        }
        return new Object[] {labels, scores};
    }

    /** {labels, a, b} of gen_prognosis_pair. */
    static Object[] pair(JsonObject spec) {
        SplitMix64 rng = new SplitMix64(spec.get("seed").getAsLong());
        int n = spec.get("n").getAsInt();
        int[] labels = new int[n];
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.next() < 0.4 ? 1 : 0;
            double common = rng.next();
            a[i] = Math.floor((0.3 * labels[i] + 0.7 * common) * 100.0) / 100.0;
            b[i] = Math.floor((0.2 * labels[i] + 0.5 * common + 0.3 * rng.next()) * 100.0) / 100.0;
        }
        return new Object[] {labels, a, b};
    }

    /** {true, predicted} volumes of gen_volume. */
    static double[][] volume(JsonObject spec) {
        SplitMix64 rng = new SplitMix64(spec.get("seed").getAsLong());
        int n = spec.get("n").getAsInt();
        double[] t = new double[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            double u = rng.next();
            t[i] = 0.5 + 100.0 * u * u;
            p[i] = t[i] * (0.7 + 0.6 * rng.next()) + 5.0 * (rng.next() - 0.5);
        }
        return new double[][] {t, p};
    }
}
