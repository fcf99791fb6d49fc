package dev.ich.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.ich.core.analysis.Head;
import dev.ich.core.analysis.StudyHeatmap;
import dev.ich.core.error.IchException;
import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.preprocess.CropBox;
import dev.ich.core.preprocess.InputMapping;
import dev.ich.core.preprocess.ModelInput;
import dev.ich.core.preprocess.PreprocessedStudy;
import dev.ich.core.preprocess.PreprocessingConfig;
import dev.ich.explain.cam.CamCapture;
import dev.ich.explain.cam.CamMath;
import dev.ich.explain.cam.CamMethod;
import dev.ich.explain.cam.Polarity;
import dev.ich.explain.testsupport.Npz;
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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole DJL pipeline against PyTorch hooks on the same network and input ({@code
 * tools/reference/make_explain_reference.py}): captured activations and gradients, every CAM
 * variant, the upsampled maps, and integrated gradients against autograd.
 */
class ExplainerParityTest {

    /** Absolute tolerance on activations, gradients and maps. */
    private static final double TOLERANCE = 1e-4;

    /**
     * Tolerance relative to the largest |value|: libtorch 2.7 vs torch 1.13 float32 convolutions.
     */
    private static final double RELATIVE_TOLERANCE = 1e-4;

    /** Path steps of the integrated-gradients reference. */
    private static final int IG_STEPS = 8;

    /** Integrated gradients: largest difference over the largest |value|. */
    private static final double IG_RELATIVE_TOLERANCE = 1e-3;

    private static final NetworkConfig CONFIG = new NetworkConfig(18, 4, 16, 48, 48, false);
    private static final String[] CASES = {
        "volume0_stage4",
        "prognosis1_stage4",
        "volume0_stage3",
        "prognosis0_stage2",
        "prognosis1_stage3"
    };

    private static Npz expected;
    private static IchModel model;
    private static ModelInput input;
    private static final Map<String, CamCapture> CAPTURES = new LinkedHashMap<>();

