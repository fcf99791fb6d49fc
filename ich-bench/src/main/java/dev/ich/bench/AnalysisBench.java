package dev.ich.bench;

import dev.ich.core.analysis.Head;
import dev.ich.core.analysis.IchAnalyzer;
import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.dicom.AnyStudyReader;
import dev.ich.eval.estimators.SegmentationVolumeEstimator;
import dev.ich.eval.estimators.VolumeMethod;
import dev.ich.explain.Explainer;
import dev.ich.model.IchModel;
import dev.ich.model.NetworkConfig;
import dev.ich.model.Preset;
import dev.ich.phantom.PhantomSpec;
import dev.ich.phantom.cohort.CohortCase;
import dev.ich.phantom.cohort.CohortWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code ich bench --analyses N}: N consecutive {@link IchAnalyzer#analyze(Path)} calls of one
 * analyzer (read, preprocess, predict, ABC/2 and planimetry, volume-head Grad-CAM on the study
 * grid) on one study, with the resident memory and the live heap after the warm-up and at the end.
 * Without {@code --model} the model is the CPU preset with freshly initialised weights (the memory
 * behaviour does not depend on what the weights learned); without {@code --study} a 256² phantom
 * study is written to a temporary folder, deleted afterwards.
 */
public final class AnalysisBench {

    private AnalysisBench() {}

    /** The benchmark's settings; {@code model} and {@code study} may be null. */
    public record Settings(
            int analyses, Path model, Path study, int warmup, int threads, long seed) {}

    public static int run(PrintWriter out, Settings s) throws IchException {
        IchModel.setIntraOpThreads(s.threads());
        IchModel model =
                s.model() == null ? untrainedCpuPreset(s.seed()) : IchModel.load(s.model());
        Path temp = null;
        try {
            Path study = s.study();
            if (study == null) {
                temp = createTempFolder();
                List<CohortCase> one =
                        new CohortWriter(
                                        PhantomSpec.builder().inPlaneSize(256).build(),
                                        s.seed(),
                                        1,
                                        1)
                                .write(1, temp, n -> {});
                study = temp.resolve(one.get(0).study());
            }
            NetworkConfig net = model.config();
            out.printf(
                    Locale.ROOT,
                    "bench analyses: %s model ResNet-%d width %d, input %d×%d×%d; study %s;"
                            + " Grad-CAM of the volume head, ABC/2 and planimetry; %d threads; %d warm-up + %d analyses%n",
                    s.model() == null ? "untrained CPU-preset" : "loaded",
                    net.depth(),
                    net.baseWidth(),
                    net.inputDepth(),
                    net.inputHeight(),
                    net.inputWidth(),
                    s.study() == null ? "phantom (seed " + s.seed() + ")" : "given",
                    s.threads(),
                    s.warmup(),
                    s.analyses());
            try (IchAnalyzer analyzer =
                    IchAnalyzer.builder()
                            .reader(AnyStudyReader.create())
                            .model(model)
                            .explainer(new Explainer(model))
                            .explain(Head.VOLUME)
                            .estimators(
                                    SegmentationVolumeEstimator.of(VolumeMethod.ABC2),
                                    SegmentationVolumeEstimator.of(VolumeMethod.PLANIMETRY))
                            .threads(s.threads())
                            .build()) {
                double liveBefore = MemoryFigures.liveHeapMb();
                for (int i = 0; i < s.warmup(); i++) {
                    analyzer.analyze(study);
                }
                MemoryFigures.Snapshot start = MemoryFigures.start(liveBefore);
                double[] ms = new double[s.analyses()];
                for (int i = 0; i < s.analyses(); i++) {
                    long t0 = System.nanoTime();
                    analyzer.analyze(study);
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
                MemoryFigures.Snapshot end = MemoryFigures.end();
                out.printf(Locale.ROOT, "analysis_ms_median=%.1f%n", BenchStats.median(ms));
                MemoryFigures.print(out, "analyses", s.analyses(), start, end);
            }
        } finally {
            model.close();
            if (temp != null) {
                deleteTree(temp);
            }
        }
        return 0;
    }

    private static IchModel untrainedCpuPreset(long seed) {
        return IchModel.untrained(Preset.CPU.network(), Preset.CPU.preprocessing(), seed);
    }

    static Path createTempFolder() throws IchException {
        try {
            return Files.createTempDirectory("ich-bench-analyses");
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.IO_ERROR,
                    System.getProperty("java.io.tmpdir"),
                    "a temporary folder cannot be made (" + e.getMessage() + ")",
                    "Give a study with --study",
                    e);
        }
    }

    /**
     * Deletes the phantom this benchmark wrote (only files it made: the folder is its own temporary
     * one).
     */
    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A leftover temporary folder is harmless; the figures are already printed.
        }
    }
}
