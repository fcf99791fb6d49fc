package dev.ich.samples.demo;

import dev.ich.core.analysis.Head;
import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.preprocess.ModelInput;
import dev.ich.core.preprocess.PreprocessingConfig;
import dev.ich.core.preprocess.Preprocessor;
import dev.ich.core.volume.CtVolume;
import dev.ich.dicom.DicomStudyReader;
import dev.ich.explain.CamRequest;
import dev.ich.explain.cam.CamMethod;
import dev.ich.explain.render.MontageOptions;
import dev.ich.model.IchModel;
import dev.ich.model.NetworkConfig;
import dev.ich.model.Preset;
import dev.ich.model.train.Augmentation;
import dev.ich.model.train.EpochMetrics;
import dev.ich.model.train.IchTrainer;
import dev.ich.model.train.InputPreparer;
import dev.ich.model.train.LearningRateSchedule;
import dev.ich.model.train.ManifestDataset;
import dev.ich.model.train.ModelSelection;
import dev.ich.model.train.RegressionLoss;
import dev.ich.model.train.TaskMode;
import dev.ich.model.train.TrainingExample;
import dev.ich.model.train.TrainingListener;
import dev.ich.model.train.TrainingResult;
import dev.ich.phantom.PhantomSpec;
import dev.ich.phantom.cohort.CohortCase;
import dev.ich.phantom.cohort.CohortWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The README's main job: a phantom cohort → training the CPU network → evaluation on held-out
 * studies against the clinicians' ABC/2 → heatmaps → {@code metrics.json} and {@code report.html}.
 *
 * <p>Layout of the output folder: {@code cohort/} (DICOM studies, masks, manifests per split),
 * {@code cache/} (preprocessed inputs), {@code model/} (usable by {@code ich analyze}), {@code
 * prognosis-only/model/} (the Table 2 ablation), {@code evaluation/} (tables and figures), {@code
 * montages/}, {@code predictions.csv}, {@code metrics.json}, {@code report.html}.
 */
public final class DemoPipeline {

    /**
     * Integrated gradients of the volume head (32 steps, all-zero baseline), not the paper's
     * Grad-CAM: at the CPU preset's 32 × 80 × 80 input the last stage is 1 × 3 × 3, too coarse to
     * place a bleed (the paper's 224 columns give 1 × 7 × 7), and even stage 1 (8 × 20 × 20) puts
     * only about a tenth of its energy inside the haematoma. On 24 selection phantoms of the demo's
     * model integrated gradients put 0.68 of theirs there, stage-1 Grad-CAM++ 0.10
     * (docs/explain.md).
     */
    public static final CamRequest EXPLANATION =
            CamRequest.builder().head(Head.VOLUME).method(CamMethod.INTEGRATED_GRADIENTS).build();

    /**
     * Montages saturate where the strongest voxels hold the last 10 % of the map's evidence: a
     * voxel-level map has a few extreme voxels, and scaled to its maximum the rest of the bleed
     * would be nearly transparent.
     */
    public static final MontageOptions MONTAGE =
            MontageOptions.builder()
                    .saturationEnergyQuantile(MontageOptions.VOXEL_LEVEL_SATURATION)
                    .build();

    private final DemoSettings settings;
    private final DemoProgress progress;
    private final Map<String, Duration> timings = new LinkedHashMap<>();

