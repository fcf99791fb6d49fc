package dev.ich.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.ich.core.analysis.Head;
import dev.ich.core.analysis.Prediction;
import dev.ich.core.analysis.StudyHeatmap;
import dev.ich.core.error.IchException;
import dev.ich.core.io.OutputBatch;
import dev.ich.core.json.Json;
import dev.ich.core.preprocess.PreprocessedStudy;
import dev.ich.core.preprocess.PreprocessingConfig;
import dev.ich.core.preprocess.Preprocessor;
import dev.ich.core.volume.BinaryMask;
import dev.ich.core.volume.CtVolume;
import dev.ich.dicom.nifti.NiftiReader;
import dev.ich.explain.CamProjection;
import dev.ich.explain.CamRequest;
import dev.ich.explain.Completeness;
import dev.ich.explain.Explainer;
import dev.ich.explain.cam.CamCapture;
import dev.ich.explain.cam.CamMethod;
import dev.ich.explain.cam.Polarity;
import dev.ich.explain.render.ColorMap;
import dev.ich.explain.render.Montage;
import dev.ich.explain.render.MontageOptions;
import dev.ich.explain.score.Faithfulness;
import dev.ich.explain.score.FaithfulnessCurve;
import dev.ich.explain.score.Localisation;
import dev.ich.explain.score.LocalisationScores;
import dev.ich.model.IchModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ich explain}: Grad-CAM-family heatmaps of a study for the volume and the prognosis head,
 * written on the study's own grid as NIfTI, a PNG montage per head and, with a mask, localisation
 * (and optionally faithfulness) scores as JSON. Never overwrites a file: every output is checked
 * before the study is read, and all are written together at the end.
 */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description = {
            "Where the model looked: Grad-CAM heatmaps as NIfTI, PNG and scores.",
            "Heatmaps of the Grad-CAM family for the volume and prognosis heads on the study's own grid"
                    + " (heatmap_<head>.nii.gz), a PNG montage per head and, with --mask, localisation scores (scores.json)."
        })
final class ExplainCommand implements Callable<Integer> {

    private static final String SCORES = "scores.json";

    @Mixin CommonOptions common;

    @Mixin SeriesChoice choice;

