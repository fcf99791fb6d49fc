package dev.ich.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * SGD with momentum and L2 weight decay exactly as {@code torch.optim.SGD} (dampening 0, not
 * Nesterov): {@code d = g + wd·w; buf = momentum·buf + d; w -= lr·buf}. The decay is added to the
 * gradient before the momentum, which is what PyTorch does; DJL's own {@code Sgd} optimizer
 * applies the engine's fused update with its own conventions (rescaling, clipping, lazy updates),
 * so this class does the three steps itself. The momentum buffers start at zero, which equals
 * PyTorch's "first step copies d" rule.
 */
final class SgdOptimizer implements AutoCloseable {

    private final List<Parameter> parameters;
    private final List<NDArray> buffers = new ArrayList<>();
    private final float momentum;
    private final float weightDecay;

    SgdOptimizer(NDManager manager, List<Parameter> parameters, double momentum, double weightDecay) {
        this.parameters = List.copyOf(parameters);
        this.momentum = (float) momentum;
        this.weightDecay = (float) weightDecay;
        for (Parameter p : this.parameters) {
            buffers.add(manager.zeros(p.getArray().getShape()));
        }
    }

    /**
     * Applies one update with {@code learningRate} from the gradients and clears them (PyTorch's
     * {@code step(); zero_grad()}). The rate is an argument, as a PyTorch scheduler sets it per step.
     */
    void step(double learningRate) {
        float lr = (float) learningRate;
        for (int i = 0; i < parameters.size(); i++) {
            NDArray w = parameters.get(i).getArray();
            NDArray buf = buffers.get(i);
            try (NDArray grad = w.getGradient();
                 NDArray d = w.mul(weightDecay)) {
                d.addi(grad);
                buf.muli(momentum).addi(d);
                try (NDArray delta = buf.mul(lr)) {
                    w.subi(delta);
                }
                grad.subi(grad);
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
