package dev.ich.cli;

import dev.ich.bench.AnalysisBench;
import dev.ich.bench.BatchBench;
import dev.ich.bench.BenchDicom;
import dev.ich.bench.BenchHead;
import dev.ich.bench.BenchStats;
import dev.ich.bench.EvalBench;
import dev.ich.bench.ExplainBench;
import dev.ich.bench.ModelBenchmark;
import dev.ich.core.error.IchException;
import dev.ich.core.preprocess.CropBox;
import dev.ich.core.preprocess.PreprocessedStudy;
import dev.ich.core.preprocess.PreprocessingConfig;
import dev.ich.core.preprocess.Preprocessor;
import dev.ich.core.volume.CtVolume;
import dev.ich.explain.CamRequest;
import dev.ich.model.IchModel;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ich bench}: speed and memory figures printed as {@code name=value} lines, one mode per
 * pipeline stage. Each mode warms the JIT up, then times {@code --runs} runs and prints the median.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description =
                "Time a pipeline stage: median ms, peak memory (--preprocess|--dicom|--shape|--explain|--eval|--analyses|--batch).")
final class BenchCommand implements Callable<Integer> {

    /** Which stage to measure; modes exclude each other. */
    static final class Mode {
        @Option(
                names = "--preprocess",
                required = true,
                description =
                        "The paper's preprocessing (crop, brain window, trilinear resize to 32×224×224) of a"
                                + " synthetic 512×512×40 study.")
        boolean preprocess;

        @Option(
                names = "--eval",
                required = true,
                description =
                        "ich-eval's metrics: volume metrics streamed over 10⁶ cases (heap at 10 %% and 100 %%),"
                                + " ROC curve and DeLong interval on 10⁶ cases, bootstrap of 10⁴ cases × 2000 resamples.")
        boolean eval;

        @Option(
                names = "--dicom",
                paramLabel = "FOLDER",
                required = true,
                description =
                        "Reading a DICOM series folder into HU (MB/s of pixel data, peak heap of one read);"
                                + " make one with tools/bench/make_dicom_bench_series.py.")
        java.nio.file.Path dicom;

        @Option(
                names = "--shape",
                required = true,
                paramLabel = "DxHxW",
                description =
                        "The network (ich-model) on random input of this shape, e.g. 32x224x224: inference"
                                + " (batch 1) and training step (batch 2) medians, peak RSS; see --width, --depth, --predictions,"
                                + " --python.")
        String shape;

        @Option(
                names = "--explain",
                required = true,
                paramLabel = "<model dir>",
                description =
                        "One Grad-CAM (volume head, last stage) against one inference of this model on a"
                                + " preprocessed synthetic study; mapping to the study grid; peak RSS.")
        Path explain;

        @Option(
                names = "--analyses",
                required = true,
                paramLabel = "N",
                description =
                        "N consecutive IchAnalyzer.analyze calls of one analyzer (with Grad-CAM) on one study:"
                                + " resident memory and live heap after the warm-up and at the end; see --model, --study.")
        @Range(min = 1, max = 10_000)
        Integer analyses;

        @Option(
                names = "--batch",
                required = true,
                paramLabel = "N",
                description =
                        "N phantom studies through the batch analysis (results.csv and .parquet) for the CPU and"
                                + " paper presets with 1 and 2 workers: studies/hour, stage ms, 1→2 speed-up, resident memory,"
                                + " batch time against the single-study stage sum.")
        @Range(min = 2, max = 100_000)
        Integer batch;
    }

    @Mixin CommonOptions common;

    @Spec CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Mode (one of):%n")
    Mode mode;

