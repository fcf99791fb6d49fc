package dev.ich.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.ich.batch.StudyList;
import dev.ich.core.analysis.AnalysisResult;
import dev.ich.core.analysis.Head;
import dev.ich.core.analysis.IchAnalyzer;
import dev.ich.core.analysis.StudyHeatmap;
import dev.ich.core.error.IchException;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.io.OutputBatch;
import dev.ich.core.json.Json;
import dev.ich.core.volume.CtVolume;
import dev.ich.dicom.AnyStudyReader;
import dev.ich.dicom.result.SourceStudy;
import dev.ich.eval.estimators.SegmentationVolumeEstimator;
import dev.ich.eval.estimators.VolumeMethod;
import dev.ich.explain.Explainer;
import dev.ich.explain.render.Montage;
import dev.ich.explain.render.MontageOptions;
import dev.ich.model.IchModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ich analyze}: one study through {@link IchAnalyzer}: {@code result.json}, the volume-head
 * Grad-CAM as NIfTI on the study's grid, and its overlay montage; with {@code --dicom-out} also the
 * DICOM result objects ({@link DicomResultsOutput}). Never replaces a file: every output is checked
 * before the study is read, and all are written together at the end. Several studies, a manifest
 * CSV or {@code --batch} with a folder of studies go to {@link ArchiveRun}.
 */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        description = {
            "Volume, prognosis, ABC/2 and a Grad-CAM heatmap for one study (result.json, NIfTI, PNG).",
            "Several studies, a manifest CSV (a 'study' column) or --batch with a folder of studies: one row each in "
                    + "results.csv and results.parquet; a run started again goes on where it stopped."
        })
final class AnalyzeCommand implements Callable<Integer> {

    private static final String RESULT = "result.json";

    @Mixin CommonOptions common;

    @Mixin SeriesChoice choice;

    @Spec CommandSpec spec;

