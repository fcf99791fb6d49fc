package dev.ich.bench.explain;

import dev.ich.core.analysis.Head;
import dev.ich.core.analysis.Prediction;
import dev.ich.core.analysis.StudyHeatmap;
import dev.ich.core.error.IchException;
import dev.ich.core.preprocess.ModelInput;
import dev.ich.core.preprocess.PreprocessedStudy;
import dev.ich.core.preprocess.PreprocessingConfig;
import dev.ich.core.preprocess.Preprocessor;
import dev.ich.core.volume.BinaryMask;
import dev.ich.core.volume.CtVolume;
import dev.ich.dicom.DicomStudyReader;
import dev.ich.dicom.nifti.NiftiReader;
import dev.ich.explain.CamProjection;
import dev.ich.explain.CamRequest;
import dev.ich.explain.Explainer;
import dev.ich.explain.cam.CamCapture;
import dev.ich.explain.cam.CamMethod;
import dev.ich.explain.cam.Polarity;
import dev.ich.explain.render.Montage;
import dev.ich.explain.render.MontageOptions;
import dev.ich.explain.score.Localisation;
import dev.ich.explain.score.LocalisationScores;
import dev.ich.model.IchModel;
import dev.ich.model.NetworkConfig;
import dev.ich.model.train.EpochMetrics;
import dev.ich.model.train.IchTrainer;
import dev.ich.model.train.InputPreparer;
import dev.ich.model.train.ManifestDataset;
import dev.ich.model.train.ManifestRow;
import dev.ich.model.train.TrainingExample;
import dev.ich.model.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Does the volume head's heatmap concentrate on the haematoma? Trains a small network on a phantom
 * cohort made by {@code ich phantoms} (all studies but the last 8), then explains the held-out
 * studies (the last 8, or as many as asked) with every method of the Grad-CAM family at every stage
 * (4 to 1) and with integrated gradients, and prints, per method and stage, the mean share of
 * heatmap energy inside the haematoma mask against chance (the mask's share of the brain, taken as
 * the voxels between 0 and 100 HU), the pointing game and the top-5 % IoU, and how far the
 * integrated gradients' sums are from completeness. Writes Grad-CAM and integrated-gradients
 * montages of the first two held-out studies next to the model.
 *
 * <p>Run: {@code java ... dev.ich.bench.explain.PhantomLocalisation <phantom dir> <new model dir>
 * [epochs] [held-out studies] [integrated-gradients steps]} (an existing model directory, e.g. the
 * demo's, is reused, not retrained; its scores then count only if those studies were not among its
 * training studies).
 */
public final class PhantomLocalisation {

    private static final int TRAINING_HELD_OUT = 8;
    private static final int STAGES = 4;
    private static final double BRAIN_LOW_HU = 0;
    private static final double BRAIN_HIGH_HU = 100;

    private PhantomLocalisation() {}

    public static void main(String[] args) throws IchException, IOException {
        if (args.length < 2) {
            System.err.println(
                    "usage: PhantomLocalisation <phantom dir> <model dir> [epochs] [held-out studies]"
                            + " [integrated-gradients steps]");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        Path modelDir = Path.of(args[1]);
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        int heldOut = args.length > 3 ? Integer.parseInt(args[3]) : TRAINING_HELD_OUT;
        int igSteps = args.length > 4 ? Integer.parseInt(args[4]) : CamRequest.DEFAULT_STEPS;
        NetworkConfig config =
                NetworkConfig.cpu().toBuilder().baseWidth(8).input(16, 96, 96).build();
        PreprocessingConfig pp =
                PreprocessingConfig.paper().toBuilder()
                        .targetShape(config.inputDepth(), config.inputHeight(), config.inputWidth())
                        .build();
        Preprocessor pre = new Preprocessor(pp);
        // The trainer reads study,volume_ml,outcome[,mask]; ich phantoms adds rater columns.
        Path trainManifest = root.resolve("train.csv");
        if (!Files.exists(trainManifest)) {
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(root.resolve("manifest.csv"))) {
                String[] cells = line.split(",", -1);
                lines.add(String.join(",", cells[0], cells[1], cells[2], cells[3]));
            }
            Files.write(trainManifest, lines);
        }
        List<ManifestRow> rows = ManifestDataset.readRows(trainManifest);
        if (!Files.exists(modelDir.resolve("model.json"))) {
            train(trainManifest, modelDir, config, pp, pre, epochs);
        }
        IchModel.setIntraOpThreads(2);
        try (IchModel model = IchModel.load(modelDir)) {
            evaluate(
                    model,
                    rows.subList(rows.size() - heldOut, rows.size()),
                    new Preprocessor(model.preprocessing()),
                    modelDir,
                    igSteps);
        }
    }

    private static void train(
            Path manifest,
            Path modelDir,
            NetworkConfig config,
            PreprocessingConfig pp,
            Preprocessor pre,
            int epochs)
            throws IchException {
        InputPreparer preparer =
                new InputPreparer() {
                    @Override
                    public ModelInput prepare(CtVolume volume) throws IchException {
                        return pre.preprocess(volume).input();
                    }

                    @Override
                    public String fingerprint() {
                        return pp.fingerprint();
                    }
                };
        List<TrainingExample> all =
                ManifestDataset.load(
                        manifest,
                        DicomStudyReader.create(),
                        preparer,
                        modelDir.resolveSibling(modelDir.getFileName() + ".inputs"));
        List<TrainingExample> train = all.subList(0, all.size() - TRAINING_HELD_OUT);
        List<TrainingExample> validation = all.subList(all.size() - TRAINING_HELD_OUT, all.size());
        IchTrainer.builder()
                .network(config)
                .seed(3)
                .epochs(epochs)
                .batchSize(4)
                .learningRate(0.01)
                .threads(2)
                .preprocessing(pp)
                .trainingSet(train)
                .validationSet(validation)
                .listener(
                        new TrainingListener() {
                            @Override
                            public void onEpoch(EpochMetrics m, int total) {
                                System.out.printf(
                                        Locale.ROOT,
                                        "epoch %d/%d: train loss %.3f, validation MAE %.1f ml%n",
                                        m.epoch(),
                                        total,
                                        m.trainLoss(),
                                        m.validationMaeMl());
                            }
                        })
                .build()
                .train(modelDir);
    }

