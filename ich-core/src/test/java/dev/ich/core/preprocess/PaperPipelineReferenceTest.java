package dev.ich.core.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ich.core.error.IchException;
import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.CtVolume;
import dev.ich.core.volume.HuWindow;
import dev.ich.core.volume.Provenance;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline (crop → clip → scale → resize) against the same steps written in
 * numpy/PyTorch, on synthetic heads on an oblique, anisotropic grid; with anti-aliasing, against
 * scipy's {@code gaussian_filter} before the resize; with bone suppression, against {@code
 * torch.where} before the window.
 */
class PaperPipelineReferenceTest {

    /** Values are in [0, 1]; only float rounding differs. */
    private static final float TOLERANCE = 1e-5f;

    /** Patient positions in millimetres, computed in double on both sides. */
    private static final double POSITION_TOLERANCE_MM = 1e-9;

    private final PreprocessReference ref = new PreprocessReference();

    @Test
    void smallTargetsMatchPyTorch() throws IchException {
        for (String key : cases("pipeline")) {
            PreprocessedStudy study = preprocess(key);
            assertThat(
                            PreprocessReference.maxAbsDifference(
                                    study.input().data(), ref.floats(key + ".out.file")))
                    .as(key)
                    .isLessThanOrEqualTo(TOLERANCE);
            checkCropAndPositions(key, study);
        }
    }

    @Test
    void antiAliasedTargetsMatchScipyThenPyTorch() throws IchException {
        for (String key : cases("antialias")) {
            PreprocessedStudy study = preprocess(key, true);
            float[] expected = ref.floats(key + ".out.file");
            assertThat(PreprocessReference.maxAbsDifference(study.input().data(), expected))
                    .as(key)
                    .isLessThanOrEqualTo(TOLERANCE);
            // Downsampling must change the result, or the comparison says nothing about the filter;
            // upsampling (σ = 0 on every axis) must leave it as it was.
            int[] crop = ref.ints(key + ".crop");
            int[] target = ref.shape(key + ".target");
            boolean downsampled = crop[3] > target[2] || crop[4] > target[1] || crop[5] > target[0];
            float unfiltered =
                    PreprocessReference.maxAbsDifference(
                            preprocess(key, false).input().data(), expected);
            if (downsampled) {
                assertThat(unfiltered)
                        .as(key + " without the filter")
                        .isGreaterThan(100 * TOLERANCE);
            } else {
                assertThat(unfiltered)
                        .as(key + " without the filter")
                        .isLessThanOrEqualTo(TOLERANCE);
            }
            checkCropAndPositions(key, study);
        }
    }

    @Test
    void boneSuppressedTargetsMatchPyTorch() throws IchException {
        for (String key : cases("bone")) {
            boolean antiAliasing = Boolean.parseBoolean(ref.get(key + ".antialias"));
            double bone = ref.getDouble(key + ".bone");
            float[] expected = ref.floats(key + ".out.file");
            PreprocessedStudy study = preprocess(key, antiAliasing, bone);
            assertThat(PreprocessReference.maxAbsDifference(study.input().data(), expected))
                    .as(key)
                    .isLessThanOrEqualTo(TOLERANCE);
            // The synthetic skull is at 900 HU, so the suppression must change the result.
            float unsuppressed =
                    PreprocessReference.maxAbsDifference(
                            preprocess(key, antiAliasing, Double.NaN).input().data(), expected);
            assertThat(unsuppressed)
                    .as(key + " without suppression")
                    .isGreaterThan(100 * TOLERANCE);
            checkCropAndPositions(key, study);
        }
    }

