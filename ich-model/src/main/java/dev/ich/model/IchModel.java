package dev.ich.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import dev.ich.core.analysis.IchPredictor;
import dev.ich.core.analysis.Prediction;
import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.preprocess.ModelInput;
import dev.ich.core.preprocess.PreprocessingConfig;
import dev.ich.model.arch.IchNetwork;
import dev.ich.model.arch.NetworkContext;
import dev.ich.model.arch.NetworkSession;
import dev.ich.model.internal.Engines;
import dev.ich.model.internal.ModelFiles;
import dev.ich.model.internal.NativeGuard;
import dev.ich.model.internal.Weights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A trained network ready for prediction: {@link #load(Path)} a model directory, then {@link
 * #predict(ModelInput)} the volume and the prognosis of preprocessed studies.
 *
 * <p><b>Threads.</b> {@code predict}, {@code predictAll} and {@code withNetwork} may be called
 * concurrently: each call makes its own sub-NDManager and parameter store, runs the forward pass in
 * inference mode (weights and batch-norm statistics are only read) and closes the sub-manager
 * before it returns. A read–write lock keeps {@link #close()} from freeing the weights under a
 * running call. libtorch's intra-op threads are shared by all calls; set them with {@link
 * #setIntraOpThreads(int)}.
 */
public final class IchModel implements IchPredictor, AutoCloseable {

    /** Inputs per forward pass in {@link #predictAll}: bounds the memory of a long list. */
    private static final int BATCH = 4;

    private final NDManager manager;
    private final IchNetwork network;
    private final ModelManifest manifest;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private IchModel(NDManager manager, IchNetwork network, ModelManifest manifest) {
        this.manager = manager;
        this.network = network;
        this.manifest = manifest;
        network.freezeParameters(true);
    }

    /** Loads a model directory onto the CPU. */
    public static IchModel load(Path directory) throws IchException {
        return load(directory, ComputeDevice.CPU);
    }

    /**
     * Loads a model directory, verifying the SHA-256 of its parameters against {@code model.json}.
     *
     * @throws IchException {@link ErrorCode#INVALID_MODEL} when a file is missing, changed or does
     *     not fit the architecture; {@link ErrorCode#FILE_NOT_FOUND} when the directory is missing
     */
    public static IchModel load(Path directory, ComputeDevice device) throws IchException {
        ModelManifest manifest = ModelFiles.readManifest(directory);
        Device target = Engines.resolve(device);
        NDManager manager = Engines.pytorch().newBaseManager(target);
        try {
            IchNetwork network = new IchNetwork(manifest.architecture());
            network.initialize(manager, DataType.FLOAT32, network.inputShape(1));
            ModelFiles.loadParameters(directory, manifest, network, manager);
            return new IchModel(manager, network, manifest);
        } catch (IchException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Makes a model from a PyTorch {@code state_dict} saved as {@code .npz} by
     * tools/reference/ich_net.py's {@code IchNet} with the same architecture (docs/model.md), to be
     * fed inputs made with {@code preprocessing} (its target shape must be the network's input).
     * Save it with {@link #save(Path)} to get a model directory.
     */
    public static IchModel importPyTorch(
            Path npz, NetworkConfig config, PreprocessingConfig preprocessing, double threshold)
            throws IchException {
        return withFreshNetwork(
                config, preprocessing, threshold, network -> Weights.importNpz(network, npz));
    }

    /**
     * A model whose weights are freshly initialised from {@code seed} (as training starts, He
     * initialisation): its predictions mean nothing. For benchmarks and tests of the plumbing that
     * need a model of a given size without training one; the threshold is 0.5.
     *
     * @param preprocessing its target shape must be the network's input
     */
    public static IchModel untrained(
            NetworkConfig config, PreprocessingConfig preprocessing, long seed) {
        return withFreshNetwork(
                config, preprocessing, 0.5, network -> Weights.initialize(network, seed));
    }

    /** Sets the weights of a freshly initialised network; {@code E} is what that may throw. */
    @FunctionalInterface
    private interface WeightSource<E extends Exception> {
        void fill(IchNetwork network) throws E;
    }

    /**
     * A model on the CPU of a new network whose weights {@code weights} sets, with a manifest
     * without training provenance; the manager is closed if anything fails.
     */
    private static <E extends Exception> IchModel withFreshNetwork(
            NetworkConfig config,
            PreprocessingConfig preprocessing,
            double threshold,
            WeightSource<E> weights)
            throws E {
        ModelManifest manifest =
                new ModelManifest(
                        config,
                        TargetTransform.CUBE_ROOT,
                        threshold,
                        PreprocessingSettings.of(preprocessing),
                        null,
                        "");
        NDManager manager = Engines.pytorch().newBaseManager(Device.cpu());
        try {
            IchNetwork network = new IchNetwork(config);
            network.initialize(manager, DataType.FLOAT32, network.inputShape(1));
            weights.fill(network);
            return new IchModel(manager, network, manifest);
        } catch (Exception e) {
            manager.close();
            throw e;
        }
    }

    /**
     * The cap on libtorch's CPU kernels in force in this process, applied before libtorch's first
     * kernel (by default AVX2, so that AVX-512 machines neither crash nor answer differently; see
     * {@link CpuKernelCap}).
     */
    public static CpuKernelCap cpuKernelCap() {
        return NativeGuard.apply();
    }

    /** Sets libtorch's intra-op thread count for the process (2 is best on 2 cores). */
    public static void setIntraOpThreads(int threads) {
        Engines.setIntraOpThreads(threads);
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public NetworkConfig config() {
        return manifest.architecture();
    }

    @Override
    public PreprocessingConfig preprocessing() {
        return manifest.preprocessing().toConfig();
    }

    /**
     * The SHA-256 of the parameters; for a model made by {@link #importPyTorch} before saving, "".
     */
    @Override
    public String parametersSha256() {
        return manifest.parametersSha256();
    }

    /**
     * Writes this model as a new model directory (atomically; an existing non-empty directory is an
     * error).
     */
    public void save(Path directory) throws IchException {
        lock.readLock().lock();
        try {
            checkOpen();
            ModelFiles.write(directory, network, manifest);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Predicts one study: volume = max(0, s)³ for the regression output s = ∛ml, probability of
     * death = softmax of the class scores, outcome "died" above the threshold.
     *
     * @throws IchException {@link ErrorCode#INVALID_VOLUME} when the input's shape is not the
     *     model's or a value is not finite; {@link ErrorCode#NON_FINITE_RESULT} when the network's
     *     output is not
     */
    @Override
    public Prediction predict(ModelInput input) throws IchException {
        return predictAll(List.of(input)).get(0);
    }

    /**
     * Predicts several studies, in batches of a few (equal to one-by-one prediction up to float
     * rounding, ~1e-7).
     */
    public List<Prediction> predictAll(List<ModelInput> inputs) throws IchException {
        Objects.requireNonNull(inputs, "inputs");
        for (int i = 0; i < inputs.size(); i++) {
            check(
                    Objects.requireNonNull(inputs.get(i), "input " + i),
                    inputs.size() == 1 ? "model input" : "model input " + i);
        }
        List<Prediction> out = new ArrayList<>(inputs.size());
        for (int start = 0; start < inputs.size(); start += BATCH) {
            List<ModelInput> batch = inputs.subList(start, Math.min(inputs.size(), start + BATCH));
            out.addAll(withNetwork(ctx -> forward(ctx, batch)));
        }
        return out;
    }

    private List<Prediction> forward(NetworkContext ctx, List<ModelInput> batch)
            throws IchException {
        NDArray x = ctx.input(batch);
        NDList result = ctx.network().forward(ctx.parameters(), new NDList(x), false);
        float[] sizes = result.get(0).toFloatArray();
        float[] probabilities = result.get(1).softmax(1).toFloatArray();
        List<Prediction> predictions = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            if (!Float.isFinite(sizes[i]) || !Float.isFinite(probabilities[2 * i + 1])) {
                throw new IchException(
                        ErrorCode.NON_FINITE_RESULT,
                        "prediction",
                        "is not finite (regression output "
                                + sizes[i]
                                + ", probability of death "
                                + probabilities[2 * i + 1]
                                + ")",
                        "The model or the native library is damaged: check the model directory and the CPU kernels"
                                + " reported by 'ich --version'");
            }
            predictions.add(
                    Prediction.of(sizes[i], probabilities[2 * i + 1], manifest.threshold()));
        }
        return predictions;
    }

    /**
     * Runs {@code session} on the network in its own sub-manager, closed when it returns; for
     * ich-explain (Grad-CAM) and other code that needs the stages. See {@link IchNetwork}.
     */
    public <T> T withNetwork(NetworkSession<T> session) throws IchException {
        lock.readLock().lock();
        try {
            checkOpen();
            Engines.noGradientsOnThisThread();
            try (NDManager sub = manager.newSubManager()) {
                return session.run(
                        new NetworkContext(network, sub, new ParameterStore(sub, false)));
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Checks that {@code input} fits this model: its shape, and finite values only. */
    public void check(ModelInput input, String source) throws IchException {
        NetworkConfig c = manifest.architecture();
        if (input.depth() != c.inputDepth()
                || input.height() != c.inputHeight()
                || input.width() != c.inputWidth()) {
            throw new IchException(
                    ErrorCode.INVALID_VOLUME,
                    source,
                    "has shape "
                            + input.depth()
                            + "×"
                            + input.height()
                            + "×"
                            + input.width()
                            + " but the model expects "
                            + c.inputDepth()
                            + "×"
                            + c.inputHeight()
                            + "×"
                            + c.inputWidth(),
                    "Preprocess the study with the configuration the model was trained with");
        }
        for (int d = 0; d < input.depth(); d++) {
            for (int h = 0; h < input.height(); h++) {
                for (int w = 0; w < input.width(); w++) {
                    float v = input.get(d, h, w);
                    if (!Float.isFinite(v)) {
                        throw new IchException(
                                ErrorCode.INVALID_VOLUME,
                                source,
                                "has the value "
                                        + v
                                        + " at (d, h, w) = ("
                                        + d
                                        + ", "
                                        + h
                                        + ", "
                                        + w
                                        + ")",
                                "Check the study and its preprocessing; the network needs finite values");
                    }
                }
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the model is closed");
        }
    }

    /**
     * Frees the weights; waits for running calls. Further calls throw {@link
     * IllegalStateException}.
     */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                manager.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
