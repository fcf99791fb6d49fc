package dev.ich.samples.cli;

import dev.ich.eval.metrics.AucEstimate;
import dev.ich.eval.metrics.BootstrapSettings;
import dev.ich.eval.metrics.DeLong;
import dev.ich.eval.metrics.RocCurve;
import dev.ich.eval.metrics.VolumeBootstrap;
import dev.ich.eval.metrics.VolumeErrorAccumulator;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ich bench-eval}: prints the speed and memory of the evaluation metrics on synthetic cases:
 * streaming volume metrics (constant memory), ROC/AUC and DeLong on a large cohort, and the
 * bootstrap. Figures, not assertions: run it once on the target machine.
 */
@Command(name = "bench-eval", mixinStandardHelpOptions = true,
    description = "Print the speed and memory of ich-eval's metrics on synthetic cases.")
final class EvalBenchCommand implements Callable<Integer> {

    @Option(names = "--cases", defaultValue = "1000000", description = "Cases streamed (default: ${DEFAULT-VALUE}).")
    int cases;

    @Option(names = "--bootstrap-cases", defaultValue = "10000",
        description = "Cases of the bootstrap run (default: ${DEFAULT-VALUE}).")
    int bootstrapCases;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (cases < 1000 || bootstrapCases < 10) {
            throw new IllegalArgumentException("--cases must be at least 1000 and --bootstrap-cases at least 10");
        }
        PrintWriter out = spec.commandLine().getOut();
        SplittableRandom rng = new SplittableRandom(1);

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
        out.printf(Locale.ROOT, "volume metrics, streamed: %,d cases in %.2f s (%.1f M cases/s); MAE %.3f ml, r %.4f%n",
            cases, streamSeconds, cases / streamSeconds / 1e6, acc.mae(), acc.pearsonR());
        out.printf(Locale.ROOT, "  used heap after GC at %,d cases: %.1f MB; at %,d cases: %.1f MB (constant memory)%n",
            cases / 10, heapAtTenth / 1e6, cases, heapAtEnd / 1e6);

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
        out.printf(Locale.ROOT, "ROC curve of %,d cases: %.2f s (%d points, AUC %.4f); DeLong AUC and CI: %.2f s%n",
            cases, rocSeconds, roc.size(), roc.auc(), delongSeconds);
        out.printf(Locale.ROOT, "  DeLong 95 %% CI [%.4f, %.4f]%n", auc.lower(), auc.upper());

        double[] t = new double[bootstrapCases];
        double[] p = new double[bootstrapCases];
        for (int i = 0; i < bootstrapCases; i++) {
            t[i] = 0.5 + 100 * rng.nextDouble() * rng.nextDouble();
            p[i] = t[i] * (0.8 + 0.4 * rng.nextDouble());
        }
        start = System.nanoTime();
        new VolumeBootstrap(BootstrapSettings.defaults()).evaluate(t, p);
        out.printf(Locale.ROOT, "bootstrap of %,d cases × %d resamples, all volume metrics: %.2f s%n",
            bootstrapCases, BootstrapSettings.DEFAULT_RESAMPLES, (System.nanoTime() - start) / 1e9);
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
