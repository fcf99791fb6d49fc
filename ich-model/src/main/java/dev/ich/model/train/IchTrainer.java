package dev.ich.model.train;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.preprocess.PreprocessingConfig;
import dev.ich.model.ComputeDevice;
import dev.ich.model.NetworkConfig;
import dev.ich.model.PreprocessingSettings;
import java.nio.file.Path;
import java.util.Arrays;
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
 * machine, same thread count): the batch order and the augmentation of epoch {@code e} come from a
 * random stream derived from {@code (seed, e)} only, the initial weights from the seed only, and
 * the checkpoint holds the weights, batch-norm statistics and momentum buffers. The model directory
 * is written only at the end, atomically, with the weights of the best epoch (lowest validation
 * loss, or training loss without a validation set); the checkpoint is then removed. Anything at the
 * checkpoint's place that is not a checkpoint of this trainer is refused and left as it is.
 */
public final class IchTrainer {

    private final TrainingSettings settings;
    private final List<TrainingExample> trainingSet;
    private final List<TrainingExample> validationSet;
    private final TrainingListener listener;

    private IchTrainer(TrainingSettings settings, Builder b) {
        this.settings = settings;
        this.trainingSet = List.copyOf(b.trainingSet);
        this.validationSet = List.copyOf(b.validationSet);
        this.listener = b.listener;
    }

