package dev.ich.cli;

import dev.ich.core.error.IchException;
import dev.ich.core.preprocess.PreprocessingConfig;
import dev.ich.core.preprocess.Preprocessor;
import dev.ich.dicom.AnyStudyReader;
import dev.ich.model.ComputeDevice;
import dev.ich.model.NetworkConfig;
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
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ich train}: trains the multi-task network on the studies of a manifest. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Train the network on the studies of a manifest.")
final class TrainCommand implements Callable<Integer> {

    /** The network presets. */
    enum Preset {
        cpu,
        paper
    }

    /** The library's preset of a preset as typed. */
    static dev.ich.model.Preset preset(Preset typed) {
        return typed == Preset.paper ? dev.ich.model.Preset.PAPER : dev.ich.model.Preset.CPU;
    }

    /** The task modes, as typed on the command line. */
    enum Task {
        multi,
        volume,
        prognosis
    }

    /** The learning-rate schedules, as typed on the command line. */
    enum Schedule {
        constant,
        cosine
    }

    /** The regression losses, as typed on the command line. */
    enum VolumeLoss {
        mse,
        relative
    }

    /** Which epoch becomes the model, as typed on the command line. */
    enum Keep {
        lowest_loss,
        last
    }

    @Mixin CommonOptions common;

    @Spec CommandSpec spec;

    @Option(names = "--manifest", required = true, description = "Training manifest CSV.")
    Path manifest;

    @Option(
            names = "--validation",
            description = "Validation manifest CSV (metrics per epoch, best-epoch choice).")
    Path validation;

    @Option(
            names = "--out",
            required = true,
            description = "Model directory to create (must not exist or be empty).")
    Path out;

    @Option(
            names = "--preset",
            defaultValue = "cpu",
            description =
                    "Network: cpu (ResNet-34 width 8, 32×80×80, anti-aliased input) "
                            + "or paper (width 64, 32×224×224). Default ${DEFAULT-VALUE}.")
    Preset preset;

    @Option(
            names = "--epochs",
            defaultValue = "300",
            description = "Epochs (default ${DEFAULT-VALUE}, the paper's).")
    @Range(min = 1, max = 100_000)
    int epochs;

