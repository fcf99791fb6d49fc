package dev.ich.eval.estimators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.BinaryMask;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

/** The bedside formulas on rasterised shapes whose answers are known analytically. */
class ClinicalVolumeEstimatorTest {

    /** Relative error allowed at the fine resolution (0.25–0.5 mm voxels on 10–20 mm shapes). */
    private static final double FINE_TOLERANCE = 0.03;

    private static final double A = 15;
    private static final double B = 9;
    private static final double C = 11;
    private static final double ELLIPSOID_ML = 4.0 / 3.0 * Math.PI * A * B * C / 1000;

    private static AbcMeasurement ellipsoid(double sx, double sy, double sz) {
        return ClinicalVolumeEstimator.measure(
                Shapes.raster(
                        40,
                        sx,
                        sy,
                        sz,
                        Shapes.ellipsoid(A, B, C, Math.toRadians(30), 0.13, -0.21, 0.07)));
    }

    @Test
    void planimetryConvergesToTheEllipsoidVolume() {
        double coarse = Math.abs(ellipsoid(2, 2, 2).planimetryMl() / ELLIPSOID_ML - 1);
        double fine = Math.abs(ellipsoid(0.4, 0.4, 0.4).planimetryMl() / ELLIPSOID_ML - 1);
        assertThat(fine).isLessThan(coarse).isLessThan(0.005);
    }

    @Test
    void twoThirdsShIsExactForAnEllipsoidInTheLimit() {
        double coarse = Math.abs(ellipsoid(1, 1, 2).twoThirdsShMl() / ELLIPSOID_ML - 1);
        double fine = Math.abs(ellipsoid(0.25, 0.25, 0.25).twoThirdsShMl() / ELLIPSOID_ML - 1);
        assertThat(fine).isLessThan(coarse).isLessThan(0.015);
    }

    @Test
    void diametersFollowTheRotatedAxesWithAnisotropicPixels() {
        AbcMeasurement m = ellipsoid(0.3, 0.45, 0.5);
        assertThat(m.aMm()).isCloseTo(2 * A, within(2 * A * FINE_TOLERANCE));
        assertThat(m.bMm()).isCloseTo(2 * B, within(2 * B * FINE_TOLERANCE));
        assertThat(m.hMm()).isCloseTo(2 * C, within(2 * C * FINE_TOLERANCE));
    }

    @Test
    void abcOver2MatchesItsAnalyticLimitOnAnEllipsoid() {
        AbcMeasurement m = ellipsoid(0.25, 0.25, 0.25);
        // Kothari's weights give C → (1/2 + √3/2)·c, so ABC/2 → 2·(1/2 + √3/2)·abc.
        double kothari = 2 * (0.5 + Math.sqrt(3) / 2) * A * B * C / 1000;
        assertThat(m.abcOver2Ml()).isCloseTo(kothari, within(kothari * FINE_TOLERANCE));
        assertThat(m.abcOver3Ml()).isCloseTo(m.abcOver2Ml() * 2 / 3, within(1e-12));
        // With every slice counted, ABC/2 → 4abc, within 5 % of the ellipsoid's 4/3·π·abc.
        double unweighted = m.aMm() * m.bMm() * m.cAllSlicesMm() / 2 / 1000;
        assertThat(unweighted)
                .isCloseTo(4 * A * B * C / 1000, within(4 * A * B * C / 1000 * FINE_TOLERANCE));
        assertThat(unweighted / ELLIPSOID_ML).isCloseTo(3 / Math.PI, within(FINE_TOLERANCE));
    }

    @Test
    void abcOver2OverestimatesAnLShapeByExactlyTenSevenths() {
        // An L of two 40 × 10 mm arms, extruded over 12 mm, on voxel edges: A = 40√2, B = 25√2,
        // area 700 mm².
        BinaryMask l =
                Shapes.raster(
                        64,
                        0.5,
                        0.5,
                        1,
                        (x, y, z) -> {
                            double u = x + 20;
                            double v = y + 20;
                            boolean inSquare = u > 0 && u < 40 && v > 0 && v < 40;
                            return inSquare && (u < 10 || v < 10) && Math.abs(z) < 6;
                        });
        AbcMeasurement m = ClinicalVolumeEstimator.measure(l);
        assertThat(m.aMm()).isCloseTo(40 * Math.sqrt(2), within(1e-9));
        assertThat(m.bMm()).isCloseTo(25 * Math.sqrt(2), within(1e-9));
        assertThat(m.largestAreaMm2()).isCloseTo(700, within(1e-9));
        assertThat(m.abcOver2Ml() / m.planimetryMl()).isCloseTo(10.0 / 7.0, within(1e-9));
        assertThat(m.twoThirdsShMl() / m.planimetryMl()).isCloseTo(2.0 / 3.0, within(1e-9));
    }

