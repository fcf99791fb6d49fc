package dev.ich.model.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The parameter values of one training step: each trained weight is handed to the forward pass as a
 * new leaf (a detached view of the weight, same memory, gradient required), and its gradient is
 * read from that leaf after the backward pass. Other parameters (batch-norm running statistics, a
 * head the task mode does not train) are the weights themselves.
 *
 * <p>Why a new leaf each step: PyTorch's {@code zero_grad()} sets gradients to {@code None}, so the
 * backward pass hands its freshly computed gradient over to the weight. DJL cannot unset a
 * gradient; a weight that keeps one must have it zeroed (one write pass over all weights) and then
 * gets the new gradient added into it (two reads and a write). A leaf that has never had a gradient
 * receives the backward's own buffer, as in PyTorch. The leaves and their gradients belong to the
 * step's manager and are freed with it.
 */
final class StepParameters extends ParameterStore {

    private final NDManager stepManager;
    private final Set<Parameter> trained;
    private final Map<Parameter, NDArray> leaves = new IdentityHashMap<>();

    /**
     * @param stepManager the manager of this step's arrays
     * @param trained the parameters that get a gradient
     */
    StepParameters(NDManager stepManager, Set<Parameter> trained) {
        super(stepManager, false);
        this.stepManager = stepManager;
        this.trained = trained;
    }

    @Override
    public NDArray getValue(Parameter parameter, Device device, boolean training) {
        if (parameter == null || !trained.contains(parameter)) {
            return super.getValue(parameter, device, training);
        }
        return leaves.computeIfAbsent(
                parameter,
                p -> {
                    NDArray leaf = p.getArray().stopGradient();
                    leaf.attach(stepManager);
                    leaf.setRequiresGradient(true);
                    return leaf;
                });
    }

    /**
     * The gradient of {@code parameter} after the backward pass (zeros if the loss did not use it).
     */
    NDArray gradient(Parameter parameter) {
        NDArray leaf = leaves.get(parameter);
        if (leaf == null) {
            throw new IllegalStateException("the forward pass did not use " + parameter.getName());
        }
        return leaf.getGradient();
    }
}
