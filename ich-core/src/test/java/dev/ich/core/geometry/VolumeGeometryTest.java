package dev.ich.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VolumeGeometryTest {

    /** Round trips through double arithmetic lose only rounding error. */
    private static final double ROUND_TRIP_MM = 1e-9;

    private static final double TILT = Math.toRadians(17);

    /** A gantry-tilted, anisotropic grid: slices step along z but also along y. */
    private static VolumeGeometry tilted() {
        Vec3 sliceStep = new Vec3(0, Math.sin(TILT), Math.cos(TILT));
        return new VolumeGeometry(
                512,
                480,
                30,
                new Vec3(0.45, 0.47, 5.0),
                new Vec3(-115.2, -98.7, -43.5),
                new Vec3(1, 0, 0),
                new Vec3(0, 1, 0),
                sliceStep);
    }

    /** An oblique grid: in-plane axes rotated about all three patient axes. */
    private static VolumeGeometry oblique() {
        Vec3 i = new Vec3(0.9, 0.3, -0.3162277660168379).normalized();
        Vec3 j =
                new Vec3(-0.2, 0.9, 0.3)
                        .minus(i.times(new Vec3(-0.2, 0.9, 0.3).dot(i)))
                        .normalized();
        return new VolumeGeometry(
                64, 70, 12, new Vec3(0.8, 0.9, 2.5), new Vec3(10, -20, 30), i, j, i.cross(j));
    }

    @Test
    void axialAffineMatchesTheDicomFormula() {
        VolumeGeometry g =
                VolumeGeometry.axial(
                        512, 512, 40, new Vec3(0.5, 0.6, 5), new Vec3(-120, -100, -50));
        // DICOM: P = origin + i·Δi·rowCosines + j·Δj·columnCosines + k·Δk·sliceDirection.
        assertThat(g.voxelToPatient().apply(10, 20, 3)).isEqualTo(new Vec3(-115, -88, -35));
        assertThat(g.voxelVolumeMm3()).isCloseTo(0.5 * 0.6 * 5, within(1e-12));
    }

    @Test
    void rasAffineNegatesXAndYRows() {
        VolumeGeometry g =
                VolumeGeometry.axial(
                        512, 512, 40, new Vec3(0.5, 0.6, 5), new Vec3(-120, -100, -50));
        // The affine a NIfTI file stores for this grid (dcm2niix/nibabel convention, RAS).
        double[] expected = {-0.5, 0, 0, 120, 0, -0.6, 0, 100, 0, 0, 5, -50, 0, 0, 0, 1};
        assertThat(g.voxelToRas().toRowMajor4x4()).containsExactly(expected, within(1e-12));
    }

    @Test
    void voxelPatientRasRoundTripsOnTiltedAndObliqueGrids() {
        Random random = new Random(42);
        for (VolumeGeometry g : new VolumeGeometry[] {tilted(), oblique()}) {
            for (int n = 0; n < 1000; n++) {
                Vec3 voxel =
                        new Vec3(
                                random.nextDouble() * g.nx(),
                                random.nextDouble() * g.ny(),
                                random.nextDouble() * g.nz());
                Vec3 patient = g.voxelToPatient().apply(voxel);
                Vec3 ras = g.voxelToRas().apply(voxel);
                assertThat(ras.x()).isCloseTo(-patient.x(), within(ROUND_TRIP_MM));
                assertThat(ras.y()).isCloseTo(-patient.y(), within(ROUND_TRIP_MM));
                assertThat(ras.z()).isCloseTo(patient.z(), within(ROUND_TRIP_MM));
                assertClose(g.patientToVoxel().apply(patient), voxel);
                assertClose(g.voxelToRas().inverse().apply(ras), voxel);
                assertClose(g.voxelToRas().rasToLps().apply(voxel), patient);
            }
        }
    }

    @Test
    void tiltKeepsTheShearedSliceAxisAndTheTrueVoxelVolume() {
        VolumeGeometry g = tilted();
        Vec3 firstSlice = g.voxelToPatient().apply(0, 0, 0);
        Vec3 secondSlice = g.voxelToPatient().apply(0, 0, 1);
        assertThat(secondSlice.minus(firstSlice).norm()).isCloseTo(5.0, within(ROUND_TRIP_MM));
        assertThat(secondSlice.y() - firstSlice.y())
                .isCloseTo(5 * Math.sin(TILT), within(ROUND_TRIP_MM));
        // A sheared voxel is a parallelepiped: area × distance between slice planes.
        assertThat(g.voxelVolumeMm3()).isCloseTo(0.45 * 0.47 * 5 * Math.cos(TILT), within(1e-12));
    }

    @Test
    void fromVoxelToPatientInvertsVoxelToPatient() {
        VolumeGeometry g = oblique();
        VolumeGeometry back =
                VolumeGeometry.fromVoxelToPatient(g.nx(), g.ny(), g.nz(), g.voxelToPatient());
        assertThat(back.sameGrid(g, ROUND_TRIP_MM)).isTrue();
        assertThat(back.spacing().z()).isCloseTo(2.5, within(ROUND_TRIP_MM));
    }

    @Test
    void flatIndexRunsIFastest() {
        VolumeGeometry g = VolumeGeometry.axial(4, 3, 2, new Vec3(1, 1, 1), Vec3.ZERO);
        assertThat(g.index(1, 0, 0)).isEqualTo(1);
        assertThat(g.index(0, 1, 0)).isEqualTo(4);
        assertThat(g.index(0, 0, 1)).isEqualTo(12);
        assertThat(g.voxelCount()).isEqualTo(24);
    }

    @Test
    void badValuesAreRefusedWithTheValueNamed() {
        assertThatThrownBy(() -> VolumeGeometry.axial(0, 3, 2, new Vec3(1, 1, 1), Vec3.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 × 3 × 2");
        assertThatThrownBy(() -> VolumeGeometry.axial(4, 3, 2, new Vec3(1, 0, 1), Vec3.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spacing")
                .hasMessageContaining("0.0");
        assertThatThrownBy(() -> VolumeGeometry.axial(4, 3, 2, new Vec3(1, -2, 1), Vec3.ZERO))
                .hasMessageContaining("-2.0");
        assertThatThrownBy(
                        () -> VolumeGeometry.axial(4, 3, 2, new Vec3(1, 1, Double.NaN), Vec3.ZERO))
                .hasMessageContaining("NaN");
        assertThatThrownBy(
                        () ->
                                new VolumeGeometry(
                                        4,
                                        3,
                                        2,
                                        new Vec3(1, 1, 1),
                                        Vec3.ZERO,
                                        new Vec3(1, 0, 0),
                                        new Vec3(1, 0, 0),
                                        new Vec3(0, 0, 1)))
                .hasMessageContaining("coplanar");
        assertThatThrownBy(
                        () ->
                                new VolumeGeometry(
                                        4,
                                        3,
                                        2,
                                        new Vec3(1, 1, 1),
                                        Vec3.ZERO,
                                        new Vec3(2, 0, 0),
                                        new Vec3(0, 1, 0),
                                        new Vec3(0, 0, 1)))
                .hasMessageContaining("axisI")
                .hasMessageContaining("unit");
    }

    private static void assertClose(Vec3 actual, Vec3 expected) {
        assertThat(actual.minus(expected).norm()).isLessThan(ROUND_TRIP_MM);
    }
}
