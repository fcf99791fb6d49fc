package dev.ich.explain.cam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ich.core.preprocess.Trilinear;
import dev.ich.explain.testsupport.Npz;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every CAM variant against PyTorch: activations and gradients captured with hooks on a small 3D
 * ResNet, maps computed with torch ops ({@code tools/reference/make_cam_reference.py}).
 */
class CamMathReferenceTest {

    /** Absolute tolerance on map values (the maps are of order 0.1–1). */
    private static final double TOLERANCE = 1e-4;

    /**
     * Tolerance relative to the largest |value| of the map: both sides sum the same float32 inputs
     * in double.
     */
    private static final double RELATIVE_TOLERANCE = 1e-5;

    private static final String[] CASES = {
        "volume_stage3", "prognosis1_stage3", "prognosis0_stage3",
        "volume_stage4", "prognosis1_stage4", "prognosis0_stage4"
    };

    private static Npz reference;

    @BeforeAll
    static void load() throws IOException {
        reference = Npz.resource(CamMathReferenceTest.class, "cam_reference.npz");
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

    static String key(CamMethod m) {
        return m == CamMethod.GRAD_CAM_PLUS_PLUS ? "gradcampp" : m.cliName();
    }

    static CamCapture capture(String name) {
        Npz.Array a = reference.get(name + "_A");
        Npz.Array g = reference.get(name + "_G");
        int[] s = a.shape();
        return new CamCapture(s[0], s[1], s[2], s[3], a.values(), g.values());
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("variants")
    void mapEqualsPyTorch(String name, CamMethod method, Polarity polarity) {
        CamCapture c = capture(name);
        Npz.Array expected =
                reference.get(name + "_" + key(method) + "_" + polarity.name().toLowerCase());
        assertThat(expected.shape()).containsExactly(c.depth(), c.height(), c.width());
        float[] actual = CamMath.map(c, method, polarity);
        assertClose(actual, expected.values());
        if (polarity == Polarity.SIGNED) {
            // The reference must not be trivial, or the comparison proves nothing (a ReLU map may
            // be all 0).
            assertThat(maxAbs(expected.values()))
                    .as("largest |value| of the signed reference map")
                    .isGreaterThan(0.005);
        }
    }

    private static double maxAbs(float[] values) {
        double max = 0;
        for (float v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("signedVariants")
    void upsampledMapEqualsPyTorchTrilinear(String name, CamMethod method) {
        CamCapture c = capture(name);
        Npz.Array expected = reference.get(name + "_" + key(method) + "_signed_up");
        int[] t = expected.shape();
        float[] low = CamMath.map(c, method, Polarity.SIGNED);
        float[] up = Trilinear.resize(low, c.depth(), c.height(), c.width(), t[0], t[1], t[2]);
        assertClose(up, expected.values());
    }

    static List<Arguments> signedVariants() {
        List<Arguments> out = new ArrayList<>();
        for (String c : CASES) {
            for (CamMethod m : CamMethod.gradCamFamily()) {
                out.add(Arguments.of(c, m));
            }
        }
        return out;
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        }
        assertThat(worst)
                .as("largest difference to PyTorch")
                .isLessThanOrEqualTo(TOLERANCE)
                .isLessThanOrEqualTo(RELATIVE_TOLERANCE * Math.max(1e-3, maxAbs(expected)));
    }
}
