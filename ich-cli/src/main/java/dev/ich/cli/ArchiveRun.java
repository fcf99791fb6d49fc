package dev.ich.cli;

import dev.ich.batch.ArchiveAnalysis;
import dev.ich.batch.ResultJournal;
import dev.ich.batch.StudyList;
import dev.ich.core.analysis.Head;
import dev.ich.core.analysis.IchAnalyzer;
import dev.ich.core.analysis.VolumeEstimator;
import dev.ich.core.analysis.batch.BatchAnalyzer;
import dev.ich.core.analysis.batch.BatchResult;
import dev.ich.core.analysis.batch.BatchStudy;
import dev.ich.core.error.IchException;
import dev.ich.core.io.OutputBatch;
import dev.ich.dicom.AnyStudyReader;
import dev.ich.eval.estimators.SegmentationVolumeEstimator;
import dev.ich.eval.estimators.VolumeMethod;
import dev.ich.explain.Explainer;
import dev.ich.model.IchModel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ich analyze} over many studies: one model and analyzer, {@code workers} studies at once
 * (libtorch's and the preprocessing's threads shared between them), a progress bar with counts,
 * rate and time left, and {@code results.csv} / {@code results.parquet} through {@link
 * ArchiveAnalysis}; heatmaps per study when asked for.
 */
final class ArchiveRun {

    /** The folder of the per-study heatmaps inside the output folder. */
    static final String HEATMAPS = "heatmaps";

    private final AnyStudyReader reader;
    private final Path modelDir;
    private final Path out;
    private final int workers;
    private final List<Head> heads;
    private final CommandSpec spec;

    ArchiveRun(
            AnyStudyReader reader,
            Path modelDir,
            Path out,
            int workers,
            List<Head> heads,
            CommandSpec spec) {
        this.reader = reader;
        this.modelDir = modelDir;
        this.out = out;
        this.workers = workers;
        this.heads = heads;
        this.spec = spec;
    }

    int run(StudyList studies) throws IchException {
        try (IchModel model = IchModel.load(modelDir)) {
            return run(studies, model);
        }
    }

    private int run(StudyList studies, IchModel model) throws IchException {
        PrintWriter err = spec.commandLine().getErr();
        int share = BatchAnalyzer.threadsPerWorker(workers);
        IchModel.setIntraOpThreads(share);
        List<VolumeEstimator> estimators =
                List.of(
                        SegmentationVolumeEstimator.of(VolumeMethod.ABC2),
                        SegmentationVolumeEstimator.of(VolumeMethod.PLANIMETRY));
        IchAnalyzer.Builder builder =
                IchAnalyzer.builder()
                        .reader(reader)
                        .model(model)
                        .threads(share)
                        .estimators(estimators.toArray(VolumeEstimator[]::new));
        if (!heads.isEmpty()) {
            builder.explainer(new Explainer(model));
            heads.forEach(builder::explain);
        }
        Map<String, Integer> rowOf = new HashMap<>();
        for (BatchStudy s : studies.studies()) {
            rowOf.put(s.key(), rowOf.size() + 1);
        }
        boolean resuming = Files.exists(out.resolve(ResultJournal.FILE));
        ProgressBar[] bar = new ProgressBar[1];
        ArchiveAnalysis.Summary summary;
        try (IchAnalyzer analyzer = builder.build()) {
            summary =
                    ArchiveAnalysis.builder(analyzer, model.parametersSha256())
                            .estimators(estimators.stream().map(VolumeEstimator::name).toList())
                            .workers(workers)
                            .progress(
                                    p -> {
                                        if (bar[0] == null) {
                                            if (p.resumed() > 0) {
                                                err.printf(
                                                        Locale.ROOT,
                                                        "going on with the run in %s: %d of %d studies done%n",
                                                        out,
                                                        p.resumed(),
                                                        p.total());
                                            }
                                            bar[0] =
                                                    new ProgressBar(
                                                            err,
                                                            "analyze",
                                                            p.total() - p.resumed());
                                            return;
                                        }
                                        bar[0].status(
                                                String.format(
                                                        Locale.ROOT,
                                                        "%d failed, %.0f studies/h",
                                                        p.failed(),
                                                        p.studiesPerHour()));
                                        bar[0].step(1);
                                    })
                            .onResult(r -> writeHeatmaps(r, rowOf.get(r.study().key()), resuming))
                            .build()
                            .run(studies, out);
        } finally {
            if (bar[0] != null) {
                bar[0].close();
            }
        }
        PrintWriter stdout = spec.commandLine().getOut();
        long thisRun = summary.analysed() + summary.failed() - summary.resumed();
        double hours = summary.elapsed().toNanos() / 3.6e12;
        stdout.printf(
                Locale.ROOT,
                "%d studies: %d analysed, %d failed (%d done by an earlier run); %d in %s, %.0f"
                        + " studies/hour with %d workers%n",
                studies.studies().size(),
                summary.analysed(),
                summary.failed(),
                summary.resumed(),
                thisRun,
                ProgressBar.format(summary.elapsed()),
                hours > 0 ? thisRun / hours : 0,
                workers);
        summary.tables().forEach(t -> stdout.println("wrote " + t));
        return 0;
    }

    /**
     * Writes an analysed study's heatmaps and overlays into {@code heatmaps/<row>_<name>/}; the
     * study is read again for the overlay's background. A run going on may replace what it wrote
     * itself.
     */
    private void writeHeatmaps(BatchResult r, int row, boolean resuming) throws IchException {
        if (heads.isEmpty() || !r.succeeded()) {
            return;
        }
        Path folder =
                out.resolve(HEATMAPS)
                        .resolve(String.format(Locale.ROOT, "%05d_%s", row, safeName(r.study())));
        try (OutputBatch files =
                OutputBatch.prepare(
                        folder,
                        AnalyzeCommand.heatmapFiles(heads),
                        resuming,
                        "Choose another --out folder or remove the file")) {
            AnalyzeCommand.writeHeatmaps(files, r.analysis(), reader.read(r.study().path()));
            files.commit();
        }
    }

    private static String safeName(BatchStudy study) {
        Path name = study.path().getFileName();
        String text =
                name == null ? "study" : name.toString().replaceFirst("(?i)\\.nii(\\.gz)?$", "");
        return text.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
