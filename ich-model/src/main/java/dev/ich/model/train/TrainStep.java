package dev.ich.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.ich.model.arch.IchNetwork;
import dev.ich.model.internal.ChannelBlockGuard;
import dev.ich.model.internal.Engines;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One optimisation step on one batch: forward in training mode (batch statistics, running
 * statistics updated), the loss, backward, and the SGD update of the trained parameters. The
 * parameters of a head that the task mode does not train get no gradient and are not updated (as in
 * PyTorch, where parameters without a gradient are skipped).
 */
final class TrainStep implements AutoCloseable {

    private final IchNetwork network;
    private final Loss loss;
    private final SgdOptimizer optimizer;
    private final Set<Parameter> trained;
    private StepParts lastParts;

    TrainStep(
            NDManager manager, IchNetwork network, Loss loss, double momentum, double weightDecay) {
        this(manager, network, loss, momentum, weightDecay, SgdOptimizer.CHUNK);
    }

    /** With the optimizer's chunk length chosen (see {@link SgdOptimizer}); for tests. */
    TrainStep(
            NDManager manager,
            IchNetwork network,
            Loss loss,
            double momentum,
            double weightDecay,
            long sgdChunk) {
        this.network = network;
        this.loss = loss;
        TaskMode mode = loss.mode();
        Set<Parameter> skipped = new HashSet<>();
        if (!mode.trainsVolume()) {
            skipped.addAll(network.regressionHeadParameters());
        }
        if (!mode.trainsPrognosis()) {
            skipped.addAll(network.classificationHeadParameters());
        }
        // Parameters compare by identity; the order is the network's, which the checkpoints keep.
        Set<Parameter> trained = new LinkedHashSet<>();
        for (Parameter p : network.getParameters().values()) {
            if (p.requiresGradient() && !skipped.contains(p)) {
                trained.add(p);
            }
        }
        this.trained = trained;
        this.optimizer =
                new SgdOptimizer(manager, List.copyOf(trained), momentum, weightDecay, sgdChunk);
    }

    /**
     * @param input {@code N×1×D×H×W}
     * @param learningRate the rate of this step's update
     * @return the loss of this batch before the update
     * @throws NonFiniteStepException when the loss or a gradient is not finite; the weights are
     *     then left as they were
     */
    float run(
            NDManager batchManager,
            NDArray input,
            float[] sizeTargets,
            int[] outcomes,
            double learningRate)
            throws NonFiniteStepException {
        float value;
        long start = System.nanoTime();
        long forwardEnd;
        long backwardEnd;
        StepParameters parameters = new StepParameters(batchManager, trained);
        try (GradientCollector collector = Engines.pytorch().newGradientCollector()) {
            NDList out = network.forward(parameters, new NDList(input), true);
            NDArray total =
                    loss.compute(batchManager, out.get(0), out.get(1), sizeTargets, outcomes);
            forwardEnd = System.nanoTime();
            ChannelBlockGuard.backwardPass(
                    network.config().baseWidth(), () -> collector.backward(total));
            backwardEnd = System.nanoTime();
            value = total.getFloat();
        }
        if (!Float.isFinite(value)) {
            throw new NonFiniteStepException("the loss is " + value);
        }
        checkGradients(parameters);
        optimizer.step(learningRate, parameters::gradient);
        lastParts =
                new StepParts(
                        (forwardEnd - start) / 1e6,
                        (backwardEnd - forwardEnd) / 1e6,
                        (System.nanoTime() - backwardEnd) / 1e6);
        return value;
    }

    /**
     * One scalar (the sum of every gradient) decides; a NaN or infinity anywhere makes it
     * non-finite. Only then are the gradients searched for the first culprit, to name it.
     */
    private void checkGradients(StepParameters parameters) throws NonFiniteStepException {
        NDArray total = null;
        for (Parameter p : trained) {
            NDArray sum = parameters.gradient(p).sum();
            total = total == null ? sum : total.addi(sum);
        }
        if (total == null || Float.isFinite(total.getFloat())) {
            return;
        }
        for (Parameter p : trained) {
            if (!Float.isFinite(parameters.gradient(p).sum().getFloat())) {
                throw new NonFiniteStepException(
                        "the gradient of " + p.getName() + " is not finite");
            }
        }
        throw new NonFiniteStepException("the sum of the gradients is not finite");
    }

    /**
     * How long the last step's forward pass with the loss, backward pass and update took (on the
     * CPU the engine finishes each before returning).
     */
    StepParts lastParts() {
        return lastParts;
    }

    SgdOptimizer optimizer() {
        return optimizer;
    }

    @Override
    public void close() {
        optimizer.close();
    }
}
