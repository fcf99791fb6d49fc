package dev.ich.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import dev.ich.model.NetworkConfig;
import dev.ich.model.arch.IchNetwork;
import dev.ich.model.internal.Engines;
import dev.ich.model.internal.FloatTensors;
import dev.ich.model.internal.Weights;
import java.util.SplittableRandom;

/**
 * Times the network on random input for {@code ich bench}: one inference forward pass (encoder +
 * heads, batch 1, inference mode, own sub-manager) and one training step (batch 2, training mode,
 * both losses, backward, the paper's SGD update). Weights are seeded, inputs uniform in [0, 1).
 */
public final class StepBenchmark implements AutoCloseable {

    private final NDManager manager;
    private final IchNetwork network;
    private final TrainStep step;
    private final float[] input1;
    private final float[] input2;

    public StepBenchmark(NetworkConfig config, long seed) {
        manager = Engines.pytorch().newBaseManager();
        network = new IchNetwork(config);
        network.initialize(manager, DataType.FLOAT32, network.inputShape(1));
        Weights.initialize(network, seed);
        SplittableRandom random = new SplittableRandom(seed);
        input1 = new float[config.inputSize()];
        input2 = new float[2 * config.inputSize()];
        for (int i = 0; i < input1.length; i++) {
            input1[i] = (float) random.nextDouble();
        }
        for (int i = 0; i < input2.length; i++) {
            input2[i] = (float) random.nextDouble();
        }
        step = new TrainStep(manager, network, Loss.paper(TaskMode.MULTI, 1, 1), 0.9, 5e-4);
    }

    /** One inference pass; returns its wall time in milliseconds. */
    public double inferenceMs() {
        Engines.noGradientsOnThisThread();
        long t0 = System.nanoTime();
        try (NDManager sub = manager.newSubManager()) {
            NDArray x = FloatTensors.of(sub, network.inputShape(1), input1);
            NDList out = network.forward(new ParameterStore(sub, false), new NDList(x), false);
            out.get(1).softmax(1).toFloatArray();
            out.get(0).toFloatArray();
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    /** One training step at batch 2; returns its wall time in milliseconds. */
    public double trainStepMs() {
        long t0 = System.nanoTime();
        try (NDManager sub = manager.newSubManager()) {
            NDArray x = FloatTensors.of(sub, network.inputShape(2), input2);
            step.run(sub, x, new float[] {2f, 3f}, new int[] {0, 1}, 1e-4);
        } catch (NonFiniteStepException e) {
            throw new IllegalStateException(
                    "the benchmark's training step is not finite: " + e.getMessage(), e);
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    /** The parts of the last {@link #trainStepMs()} step. */
    public StepParts lastTrainStepParts() {
        return step.lastParts();
    }

    /** The number of trainable parameters. */
    public long parameterCount() {
        long n = 0;
        for (var p : network.getParameters().values()) {
            if (p.requiresGradient()) {
                n += p.getArray().size();
            }
        }
        return n;
    }

    @Override
    public void close() {
        step.close();
        manager.close();
    }
}
