package dev.ich.model.arch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.training.GradientCollector;
import dev.ich.model.internal.Engines;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rearranged stem convolution against libtorch's own stride-2 convolution: output and weight
 * gradient, for even and odd sizes on each axis (odd sizes need one more voxel of padding at the
 * end). The training parity test compares the whole step with PyTorch. The 5-slice case is the
 * shape on which oneDNN's AVX-512 weight-gradient kernel crashes (docs/model.md); it runs here on
 * the capped kernels, and NativeGuardTest watches the cap in a child JVM.
 */
class SpaceToDepthStemConvolutionTest {

    private static final double RELATIVE_TOLERANCE = 1e-5;

    @ParameterizedTest
    @CsvSource({"2, 8, 12, 10", "1, 7, 9, 11", "3, 5, 6, 7"})
    void equalsTheStrideTwoConvolutionAndItsWeightGradient(
            int batch, int depth, int height, int width) {
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            Engines.pytorch().setRandomSeed(batch * 100 + depth);
            NDArray input = manager.randomNormal(new Shape(batch, 1, depth, height, width));
            NDArray weight = manager.randomNormal(new Shape(4, 1, 7, 7, 7));
            weight.setRequiresGradient(true);

            NDArray direct = direct(input, weight);
            // Every output voxel gets its own weight in the loss, so a misplaced voxel changes the
            // gradient.
            NDArray outputWeights = manager.randomUniform(0, 1, direct.getShape());
            NDArray directGradient =
                    weightGradient(weight, () -> direct(input, weight), outputWeights);
            NDArray rearranged = SpaceToDepthStemConvolution.apply(input, weight);
            NDArray rearrangedGradient =
                    weightGradient(
                            weight,
                            () -> SpaceToDepthStemConvolution.apply(input, weight),
                            outputWeights);

            assertThat(rearranged.getShape()).isEqualTo(direct.getShape());
            assertClose(rearranged, direct);
            assertClose(rearrangedGradient, directGradient);
        }
    }

    /**
     * In training the weight lives in the model's manager and the input in the step's. Every array
     * the rearrangement makes from the weight must be closed: a handle left in the model's manager
     * kept its step's autograd graph, with the saved input, alive (10 MB per step at 32×80×80).
     */
    @Test
    void leavesNoArrayInTheWeightsManager() {
        try (NDManager model = Engines.pytorch().newBaseManager()) {
            NDArray weight = model.randomNormal(new Shape(4, 1, 7, 7, 7));
            weight.setRequiresGradient(true);
            int before = model.getManagedArrays().size();
            for (int step = 0; step < 3; step++) {
                try (NDManager batch = model.newSubManager();
                        GradientCollector collector = Engines.pytorch().newGradientCollector()) {
                    NDArray input = batch.randomNormal(new Shape(2, 1, 6, 8, 8));
                    collector.backward(SpaceToDepthStemConvolution.apply(input, weight).sum());
                }
            }
            assertThat(model.getManagedArrays()).hasSize(before);
        }
    }

    private static NDArray direct(NDArray input, NDArray weight) {
        return Conv3d.conv3d(input, weight, null, new Shape(2, 2, 2), new Shape(3, 3, 3))
                .singletonOrThrow();
    }

    /** d(Σ y · outputWeights)/d weight. */
    private static NDArray weightGradient(
            NDArray weight, Supplier<NDArray> forward, NDArray outputWeights) {
        weight.getGradient().muli(0);
        try (GradientCollector collector = Engines.pytorch().newGradientCollector()) {
            collector.backward(forward.get().mul(outputWeights).sum());
        }
        return weight.getGradient().duplicate();
    }

    private static void assertClose(NDArray actual, NDArray expected) {
        float scale = expected.abs().max().getFloat();
        float difference = actual.sub(expected).abs().max().getFloat();
        assertThat(difference)
                .as("max difference, scale %s", scale)
                .isLessThanOrEqualTo((float) (RELATIVE_TOLERANCE * scale));
    }
}