    @Spec CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "<study>",
            description = "A DICOM folder or file, or a NIfTI file (.nii, .nii.gz) in HU.")
    Path study;

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
            description = "Output folder (created; existing files are never replaced).")
    Path out;

    @Option(
            names = "--method",
            defaultValue = "gradcam",
            paramLabel = "<name>",
            description =
                    "gradcam (the paper's), gradcam++, hirescam, layercam, or integrated-gradients (on the model"
                            + " input at its own resolution; --ig-steps forward and backward passes) (default ${DEFAULT-VALUE}).")
    String method;

    @Option(
            names = "--ig-steps",
            defaultValue = "" + CamRequest.DEFAULT_STEPS,
            paramLabel = "<N>",
            description =
                    "Path steps of integrated-gradients, one forward and one backward pass each"
                            + " (default ${DEFAULT-VALUE}).")
    @Range(min = 1, max = CamRequest.MAX_STEPS)
    int igSteps;

    @Option(
            names = "--head",
            paramLabel = "<head>",
            description = "volume or prognosis (default: both).")
    String head;

    @Option(
            names = "--class",
            defaultValue = "death",
            paramLabel = "<class>",
            description =
                    "For the prognosis head: the class score explained, death or survival (default ${DEFAULT-VALUE}).")
    String outcomeClass;

    @Option(
            names = "--polarity",
            defaultValue = "positive",
            paramLabel = "<p>",
            description =
                    "positive (the paper's: what raises the output), signed, or negative (what lowers it)"
                            + " (default ${DEFAULT-VALUE}).")
    String polarity;

    @Option(
            names = "--stage",
            defaultValue = "4",
            paramLabel = "<N>",
            description =
                    "Encoder stage explained: 0 = stem, 1-4 = residual stages; 4 is the paper's last conv stage"
                            + " (default ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 4)
    int stage;

    @Option(
            names = "--mask",
            paramLabel = "<m.nii.gz>",
            description =
                    "A haematoma mask on the study grid: writes scores.json (energy inside, pointing game, top-k IoU).")
    Path mask;

    @Option(
            names = "--faithfulness",
            description =
                    "With --mask or alone: also deletion/insertion curves of the"
                            + " explained output (2 × (steps + 1) forward passes per head).")
    boolean faithfulness;

    @Option(
            names = "--steps",
            defaultValue = "16",
            description = "Steps of the deletion/insertion curves (default ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 1000)
    int steps;

    @Option(
            names = "--slices",
            defaultValue = "8",
            description = "Slices in the montage (default ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 256)
    int slices;

    @Option(
            names = "--columns",
            defaultValue = "4",
            description = "Tiles per montage row (default ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 64)
    int columns;

    @Option(
            names = "--tile",
            defaultValue = "256",
            description = "Tile size in pixels (default ${DEFAULT-VALUE}).")
    @Range(min = 16, max = 2048)
    int tile;

    @Option(
            names = "--saturation",
            paramLabel = "<q>",
            description =
                    "Montage colours saturate where the strongest voxels hold the last 1 - q of the map's evidence"
                            + " (default: 1, the maximum, for the Grad-CAM family; "
                            + MontageOptions.VOXEL_LEVEL_SATURATION
                            + " for integrated-gradients).")
    @Range(min = 0, max = 1)
    Double saturation;

    @Option(
            names = "--colormap",
            defaultValue = "inferno",
            description = "inferno or viridis (default ${DEFAULT-VALUE}).")
    String colormap;

    @Override
    public Integer call() throws IchException {
        PrintWriter stdout = spec.commandLine().getOut();
        CamMethod camMethod = parse(() -> CamMethod.fromCliName(method), "--method");
        Polarity pol =
                parse(
                        () -> Polarity.valueOf(polarity.trim().toUpperCase(Locale.ROOT)),
                        "--polarity");
        List<Head> heads =
                head == null
                        ? List.of(Head.VOLUME, Head.PROGNOSIS)
                        : List.of(
                                parse(
                                        () -> Head.valueOf(head.trim().toUpperCase(Locale.ROOT)),
                                        "--head"));
        int cls =
                parse(
                        () ->
                                switch (outcomeClass.trim().toLowerCase(Locale.ROOT)) {
                                    case "death", "died", "1" -> CamRequest.DEATH;
                                    case "survival", "survived", "0" -> 0;
                                    default ->
                                            throw new IllegalArgumentException(
                                                    "use death or survival");
                                },
                        "--class");
        double q =
                saturation != null
                        ? saturation
                        : camMethod.readsStage() ? 1 : MontageOptions.VOXEL_LEVEL_SATURATION;
        MontageOptions montage =
                parse(
                        () ->
                                MontageOptions.builder()
                                        .slices(slices)
                                        .columns(columns)
                                        .tileSize(tile)
                                        .colorMap(ColorMap.fromCliName(colormap))
                                        .saturationEnergyQuantile(q)
                                        .build(),
                        "montage options");
        List<CamRequest> requests = new ArrayList<>();
        for (Head h : heads) {
            CamRequest.Builder b = CamRequest.builder().head(h).method(camMethod).polarity(pol);
            if (h == Head.PROGNOSIS) {
                b.classIndex(cls);
            }
            int s = stage;
            requests.add(parse(() -> b.stage(s).steps(igSteps).build(), "--stage"));
        }
        boolean scored = mask != null || faithfulness;
        List<String> files = new ArrayList<>();
        for (Head h : heads) {
            files.add(heatmapFile(h));
            files.add(montageFile(h));
        }
        if (scored) {
            files.add(SCORES);
        }
        try (OutputBatch batch = OutputFiles.prepare(out, files);
                IchModel model = IchModel.load(modelDir)) {
            CtVolume ct = choice.reader().read(study);
            BinaryMask reference =
                    mask == null ? null : NiftiReader.readMask(mask, ct.geometry(), 1e-3);
            // The preprocessing the model was trained with, stored in its directory.
            PreprocessingConfig pp = model.preprocessing();
            PreprocessedStudy pre = new Preprocessor(pp).preprocess(ct);
            Prediction prediction = model.predict(pre.input());
            stdout.printf(
                    Locale.ROOT,
                    "prediction: volume %.1f ml, probability of death %.3f%n",
                    prediction.volumeMl(),
                    prediction.probabilityOfDeath());
            Explainer explainer = new Explainer(model);
            JsonObject scores = new JsonObject();
            List<String> written = new ArrayList<>();
            for (CamRequest r : requests) {
                CamCapture capture = explainer.capture(pre.input(), r);
                float[] modelMap =
                        CamProjection.toModelGrid(
                                capture,
                                r,
                                pre.input().depth(),
                                pre.input().height(),
                                pre.input().width());
                StudyHeatmap map = CamProjection.toStudy(modelMap, r, pre.mapping());
                OutputFiles.writeNifti(batch, heatmapFile(r.head()), map.geometry(), map.raw());
                OutputFiles.write(
                        batch,
                        montageFile(r.head()),
                        Montage.png(Montage.render(ct, map, r.describe(), montage)));
                written.add(
                        String.format(
                                Locale.ROOT,
                                "%s: %s, %s (largest raw value %.4g)",
                                r.describe(),
                                out.resolve(heatmapFile(r.head())),
                                out.resolve(montageFile(r.head())),
                                map.maxRaw()));
                JsonObject entry = new JsonObject();
                entry.addProperty("request", r.describe());
                double explained = explainer.output(pre.input(), r);
                entry.addProperty("explainedOutput", explained);
                if (!r.method().readsStage()) {
                    Completeness c = explainer.completeness(pre.input(), capture, r);
                    written.add(
                            String.format(
                                    Locale.ROOT,
                                    "  the signed map sums to %.4g; the output moved %.4g from"
                                            + " the all-zero baseline (%.1f %% apart; more --ig-steps bring them closer)",
                                    c.attributionSum(),
                                    c.outputChange(),
                                    100 * c.relativeGap()));
                    entry.addProperty("attributionSum", c.attributionSum());
                    entry.addProperty("outputChangeFromBaseline", c.outputChange());
                }
                if (reference != null) {
                    LocalisationScores s = Localisation.score(map, reference);
                    entry.addProperty("energyInsideMask", s.energyInside());
                    entry.addProperty("chanceEnergy", s.chanceEnergy());
                    entry.addProperty("pointingHit", s.pointingHit());
                    entry.addProperty("topFraction", s.topFraction());
                    entry.addProperty("topIou", s.topIou());
                    entry.addProperty("maskVoxels", s.maskVoxels());
                }
                if (faithfulness) {
                    Faithfulness.Result f =
                            Faithfulness.deletionAndInsertion(
                                    pre.input(),
                                    modelMap,
                                    in -> explainer.output(in, r),
                                    steps,
                                    0f);
                    entry.add("deletion", curve(f.deletion()));
                    entry.add("insertion", curve(f.insertion()));
                }
                scores.add(r.head().cliName(), entry);
            }
            if (scored) {
                OutputFiles.write(batch, SCORES, Json.toJson(scores));
                written.add("scores: " + out.resolve(SCORES));
            }
            batch.commit();
            written.forEach(stdout::println);
        }
        return 0;
    }

    private static String heatmapFile(Head head) {
        return "heatmap_" + head.cliName() + ".nii.gz";
    }

    private static String montageFile(Head head) {
        return "montage_" + head.cliName() + ".png";
    }

    private static JsonObject curve(FaithfulnessCurve c) {
        JsonObject o = new JsonObject();
        o.addProperty("auc", c.auc());
        o.addProperty("normalisedAuc", c.normalisedAuc());
        JsonArray f = new JsonArray();
        JsonArray y = new JsonArray();
        double[] fr = c.fractions();
        double[] out = c.outputs();
        for (int n = 0; n < fr.length; n++) {
            f.add(fr[n]);
            y.add(out[n]);
        }
        o.add("fractions", f);
        o.add("outputs", y);
        return o;
    }

    private interface Parse<T> {
        T get();
    }

    private <T> T parse(Parse<T> p, String option) {
        try {
            return p.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }
}
