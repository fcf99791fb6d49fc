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
 * gradient before the momentum, which is what PyTorch does; DJL's own {@code Sgd} optimizer
 * applies the engine's fused update with its own conventions (rescaling, clipping, lazy updates),
 * so this class does the three steps itself. The momentum buffers start at zero, which equals
 * PyTorch's "first step copies d" rule.
 *
 * <p>Why the update runs in chunks: DJL has no fused multiply-add and no {@code out=} form, so the
 * rule takes six elementwise operations and two temporaries where PyTorch's kernels take four. On
 * a whole weight (up to 7 M values, 28 MB, at the paper's size) every operation is a pass over
 * main memory and every temporary a fresh allocation. On flat views of at most {@link #CHUNK}
 * values the six operations run on data that stays in the processor's cache, and the
 * temporaries are small. The arithmetic is elementwise, so the result is the same to the bit.
 */
final class SgdOptimizer implements AutoCloseable {

    /** Values per chunk: 4 MB of floats, so the five arrays of a chunk fit a 32 MB last-level cache. */
    static final long CHUNK = 1 << 20;

    private final List<Parameter> parameters;
    private final List<NDArray> buffers = new ArrayList<>();
    private final NDManager manager;
    private final float momentum;
    private final float weightDecay;
    private final long chunk;

    SgdOptimizer(NDManager manager, List<Parameter> parameters, double momentum, double weightDecay) {
        this(manager, parameters, momentum, weightDecay, CHUNK);
    }

    /** With a chosen chunk length (tests use a small one to cover weights of several chunks). */
    SgdOptimizer(NDManager manager, List<Parameter> parameters, double momentum, double weightDecay, long chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be positive, got " + chunk);
        }
        this.manager = manager;
        this.parameters = List.copyOf(parameters);
        this.momentum = (float) momentum;
        this.weightDecay = (float) weightDecay;
        this.chunk = chunk;
        for (Parameter p : this.parameters) {
            buffers.add(manager.zeros(p.getArray().getShape()));
        }
    }

    /**
     * Applies one update with {@code learningRate} (PyTorch's {@code step()}). The rate is an
     * argument, as a PyTorch scheduler sets it per step. The gradients are the step's own
     * ({@link StepParameters}), so there is nothing to clear afterwards.
     *
     * @param gradients the gradient of each parameter this optimizer updates
     */
    void step(double learningRate, Function<Parameter, NDArray> gradients) {
        float lr = (float) learningRate;
        for (int i = 0; i < parameters.size(); i++) {
            NDArray w = parameters.get(i).getArray();
            try (NDManager scope = manager.newSubManager()) {
                NDArray grad = gradients.apply(parameters.get(i));
                scope.attachAll(grad);
                update(scope, w.reshape(-1), grad.reshape(-1), buffers.get(i).reshape(-1), lr);
            }
        }
    }

    /**
     * The update on flat views of a weight, its gradient and its buffer (views share their memory,
     * as {@code reshape} and {@code get} of a range return views of a contiguous tensor), chunk by
     * chunk. Each chunk's arrays are closed at once so the next chunk reuses their memory.
     */
    private void update(NDManager scope, NDArray w, NDArray grad, NDArray buf, float lr) {
        scope.attachAll(w, grad, buf);
        long n = w.size();
        for (long start = 0; start < n; start += chunk) {
            String range = start + ":" + Math.min(n, start + chunk);
            try (NDArray wPart = w.get(range);
                 NDArray gradPart = grad.get(range);
                 NDArray bufPart = buf.get(range);
                 NDArray d = wPart.mul(weightDecay)) {
                d.addi(gradPart);
                bufPart.muli(momentum).addi(d);
                try (NDArray delta = bufPart.mul(lr)) {
                    wPart.subi(delta);
                }
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
            throw new IllegalArgumentException("optimizer state has " + state.size() + " buffers, expected "
                + buffers.size());
        }
        for (int i = 0; i < buffers.size(); i++) {
            buffers.get(i).set(state.get(i));
        }
    }

    @Override
    public void close() {
        buffers.forEach(NDArray::close);
    }
}