    /** A builder with the paper's settings. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Where the checkpoints of a run writing {@code modelDirectory} live: a sibling {@code
     * <name>.checkpoint}.
     */
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
        return run(modelDirectory, false);
    }

    /**
     * Continues the run whose checkpoint is next to {@code modelDirectory} up to {@link
     * Builder#epochs(int)} epochs (which may exceed the earlier target). The settings other than
     * the epoch count and the data must be the same as before.
     */
    public TrainingResult resume(Path modelDirectory) throws IchException {
        return run(modelDirectory, true);
    }

    private TrainingResult run(Path modelDirectory, boolean resume) throws IchException {
        Objects.requireNonNull(modelDirectory, "modelDirectory");
        return new TrainingRun(
                        settings, trainingSet, validationSet, listener, modelDirectory, resume)
                .run();
    }

    /**
     * A fluent builder. Each setter checks its value at once and names the option in its {@link
     * IllegalArgumentException} or {@link NullPointerException}; {@link #build()} checks the values
     * that depend on one another.
     */
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
        private TrainingListener listener = new TrainingListener() {};
        private Augmentation augmentation = Augmentation.none();
        private ComputeDevice device = ComputeDevice.CPU;
        private int threads;
        private double threshold = 0.5;
        private PreprocessingConfig preprocessing;

        private Builder() {}

        /** The network to train; {@link NetworkConfig#cpu()} by default. */
        public Builder network(NetworkConfig value) {
            network = Objects.requireNonNull(value, "network");
            return this;
        }

        /** The base learning rate of SGD, finite and above 0; the paper's 1e-4 by default. */
        public Builder learningRate(double value) {
            require(value > 0 && Double.isFinite(value), "learningRate", value, "> 0");
            learningRate = value;
            return this;
        }

        /**
         * How the rate changes over the run ({@link LearningRateSchedule#CONSTANT}, the paper's, by
         * default).
         */
        public Builder learningRateSchedule(LearningRateSchedule value) {
            schedule = Objects.requireNonNull(value, "learningRateSchedule");
            return this;
        }

        /**
         * Epochs over which the rate rises linearly to its full value (from rate/w, w = the
         * warm-up's steps) before the schedule takes over the remaining steps; 0, the paper's, by
         * default, and fewer than {@link #epochs(int)}. See {@link
         * LearningRateSchedule#factor(long, long, long)}.
         */
        public Builder warmupEpochs(int value) {
            require(value >= 0, "warmupEpochs", value, ">= 0");
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

        /**
         * Which epoch becomes the model ({@link ModelSelection#LOWEST_VALIDATION_LOSS} by default).
         */
        public Builder modelSelection(ModelSelection value) {
            selection = Objects.requireNonNull(value, "modelSelection");
            return this;
        }

        /**
         * The regression part of the loss ({@link RegressionLoss#MSE}, the paper's, by default).
         */
        public Builder regressionLoss(RegressionLoss value) {
            regressionLoss = Objects.requireNonNull(value, "regressionLoss");
            return this;
        }

        /** SGD momentum in [0, 1); the paper's 0.9 by default. */
        public Builder momentum(double value) {
            require(value >= 0 && value < 1, "momentum", value, "in [0, 1)");
            momentum = value;
            return this;
        }

        /**
         * SGD weight decay, finite and at least 0, added to the gradient as PyTorch does; 5e-4 by
         * default.
         */
        public Builder weightDecay(double value) {
            require(value >= 0 && Double.isFinite(value), "weightDecay", value, ">= 0");
            weightDecay = value;
            return this;
        }

        /**
         * Epochs of the whole run (a resumed run continues up to this count), at least 1; 300 by
         * default.
         */
        public Builder epochs(int value) {
            require(value >= 1, "epochs", value, ">= 1");
            epochs = value;
            return this;
        }

        /** Studies per training step, at least 1; the paper's 8 by default. */
        public Builder batchSize(int value) {
            require(value >= 1, "batchSize", value, ">= 1");
            batchSize = value;
            return this;
        }

        /**
         * {@code w_reg} and {@code w_cls} of the loss, each finite and at least 0 (both 1 by
         * default); a multi-task run needs one above 0.
         */
        public Builder lossWeights(double regression, double classification) {
            require(
                    regression >= 0 && Double.isFinite(regression),
                    "regressionWeight",
                    regression,
                    ">= 0");
            require(
                    classification >= 0 && Double.isFinite(classification),
                    "classificationWeight",
                    classification,
                    ">= 0");
            regressionWeight = regression;
            classificationWeight = classification;
            return this;
        }

        /** Which heads are trained; both ({@link TaskMode#MULTI}) by default. */
        public Builder taskMode(TaskMode value) {
            taskMode = Objects.requireNonNull(value, "taskMode");
            return this;
        }

        /**
         * The seed of the initial weights, the batch order and the augmentation; the same seed,
         * data and settings give the same model (same machine, same thread count). 42 by default.
         */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** Required: the studies trained on, each preprocessed to the network's input shape. */
        public Builder trainingSet(List<TrainingExample> value) {
            trainingSet = Objects.requireNonNull(value, "trainingSet");
            return this;
        }

        /** Studies scored after every epoch and used to pick the best epoch (optional). */
        public Builder validationSet(List<TrainingExample> value) {
            validationSet = Objects.requireNonNull(value, "validationSet");
            return this;
        }

        /** Told of every batch and epoch, on the training thread; none by default. */
        public Builder listener(TrainingListener value) {
            listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /**
         * Random changes to training inputs, drawn from the epoch's random stream; none by default.
         */
        public Builder augmentation(Augmentation value) {
            augmentation = Objects.requireNonNull(value, "augmentation");
            return this;
        }

        /** CPU by default; a GPU request without a GPU falls back to the CPU with a warning. */
        public Builder device(ComputeDevice value) {
            device = Objects.requireNonNull(value, "device");
            return this;
        }

        /** libtorch intra-op threads for the process (0, the default, leaves them as they are). */
        public Builder threads(int value) {
            require(value >= 0, "threads", value, ">= 0");
            threads = value;
            return this;
        }

        /**
         * The probability of death at or above which the outcome is "died", in (0, 1); 0.5 by
         * default.
         */
        public Builder threshold(double value) {
            require(value > 0 && value < 1, "threshold", value, "in (0, 1)");
            threshold = value;
            return this;
        }

        /**
         * The preprocessing the inputs were made with, recorded in the model directory; its target
         * shape must be the network's input (default: the paper's, resized to the network's input).
         */
        public Builder preprocessing(PreprocessingConfig value) {
            preprocessing = Objects.requireNonNull(value, "preprocessing");
            return this;
        }

        /**
         * A trainer with these settings.
         *
         * @throws IllegalArgumentException naming the options that do not fit together: a warm-up
         *     not shorter than the run, both loss weights 0 for multi-task training, or a
         *     preprocessing whose target shape is not the network's input
         */
        public IchTrainer build() {
            require(
                    warmupEpochs < epochs,
                    "warmupEpochs",
                    warmupEpochs,
                    "in [0, epochs = " + epochs + ")");
            require(
                    taskMode != TaskMode.MULTI || regressionWeight + classificationWeight > 0,
                    "lossWeights",
                    regressionWeight + "+" + classificationWeight,
                    "not both 0");
            int[] input = {network.inputDepth(), network.inputHeight(), network.inputWidth()};
            require(
                    preprocessing == null || Arrays.equals(preprocessing.targetShape(), input),
                    "preprocessing target shape",
                    preprocessing == null ? "" : Arrays.toString(preprocessing.targetShape()),
                    "the network's input " + input[0] + "×" + input[1] + "×" + input[2]);
            PreprocessingSettings recorded =
                    preprocessing != null
                            ? PreprocessingSettings.of(preprocessing)
                            : PreprocessingSettings.paperFor(network);
            TrainingSettings settings =
                    new TrainingSettings(
                            network,
                            learningRate,
                            schedule,
                            warmupEpochs,
                            regressionStartsAtMean,
                            regressionLoss,
                            selection,
                            momentum,
                            weightDecay,
                            epochs,
                            batchSize,
                            regressionWeight,
                            classificationWeight,
                            taskMode,
                            seed,
                            augmentation,
                            device,
                            threads,
                            threshold,
                            recorded);
            return new IchTrainer(settings, this);
        }

        private static void require(boolean ok, String field, Object value, String rule) {
            if (!ok) {
                throw new IllegalArgumentException(field + " must be " + rule + ", got " + value);
            }
        }
    }
}