    @BeforeAll
    static void load() throws IOException, IchException, URISyntaxException {
        // One intra-op thread: tiny tensors gain nothing from two, and the build machine is shared.
        IchModel.setIntraOpThreads(1);
        expected = Npz.resource(ExplainerParityTest.class, "pipeline/expected.npz");
        Path weights =
                Path.of(
                        ExplainerParityTest.class
                                .getResource("pipeline/weights_d18_w4.npz")
                                .toURI());
        model =
                IchModel.importPyTorch(
                        weights,
                        CONFIG,
                        PreprocessingConfig.paper().toBuilder()
                                .targetShape(
                                        CONFIG.inputDepth(),
                                        CONFIG.inputHeight(),
                                        CONFIG.inputWidth())
                                .build(),
                        0.5);
        input = new ModelInput(16, 48, 48, expected.get("x").values());
        Explainer explainer = new Explainer(model);
        for (String c : CASES) {
            CAPTURES.put(
                    c, explainer.capture(input, request(c, CamMethod.GRAD_CAM, Polarity.POSITIVE)));
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
        return CamRequest.builder()
                .head(head)
                .classIndex(cls)
                .method(m)
                .polarity(p)
                .stage(stage)
                .build();
    }

    static String key(CamMethod m) {
        return m == CamMethod.GRAD_CAM_PLUS_PLUS ? "gradcampp" : m.cliName();
    }

    @Test
    void activationsAndGradientsEqualPyTorchHooks() {
        for (String c : CASES) {
            CamCapture cap = CAPTURES.get(c);
            Npz.Array a = expected.get(c + "_A");
            assertThat(new int[] {cap.channels(), cap.depth(), cap.height(), cap.width()})
                    .as(c)
                    .containsExactly(a.shape());
            assertClose(c + " activations", cap.activations(), a.values());
            assertClose(c + " gradients", cap.gradients(), expected.get(c + "_G").values());
        }
    }

    static List<Arguments> variants() {
        List<Arguments> out = new ArrayList<>();
        for (String c : CASES) {
            for (CamMethod m : CamMethod.gradCamFamily()) {
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
        assertClose(
                c + " " + m + " " + p,
                actual,
                expected.get(c + "_" + key(m) + "_" + p.name().toLowerCase(Locale.ROOT)).values());
    }

    @Test
    void upsampledMapsEqualPyTorchOnTheModelInput() {
        int checked = 0;
        for (String c : CASES) {
            for (CamMethod m : List.of(CamMethod.GRAD_CAM, CamMethod.HI_RES_CAM)) {
                String k = c + "_" + key(m) + "_positive_up";
                if (expected.has(k)) {
                    float[] up =
                            CamProjection.toModelGrid(
                                    CAPTURES.get(c), request(c, m, Polarity.POSITIVE), 16, 48, 48);
                    assertClose(k, up, expected.get(k).values());
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(4);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"volume0", "prognosis1"})
    void integratedGradientsEqualPyTorchAutograd(String output) throws IchException {
        CamRequest r = integratedGradients(output, IG_STEPS);
        float[] map =
                CamProjection.toModelGrid(new Explainer(model).capture(input, r), r, 16, 48, 48);
        float[] reference = expected.get(output + "_ig" + IG_STEPS).values();
        // The values are small (largest ~5e-5: a random network's output hardly depends on the
        // input),
        // so the difference is measured against the largest value.
        double scale = 0;
        double worst = 0;
        for (int v = 0; v < map.length; v++) {
            scale = Math.max(scale, Math.abs(reference[v]));
            worst = Math.max(worst, Math.abs(map[v] - reference[v]));
        }
        assertThat(map).hasSameSizeAs(reference);
        assertThat(scale).isPositive();
        assertThat(worst / scale)
                .as(output + ": largest difference relative to the largest value " + scale)
                .isLessThanOrEqualTo(IG_RELATIVE_TOLERANCE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"volume0", "prognosis1"})
    void integratedGradientsSumToTheOutputDifferenceFromTheBaseline(String output)
            throws IchException {
        Explainer explainer = new Explainer(model);
        CamRequest r = integratedGradients(output, 256);
        Completeness c = explainer.completeness(input, explainer.capture(input, r), r);
        float[] pytorchOutputs = expected.get(output + "_ig" + IG_STEPS + "_outputs").values();
        assertThat(c.outputChange())
                .as("output change against PyTorch's")
                .isCloseTo(pytorchOutputs[0] - pytorchOutputs[1], within(1e-6));
        assertThat(c.relativeGap())
                .as("gap between the map's sum with 256 steps and the output change")
                .isLessThan(0.01);
        double sum = 0;
        for (float v : CamProjection.toModelGrid(explainer.capture(input, r), r, 16, 48, 48)) {
            sum += v;
        }
        assertThat(c.attributionSum()).isCloseTo(sum, within(1e-9));
        CamRequest gradCam = CamRequest.paper(Head.VOLUME);
        assertThatThrownBy(
                        () ->
                                explainer.completeness(
                                        input, explainer.capture(input, gradCam), gradCam))
                .hasMessage("completeness holds for integrated gradients, not for gradcam");
    }

    @Test
    void explainAllGivesEachMethodTheMapOfItsOwnCapture() throws IchException {
        // A study grid equal to the model grid, so that the maps can be compared voxel by voxel.
        VolumeGeometry grid =
                VolumeGeometry.axial(48, 48, 16, new Vec3(1, 1, 1), new Vec3(0, 0, 0));
        PreprocessedStudy study =
                new PreprocessedStudy(
                        input,
                        new InputMapping(grid, new CropBox(0, 0, 0, 48, 48, 16), 16, 48, 48));
        Explainer explainer = new Explainer(model);
        CamRequest base = integratedGradients("prognosis1", 4).toBuilder().stage(3).build();
        List<CamMethod> methods =
                List.of(CamMethod.INTEGRATED_GRADIENTS, CamMethod.HI_RES_CAM, CamMethod.GRAD_CAM);
        List<Polarity> polarities = List.of(Polarity.SIGNED, Polarity.POSITIVE);
        List<StudyHeatmap> all = explainer.explainAll(study, base, methods, polarities);
        assertThat(all).hasSize(6);
        int n = 0;
        for (CamMethod m : methods) {
            for (Polarity p : polarities) {
                CamRequest r = base.toBuilder().method(m).polarity(p).build();
                assertThat(all.get(n).method()).isEqualTo(r.describe());
                assertThat(all.get(n++).raw())
                        .as(r.describe())
                        .containsExactly(explainer.explain(study, r).raw());
            }
        }
        assertThat(all.get(0).raw()).isNotEqualTo(all.get(2).raw());
    }

    private static CamRequest integratedGradients(String output, int steps) {
        return request(output + "_stage4", CamMethod.INTEGRATED_GRADIENTS, Polarity.SIGNED)
                .toBuilder()
                .steps(steps)
                .build();
    }

    @Test
    void explainingChangesNoParameterAndLeavesNoneRequiringGradients() throws IchException {
        List<float[]> before = parameters();
        Explainer explainer = new Explainer(model);
        for (String c : CASES) {
            explainer.capture(input, request(c, CamMethod.GRAD_CAM, Polarity.POSITIVE));
        }
        explainer.capture(input, integratedGradients("volume0", 2));
        List<float[]> after = parameters();
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i)).as("parameter " + i).containsExactly(before.get(i));
        }
        boolean anyRequiresGradient =
                model.withNetwork(
                        ctx -> {
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
        return model.withNetwork(
                ctx -> {
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
        assertThat(worst)
                .as(what + ": largest difference to PyTorch (scale " + scale + ")")
                .isLessThanOrEqualTo(TOLERANCE)
                .isLessThanOrEqualTo(RELATIVE_TOLERANCE * Math.max(scale, 1e-3));
    }
}
