package dev.ich.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * SGD with momentum and L2 weight decay exactly as {@code torch.optim.SGD} (dampening 0, not
 * Nesterov): {@code d = g + wd·w; buf = momentum·buf + d; w -= lr·buf}. The decay is added to the
 * gradient before the momentum, which is what PyTorch does; DJL's own {@code Sgd} optimizer applies
 * the engine's fused update with its own conventions (rescaling, clipping, lazy updates), so this
 * class does the three steps itself. The momentum buffers start at zero, which equals PyTorch's
 * "first step copies d" rule.
 *
 * <p>Why the update runs in chunks: DJL has no fused multiply-add and no {@code out=} form, so the
 * rule takes six elementwise operations and two temporaries where PyTorch's kernels take four. On a
 * whole weight (up to 7 M values, 28 MB, at the paper's size) every operation is a pass over main
 * memory and every temporary a fresh allocation. On flat views of at most {@link #CHUNK} values the
 * six operations run on data that stays in the processor's cache, and the temporaries are small.
 * The arithmetic is elementwise, so the result is the same to the bit.
 *
 * <p>Why the scalars are arrays: DJL's {@code mul(Number)} turns the number into a new 0-d tensor
 * through a direct buffer on every call, and that costs more than multiplying a 1 M-value chunk.
 * The optimizer keeps the decay and the momentum as 0-d arrays and makes the rate's once per step;
 * the kernels PyTorch runs are the same ({@code mul(Number)} makes the same 0-d tensor). A weight
 * of at most one chunk is updated whole, without taking a view of it.
 */
final class SgdOptimizer implements AutoCloseable {

    /**
     * Values per chunk: 4 MB of floats, so the five arrays of a chunk fit a 32 MB last-level cache.
     */
    static final long CHUNK = 1 << 20;

    private final List<Parameter> parameters;
    private final List<NDArray> buffers = new ArrayList<>();
    private final NDManager manager;
    private final NDArray momentum;
    private final NDArray weightDecay;
    private final long chunk;

    SgdOptimizer(
            NDManager manager, List<Parameter> parameters, double momentum, double weightDecay) {
        this(manager, parameters, momentum, weightDecay, CHUNK);
    }

    /** With a chosen chunk length (tests use a small one to cover weights of several chunks). */
    SgdOptimizer(
            NDManager manager,
            List<Parameter> parameters,
            double momentum,
            double weightDecay,
            long chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be positive, got " + chunk);
        }
        this.manager = manager;
        this.parameters = List.copyOf(parameters);
        this.momentum = manager.create((float) momentum);
        this.weightDecay = manager.create((float) weightDecay);
        this.chunk = chunk;
        for (Parameter p : this.parameters) {
            buffers.add(manager.zeros(p.getArray().getShape()));
        }
    }

    /**
     * Applies one update with {@code learningRate} (PyTorch's {@code step()}). The rate is an
     * argument, as a PyTorch scheduler sets it per step. The gradients are the step's own ({@link
     * StepParameters}), so there is nothing to clear afterwards.
     *
     * @param gradients the gradient of each parameter this optimizer updates
     */
    void step(double learningRate, Function<Parameter, NDArray> gradients) {
        try (NDManager stepScope = manager.newSubManager()) {
            NDArray lr = stepScope.create((float) learningRate);
            for (int i = 0; i < parameters.size(); i++) {
                try (NDManager scope = stepScope.newSubManager()) {
                    NDArray grad = gradients.apply(parameters.get(i));
                    scope.attachAll(grad);
                    NDArray w = parameters.get(i).getArray().reshape(-1);
                    NDArray g = grad.reshape(-1);
                    NDArray buf = buffers.get(i).reshape(-1);
                    scope.attachAll(w, g, buf);
                    update(w, g, buf, lr);
                }
            }
        }
    }

    /**
     * The update on flat views of a weight, its gradient and its buffer (views share their memory,
     * as {@code reshape} and {@code get} of a range return views of a contiguous tensor), chunk by
     * chunk. Each chunk's arrays are closed at once so the next chunk reuses their memory.
     */
    private void update(NDArray w, NDArray grad, NDArray buf, NDArray lr) {
        long n = w.size();
        if (n <= chunk) {
            updateChunk(w, grad, buf, lr);
            return;
        }
        for (long start = 0; start < n; start += chunk) {
            String range = start + ":" + Math.min(n, start + chunk);
            try (NDArray wPart = w.get(range);
                    NDArray gradPart = grad.get(range);
                    NDArray bufPart = buf.get(range)) {
                updateChunk(wPart, gradPart, bufPart, lr);
            }
        }
    }

    private void updateChunk(NDArray w, NDArray grad, NDArray buf, NDArray lr) {
        try (NDArray d = w.mul(weightDecay)) {
            d.addi(grad);
            buf.muli(momentum).addi(d);
            try (NDArray delta = buf.mul(lr)) {
                w.subi(delta);
            }
        }
    }

    /** The momentum buffers, in parameter order (for checkpoints). */
    List<float[]> state() {
        List<float[]> state = new ArrayList<>();
        for (NDArray b : buffers) {
            state.add(b.toFloatArray());
        }
        return state;
    }

    /** Restores buffers saved by {@link #state()}. */
    void restore(List<float[]> state) {
        if (state.size() != buffers.size()) {
            throw new IllegalArgumentException(
                    "optimizer state has " + state.size() + " buffers, expected " + buffers.size());
        }
        for (int i = 0; i < buffers.size(); i++) {
            buffers.get(i).set(state.get(i));
        }
    }

    @Override
    public void close() {
        buffers.forEach(NDArray::close);
        momentum.close();
        weightDecay.close();
    }
}
