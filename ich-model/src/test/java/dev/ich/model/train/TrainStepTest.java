package dev.ich.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.ich.model.NetworkConfig;
import dev.ich.model.arch.IchNetwork;
import dev.ich.model.internal.Weights;
import org.junit.jupiter.api.Test;

/**
 * What a training step leaves behind; its arithmetic is checked against PyTorch in {@link
 * TrainStepParityTest}.
 */
class TrainStepTest {

    private static final NetworkConfig SMALL =
            NetworkConfig.builder().depth(10).baseWidth(3).input(8, 24, 24).build();

    /**
     * Each step's leaves and gradients ({@link StepParameters}) belong to the step's manager: the
     * model's manager holds as many arrays after three steps as before, and the weights themselves
     * never get a gradient to accumulate into.
     */
    @Test
    void leavesNoArrayOrGradientOnTheWeights() throws NonFiniteStepException {
        try (NDManager model = NDManager.newBaseManager()) {
            IchNetwork network = new IchNetwork(SMALL);
            network.initialize(model, DataType.FLOAT32, network.inputShape(2));
            Weights.initialize(network, 7);
            try (TrainStep step =
                    new TrainStep(model, network, Loss.paper(TaskMode.MULTI, 1, 1), 0.9, 5e-4)) {
                int before = model.getManagedArrays().size();
                for (int s = 0; s < 3; s++) {
                    try (NDManager batch = model.newSubManager()) {
                        NDArray input = batch.randomNormal(network.inputShape(2));
                        step.run(batch, input, new float[] {1.5f, 2.5f}, new int[] {0, 1}, 0.01);
                    }
                }
                assertThat(model.getManagedArrays()).hasSize(before);
            }
            for (Parameter p : network.getParameters().values()) {
                // null: libtorch's gradient is undefined (DJL's getGradient() would make zeros)
                assertThat(JniUtils.getGradient((PtNDArray) p.getArray())).as(p.getName()).isNull();
            }
        }
    }
}