    @Option(
            names = "--batch",
            defaultValue = "8",
            description = "Batch size (default ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 4096)
    int batch;

    @Option(
            names = "--lr",
            defaultValue = "1e-4",
            description = "Learning rate (default ${DEFAULT-VALUE}).")
    @Range(min = 1e-12, max = 10)
    double learningRate;

    @Option(
            names = "--lr-schedule",
            defaultValue = "constant",
            description =
                    "constant (the paper's) or cosine (annealed to 0 over the run, per batch). Default ${DEFAULT-VALUE}.")
    Schedule schedule;

    @Option(
            names = "--warmup",
            defaultValue = "0",
            description =
                    "Epochs over which the rate rises linearly to --lr before the schedule starts (default ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 100_000)
    int warmupEpochs;

    @Option(
            names = "--volume-loss",
            defaultValue = "mse",
            description =
                    "mse (the paper's) or relative (squared error relative to the ∛volume). Default ${DEFAULT-VALUE}.")
    VolumeLoss volumeLoss;

    @Option(
            names = "--keep",
            defaultValue = "lowest_loss",
            description =
                    "Which epoch becomes the model: lowest_loss (lowest validation loss) or last (the last epoch, "
                            + "for a cosine schedule). Default ${DEFAULT-VALUE}.")
    Keep keep;

    @Option(
            names = "--task",
            defaultValue = "multi",
            description = "multi, volume or prognosis (default ${DEFAULT-VALUE}).")
    Task task;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
    @Range(min = Long.MIN_VALUE, max = Long.MAX_VALUE)
    long seed;

    @Option(
            names = "--threads",
            defaultValue = "2",
            description = "Intra-op threads (default ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 64)
    int threads;

    @Option(
            names = "--gpu",
            description = "Use the GPU if the engine has one (else the CPU, with a warning).")
    boolean gpu;

    @Option(
            names = "--augment",
            description = "Random left-right flips and shifts of up to 4 voxels.")
    boolean augment;

    @Option(names = "--resume", description = "Continue the run whose checkpoint is next to --out.")
    boolean resume;

    @Option(
            names = "--cache",
            description =
                    "Cache of preprocessed studies (default: .ich-cache next to the manifest).")
    Path cache;

    @Override
    public Integer call() throws IchException {
        if (warmupEpochs >= epochs) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--warmup must be at least 0 and less than --epochs ("
                            + epochs
                            + "), got "
                            + warmupEpochs);
        }
        dev.ich.model.Preset chosen = preset(preset);
        NetworkConfig network = chosen.network();
        PreprocessingConfig preprocessing = chosen.preprocessing();
        InputPreparer preparer = InputPreparer.of(new Preprocessor(preprocessing, threads));
        Path cacheDir =
                cache != null ? cache : manifest.toAbsolutePath().getParent().resolve(".ich-cache");
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        err.println(
                "ich train: reading and preprocessing the studies (cached in " + cacheDir + ")");
        AnyStudyReader reader = AnyStudyReader.create();
        List<TrainingExample> train = ManifestDataset.load(manifest, reader, preparer, cacheDir);
        List<TrainingExample> val =
                validation == null
                        ? List.of()
                        : ManifestDataset.load(validation, reader, preparer, cacheDir);
        int batches = (train.size() + batch - 1) / batch;
        IchTrainer trainer =
                IchTrainer.builder()
                        .network(network)
                        .epochs(epochs)
                        .batchSize(batch)
                        .learningRate(learningRate)
                        .learningRateSchedule(
                                schedule == Schedule.cosine
                                        ? LearningRateSchedule.COSINE
                                        : LearningRateSchedule.CONSTANT)
                        .warmupEpochs(warmupEpochs)
                        .regressionLoss(
                                volumeLoss == VolumeLoss.relative
                                        ? RegressionLoss.RELATIVE_MSE
                                        : RegressionLoss.MSE)
                        .modelSelection(
                                keep == Keep.last
                                        ? ModelSelection.LAST_EPOCH
                                        : ModelSelection.LOWEST_VALIDATION_LOSS)
                        .seed(seed)
                        .threads(threads)
                        .taskMode(
                                task == Task.volume
                                        ? TaskMode.VOLUME_ONLY
                                        : task == Task.prognosis
                                                ? TaskMode.PROGNOSIS_ONLY
                                                : TaskMode.MULTI)
                        .device(gpu ? ComputeDevice.GPU : ComputeDevice.CPU)
                        .augmentation(
                                augment
                                        ? new dev.ich.model.train.Augmentation(true, 4)
                                        : dev.ich.model.train.Augmentation.none())
                        .preprocessing(preprocessing)
                        .trainingSet(train)
                        .validationSet(val)
                        .listener(new BarListener(err, (long) epochs * batches))
                        .build();
        TrainingResult result = resume ? trainer.resume(out) : trainer.train(out);
        EpochMetrics best = result.history().get(result.bestEpoch() - 1);
        stdout.printf(Locale.ROOT, "model=%s%n", result.modelDirectory());
        stdout.printf(Locale.ROOT, "best_epoch=%d%n", result.bestEpoch());
        best.asMap().forEach((k, v) -> stdout.printf(Locale.ROOT, "%s=%.4f%n", k, v));
        stdout.printf(Locale.ROOT, "parameters_sha256=%s%n", result.manifest().parametersSha256());
        return 0;
    }

    /** Progress over all batches of all epochs, and one line per epoch on stderr. */
    private static final class BarListener implements TrainingListener {
        private final PrintWriter err;
        private final long total;
        private ProgressBar bar;

        BarListener(PrintWriter err, long total) {
            this.err = err;
            this.total = total;
        }

        @Override
        public void onBatch(int epoch, int batchIndex, int batches, double loss) {
            if (bar == null) {
                bar = new ProgressBar(err, "train", total);
                bar.step((long) (epoch - 1) * batches + batchIndex - 1);
            }
            bar.status(String.format(Locale.ROOT, "epoch %d loss %.3f", epoch, loss));
            bar.step(1);
        }

        @Override
        public void onEpoch(EpochMetrics m, int epochs) {
            String line =
                    String.format(
                            Locale.ROOT,
                            "epoch %d/%d: loss %.4f, val loss %.4f, val MAE %.2f ml, "
                                    + "MAPE %.1f %%, accuracy %.3f, AUC %.3f (%.0f s)",
                            m.epoch(),
                            epochs,
                            m.trainLoss(),
                            m.validationLoss(),
                            m.validationMaeMl(),
                            m.validationMapePercent(),
                            m.validationAccuracy(),
                            m.validationAuc(),
                            m.seconds());
            if (bar != null) {
                bar.message(line);
            } else {
                err.println(line);
            }
            if (m.epoch() == epochs && bar != null) {
                bar.close();
            }
        }
    }
}
