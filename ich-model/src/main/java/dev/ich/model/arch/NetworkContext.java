package dev.ich.model.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.ich.core.preprocess.ModelInput;
import dev.ich.model.internal.FloatTensors;
import java.util.List;

/**
 * What a {@link NetworkSession} gets: the network, a sub-manager that is closed when the session
 * returns (every array made in it is freed then), and a parameter store for {@link IchNetwork}'s
 * forward methods. The network's parameters are frozen (they never require gradients), so a session
 * that wants gradients (Grad-CAM) marks its own leaf with {@code setRequiresGradient(true)}.
 *
 * @param network the network, with the model's weights
 * @param manager the session's NDManager on the model's device
 * @param parameters a fresh parameter store on {@code manager}
 */
public record NetworkContext(IchNetwork network, NDManager manager, ParameterStore parameters) {

    /**
     * A batch {@code N×1×D×H×W} of model inputs in {@link #manager()}; shapes are checked by the
     * caller.
     */
    public NDArray input(List<ModelInput> inputs) {
        ModelInput first = inputs.get(0);
        // Not manager.create(float[]): its direct buffer outlives the session (see FloatTensors).
        return FloatTensors.of(
                manager,
                new Shape(inputs.size(), 1, first.depth(), first.height(), first.width()),
                inputs);
    }
}