    @Option(
            names = "--runs",
            defaultValue = "20",
            description = "Timed runs after the warm-up (default ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 10_000)
    int runs;

    @Option(
            names = "--warmup",
            defaultValue = "15",
            description = "Untimed warm-up runs (default ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 10_000)
    int warmup;

    @Option(
            names = "--threads",
            defaultValue = "2",
            description = "Threads to use (default ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 64)
    int threads;

    @Option(
            names = "--width",
            defaultValue = "64",
            description = "Model mode: base width (default ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 512)
    int width;

    @Option(
            names = "--depth",
            defaultValue = "34",
            description = "Model mode: ResNet depth 10/18/34/50 (default ${DEFAULT-VALUE}).")
    @Range(min = 10, max = 152)
    int depth;

    @Option(
            names = "--predictions",
            defaultValue = "0",
            description =
                    "Model mode: after timing, run this many more predictions and print the RSS growth.")
    @Range(min = 0, max = 1_000_000)
    int predictions;

    @Option(
            names = "--python",
            paramLabel = "PYTHON",
            description =
                    "Model mode: also run tools/bench/model_torch.py with this python (torch needed) and print ratios.")
    java.nio.file.Path python;

    @Option(
            names = "--torch-script",
            defaultValue = "tools/bench/model_torch.py",
            description = "Model mode: the PyTorch benchmark script (default ${DEFAULT-VALUE}).")
    java.nio.file.Path torchScript;

    @Option(
            names = "--ig-steps",
            defaultValue = "0",
            paramLabel = "N",
            description =
                    "Explain mode: then time one integrated-gradients map with N path steps (default"
                            + " ${DEFAULT-VALUE}: not timed).")
    @Range(min = 0, max = CamRequest.MAX_STEPS)
    int igSteps;

    @Option(
            names = "--model",
            paramLabel = "<dir>",
            description =
                    "Analyses mode: the model directory (default: the CPU preset, freshly initialised).")
    Path model;

    @Option(
            names = "--study",
            paramLabel = "<study>",
            description =
                    "Analyses mode: the study, a DICOM folder or NIfTI file (default: a phantom in a temporary folder).")
    Path study;

    @Option(
            names = "--preset",
            split = ",",
            paramLabel = "<preset>",
            description =
                    "Batch mode: the presets to measure, cpu and/or paper, comma-separated (default:"
                            + " both).")
    List<TrainCommand.Preset> presets;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed of the synthetic study (default ${DEFAULT-VALUE}).")
    @Range(min = Long.MIN_VALUE, max = Long.MAX_VALUE)
    long seed;

    @Override
    public Integer call() throws IchException {
        if (mode.eval) {
            return EvalBench.run(spec.commandLine().getOut(), seed);
        }
        if (mode.dicom != null) {
            return BenchDicom.run(mode.dicom, warmup, runs, threads, spec.commandLine().getOut());
        }
        if (mode.shape != null) {
            return benchModel(spec.commandLine().getOut());
        }
        if (mode.batch != null) {
            List<dev.ich.model.Preset> measured =
                    presets == null
                            ? List.of(dev.ich.model.Preset.CPU, dev.ich.model.Preset.PAPER)
                            : presets.stream().distinct().map(TrainCommand::preset).toList();
            return BatchBench.run(spec.commandLine().getOut(), mode.batch, measured, seed);
        }
        if (mode.analyses != null) {
            // An analysis takes seconds; five warm-up runs suffice unless asked.
            int analysisWarmup =
                    spec.commandLine().getParseResult().hasMatchedOption("--warmup") ? warmup : 5;
            return AnalysisBench.run(
                    spec.commandLine().getOut(),
                    new AnalysisBench.Settings(
                            mode.analyses, model, study, analysisWarmup, threads, seed));
        }
        if (mode.explain != null) {
            IchModel.setIntraOpThreads(threads);
            try (IchModel model = IchModel.load(mode.explain)) {
                return ExplainBench.run(
                        model, seed, warmup, runs, igSteps, spec.commandLine().getOut());
            }
        }
        return benchPreprocess(spec.commandLine().getOut());
    }

    private int benchModel(PrintWriter out) throws IchException {
        String[] parts = mode.shape.toLowerCase(java.util.Locale.ROOT).split("x");
        int[] dhw = new int[3];
        try {
            if (parts.length != 3) {
                throw new NumberFormatException();
            }
            for (int i = 0; i < 3; i++) {
                dhw[i] = Integer.parseInt(parts[i].trim());
            }
        } catch (NumberFormatException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--shape must be DxHxW, e.g. 32x224x224, got " + mode.shape);
        }
        // A model pass takes up to seconds at the paper's size; two warm-up runs suffice unless
        // asked.
        int modelWarmup =
                spec.commandLine().getParseResult().hasMatchedOption("--warmup") ? warmup : 2;
        return ModelBenchmark.run(
                out,
                new ModelBenchmark.Settings(
                        depth,
                        width,
                        dhw[0],
                        dhw[1],
                        dhw[2],
                        runs,
                        modelWarmup,
                        threads,
                        predictions,
                        python,
                        torchScript));
    }

    private int benchPreprocess(PrintWriter out) throws IchException {
        CtVolume study = BenchHead.create(seed);
        PreprocessingConfig config = PreprocessingConfig.paper();
        Preprocessor preprocessor = new Preprocessor(config, threads);
        out.printf(
                Locale.ROOT,
                "bench preprocess: %d×%d×%d synthetic head (seed %d) → %s, config %s, %d threads,"
                        + " %d warm-up + %d timed runs%n",
                BenchHead.NX,
                BenchHead.NY,
                BenchHead.NZ,
                seed,
                Arrays.stream(config.targetShape())
                        .mapToObj(String::valueOf)
                        .collect(Collectors.joining("×")),
                config.fingerprint(),
                threads,
                warmup,
                runs);
        CropBox crop = null;
        for (int n = 0; n < warmup; n++) {
            crop = preprocessor.preprocess(study).mapping().crop();
        }
        List<MemoryPoolMXBean> heap =
                ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP)
                        .collect(Collectors.toList());
        System.gc();
        long baseline = heapUsed(heap, false);
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        double[] ms = new double[runs];
        // Linux counts process CPU in 10 ms ticks, so only the total over all runs is meaningful (a
        // mean).
        double cpu0 = BenchStats.processCpuMs();
        for (int n = 0; n < runs; n++) {
            long t0 = System.nanoTime();
            PreprocessedStudy result = preprocessor.preprocess(study);
            ms[n] = (System.nanoTime() - t0) / 1e6;
            crop = result.mapping().crop();
        }
        double cpuMsMean = (BenchStats.processCpuMs() - cpu0) / runs;
        long peak = heapUsed(heap, true);
        Arrays.sort(ms);
        out.printf(Locale.ROOT, "crop_box=%s%n", crop);
        out.printf(Locale.ROOT, "preprocess_ms_median=%.2f%n", BenchStats.median(ms));
        out.printf(Locale.ROOT, "preprocess_ms_min=%.2f%n", ms[0]);
        out.printf(Locale.ROOT, "preprocess_ms_max=%.2f%n", ms[ms.length - 1]);
        out.printf(Locale.ROOT, "preprocess_cpu_ms_mean=%.2f%n", cpuMsMean);
        out.printf(Locale.ROOT, "heap_baseline_mb=%.1f%n", baseline / 1048576.0);
        out.printf(Locale.ROOT, "peak_heap_mb=%.1f%n", peak / 1048576.0);
        return 0;
    }

    /**
     * Sum over the heap pools of the current (or peak since reset) usage; the study itself
     * included.
     */
    private static long heapUsed(List<MemoryPoolMXBean> heap, boolean peak) {
        long sum = 0;
        for (MemoryPoolMXBean p : heap) {
            sum += (peak ? p.getPeakUsage() : p.getUsage()).getUsed();
        }
        return sum;
    }
}