    public DemoPipeline(DemoSettings settings, DemoProgress progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** Runs every step; the output folder must be new or empty. */
    public DemoSummary run() throws IchException {
        Path out = settings.out();
        // The demo writes many files; it never mixes them with, or writes over, what a folder
        // holds.
        CohortWriter.requireEmpty(out);
        long start = System.nanoTime();
        List<CohortCase> cases = timed("phantoms", () -> writeCohort(out.resolve("cohort")));
        List<CohortCase> train = cases.subList(0, settings.trainCases());
        List<CohortCase> validation =
                cases.subList(
                        settings.trainCases(), settings.trainCases() + settings.validationCases());
        List<CohortCase> test =
                cases.subList(settings.trainCases() + settings.validationCases(), cases.size());

        NetworkConfig network = Preset.CPU.network();
        PreprocessingConfig preprocessing = Preset.CPU.preprocessing();
        Path cohort = out.resolve("cohort");
        List<TrainingExample> trainSet =
                timed("caching", () -> load(cohort, "train", train, preprocessing, out));
        List<TrainingExample> validationSet =
                timed("caching", () -> load(cohort, "validation", validation, preprocessing, out));

        TrainingResult multi =
                timed(
                        "training",
                        () ->
                                train(
                                        "training",
                                        TaskMode.MULTI,
                                        network,
                                        preprocessing,
                                        trainSet,
                                        validationSet,
                                        out.resolve("model")));
        TrainingResult prognosisOnly =
                settings.prognosisOnlyAblation()
                        ? timed(
                                "training",
                                () ->
                                        train(
                                                "prognosis-only",
                                                TaskMode.PROGNOSIS_ONLY,
                                                network,
                                                preprocessing,
                                                trainSet,
                                                validationSet,
                                                out.resolve("prognosis-only").resolve("model")))
                        : null;
        writeTrainingLog(multi.history(), out.resolve("training_log.csv"));

        List<HeldOutCase> heldOut =
                timed(
                        "evaluation",
                        () ->
                                new HeldOutEvaluation(
                                                cohort,
                                                out.resolve("montages"),
                                                settings.montages(),
                                                progress)
                                        .evaluate(
                                                test,
                                                multi.modelDirectory(),
                                                prognosisOnly == null
                                                        ? null
                                                        : prognosisOnly.modelDirectory()));
        DemoReport report =
                timed(
                        "report",
                        () ->
                                DemoReport.write(
                                        settings, heldOut, multi, prognosisOnly, out, timings));
        timings.put("total", Duration.ofNanos(System.nanoTime() - start));
        report.writeMetrics(timings);
        return report.summary();
    }

    private List<CohortCase> writeCohort(Path folder) throws IchException {
        PhantomSpec template = PhantomSpec.builder().inPlaneSize(256).build();
        try (DemoProgress.Task task = progress.begin("phantoms", settings.totalCases())) {
            return new CohortWriter(template, settings.seed(), 8, 2)
                    .write(settings.totalCases(), folder, task::advance);
        }
    }

    /** Writes the split's manifest next to the cohort's and reads its studies (cached on disk). */
    private List<TrainingExample> load(
            Path cohort,
            String split,
            List<CohortCase> cases,
            PreprocessingConfig preprocessing,
            Path out)
            throws IchException {
        Path manifest = cohort.resolve(split + ".csv");
        StringBuilder csv = new StringBuilder("study,volume_ml,outcome,mask\n");
        for (CohortCase c : cases) {
            csv.append(c.study())
                    .append(',')
                    .append(c.volumeMl())
                    .append(',')
                    .append(c.outcome())
                    .append(',')
                    .append(c.mask())
                    .append('\n');
        }
        write(manifest, csv.toString());
        Preprocessor preprocessor = new Preprocessor(preprocessing);
        try (DemoProgress.Task task = progress.begin("caching " + split, cases.size())) {
            InputPreparer preparer =
                    new InputPreparer() {
                        @Override
                        public ModelInput prepare(CtVolume volume) throws IchException {
                            ModelInput input = preprocessor.preprocess(volume).input();
                            task.advance(1);
                            return input;
                        }

                        @Override
                        public String fingerprint() {
                            return preprocessing.fingerprint();
                        }
                    };
            return ManifestDataset.load(
                    manifest, DicomStudyReader.create(), preparer, out.resolve("cache"));
        }
    }

    private TrainingResult train(
            String name,
            TaskMode mode,
            NetworkConfig network,
            PreprocessingConfig preprocessing,
            List<TrainingExample> trainSet,
            List<TrainingExample> validationSet,
            Path modelDir)
            throws IchException {
        int batch = 8;
        int batches = (trainSet.size() + batch - 1) / batch;
        try (DemoProgress.Task task = progress.begin(name, settings.epochs() * batches)) {
            TrainingResult result =
                    IchTrainer.builder()
                            .network(network)
                            .taskMode(mode)
                            .seed(settings.seed())
                            .epochs(settings.epochs())
                            .batchSize(batch)
                            .learningRate(settings.learningRate())
                            .threads(2)
                            // A run of minutes, not the paper's 300 epochs: anneal the rate so the
                            // last epochs
                            // settle, and start the regression at the mean instead of spending
                            // epochs finding it.
                            .learningRateSchedule(LearningRateSchedule.COSINE)
                            .regressionStartsAtMean(true)
                            // MAPE is a relative measure, and the paper's MSE on ∛volume leaves
                            // small bleeds
                            // near the mean: weigh each study by its relative error. That loss
                            // needs the rate
                            // to rise over the first epoch, or the network stops learning
                            // (docs/model.md). A
                            // one-epoch run (--epochs 1) has no epoch left after a warm-up, so it
                            // has none.
                            .regressionLoss(RegressionLoss.RELATIVE_MSE)
                            .warmupEpochs(Math.min(1, settings.epochs() - 1))
                            // The annealed last epoch, not the lowest validation loss: at the end
                            // of a cosine run
                            // that minimum follows batch-norm statistics and 48 noisy cases
                            // (docs/model.md).
                            .modelSelection(ModelSelection.LAST_EPOCH)
                            // A few hundred phantoms are memorised within epochs; flips and shifts
                            // slow that down.
                            .augmentation(new Augmentation(true, 4))
                            .trainingSet(trainSet)
                            .validationSet(validationSet)
                            .preprocessing(preprocessing)
                            .listener(
                                    new TrainingListener() {
                                        @Override
                                        public void onBatch(
                                                int epoch, int b, int total, double loss) {
                                            task.advance(1);
                                        }

                                        @Override
                                        public void onEpoch(EpochMetrics m, int epochs) {
                                            task.status(
                                                    String.format(
                                                            Locale.ROOT,
                                                            "epoch %d: val MAE %.1f ml, AUC %.2f",
                                                            m.epoch(),
                                                            m.validationMaeMl(),
                                                            m.validationAuc()));
                                        }
                                    })
                            .build()
                            .train(modelDir);
            // Load once to prove the directory is complete before anything else uses it.
            try (IchModel check = IchModel.load(result.modelDirectory())) {
                progress.say(
                        name
                                + ": kept epoch "
                                + result.bestEpoch()
                                + " of "
                                + settings.epochs()
                                + " ("
                                + check.manifest().architecture().depth()
                                + "-layer ResNet, width "
                                + check.manifest().architecture().baseWidth()
                                + ")");
            }
            return result;
        }
    }

    private static void writeTrainingLog(List<EpochMetrics> history, Path file)
            throws IchException {
        StringBuilder csv =
                new StringBuilder(
                        "epoch,train_loss,val_loss,val_mae_ml,val_mape,val_accuracy,val_auc\n");
        for (EpochMetrics m : history) {
            csv.append(
                    String.format(
                            Locale.ROOT,
                            "%d,%s,%s,%s,%s,%s,%s%n",
                            m.epoch(),
                            m.trainLoss(),
                            m.validationLoss(),
                            m.validationMaeMl(),
                            m.validationMapePercent(),
                            m.validationAccuracy(),
                            m.validationAuc()));
        }
        write(file, csv.toString());
    }

    static void write(Path file, String text) throws IchException {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    file.toString(),
                    "cannot be written: " + e,
                    "Check the folder's permissions and free space",
                    e);
        }
    }

    /** A step that may fail with a user-facing error. */
    @FunctionalInterface
    private interface Step<T> {
        T run() throws IchException;
    }

    private <T> T timed(String name, Step<T> step) throws IchException {
        long t0 = System.nanoTime();
        T value = step.run();
        timings.merge(name, Duration.ofNanos(System.nanoTime() - t0), Duration::plus);
        return value;
    }
}
