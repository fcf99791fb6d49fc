package dev.ich.model.arch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import dev.ich.model.NetworkConfig;
import dev.ich.model.internal.Weights;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Eval-mode forward pass with weights imported from PyTorch equals PyTorch's output (reference made
 * by tools/reference/make_model_reference.py with Debian's torch 1.13).
 */
class ForwardParityTest {

    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @CsvSource({"34, 4", "50, 1"})
    void importedWeightsReproducePyTorch(int depth, int width) throws Exception {
        String file = "forward_d" + depth + "_w" + width;
        Path npz = reference(file + "_state.npz");
        NetworkConfig config =
                NetworkConfig.builder().depth(depth).baseWidth(width).input(16, 32, 32).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            IchNetwork net = new IchNetwork(config);
            net.initialize(manager, DataType.FLOAT32, net.inputShape(2));
            Weights.importNpz(net, npz);
            Map<String, NDArray> ref = load(manager, file + "_io.npz");
            ParameterStore ps = new ParameterStore(manager, false);
            NDList out = net.forward(ps, new NDList(ref.get("x")), false);
            assertClose(out.get(0), ref.get("out_size"));
            assertClose(out.get(1), ref.get("out_scores"));
            NDArray split =
                    net.forwardFromStage(
                                    ps, net.forwardToStage(ps, ref.get("x"), 2, false), 2, false)
                            .get(1);
            assertClose(split, ref.get("out_scores"));
        }
    }

    static void assertClose(NDArray actual, NDArray expected) {
        assertThat(actual.getShape()).isEqualTo(expected.getShape());
        float[] a = actual.toFloatArray();
        float[] e = expected.toFloatArray();
        for (int i = 0; i < a.length; i++) {
            assertThat((double) a[i])
                    .as("element %d", i)
                    .isCloseTo(e[i], org.assertj.core.data.Offset.offset(TOLERANCE));
        }
    }

    static Path reference(String file) throws URISyntaxException {
        return Path.of(
                ForwardParityTest.class.getResource("/dev/ich/model/reference/" + file).toURI());
    }

    static Map<String, NDArray> load(NDManager manager, String file) throws Exception {
        Map<String, NDArray> map = new HashMap<>();
        try (InputStream in =
                ForwardParityTest.class.getResourceAsStream("/dev/ich/model/reference/" + file)) {
            for (NDArray a : NDList.decode(manager, in)) {
                map.put(a.getName(), a);
            }
        }
        return map;
    }
}