    private static void score(
            Map<String, double[]> sums,
            String name,
            StudyHeatmap h,
            BinaryMask mask,
            BinaryMask region) {
        LocalisationScores s =
                Localisation.score(h, mask, region, Localisation.DEFAULT_TOP_FRACTION);
        double[] acc = sums.computeIfAbsent(name, k -> new double[5]);
        if (!Double.isNaN(s.energyInside())) {
            acc[0] += s.energyInside();
            acc[4]++;
        }
        acc[1] += s.chanceEnergy();
        acc[2] += s.pointingHit() ? 1 : 0;
        acc[3] += s.topIou();
    }

    private static void evaluate(
            IchModel model, List<ManifestRow> heldOut, Preprocessor pre, Path modelDir, int igSteps)
            throws IchException, IOException {
        Explainer explainer = new Explainer(model);
        Map<String, double[]> sums = new LinkedHashMap<>();
        double completenessError = 0;
        int n = 0;
        for (ManifestRow row : heldOut) {
            CtVolume ct = DicomStudyReader.create().read(row.study());
            PreprocessedStudy study = pre.preprocess(ct);
            BinaryMask mask = NiftiReader.readMask(row.mask().orElseThrow(), ct.geometry(), 1e-3);
            BitSet brain = new BitSet();
            for (int v = 0; v < ct.geometry().voxelCount(); v++) {
                float hu = ct.huAt(v);
                if (hu >= BRAIN_LOW_HU && hu <= BRAIN_HIGH_HU) {
                    brain.set(v);
                }
            }
            BinaryMask region = BinaryMask.fromBits(ct.geometry(), brain);
            Prediction p = model.predict(study.input());
            System.out.printf(
                    Locale.ROOT,
                    "%s: true %.1f ml, predicted %.1f ml%n",
                    row.study().getFileName(),
                    row.volumeMl(),
                    p.volumeMl());
            Map<CamRequest, StudyHeatmap> maps = new LinkedHashMap<>();
            List<CamMethod> family = CamMethod.gradCamFamily();
            for (int stage = STAGES; stage >= 1; stage--) {
                // One capture of the stage serves the whole family.
                CamRequest base = CamRequest.builder().head(Head.VOLUME).stage(stage).build();
                List<StudyHeatmap> stageMaps =
                        explainer.explainAll(study, base, family, List.of(Polarity.POSITIVE));
                for (int m = 0; m < family.size(); m++) {
                    maps.put(base.toBuilder().method(family.get(m)).build(), stageMaps.get(m));
                }
            }
            CamRequest integrated =
                    CamRequest.builder()
                            .head(Head.VOLUME)
                            .method(CamMethod.INTEGRATED_GRADIENTS)
                            .steps(igSteps)
                            .build();
            // One capture serves both the map and the completeness check (32 passes each
            // otherwise).
            CamCapture integratedCapture = explainer.capture(study.input(), integrated);
            maps.put(
                    integrated,
                    CamProjection.toStudy(integratedCapture, integrated, study.mapping()));
            for (Map.Entry<CamRequest, StudyHeatmap> entry : maps.entrySet()) {
                CamRequest r = entry.getKey();
                StudyHeatmap h = entry.getValue();
                score(
                        sums,
                        r.method().readsStage()
                                ? "stage " + r.stage() + " " + r.method().cliName()
                                : r.method().cliName(),
                        h,
                        mask,
                        region);
                if (n < 2 && (r.method() == CamMethod.GRAD_CAM || !r.method().readsStage())) {
                    Path png =
                            modelDir.resolveSibling(
                                    modelDir.getFileName()
                                            + "-"
                                            + row.study().getFileName()
                                            + "-"
                                            + r.method().cliName()
                                            + "-stage"
                                            + r.stage()
                                            + ".png");
                    Files.write(
                            png,
                            Montage.png(
                                    Montage.render(
                                            ct, h, r.describe(), MontageOptions.defaults())));
                }
            }
            // Not an explanation: what a map that merely shows the windowed input would score.
            score(
                    sums,
                    "the model input itself",
                    CamProjection.toStudy(study.input().data(), integrated, study.mapping()),
                    mask,
                    region);
            completenessError +=
                    explainer
                            .completeness(study.input(), integratedCapture, integrated)
                            .relativeGap();
            n++;
        }
        System.out.printf(
                Locale.ROOT,
                "integrated gradients (%d steps): the signed map's sum is %.1f %% (mean) away"
                        + " from the output's change from the baseline%n",
                igSteps,
                100 * completenessError / n);
        for (Map.Entry<String, double[]> e : sums.entrySet()) {
            double[] v = e.getValue();
            System.out.printf(
                    Locale.ROOT,
                    "%-20s energy inside mask %.3f (chance %.3f, %d maps with energy),"
                            + " pointing game %.2f, top-5%% IoU %.3f, n = %d%n",
                    e.getKey(),
                    v[4] > 0 ? v[0] / v[4] : Double.NaN,
                    v[1] / n,
                    (int) v[4],
                    v[2] / n,
                    v[3] / n,
                    n);
        }
    }
}
