package dev.ich.samples.cli;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.model.NetworkConfig;
import dev.ich.model.internal.Engines;
import dev.ich.model.train.StepBenchmark;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model mode of {@code ich bench}: median time of an inference pass (encoder + heads, batch 1)
 * and of a batch-2 training step on random input, peak resident memory after inference, resident
 * memory growth over many predictions, and optionally the same figures from PyTorch
 * (tools/bench/model_torch.py, same network and threads) with the ratios. Wall and process-CPU
 * times are both printed, since on a shared machine the wall time depends on the other jobs. The last two lines are
 * {@code inference_ms_median=…} and {@code train_step_ms_median=…}.
 */
final class ModelBenchmark {

    private ModelBenchmark() {
    }

    /** The benchmark's settings. */
    record Settings(int depthLayers, int width, int d, int h, int w, int runs, int warmup, int threads,
                    int predictions, Path python, Path torchScript) {
    }

    static int run(PrintWriter out, Settings s) throws IchException {
        NetworkConfig config = NetworkConfig.builder().depth(s.depthLayers()).baseWidth(s.width())
            .input(s.d(), s.h(), s.w()).build();
        Engines.setIntraOpThreads(s.threads());
        out.printf(Locale.ROOT, "bench model: ResNet-%d width %d, input 1×%d×%d×%d, %d threads, %d warm-up + %d runs%n",
            config.depth(), config.baseWidth(), s.d(), s.h(), s.w(), Engines.intraOpThreads(), s.warmup(), s.runs());
        out.printf(Locale.ROOT, "load_average=%s%n", loadAverage());
        double inference;
        double train;
        double inferenceCpu;
        double trainCpu;
        try (StepBenchmark bench = new StepBenchmark(config, 42)) {
            out.printf(Locale.ROOT, "parameters=%d%n", bench.parameterCount());
            out.printf(Locale.ROOT, "rss_before_mb=%.0f%n", MemoryFigures.rssMb("VmRSS"));
            double liveBefore = s.predictions() > 0 ? MemoryFigures.liveHeapMb() : Double.NaN;
            BenchStats.Timing inferenceTiming = BenchStats.Timing.measure(bench::inferenceMs, s.warmup(), s.runs());
            inference = inferenceTiming.wallMs();
            inferenceCpu = inferenceTiming.cpuMs();
            out.printf(Locale.ROOT, "inference_cpu_ms_median=%.1f%n", inferenceCpu);
            out.printf(Locale.ROOT, "peak_rss_after_inference_mb=%.0f%n", MemoryFigures.rssMb("VmHWM"));
            if (s.predictions() > 0) {
                MemoryFigures.Snapshot start = MemoryFigures.start(liveBefore);
                for (int i = 0; i < s.predictions(); i++) {
                    bench.inferenceMs();
                }
                MemoryFigures.print(out, "predictions", s.predictions(), start, MemoryFigures.end());
            }
            BenchStats.Timing trainTiming = BenchStats.Timing.measure(bench::trainStepMs, Math.min(1, s.warmup()),
                s.runs());
            train = trainTiming.wallMs();
            trainCpu = trainTiming.cpuMs();
            out.printf(Locale.ROOT, "train_step_cpu_ms_median=%.1f%n", trainCpu);
            out.printf(Locale.ROOT, "peak_rss_mb=%.0f%n", MemoryFigures.rssMb("VmHWM"));
        }
        if (s.python() != null) {
            Map<String, String> torch = runTorch(s);
            torch.forEach((k, v) -> out.printf(Locale.ROOT, "torch_%s=%s%n", k, v));
            out.printf(Locale.ROOT, "inference_ratio_to_torch=%.3f%n",
                inference / Double.parseDouble(torch.get("inference_ms_median")));
            out.printf(Locale.ROOT, "train_step_ratio_to_torch=%.3f%n",
                train / Double.parseDouble(torch.get("train_step_ms_median")));
            out.printf(Locale.ROOT, "inference_cpu_ratio_to_torch=%.3f%n",
                inferenceCpu / Double.parseDouble(torch.get("inference_cpu_ms_median")));
            out.printf(Locale.ROOT, "train_step_cpu_ratio_to_torch=%.3f%n",
                trainCpu / Double.parseDouble(torch.get("train_step_cpu_ms_median")));
            out.printf(Locale.ROOT, "load_average_end=%s%n", loadAverage());
        }
        out.printf(Locale.ROOT, "inference_ms_median=%.1f%n", inference);
        out.printf(Locale.ROOT, "train_step_ms_median=%.1f%n", train);
        return 0;
    }

    private static Map<String, String> runTorch(Settings s) throws IchException {
        List<String> command = new ArrayList<>(List.of(s.python().toString(), s.torchScript().toString(),
            "--shape", s.d() + "x" + s.h() + "x" + s.w(), "--width", String.valueOf(s.width()), "--depth",
            String.valueOf(s.depthLayers()), "--runs", String.valueOf(s.runs()), "--warmup",
            String.valueOf(Math.max(1, s.warmup())), "--threads", String.valueOf(s.threads())));
        Map<String, String> values = new LinkedHashMap<>();
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        values.put(line.substring(0, eq), line.substring(eq + 1));
                    }
                }
            }
            if (p.waitFor() != 0 || !values.containsKey("train_step_ms_median")) {
                throw new IchException(ErrorCode.IO_ERROR, String.join(" ", command), "the PyTorch benchmark failed",
                    "Run it by hand to see why; it needs torch and numpy for " + s.python());
            }
        } catch (IOException e) {
            throw new IchException(ErrorCode.FILE_NOT_FOUND, s.python().toString(), "cannot be run (" + e.getMessage()
                + ")", "Give a python with torch via --python", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IchException(ErrorCode.IO_ERROR, "PyTorch benchmark", "interrupted", "Run it again", e);
        }
        return values;
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
