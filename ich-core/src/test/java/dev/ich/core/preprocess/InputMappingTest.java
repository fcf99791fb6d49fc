package dev.ich.core.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ich.core.error.IchException;
import dev.ich.core.geometry.Affine;
import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.CtVolume;
import org.junit.jupiter.api.Test;

class InputMappingTest {

    /** Continuous indices and millimetres, computed in double. */
    private static final double EXACT = 1e-9;

    /** Map values interpolated in float. */
    private static final double MAP_TOLERANCE = 1e-5;

    private static final VolumeGeometry SOURCE = TestVolumes.oblique(60, 52, 12);
    private static final InputMapping MAPPING =
            new InputMapping(SOURCE, new CropBox(7, 4, 1, 45, 41, 10), 16, 20, 24);

    @Test
    void modelToSourceAndSourceToModelAreExactInverses() {
        for (double[] m :
                new double[][] {{0, 0, 0}, {15, 19, 23}, {3.25, 11.5, 0.75}, {-0.5, -0.5, -0.5}}) {
            Vec3 s = MAPPING.modelToSource(m[0], m[1], m[2]);
            ModelIndex back = MAPPING.sourceToModel(s);
            assertThat(back.d()).isCloseTo(m[0], org.assertj.core.api.Assertions.within(EXACT));
            assertThat(back.h()).isCloseTo(m[1], org.assertj.core.api.Assertions.within(EXACT));
            assertThat(back.w()).isCloseTo(m[2], org.assertj.core.api.Assertions.within(EXACT));
        }
        // The model grid spans the crop box face to face.
        assertThat(MAPPING.modelToSource(-0.5, -0.5, -0.5))
                .satisfies(v -> assertClose(v, new Vec3(6.5, 3.5, 0.5)));
        assertThat(MAPPING.modelToSource(15.5, 19.5, 23.5))
                .satisfies(v -> assertClose(v, new Vec3(51.5, 44.5, 10.5)));
    }

    @Test
    void modelGeometryPutsEveryModelVoxelCentreAtItsPatientPosition() {
        VolumeGeometry model = MAPPING.modelGeometry();
        assertThat(new int[] {model.nx(), model.ny(), model.nz()}).containsExactly(24, 20, 16);
        assertClose(model.spacing(), new Vec3(0.45 * 45 / 24, 0.7 * 41 / 20, 4.0 * 10 / 16));
        assertClose(model.axisK(), SOURCE.axisK());
        Affine sourceToPatient = SOURCE.voxelToPatient();
        for (int d = 0; d < 16; d += 5) {
            for (int h = 0; h < 20; h += 7) {
                for (int w = 0; w < 24; w += 11) {
                    assertClose(
                            model.voxelToPatient().apply(w, h, d),
                            sourceToPatient.apply(MAPPING.modelToSource(d, h, w)));
                }
            }
        }
    }

    @Test
    void aBoxOnTheModelGridLandsOnTheRightSourceVoxelsThroughPatientSpace() throws IchException {
        CtVolume head = TestVolumes.head(SOURCE, 3);
        // Down-sampled in-plane, up-sampled across slices.
        PreprocessingConfig config = PreprocessingConfig.builder().targetShape(16, 20, 24).build();
        InputMapping mapping = new Preprocessor(config).preprocess(head).mapping();
        int[] dBox = {4, 10};
        int[] hBox = {5, 12};
        int[] wBox = {3, 15};
        float[] map = new float[16 * 20 * 24];
        for (int d = dBox[0]; d <= dBox[1]; d++) {
            for (int h = hBox[0]; h <= hBox[1]; h++) {
                for (int w = wBox[0]; w <= wBox[1]; w++) {
                    map[(d * 20 + h) * 24 + w] = 1;
                }
            }
        }
        float[] back = mapping.toSourceGrid(map);
        assertThat(back).hasSize(SOURCE.voxelCount());

        // Independently: each source voxel's patient position, expressed on the model grid through
        // modelGeometry(), and the box indicator interpolated linearly along each model axis.
        Affine patientToModel = mapping.modelGeometry().patientToVoxel();
        CropBox crop = mapping.crop();
        int ones = 0;
        int partial = 0;
        for (int k = 0; k < SOURCE.nz(); k++) {
            for (int j = 0; j < SOURCE.ny(); j++) {
                for (int i = 0; i < SOURCE.nx(); i++) {
                    float actual = back[SOURCE.index(i, j, k)];
                    if (!crop.contains(i, j, k)) {
                        assertThat(actual).as("(%d, %d, %d) outside the crop", i, j, k).isZero();
                        continue;
                    }
                    Vec3 m =
                            patientToModel.apply(
                                    SOURCE.voxelToPatient().apply(i, j, k)); // (w, h, d)
                    double expected =
                            ramp(m.z(), dBox, 16) * ramp(m.y(), hBox, 20) * ramp(m.x(), wBox, 24);
                    assertThat((double) actual)
                            .as("(%d, %d, %d) at model %s", i, j, k, m)
                            .isCloseTo(
                                    expected,
                                    org.assertj.core.api.Assertions.within(MAP_TOLERANCE));
                    ones += expected == 1 ? 1 : 0;
                    partial += expected > 0 && expected < 1 ? 1 : 0;
                }
            }
        }
        assertThat(ones).isGreaterThan(1000);
        assertThat(partial).isGreaterThan(100);
    }

    @Test
    void toSourceGridRefusesAMapOfTheWrongSize() {
        assertThatThrownBy(() -> MAPPING.toSourceGrid(new float[16 * 20 * 24 - 1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("7679")
                .hasMessageContaining("16×20×24");
    }

    @Test
    void aCropBoxOutsideTheSourceIsRefused() {
        assertThatThrownBy(() -> new InputMapping(SOURCE, new CropBox(50, 0, 0, 11, 3, 3), 2, 2, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[50..60]");
    }

    /** A 0/1 box [a, b] on an n-voxel axis, linearly interpolated at x clamped to [0, n − 1]. */
    private static double ramp(double x, int[] box, int n) {
        double c = Math.min(Math.max(x, 0), n - 1);
        if (c < box[0]) {
            return Math.max(0, 1 - (box[0] - c));
        }
        if (c > box[1]) {
            return Math.max(0, 1 - (c - box[1]));
        }
        return 1;
    }

    private static void assertClose(Vec3 actual, Vec3 expected) {
        assertThat(actual.minus(expected).norm())
                .as("%s vs %s", actual, expected)
                .isLessThanOrEqualTo(EXACT);
    }
}