    @Test
    void paperShapeMatchesPyTorchOnStoredSamples() throws IchException {
        String key = "full.0";
        PreprocessedStudy study = preprocess(key);
        assertThat(study.input().shape()).containsExactly(32, 224, 224);
        float[] actual = study.input().data();
        float[] sample = ref.floats(key + ".sample.file");
        int stride = ref.getInt(key + ".sample.stride");
        assertThat(sample).hasSize((actual.length + stride - 1) / stride);
        float max = 0;
        double sum = 0;
        for (int n = 0; n < actual.length; n++) {
            if (n % stride == 0) {
                max = Math.max(max, Math.abs(actual[n] - sample[n / stride]));
            }
            sum += actual[n];
        }
        assertThat(max).isLessThanOrEqualTo(TOLERANCE);
        // The sum checks every value: a mean error above the tolerance would show.
        assertThat(sum)
                .isCloseTo(ref.getDouble(key + ".sum"), within((double) TOLERANCE * actual.length));
        checkCropAndPositions(key, study);
    }

    /** The keys {@code prefix.0, prefix.1, …} of the reference's cases; at least three. */
    private List<String> cases(String prefix) {
        int count = ref.getInt(prefix + ".count");
        assertThat(count).as(prefix + ".count").isGreaterThanOrEqualTo(3);
        List<String> keys = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            keys.add(prefix + "." + c);
        }
        return keys;
    }

    private PreprocessedStudy preprocess(String key) throws IchException {
        return preprocess(key, false);
    }

    private PreprocessedStudy preprocess(String key, boolean antiAliasing) throws IchException {
        return preprocess(key, antiAliasing, Double.NaN);
    }

    private PreprocessedStudy preprocess(String key, boolean antiAliasing, double boneSuppressionHu)
            throws IchException {
        int[] dims = ref.ints(key + ".source.dims");
        VolumeGeometry g =
                new VolumeGeometry(
                        dims[0],
                        dims[1],
                        dims[2],
                        vec(key + ".source.spacing"),
                        vec(key + ".source.origin"),
                        vec(key + ".source.axisI"),
                        vec(key + ".source.axisJ"),
                        vec(key + ".source.axisK"));
        CtVolume volume =
                new CtVolume(g, ref.floats(key + ".hu.file"), Provenance.synthetic(key, dims[2]));
        double[] window = ref.doubles(key + ".window");
        int[] target = ref.shape(key + ".target");
        PreprocessingConfig config =
                PreprocessingConfig.builder()
                        .window(new HuWindow(window[0], window[1]))
                        .airThresholdHu(ref.getDouble(key + ".airThreshold"))
                        .marginVoxels(ref.getInt(key + ".margin"))
                        .targetShape(target[0], target[1], target[2])
                        .antiAliasing(antiAliasing)
                        .boneSuppressionHu(boneSuppressionHu)
                        .build();
        return new Preprocessor(config).preprocess(volume);
    }

    private void checkCropAndPositions(String key, PreprocessedStudy study) {
        int[] crop = ref.ints(key + ".crop");
        CropBox box = study.mapping().crop();
        assertThat(new int[] {box.i0(), box.j0(), box.k0(), box.sizeI(), box.sizeJ(), box.sizeK()})
                .as(key + " crop box")
                .containsExactly(crop);
        VolumeGeometry model = study.mapping().modelGeometry();
        for (String point : ref.get(key + ".positions").split(";")) {
            String[] f = point.split(",");
            int d = Integer.parseInt(f[0]);
            int h = Integer.parseInt(f[1]);
            int w = Integer.parseInt(f[2]);
            Vec3 expected =
                    new Vec3(
                            Double.parseDouble(f[3]),
                            Double.parseDouble(f[4]),
                            Double.parseDouble(f[5]));
            Vec3 actual = model.voxelToPatient().apply(w, h, d);
            assertThat(actual.minus(expected).norm())
                    .as("%s model voxel (%d, %d, %d)", key, d, h, w)
                    .isLessThanOrEqualTo(POSITION_TOLERANCE_MM);
        }
    }

    private Vec3 vec(String key) {
        double[] v = ref.doubles(key);
        return new Vec3(v[0], v[1], v[2]);
    }
}