    @Parameters(
            paramLabel = "<study>",
            arity = "1..*",
            description =
                    "A DICOM folder or file, or a NIfTI file in HU; several of them, or a manifest CSV.")
    List<Path> studies;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "<dir>",
            description = "The model directory.")
    Path modelDir;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "<dir>",
            description = "Output folder (created; files in it are never replaced).")
    Path out;

    @Option(
            names = "--dicom-out",
            paramLabel = "<dir>",
            description =
                    "Also write a DICOM segmentation, "
                            + "structured report and heatmap overlay series of the source study (DICOM input only; files are never "
                            + "replaced).")
    Path dicomOut;

    @Option(
            names = "--prognosis-heatmap",
            description = "Also explain the prognosis head (heatmap_prognosis.nii.gz).")
    boolean prognosisHeatmap;

    @Option(
            names = "--batch",
            description = "The one folder given holds studies: each entry is a study.")
    boolean batch;

    @Option(
            names = "--workers",
            paramLabel = "N",
            description =
                    "Several studies: studies analysed at once, each with its share of the threads (default: the"
                            + " processors available).")
    @Range(min = 1, max = 256)
    Integer workers;

    @Option(
            names = "--heatmaps",
            description =
                    "Several studies: also write each study's heatmaps and overlays (heatmaps/<row>_<name>/).")
    boolean heatmaps;

    @Override
    public Integer call() throws IchException {
        if (batch || studies.size() > 1 || StudyList.isManifest(studies.get(0))) {
            if (dicomOut != null) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--dicom-out writes the objects of one study;"
                                + " give one study, or leave --dicom-out out for several");
            }
            int n = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
            return new ArchiveRun(
                            choice.reader(), modelDir, out, n, heatmaps ? heads() : List.of(), spec)
                    .run(batch ? StudyList.folder(studies.get(0)) : StudyList.of(studies));
        }
        Path study = studies.get(0);
        List<Head> heads = heads();
        List<String> files = new ArrayList<>(heatmapFiles(heads));
        files.add(RESULT);
        if (dicomOut != null) {
            DicomResultsOutput.check(dicomOut);
        }
        try (OutputBatch batch = OutputFiles.prepare(out, files)) {
            AnyStudyReader reader = choice.reader();
            CtVolume ct = reader.read(study);
            SourceStudy source = dicomOut == null ? null : DicomResultsOutput.source(study, ct);
            try (IchModel model = IchModel.load(modelDir)) {
                analyze(reader, model, ct, source, heads, batch);
            }
        }
        return 0;
    }

    private List<Head> heads() {
        return prognosisHeatmap ? List.of(Head.VOLUME, Head.PROGNOSIS) : List.of(Head.VOLUME);
    }

    /** The heatmap and overlay file names of {@code heads}. */
    static List<String> heatmapFiles(List<Head> heads) {
        List<String> files = new ArrayList<>();
        for (Head head : heads) {
            files.add(heatmapFile(head));
            files.add(overlayFile(head));
        }
        return files;
    }

    /** Writes each heatmap of {@code result} as NIfTI and its overlay on {@code ct} as PNG. */
    static void writeHeatmaps(OutputBatch batch, AnalysisResult result, CtVolume ct)
            throws IchException {
        for (Map.Entry<Head, StudyHeatmap> e : result.heatmaps().entrySet()) {
            StudyHeatmap map = e.getValue();
            OutputFiles.writeNifti(batch, heatmapFile(e.getKey()), map.geometry(), map.raw());
            OutputFiles.write(
                    batch,
                    overlayFile(e.getKey()),
                    Montage.png(Montage.render(ct, map, map.method(), MontageOptions.defaults())));
        }
    }

    private void analyze(
            AnyStudyReader reader,
            IchModel model,
            CtVolume ct,
            SourceStudy source,
            List<Head> heads,
            OutputBatch batch)
            throws IchException {
        IchAnalyzer.Builder builder =
                IchAnalyzer.builder()
                        .reader(reader)
                        .model(model)
                        .explainer(new Explainer(model))
                        .estimators(
                                SegmentationVolumeEstimator.of(VolumeMethod.ABC2),
                                SegmentationVolumeEstimator.of(VolumeMethod.PLANIMETRY));
        heads.forEach(builder::explain);
        try (IchAnalyzer analyzer = builder.build()) {
            AnalysisResult result = analyzer.analyze(ct);
            writeHeatmaps(batch, result, ct);
            OutputFiles.write(batch, RESULT, json(result));
            if (dicomOut != null) {
                DicomResultsOutput.write(
                        dicomOut, source, ct, result, result.heatmaps().get(Head.VOLUME));
            }
            batch.commit();
            print(result);
        }
    }

    private static String heatmapFile(Head head) {
        return "heatmap_" + head.cliName() + ".nii.gz";
    }

    private static String overlayFile(Head head) {
        return "overlay_" + head.cliName() + ".png";
    }

    private void print(AnalysisResult result) {
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(
                Locale.ROOT,
                "volume: %.1f ml (size %.1f mm); ABC/2 %.1f ml; planimetry %.1f ml%n",
                result.volumeMl(),
                result.prediction().sizeMm(),
                result.classicalEstimatesMl().get("abc2"),
                result.classicalEstimatesMl().get("planimetry"));
        stdout.printf(
                Locale.ROOT,
                "probability of death: %.3f (%s)%n",
                result.probabilityOfDeath(),
                result.prediction().outcome().name().toLowerCase(Locale.ROOT));
        result.warnings().forEach(w -> stdout.println("warning: " + w));
        stdout.println("wrote " + out.resolve(RESULT));
        if (dicomOut != null) {
            stdout.println("wrote DICOM segmentation, report and overlay series to " + dicomOut);
        }
    }

    /** The result without patient identity: numbers, geometry, warnings, timings, provenance. */
    static String json(AnalysisResult r) {
        JsonObject o = new JsonObject();
        o.addProperty("volume_ml", r.volumeMl());
        o.addProperty("size_mm", r.prediction().sizeMm());
        o.addProperty("probability_of_death", r.probabilityOfDeath());
        o.addProperty(
                "predicted_outcome", r.prediction().outcome().name().toLowerCase(Locale.ROOT));
        JsonObject estimates = new JsonObject();
        r.classicalEstimatesMl().forEach(estimates::addProperty);
        o.add("classical_estimates_ml", estimates);
        JsonObject heatmaps = new JsonObject();
        r.heatmaps()
                .forEach(
                        (head, map) ->
                                heatmaps.addProperty(
                                        head.cliName(),
                                        "heatmap_"
                                                + head.cliName()
                                                + ".nii.gz ("
                                                + map.method()
                                                + ")"));
        o.add("heatmaps", heatmaps);
        o.add("geometry", geometry(r.geometry()));
        JsonArray warnings = new JsonArray();
        r.warnings().forEach(warnings::add);
        o.add("warnings", warnings);
        JsonObject timings = new JsonObject();
        r.timings()
                .forEach(
                        (stage, d) ->
                                timings.addProperty(
                                        stage.name().toLowerCase(Locale.ROOT), d.toNanos() / 1e6));
        o.add("timings_ms", timings);
        JsonObject provenance = new JsonObject();
        provenance.addProperty("series_instance_uid", r.provenance().seriesInstanceUid());
        provenance.addProperty("slices", r.provenance().sliceCount());
        provenance.addProperty("transfer_syntax_uid", r.provenance().transferSyntaxUid());
        provenance.addProperty("model_sha256", r.provenance().modelSha256());
        provenance.addProperty(
                "preprocessing_fingerprint", r.provenance().preprocessingFingerprint());
        provenance.addProperty("library_version", r.provenance().libraryVersion());
        o.add("provenance", provenance);
        return Json.toJson(o);
    }

    private static JsonObject geometry(VolumeGeometry g) {
        JsonObject o = new JsonObject();
        JsonArray dims = new JsonArray();
        dims.add(g.nx());
        dims.add(g.ny());
        dims.add(g.nz());
        o.add("dimensions", dims);
        JsonArray spacing = new JsonArray();
        for (double v : g.spacing().toArray()) {
            spacing.add(v);
        }
        o.add("spacing_mm", spacing);
        JsonArray affine = new JsonArray();
        for (double v : g.voxelToPatient().toRowMajor4x4()) {
            affine.add(v);
        }
        o.add("voxel_to_lps_row_major", affine);
        return o;
    }
}
