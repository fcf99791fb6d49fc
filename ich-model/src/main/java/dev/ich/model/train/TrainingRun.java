package dev.ich.model.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import dev.ich.core.analysis.LibraryVersion;
import dev.ich.core.analysis.Outcome;
import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.preprocess.ModelInput;
import dev.ich.model.ModelManifest;
import dev.ich.model.NetworkConfig;
import dev.ich.model.TargetTransform;
import dev.ich.model.TrainingProvenance;
import dev.ich.model.arch.IchNetwork;
import dev.ich.model.internal.Engines;
import dev.ich.model.internal.FloatTensors;
import dev.ich.model.internal.ModelFiles;
import dev.ich.model.internal.Sha256;
import dev.ich.model.internal.Weights;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call of {@link IchTrainer#train} or {@link IchTrainer#resume}: the settings, the data and the
 * listener it was given.
 */
final class TrainingRun {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);
    private static final TargetTransform TRANSFORM = TargetTransform.CUBE_ROOT;

    /** Mixes the epoch number into the seed (the 64-bit golden ratio, as SplittableRandom uses). */
    private static final long EPOCH_MIX = 0x9E3779B97F4A7C15L;

    private final TrainingSettings settings;
    private final List<TrainingExample> trainingSet;
    private final List<TrainingExample> validationSet;
    private final TrainingListener listener;
    private final Path modelDir;
    private final Path checkpointDir;
    private final boolean resume;

    TrainingRun(
            TrainingSettings settings,
            List<TrainingExample> trainingSet,
            List<TrainingExample> validationSet,
            TrainingListener listener,
            Path modelDirectory,
            boolean resume) {
        this.settings = settings;
        this.trainingSet = trainingSet;
        this.validationSet = validationSet;
        this.listener = listener;
        this.modelDir = modelDirectory.toAbsolutePath().normalize();
        this.checkpointDir = IchTrainer.checkpointDirectory(modelDirectory);
        this.resume = resume;
    }

    TrainingResult run() throws IchException {
        checkData(trainingSet, "training set", true);
        if (!validationSet.isEmpty()) {
            checkData(validationSet, "validation set", false);
        }
        String dataHash = dataHash();
        checkOutputs();
        if (settings.threads() > 0) {
            Engines.setIntraOpThreads(settings.threads());
        }
        Device device = Engines.resolve(settings.device());
        Engines.noGradientsOnThisThread();
        try (NDManager manager = Engines.pytorch().newBaseManager(device)) {
            IchNetwork network = new IchNetwork(settings.network());
            network.initialize(manager, DataType.FLOAT32, network.inputShape(1));
            Weights.initialize(network, settings.seed());
            double meanTarget = meanTarget();
            if (settings.regressionStartsAtMean()) {
                network.torchParameters()
                        .get("fc_reg.bias")
                        .getArray()
                        .set(new float[] {(float) meanTarget});
            }
            Loss loss =
                    new Loss(
                            settings.taskMode(),
                            settings.regressionWeight(),
                            settings.classificationWeight(),
                            settings.regressionLoss(),
                            meanTarget);
            Checkpoint.State state =
                    new Checkpoint.State(
                            0,
                            List.of(),
                            0,
                            Double.POSITIVE_INFINITY,
                            settings.fingerprint(),
                            dataHash);
            List<float[]> momentum = null;
            if (resume) {
                state = Checkpoint.readState(checkpointDir);
                if (!state.settings().equals(settings.fingerprint())
                        || !state.dataSha256().equals(dataHash)) {
                    throw new IchException(
                            ErrorCode.INVALID_TRAINING_DATA,
                            checkpointDir.toString(),
                            "the checkpoint was made with other settings or other data",
                            "Resume with the same options and manifest, or start again without --resume after removing it");
                }
                Checkpoint.loadParameters(
                        network, checkpointDir.resolve(Checkpoint.PARAMETERS), manager);
                momentum = Checkpoint.readMomentum(checkpointDir);
                LOG.info("Resuming after epoch {} of {}", state.epochsDone(), settings.epochs());
            }
            try (TrainStep step =
                    new TrainStep(
                            manager, network, loss, settings.momentum(), settings.weightDecay())) {
                if (momentum != null) {
                    step.optimizer().restore(momentum);
                }
                List<EpochMetrics> history = new ArrayList<>(state.history());
                int bestEpoch = state.bestEpoch();
                double bestScore = state.bestScore();
                for (int epoch = state.epochsDone() + 1; epoch <= settings.epochs(); epoch++) {
                    long start = System.nanoTime();
                    double trainLoss = trainEpoch(manager, network, step, epoch);
                    EpochMetrics m =
                            validate(
                                    manager,
                                    network,
                                    loss,
                                    epoch,
                                    trainLoss,
                                    (System.nanoTime() - start) / 1e9);
                    history.add(m);
                    double score = validationSet.isEmpty() ? m.trainLoss() : m.validationLoss();
                    boolean improved =
                            settings.selection() == ModelSelection.LAST_EPOCH
                                    || bestEpoch == 0
                                    || score < bestScore;
                    if (improved) {
                        bestEpoch = epoch;
                        bestScore = score;
                    }
                    Checkpoint.write(
                            checkpointDir,
                            new Checkpoint.State(
                                    epoch,
                                    history,
                                    bestEpoch,
                                    bestScore,
                                    settings.fingerprint(),
                                    dataHash),
                            network,
                            step.optimizer(),
                            improved);
                    listener.onEpoch(m, settings.epochs());
                }
                if (history.isEmpty()) {
                    throw new IchException(
                            ErrorCode.INVALID_TRAINING_DATA,
                            checkpointDir.toString(),
                            "the checkpoint already has " + state.epochsDone() + " epochs",
                            "Ask for more epochs");
                }
                Checkpoint.loadParameters(network, checkpointDir.resolve(Checkpoint.BEST), manager);
                EpochMetrics best = history.get(bestEpoch - 1);
                TrainingProvenance provenance =
                        new TrainingProvenance(
                                settings.seed(),
                                history.size(),
                                bestEpoch,
                                settings.taskMode().name(),
                                dataHash,
                                libraryVersion(),
                                best.asMap());
                ModelManifest manifest =
                        new ModelManifest(
                                settings.network(),
                                TRANSFORM,
                                settings.threshold(),
                                settings.preprocessing(),
                                provenance,
                                "");
                ModelManifest written = ModelFiles.write(modelDir, network, manifest);
                Checkpoint.remove(checkpointDir);
                return new TrainingResult(modelDir, written, history, bestEpoch);
            }
        }
    }

    /** Refuses, before any work, whatever is in the way; nothing a user has is replaced. */
    private void checkOutputs() throws IchException {
        boolean somethingThere = Files.exists(checkpointDir, LinkOption.NOFOLLOW_LINKS);
        boolean checkpointExists = Checkpoint.isCheckpoint(checkpointDir);
        if (somethingThere && !checkpointExists) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    checkpointDir.toString(),
                    "is where this run keeps its checkpoint, but it is not a checkpoint of ich train and is left as it is",
                    "Move it away or choose another --out");
        }
        if (resume && !checkpointExists) {
            throw new IchException(
                    ErrorCode.FILE_NOT_FOUND,
                    checkpointDir.toString(),
                    "there is no checkpoint to resume from",
                    "Start the training without --resume");
        }
        if (!resume && checkpointExists) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    checkpointDir.toString(),
                    "holds the checkpoint of an earlier run",
                    "Continue it with --resume, or remove it to start again");
        }
        if (Files.exists(modelDir, LinkOption.NOFOLLOW_LINKS)) {
            boolean empty;
            try (var entries = Files.list(modelDir)) {
                empty =
                        Files.isDirectory(modelDir, LinkOption.NOFOLLOW_LINKS)
                                && entries.findAny().isEmpty();
            } catch (java.io.IOException e) {
                empty = false;
            }
            if (!empty) {
                throw new IchException(
                        ErrorCode.OUTPUT_NOT_WRITABLE,
                        modelDir.toString(),
                        "already exists and is not an empty directory",
                        "Choose a new output directory");
            }
        }
    }

    /**
     * The training set's mean ∛volume: where the regression may start (so the first steps need not
     * learn the offset) and the scale of the relative loss.
     */
    private double meanTarget() {
        double sum = 0;
        for (TrainingExample e : trainingSet) {
            sum += TRANSFORM.toTarget(e.volumeMl());
        }
        return sum / trainingSet.size();
    }

    private double trainEpoch(NDManager manager, IchNetwork network, TrainStep step, int epoch)
            throws IchException {
        SplittableRandom random = new SplittableRandom(settings.seed() ^ (epoch * EPOCH_MIX));
        int n = trainingSet.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        int batches = (n + settings.batchSize() - 1) / settings.batchSize();
        double sum = 0;
        int size = settings.network().inputSize();
        for (int b = 0; b < batches; b++) {
            int from = b * settings.batchSize();
            int count = Math.min(settings.batchSize(), n - from);
            float[] data = new float[count * size];
            float[] targets = new float[count];
            int[] outcomes = new int[count];
            for (int i = 0; i < count; i++) {
                TrainingExample e = trainingSet.get(order[from + i]);
                if (settings.augmentation().isNone()) {
                    e.input().copyTo(data, i * size);
                } else {
                    settings.augmentation().apply(e.input(), random, data, i * size);
                }
                targets[i] = (float) TRANSFORM.toTarget(e.volumeMl());
                outcomes[i] = e.outcome().ordinal();
            }
            float loss;
            try (NDManager batch = manager.newSubManager()) {
                NDArray x = FloatTensors.of(batch, network.inputShape(count), data);
                long stepIndex = (long) (epoch - 1) * batches + b;
                double rate = settings.learningRateAt(stepIndex, batches);
                loss = step.run(batch, x, targets, outcomes, rate);
            } catch (NonFiniteStepException e) {
                throw new IchException(
                        ErrorCode.NON_FINITE_RESULT,
                        "training",
                        "diverged at epoch "
                                + epoch
                                + ", batch "
                                + (b + 1)
                                + " of "
                                + batches
                                + ": "
                                + e.getMessage()
                                + "; no model was written",
                        "Train with a lower learning rate (--lr) or a longer warm-up"
                                + " (--warmup), or check the training data",
                        e);
            }
            sum += loss;
            listener.onBatch(epoch, b + 1, batches, loss);
        }
        return sum / batches;
    }

    private EpochMetrics validate(
            NDManager manager,
            IchNetwork network,
            Loss loss,
            int epoch,
            double trainLoss,
            double trainSeconds) {
        List<TrainingExample> v = validationSet;
        if (v.isEmpty()) {
            return new EpochMetrics(
                    epoch,
                    trainLoss,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    trainSeconds);
        }
        long start = System.nanoTime();
        int n = v.size();
        double[] predicted = new double[n];
        double[] truth = new double[n];
        double[] probability = new double[n];
        int[] outcome = new int[n];
        double lossSum = 0;
        for (int from = 0; from < n; from += settings.batchSize()) {
            int count = Math.min(settings.batchSize(), n - from);
            List<ModelInput> inputs = new ArrayList<>(count);
            float[] targets = new float[count];
            int[] outcomes = new int[count];
            for (int i = 0; i < count; i++) {
                TrainingExample e = v.get(from + i);
                inputs.add(e.input());
                targets[i] = (float) TRANSFORM.toTarget(e.volumeMl());
                outcomes[i] = e.outcome().ordinal();
            }
            try (NDManager batch = manager.newSubManager()) {
                ParameterStore ps = new ParameterStore(batch, false);
                NDList out =
                        network.forward(
                                ps,
                                new NDList(
                                        FloatTensors.of(batch, network.inputShape(count), inputs)),
                                false);
                NDArray batchLoss = loss.compute(batch, out.get(0), out.get(1), targets, outcomes);
                lossSum += batchLoss.getFloat() * count;
                float[] sizes = out.get(0).toFloatArray();
                float[] p = out.get(1).softmax(1).toFloatArray();
                for (int i = 0; i < count; i++) {
                    predicted[from + i] = TRANSFORM.toVolumeMl(sizes[i]);
                    truth[from + i] = v.get(from + i).volumeMl();
                    probability[from + i] = p[2 * i + 1];
                    outcome[from + i] = outcomes[i];
                }
            }
        }
        double seconds = trainSeconds + (System.nanoTime() - start) / 1e9;
        return new EpochMetrics(
                epoch,
                trainLoss,
                lossSum / n,
                ValidationMetrics.mae(predicted, truth),
                ValidationMetrics.mapePercent(predicted, truth),
                ValidationMetrics.accuracy(probability, outcome, settings.threshold()),
                ValidationMetrics.auc(probability, outcome),
                seconds);
    }

    private void checkData(List<TrainingExample> data, String name, boolean training)
            throws IchException {
        if (data.isEmpty()) {
            throw new IchException(
                    ErrorCode.INVALID_TRAINING_DATA,
                    name,
                    "is empty",
                    "Give at least two studies, "
                            + "with both outcomes when the prognosis is trained");
        }
        NetworkConfig c = settings.network();
        int died = 0;
        for (int i = 0; i < data.size(); i++) {
            ModelInput in = data.get(i).input();
            if (in.depth() != c.inputDepth()
                    || in.height() != c.inputHeight()
                    || in.width() != c.inputWidth()) {
                throw new IchException(
                        ErrorCode.INVALID_TRAINING_DATA,
                        "example " + i + " of the " + name,
                        "has shape "
                                + in.depth()
                                + "×"
                                + in.height()
                                + "×"
                                + in.width()
                                + " but the network takes "
                                + c.inputDepth()
                                + "×"
                                + c.inputHeight()
                                + "×"
                                + c.inputWidth(),
                        "Preprocess every study to the network's input shape");
            }
            float[] values = in.data();
            for (int j = 0; j < values.length; j++) {
                if (!Float.isFinite(values[j])) {
                    throw new IchException(
                            ErrorCode.INVALID_TRAINING_DATA,
                            "example " + i + " of the " + name,
                            "has the value " + values[j] + " at index " + j,
                            "Check the study and its preprocessing");
                }
            }
            died += data.get(i).outcome() == Outcome.DIED ? 1 : 0;
        }
        if (training
                && settings.taskMode().trainsPrognosis()
                && (died == 0 || died == data.size())) {
            throw new IchException(
                    ErrorCode.INVALID_TRAINING_DATA,
                    name,
                    "has only one outcome ("
                            + (died == 0 ? Outcome.SURVIVED : Outcome.DIED)
                            + " for all "
                            + data.size()
                            + " studies)",
                    "The prognosis head needs studies of both outcomes; add some, or train with the volume task only");
        }
    }

    private String dataHash() {
        MessageDigest digest = Sha256.newDigest();
        for (List<TrainingExample> set : List.of(trainingSet, validationSet)) {
            digest.update((byte) set.size());
            for (TrainingExample e : set) {
                float[] values = e.input().data();
                ByteBuffer buf = ByteBuffer.allocate(values.length * 4 + 16);
                buf.asFloatBuffer().put(values);
                buf.position(values.length * 4);
                buf.putDouble(e.volumeMl());
                buf.putInt(e.outcome().ordinal());
                buf.putInt(e.input().depth() * 31 + e.input().height() * 7 + e.input().width());
                digest.update(buf.array());
            }
        }
        return Sha256.hex(digest);
    }

    private static String libraryVersion() {
        return LibraryVersion.get();
    }
}
