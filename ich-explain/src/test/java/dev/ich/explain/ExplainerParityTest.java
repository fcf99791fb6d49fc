package dev.ich.explain;

import dev.ich.core.analysis.Head;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.ich.core.error.IchException;
import dev.ich.core.preprocess.ModelInput;
import dev.ich.explain.cam.CamCapture;
import dev.ich.explain.cam.CamMath;
import dev.ich.explain.cam.CamMethod;
import dev.ich.explain.cam.Polarity;
import dev.ich.explain.testsupport.Npz;
import dev.ich.core.preprocess.PreprocessingConfig;
import dev.ich.model.IchModel;
import dev.ich.model.NetworkConfig;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole DJL pipeline against PyTorch hooks on the same network and input
 * ({@code tools/reference/make_explain_reference.py}): captured activations and gradients, every
 * CAM variant, and the upsampled maps.
 */
class ExplainerParityTest {

    /** Absolute tolerance on activations, gradients and maps. */
    private static final double TOLERANCE = 1e-4;
    /** Tolerance relative to the largest |value|: libtorch 2.7 vs torch 1.13 float32 convolutions. */
    private static final double RELATIVE_TOLERANCE = 1e-4;

    private static final NetworkConfig CONFIG = new NetworkConfig(18, 4, 16, 48, 48, false);
    private static final String[] CASES = {
        "volume0_stage4", "prognosis1_stage4", "volume0_stage3", "prognosis0_stage2", "prognosis1_stage3"};

    private static Npz expected;
    private static IchModel model;
    private static ModelInput input;
    private static final Map<String, CamCapture> CAPTURES = new LinkedHashMap<>();

    @BeforeAll
    static void load() throws IOException, IchException, URISyntaxException {
        // One intra-op thread: tiny tensors gain nothing from two, and the build machine is shared.
        IchModel.setIntraOpThreads(1);
        expected = Npz.resource(ExplainerParityTest.class, "pipeline/expected.npz");
        Path weights = Path.of(ExplainerParityTest.class.getResource("pipeline/weights_d18_w4.npz").toURI());
        model = IchModel.importPyTorch(weights, CONFIG, PreprocessingConfig.paper().toBuilder()
            .targetShape(CONFIG.inputDepth(), CONFIG.inputHeight(), CONFIG.inputWidth()).build(), 0.5);
        input = new ModelInput(16, 48, 48, expected.get("x").values());
        Explainer explainer = new Explainer(model);
        for (String c : CASES) {
            CAPTURES.put(c, explainer.capture(input, request(c, CamMethod.GRAD_CAM, Polarity.POSITIVE)));
        }
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    static CamRequest request(String name, CamMethod m, Polarity p) {
        Head head = name.startsWith("volume") ? Head.VOLUME : Head.PROGNOSIS;
        int cls = name.charAt(name.indexOf("_stage") - 1) - '0';
        int stage = name.charAt(name.length() - 1) - '0';
        return CamRequest.builder().head(head).classIndex(cls).method(m).polarity(p).stage(stage).build();
    }

    static String key(CamMethod m) {
        return m == CamMethod.GRAD_CAM_PLUS_PLUS ? "gradcampp" : m.cliName();
    }

    @Test
    void activationsAndGradientsEqualPyTorchHooks() {
        for (String c : CASES) {
            CamCapture cap = CAPTURES.get(c);
            Npz.Array a = expected.get(c + "_A");
            assertThat(new int[] {cap.channels(), cap.depth(), cap.height(), cap.width()}).as(c)
                .containsExactly(a.shape());
            assertClose(c + " activations", cap.activations(), a.values());
            assertClose(c + " gradients", cap.gradients(), expected.get(c + "_G").values());
        }
    }

    static List<Arguments> variants() {
        List<Arguments> out = new ArrayList<>();
        for (String c : CASES) {
            for (CamMethod m : CamMethod.values()) {
                for (Polarity p : Polarity.values()) {
                    out.add(Arguments.of(c, m, p));
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("variants")
    void everyVariantEqualsPyTorch(String c, CamMethod m, Polarity p) {
        float[] actual = CamMath.map(CAPTURES.get(c), m, p);
        assertClose(c + " " + m + " " + p, actual,
            expected.get(c + "_" + key(m) + "_" + p.name().toLowerCase(Locale.ROOT)).values());
    }

    @Test
    void upsampledMapsEqualPyTorchOnTheModelInput() {
        int checked = 0;
        for (String c : CASES) {
            for (CamMethod m : List.of(CamMethod.GRAD_CAM, CamMethod.HI_RES_CAM)) {
                String k = c + "_" + key(m) + "_positive_up";
                if (expected.has(k)) {
                    float[] up = CamProjection.toModelGrid(CAPTURES.get(c), request(c, m, Polarity.POSITIVE), 16, 48, 48);
                    assertClose(k, up, expected.get(k).values());
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(4);
    }

    @Test
    void explainingChangesNoParameterAndLeavesNoneRequiringGradients() throws IchException {
        List<float[]> before = parameters();
        Explainer explainer = new Explainer(model);
        for (String c : CASES) {
            explainer.capture(input, request(c, CamMethod.GRAD_CAM, Polarity.POSITIVE));
        }
        List<float[]> after = parameters();
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i)).as("parameter " + i).containsExactly(before.get(i));
        }
        boolean anyRequiresGradient = model.withNetwork(ctx -> {
            for (Parameter p : ctx.network().getParameters().values()) {
                if (p.requiresGradient() || p.getArray().hasGradient()) {
                    return true;
                }
            }
            return false;
        });
        assertThat(anyRequiresGradient).isFalse();
    }

    private static List<float[]> parameters() throws IchException {
        return model.withNetwork(ctx -> {
            List<float[]> out = new ArrayList<>();
            for (Parameter p : ctx.network().getParameters().values()) {
                NDArray a = p.getArray();
                out.add(a.toFloatArray());
            }
            return out;
        });
    }

    private static void assertClose(String what, float[] actual, float[] reference) {
        assertThat(actual).as(what).hasSameSizeAs(reference);
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < actual.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - reference[i]));
            scale = Math.max(scale, Math.abs(reference[i]));
        }
        assertThat(worst).as(what + ": largest difference to PyTorch (scale " + scale + ")")
            .isLessThanOrEqualTo(TOLERANCE)
            .isLessThanOrEqualTo(RELATIVE_TOLERANCE * Math.max(scale, 1e-3));
    }
}