    @Test
    void abcOver2OverestimatesTwoLobes() {
        // Two cylinders of radius r, centres d apart: A = d + 2r, B = 2r, so ABC/2 ÷ V → (d + 2r) /
        // (2πr).
        double r = 8;
        double d = 40;
        BinaryMask lobes =
                Shapes.raster(
                        64,
                        0.25,
                        0.25,
                        1,
                        (x, y, z) ->
                                Math.abs(z) < 5
                                        && (Math.hypot(x - d / 2, y) <= r
                                                || Math.hypot(x + d / 2, y) <= r));
        AbcMeasurement m = ClinicalVolumeEstimator.measure(lobes);
        double expected = (d + 2 * r) / (2 * Math.PI * r);
        assertThat(m.abcOver2Ml() / m.planimetryMl())
                .isCloseTo(expected, within(expected * FINE_TOLERANCE))
                .isGreaterThan(1.08);
    }

    @Test
    void sliceWeightsFollowKothari() {
        // Areas 100 %, 80 %, 50 %, 25 %, 20 % of the largest: weights 1 + 1 + 0.5 + 0.5 + 0 = 3.
        VolumeGeometry g = VolumeGeometry.axial(10, 10, 5, new Vec3(1, 1, 2.5), Vec3.ZERO);
        BitSet bits = new BitSet();
        int[] counts = {20, 16, 10, 5, 4};
        for (int k = 0; k < 5; k++) {
            for (int n = 0; n < counts[k]; n++) {
                bits.set(g.index(n % 10, n / 10, k));
            }
        }
        AbcMeasurement m = ClinicalVolumeEstimator.measure(BinaryMask.fromBits(g, bits));
        assertThat(m.cMm()).isEqualTo(3 * 2.5);
        assertThat(m.hMm()).isEqualTo(5 * 2.5);
        assertThat(m.largestSlice()).isZero();
        // The 10 × 2 mm strip's diagonals (10.2 mm) lie within a pixel diagonal of its length, so A
        // runs
        // along the strip, as a clinician would measure it.
        assertThat(m.aMm()).isCloseTo(10, within(1e-12));
        assertThat(m.bMm()).isCloseTo(2, within(1e-12));
    }

    @Test
    void gantryTiltUsesThePerpendicularSliceDistance() {
        double tilt = Math.toRadians(20);
        VolumeGeometry g =
                new VolumeGeometry(
                        8,
                        8,
                        4,
                        new Vec3(1, 1, 3),
                        Vec3.ZERO,
                        new Vec3(1, 0, 0),
                        new Vec3(0, 1, 0),
                        new Vec3(0, Math.sin(tilt), Math.cos(tilt)));
        BitSet bits = new BitSet();
        bits.set(0, g.voxelCount());
        AbcMeasurement m = ClinicalVolumeEstimator.measure(BinaryMask.fromBits(g, bits));
        assertThat(m.sliceThicknessMm()).isCloseTo(3 * Math.cos(tilt), within(1e-12));
        assertThat(m.largestAreaMm2() * m.hMm() / 1000).isCloseTo(m.planimetryMl(), within(1e-12));
    }

    @Test
    void anEmptyMaskIsRefused() {
        VolumeGeometry g = VolumeGeometry.axial(4, 4, 4, new Vec3(1, 1, 1), Vec3.ZERO);
        assertThatThrownBy(
                        () -> ClinicalVolumeEstimator.measure(BinaryMask.fromBits(g, new BitSet())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThat(VolumeMethod.fromName("ABC2")).isEqualTo(VolumeMethod.ABC2);
        assertThatThrownBy(() -> VolumeMethod.fromName("abc4"))
                .hasMessageContaining("use abc2, abc3, sh23 or planimetry");
    }
}
