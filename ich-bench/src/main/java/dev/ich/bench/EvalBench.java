package dev.ich.bench;

import dev.ich.eval.metrics.AucEstimate;
import dev.ich.eval.metrics.BootstrapSettings;
import dev.ich.eval.metrics.DeLong;
import dev.ich.eval.metrics.RocCurve;
import dev.ich.eval.metrics.VolumeBootstrap;
import dev.ich.eval.metrics.VolumeErrorAccumulator;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code ich bench --eval}: the speed and memory of the evaluation metrics on synthetic cases:
 * volume metrics streamed over a million cases (constant memory: the heap after GC is the same at
 * 10 % and 100 % of the cases), ROC curve and DeLong interval on a million cases, and the
 * bootstrap.
 */
public final class EvalBench {

    /** Cases streamed, and scored for the ROC curve and DeLong. */
    static final int CASES = 1_000_000;

    /** Cases of the bootstrap run. */
    static final int BOOTSTRAP_CASES = 10_000;

    private EvalBench() {}

    public static int run(PrintWriter out, long seed) {
        int cases = CASES;
        int bootstrapCases = BOOTSTRAP_CASES;
        SplittableRandom rng = new SplittableRandom(seed);

        VolumeErrorAccumulator acc = new VolumeErrorAccumulator();
        long heapAtTenth = 0;
        long start = System.nanoTime();
        for (int i = 0; i < cases; i++) {
            double t = 0.5 + 100 * rng.nextDouble() * rng.nextDouble();
            acc.add(t, t * (0.8 + 0.4 * rng.nextDouble()));
            if (i == cases / 10) {
                heapAtTenth = usedHeapAfterGc();
            }
        }
        double streamSeconds = (System.nanoTime() - start) / 1e9;
        long heapAtEnd = usedHeapAfterGc();
        out.printf(
                Locale.ROOT,
                "bench eval: %d synthetic cases streamed, ROC/DeLong on %d cases, bootstrap of %d cases"
                        + " × %d resamples%n",
                cases,
                cases,
                bootstrapCases,
                BootstrapSettings.DEFAULT_RESAMPLES);
        out.printf(Locale.ROOT, "stream_volume_metrics_s=%.3f%n", streamSeconds);
        out.printf(
                Locale.ROOT,
                "stream_volume_metrics_mcases_per_s=%.2f%n",
                cases / streamSeconds / 1e6);
        out.printf(Locale.ROOT, "stream_mae_ml=%.4f%n", acc.mae());
        out.printf(Locale.ROOT, "heap_after_gc_at_10pct_mb=%.1f%n", heapAtTenth / 1048576.0);
        out.printf(Locale.ROOT, "heap_after_gc_at_100pct_mb=%.1f%n", heapAtEnd / 1048576.0);

        int[] labels = new int[cases];
        double[] scores = new double[cases];
        for (int i = 0; i < cases; i++) {
            labels[i] = rng.nextDouble() < 0.3 ? 1 : 0;
            scores[i] = Math.floor((0.3 * labels[i] + 0.7 * rng.nextDouble()) * 1000) / 1000;
        }
        start = System.nanoTime();
        RocCurve roc = RocCurve.of(labels, scores);
        double rocSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        AucEstimate auc = DeLong.auc(labels, scores, 0.95);
        double delongSeconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "roc_curve_s=%.3f%n", rocSeconds);
        out.printf(Locale.ROOT, "roc_points=%d%n", roc.size());
        out.printf(Locale.ROOT, "delong_auc_ci_s=%.3f%n", delongSeconds);
        out.printf(Locale.ROOT, "auc=%.4f%n", auc.auc());
        out.printf(Locale.ROOT, "auc_ci95=[%.4f, %.4f]%n", auc.lower(), auc.upper());

        double[] t = new double[bootstrapCases];
        double[] p = new double[bootstrapCases];
        for (int i = 0; i < bootstrapCases; i++) {
            t[i] = 0.5 + 100 * rng.nextDouble() * rng.nextDouble();
            p[i] = t[i] * (0.8 + 0.4 * rng.nextDouble());
        }
        start = System.nanoTime();
        new VolumeBootstrap(BootstrapSettings.defaults()).evaluate(t, p);
        out.printf(
                Locale.ROOT,
                "bootstrap_volume_metrics_s=%.3f%n",
                (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
