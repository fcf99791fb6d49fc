package dev.ich.model.train;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.model.ComputeDevice;
import dev.ich.core.preprocess.PreprocessingConfig;
import dev.ich.model.NetworkConfig;
import dev.ich.model.PreprocessingSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Trains the multi-task network. The defaults are the paper's: SGD with learning rate 1e-4,
 * momentum 0.9 and weight decay 5e-4 (PyTorch's rule, see docs/model.md), 300 epochs, batch 8, loss
 * {@code 1·MSE(∛volume) + 1·BCE}, both tasks; the network defaults to {@link NetworkConfig#cpu()}.
 *
 * <pre>{@code
 * TrainingResult r = IchTrainer.builder()
 *     .network(NetworkConfig.cpu()).epochs(40).seed(7)
 *     .trainingSet(train).validationSet(validation)
 *     .listener(progressBar)
 *     .build()
 *     .train(Path.of("model"));
 * }</pre>
 *
 * <p>Every epoch ends with an atomic checkpoint in {@link #checkpointDirectory(Path)}; {@link
 * #resume(Path)} continues from it and gives bit-identical weights to an uninterrupted run (same
 * machine, same thread count): the batch order and the augmentation of epoch {@code e} come from
 * a random stream derived from {@code (seed, e)} only, the initial weights from the seed only, and
 * the checkpoint holds the weights, batch-norm statistics and momentum buffers. The model directory
 * is written only at the end, atomically, with the weights of the best epoch (lowest validation
 * loss, or training loss without a validation set); the checkpoint is then removed. Anything at
 * the checkpoint's place that is not a checkpoint of this trainer is refused and left as it is.
 */
public final class IchTrainer {

    final NetworkConfig network;
    final double learningRate;
    final LearningRateSchedule schedule;
    final int warmupEpochs;
    final boolean regressionStartsAtMean;
    final RegressionLoss regressionLoss;
    final ModelSelection selection;
    final double momentum;
    final double weightDecay;
    final int epochs;
    final int batchSize;
    final double regressionWeight;
    final double classificationWeight;
    final TaskMode taskMode;
    final long seed;
    final List<TrainingExample> trainingSet;
    final List<TrainingExample> validationSet;
    final TrainingListener listener;
    final Augmentation augmentation;
    final ComputeDevice device;
    final int threads;
    final double threshold;
    final PreprocessingSettings preprocessing;

    private IchTrainer(Builder b) {
        network = b.network;
        learningRate = b.learningRate;
        schedule = b.schedule;
        warmupEpochs = b.warmupEpochs;
        regressionStartsAtMean = b.regressionStartsAtMean;
        selection = b.selection;
        regressionLoss = b.regressionLoss;
        momentum = b.momentum;
        weightDecay = b.weightDecay;
        epochs = b.epochs;
        batchSize = b.batchSize;
        regressionWeight = b.regressionWeight;
        classificationWeight = b.classificationWeight;
        taskMode = b.taskMode;
        seed = b.seed;
        trainingSet = List.copyOf(b.trainingSet);
        validationSet = List.copyOf(b.validationSet);
        listener = b.listener;
        augmentation = b.augmentation;
        device = b.device;
        threads = b.threads;
        threshold = b.threshold;
        preprocessing = b.preprocessing != null ? PreprocessingSettings.of(b.preprocessing)
            : PreprocessingSettings.paperFor(b.network);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where the checkpoints of a run writing {@code modelDirectory} live: a sibling {@code <name>.checkpoint}. */
    public static Path checkpointDirectory(Path modelDirectory) {
        Path abs = modelDirectory.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + ".checkpoint");
    }

    /**
     * Trains from the start and writes the model directory.
     *
     * @throws IchException {@link ErrorCode#INVALID_TRAINING_DATA} for an empty, single-class or
     *     ill-shaped data set; {@link ErrorCode#OUTPUT_NOT_WRITABLE} when {@code modelDirectory}
     *     exists and is not empty, or a checkpoint of an earlier run (or anything else) is at
     *     {@link #checkpointDirectory(Path)}
     */
    public TrainingResult train(Path modelDirectory) throws IchException {
        return new TrainingRun(this, modelDirectory, false).run();
    }

    /**
     * Continues the run whose checkpoint is next to {@code modelDirectory} up to {@link
     * Builder#epochs(int)} epochs (which may exceed the earlier target). The settings other than
     * the epoch count and the data must be the same as before.
     */
    public TrainingResult resume(Path modelDirectory) throws IchException {
        return new TrainingRun(this, modelDirectory, true).run();
    }

    /** Settings that a resumed run must share with the original one (everything but the epoch count). */
    String settingsFingerprint() {
        // A schedule other than CONSTANT depends on the run's length, so resuming may not change it.
        String length = schedule == LearningRateSchedule.CONSTANT ? "" : schedule + "/" + epochs;
        if (warmupEpochs > 0) {
            length += "/warmup " + warmupEpochs;
        }
        return String.join("|", network.toString(), Double.toString(learningRate), length,
            Boolean.toString(regressionStartsAtMean), regressionLoss.name(), selection.name(), Double.toString(momentum),
            Double.toString(weightDecay), Integer.toString(batchSize), Double.toString(regressionWeight),
            Double.toString(classificationWeight), taskMode.name(), Long.toString(seed), augmentation.toString(),
            Double.toString(threshold), preprocessing.fingerprint());
    }

    /** A fluent builder; {@link #build()} checks every value and names the bad one. */
    public static final class Builder {
        private NetworkConfig network = NetworkConfig.cpu();
        private double learningRate = 1e-4;
        private LearningRateSchedule schedule = LearningRateSchedule.CONSTANT;
        private int warmupEpochs;
        private boolean regressionStartsAtMean;
        private RegressionLoss regressionLoss = RegressionLoss.MSE;
        private ModelSelection selection = ModelSelection.LOWEST_VALIDATION_LOSS;
        private double momentum = 0.9;
        private double weightDecay = 5e-4;
        private int epochs = 300;
        private int batchSize = 8;
        private double regressionWeight = 1;
        private double classificationWeight = 1;
        private TaskMode taskMode = TaskMode.MULTI;
        private long seed = 42;
        private List<TrainingExample> trainingSet = List.of();
        private List<TrainingExample> validationSet = List.of();
        private TrainingListener listener = new TrainingListener() { };
        private Augmentation augmentation = Augmentation.none();
        private ComputeDevice device = ComputeDevice.CPU;
        private int threads;
        private double threshold = 0.5;
        private PreprocessingConfig preprocessing;

        private Builder() {
        }

        public Builder network(NetworkConfig value) {
            network = Objects.requireNonNull(value, "network");
            return this;
        }

        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        /** How the rate changes over the run ({@link LearningRateSchedule#CONSTANT}, the paper's, by default). */
        public Builder learningRateSchedule(LearningRateSchedule value) {
            schedule = Objects.requireNonNull(value, "learningRateSchedule");
            return this;
        }

        /**
         * Epochs over which the rate rises linearly to its full value (from rate/w, w = the warm-up's
         * steps) before the schedule takes over the remaining steps; 0, the paper's, by default.
         * See {@link LearningRateSchedule#factor(long, long, long)}.
         */
        public Builder warmupEpochs(int value) {
            warmupEpochs = value;
            return this;
        }

        /**
         * Whether the regression head's bias starts at the training set's mean ∛volume instead of
         * PyTorch's default uniform draw (off by default).
         */
        public Builder regressionStartsAtMean(boolean value) {
            regressionStartsAtMean = value;
            return this;
        }

        /** Which epoch becomes the model ({@link ModelSelection#LOWEST_VALIDATION_LOSS} by default). */
        public Builder modelSelection(ModelSelection value) {
            selection = Objects.requireNonNull(value, "modelSelection");
            return this;
        }

        /** The regression part of the loss ({@link RegressionLoss#MSE}, the paper's, by default). */
        public Builder regressionLoss(RegressionLoss value) {
            regressionLoss = Objects.requireNonNull(value, "regressionLoss");
            return this;
        }

        public Builder momentum(double value) {
            momentum = value;
            return this;
        }

        public Builder weightDecay(double value) {
            weightDecay = value;
            return this;
        }

        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        /** {@code w_reg} and {@code w_cls} of the loss (both 1 by default). */
        public Builder lossWeights(double regression, double classification) {
            regressionWeight = regression;
            classificationWeight = classification;
            return this;
        }

        public Builder taskMode(TaskMode value) {
            taskMode = Objects.requireNonNull(value, "taskMode");
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder trainingSet(List<TrainingExample> value) {
            trainingSet = Objects.requireNonNull(value, "trainingSet");
            return this;
        }

        /** Studies scored after every epoch and used to pick the best epoch (optional). */
        public Builder validationSet(List<TrainingExample> value) {
            validationSet = Objects.requireNonNull(value, "validationSet");
            return this;
        }

        public Builder listener(TrainingListener value) {
            listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        public Builder augmentation(Augmentation value) {
            augmentation = Objects.requireNonNull(value, "augmentation");
            return this;
        }

        /** CPU by default; a GPU request without a GPU falls back to the CPU with a warning. */
        public Builder device(ComputeDevice value) {
            device = Objects.requireNonNull(value, "device");
            return this;
        }

        /** libtorch intra-op threads for the process (0 = leave as is; 2 is best on 2 cores). */
        public Builder threads(int value) {
            threads = value;
            return this;
        }

        /** The probability of death at or above which the outcome is "died" (0.5). */
        public Builder threshold(double value) {
            threshold = value;
            return this;
        }

        /**
         * The preprocessing the inputs were made with, recorded in the model directory (default:
         * the paper's, resized to the network's input).
         */
        public Builder preprocessing(PreprocessingConfig value) {
            preprocessing = Objects.requireNonNull(value, "preprocessing");
            return this;
        }

        /** @throws IllegalArgumentException naming the option and its bad value */
        public IchTrainer build() {
            require(learningRate > 0 && Double.isFinite(learningRate), "learningRate", learningRate, "> 0");
            require(momentum >= 0 && momentum < 1, "momentum", momentum, "in [0, 1)");
            require(weightDecay >= 0 && Double.isFinite(weightDecay), "weightDecay", weightDecay, ">= 0");
            require(epochs >= 1, "epochs", epochs, ">= 1");
            require(warmupEpochs >= 0 && warmupEpochs < epochs, "warmupEpochs", warmupEpochs, "in [0, epochs)");
            require(batchSize >= 1, "batchSize", batchSize, ">= 1");
            require(regressionWeight >= 0 && Double.isFinite(regressionWeight), "regressionWeight", regressionWeight, ">= 0");
            require(classificationWeight >= 0 && Double.isFinite(classificationWeight), "classificationWeight",
                classificationWeight, ">= 0");
            require(taskMode != TaskMode.MULTI || regressionWeight + classificationWeight > 0, "lossWeights",
                regressionWeight + "+" + classificationWeight, "not both 0");
            require(threads >= 0, "threads", threads, ">= 0");
            require(threshold > 0 && threshold < 1, "threshold", threshold, "in (0, 1)");
            require(preprocessing == null || java.util.Arrays.equals(preprocessing.targetShape(),
                    new int[] {network.inputDepth(), network.inputHeight(), network.inputWidth()}),
                "preprocessing target shape", preprocessing == null ? "" : java.util.Arrays.toString(preprocessing.targetShape()),
                "the network's input " + network.inputDepth() + "×" + network.inputHeight() + "×" + network.inputWidth());
            return new IchTrainer(this);
        }

        private static void require(boolean ok, String field, Object value, String rule) {
            if (!ok) {
                throw new IllegalArgumentException(field + " must be " + rule + ", got " + value);
            }
        }
    }
}
