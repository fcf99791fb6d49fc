package dev.ich.bench;

import dev.ich.core.error.IchException;
import dev.ich.model.IchModel;
import dev.ich.model.NetworkConfig;
import dev.ich.model.internal.Engines;
import dev.ich.model.train.StepBenchmark;
import dev.ich.model.train.StepParts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * The model mode of {@code ich bench}: median time of an inference pass (encoder + heads, batch 1)
 * and of a batch-2 training step on random input (with the step's forward, backward and update
 * parts), peak resident memory after inference, resident memory growth over many predictions, and
 * optionally the same figures from PyTorch (tools/bench/model_torch.py, same network and threads)
 * with the ratios; ich's runs then alternate with PyTorch's ({@link TorchPasses}). Wall and
 * process-CPU times are both printed, since on a shared machine the wall time depends on the other
 * jobs. The last two lines are {@code inference_ms_median=…} and {@code train_step_ms_median=…}.
 */
public final class ModelBenchmark {

    private ModelBenchmark() {}

    /** The benchmark's settings. */
    public record Settings(
            int depthLayers,
            int width,
            int d,
            int h,
            int w,
            int runs,
            int warmup,
            int threads,
            int predictions,
            Path python,
            Path torchScript) {}

    public static int run(PrintWriter out, Settings s) throws IchException {
        NetworkConfig config =
                NetworkConfig.builder()
                        .depth(s.depthLayers())
                        .baseWidth(s.width())
                        .input(s.d(), s.h(), s.w())
                        .build();
        Engines.setIntraOpThreads(s.threads());
        out.printf(
                Locale.ROOT,
                "bench model: ResNet-%d width %d, input 1×%d×%d×%d, %d threads, %d warm-up + %d runs%s%n",
                config.depth(),
                config.baseWidth(),
                s.d(),
                s.h(),
                s.w(),
                Engines.intraOpThreads(),
                s.warmup(),
                s.runs(),
                s.python() == null ? "" : ", each run followed by PyTorch's");
        out.printf(Locale.ROOT, "load_average=%s%n", loadAverage());
        out.printf(Locale.ROOT, "cpu_kernels=%s%n", IchModel.cpuKernelCap().describe());
        // PyTorch builds its network before ich's timing starts and then waits for requests.
        try (TorchPasses torch = s.python() == null ? null : TorchPasses.start(s);
                StepBenchmark bench = new StepBenchmark(config, 42)) {
            out.printf(Locale.ROOT, "parameters=%d%n", bench.parameterCount());
            out.printf(Locale.ROOT, "rss_before_mb=%.0f%n", MemoryFigures.rssMb("VmRSS"));
            double liveBefore = s.predictions() > 0 ? MemoryFigures.liveHeapMb() : Double.NaN;
            BenchStats.Paired inference =
                    measure(
                            bench::inferenceMs,
                            torch == null ? null : torch::inference,
                            s.warmup(),
                            s.runs());
            out.printf(Locale.ROOT, "inference_cpu_ms_median=%.1f%n", inference.task().cpuMs());
            out.printf(
                    Locale.ROOT,
                    "peak_rss_after_inference_mb=%.0f%n",
                    MemoryFigures.rssMb("VmHWM"));
            double torchPeakAfterInference = torch == null ? Double.NaN : torch.peakRssMb();
            if (s.predictions() > 0) {
                MemoryFigures.Snapshot start = MemoryFigures.start(liveBefore);
                for (int i = 0; i < s.predictions(); i++) {
                    bench.inferenceMs();
                }
                MemoryFigures.print(
                        out, "predictions", s.predictions(), start, MemoryFigures.end());
            }
            List<StepParts> parts = new ArrayList<>();
            DoubleSupplier step =
                    () -> {
                        double ms = bench.trainStepMs();
                        parts.add(bench.lastTrainStepParts());
                        return ms;
                    };
            BenchStats.Paired train =
                    measure(
                            step,
                            torch == null ? null : torch::train,
                            Math.min(1, s.warmup()),
                            s.runs());
            out.printf(Locale.ROOT, "train_step_cpu_ms_median=%.1f%n", train.task().cpuMs());
            printParts(out, "", parts, s.runs());
            out.printf(Locale.ROOT, "peak_rss_mb=%.0f%n", MemoryFigures.rssMb("VmHWM"));
            if (torch != null) {
                torch.header().forEach((k, v) -> out.printf(Locale.ROOT, "%s=%s%n", k, v));
                out.printf(
                        Locale.ROOT,
                        "torch_inference_ms_median=%.1f%n",
                        inference.partner().wallMs());
                out.printf(
                        Locale.ROOT,
                        "torch_inference_cpu_ms_median=%.1f%n",
                        inference.partner().cpuMs());
                out.printf(
                        Locale.ROOT,
                        "torch_peak_rss_after_inference_mb=%.0f%n",
                        torchPeakAfterInference);
                out.printf(
                        Locale.ROOT, "torch_train_step_ms_median=%.1f%n", train.partner().wallMs());
                out.printf(
                        Locale.ROOT,
                        "torch_train_step_cpu_ms_median=%.1f%n",
                        train.partner().cpuMs());
                printParts(out, "torch_", torch.trainParts(), s.runs());
                out.printf(Locale.ROOT, "torch_peak_rss_mb=%.0f%n", torch.peakRssMb());
                // Medians of the ratios within each (ich, PyTorch) pair of runs.
                out.printf(Locale.ROOT, "inference_ratio_to_torch=%.3f%n", inference.wallRatio());
                out.printf(Locale.ROOT, "train_step_ratio_to_torch=%.3f%n", train.wallRatio());
                out.printf(
                        Locale.ROOT, "inference_cpu_ratio_to_torch=%.3f%n", inference.cpuRatio());
                out.printf(Locale.ROOT, "train_step_cpu_ratio_to_torch=%.3f%n", train.cpuRatio());
                out.printf(Locale.ROOT, "load_average_end=%s%n", loadAverage());
            }
            out.printf(Locale.ROOT, "inference_ms_median=%.1f%n", inference.task().wallMs());
            out.printf(Locale.ROOT, "train_step_ms_median=%.1f%n", train.task().wallMs());
        }
        return 0;
    }

    /** ich's timing alone, or in alternation with PyTorch's passes when there is a partner. */
    private static BenchStats.Paired measure(
            DoubleSupplier task, BenchStats.Partner torch, int warmup, int runs)
            throws IchException {
        if (torch == null) {
            return new BenchStats.Paired(
                    BenchStats.Timing.measure(task, warmup, runs), null, Double.NaN, Double.NaN);
        }
        return BenchStats.Paired.measure(task, torch, warmup, runs);
    }

    /**
     * Medians of the parts of the last {@code runs} steps (the timed ones; warm-up steps come
     * first).
     */
    private static void printParts(
            PrintWriter out, String prefix, List<StepParts> parts, int runs) {
        List<StepParts> timed = parts.subList(parts.size() - runs, parts.size());
        out.printf(
                Locale.ROOT,
                "%strain_step_forward_ms_median=%.1f%n",
                prefix,
                BenchStats.median(timed.stream().mapToDouble(StepParts::forwardMs).toArray()));
        out.printf(
                Locale.ROOT,
                "%strain_step_backward_ms_median=%.1f%n",
                prefix,
                BenchStats.median(timed.stream().mapToDouble(StepParts::backwardMs).toArray()));
        out.printf(
                Locale.ROOT,
                "%strain_step_update_ms_median=%.1f%n",
                prefix,
                BenchStats.median(timed.stream().mapToDouble(StepParts::updateMs).toArray()));
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + "," + f[1] + "," + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
