package dev.ich.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import dev.ich.model.NetworkConfig;
import dev.ich.model.arch.IchNetwork;
import dev.ich.model.internal.Weights;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two SGD steps in training mode (momentum, weight decay, both losses, BN batch statistics and
 * running-statistics update) equal torch.optim.SGD on tools/reference/ich_net.py (reference made by
 * tools/reference/make_model_reference.py with Debian's torch 1.13).
 */
class TrainStepParityTest {

    /**
     * Absolute for values up to 1, relative above: float32 keeps about 7 significant digits, and
     * the stem's running variance (raw input × 7³ taps) is about 200.
     */
    private static final double TOLERANCE = 1e-4;

    /** The optimizer's own chunk length (whole weights) and one that splits every weight. */
    @ParameterizedTest(name = "SGD chunk {0}")
    @ValueSource(longs = {SgdOptimizer.CHUNK, 5})
    void twoStepsMatchPyTorch(long sgdChunk) throws Exception {
        NetworkConfig config =
                NetworkConfig.builder().depth(10).baseWidth(3).input(16, 48, 48).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> ref = load(manager, "train_d10_w3_io.npz");
            float[] hyper = ref.get("hyper").toFloatArray();
            IchNetwork net = new IchNetwork(config);
            net.initialize(manager, DataType.FLOAT32, net.inputShape(2));
            Weights.importNpz(
                    net,
                    Path.of(
                            getClass()
                                    .getResource("/dev/ich/model/reference/train_d10_w3_state.npz")
                                    .toURI()));
            float[] volumes = ref.get("volume_ml").toFloatArray();
            float[] sizes = new float[volumes.length];
            for (int i = 0; i < volumes.length; i++) {
                sizes[i] = (float) Math.cbrt(volumes[i]);
            }
            long[] outcomeLong = ref.get("outcome").toLongArray();
            int[] outcomes = {(int) outcomeLong[0], (int) outcomeLong[1]};
            float[] losses = new float[2];
            try (TrainStep step =
                    new TrainStep(
                            manager,
                            net,
                            Loss.paper(TaskMode.MULTI, hyper[3], hyper[4]),
                            hyper[1],
                            hyper[2],
                            sgdChunk)) {
                for (int s = 0; s < 2; s++) {
                    try (NDManager batch = manager.newSubManager()) {
                        losses[s] = step.run(batch, ref.get("x"), sizes, outcomes, hyper[0]);
                    }
                }
            }
            float[] expectedLoss = ref.get("loss").toFloatArray();
            assertThat((double) losses[0]).isCloseTo(expectedLoss[0], within(TOLERANCE));
            assertThat((double) losses[1]).isCloseTo(expectedLoss[1], within(TOLERANCE));
            int compared = 0;
            for (Map.Entry<String, Parameter> e : net.torchParameters().entrySet()) {
                NDArray expected = ref.get("after." + e.getKey());
                float[] a = e.getValue().getArray().toFloatArray();
                float[] x = expected.toFloatArray();
                assertThat(a).hasSameSizeAs(x);
                for (int i = 0; i < a.length; i++) {
                    assertThat((double) a[i])
                            .as("%s[%d]", e.getKey(), i)
                            .isCloseTo(x[i], within(TOLERANCE * Math.max(1, Math.abs(x[i]))));
                }
                compared++;
            }
            assertThat(compared).isEqualTo(net.torchParameters().size());
        }
    }

    static Map<String, NDArray> load(NDManager manager, String file) throws Exception {
        Map<String, NDArray> map = new HashMap<>();
        try (InputStream in =
                TrainStepParityTest.class.getResourceAsStream("/dev/ich/model/reference/" + file)) {
            for (NDArray a : NDList.decode(manager, in)) {
                map.put(a.getName(), a);
            }
        }
        return map;
    }
}
