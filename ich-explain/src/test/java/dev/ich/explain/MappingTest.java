package dev.ich.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ich.core.analysis.Head;
import dev.ich.core.analysis.StudyHeatmap;
import dev.ich.core.geometry.Affine;
import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.preprocess.CropBox;
import dev.ich.core.preprocess.InputMapping;
import org.junit.jupiter.api.Test;

/**
 * A heatmap that is 1 inside a box of the model input lands on the right voxels of an oblique,
 * anisotropic study: checked through patient coordinates (model grid geometry → patient → study
 * voxel), not through the mapping's own index arithmetic.
 */
class MappingTest {

    private static final double TOLERANCE = 1e-5;

    @Test
    void aBoxOnTheModelInputLandsOnTheRightStudyVoxels() {
        // Rotated 20° about z, slice axis tilted 15° (gantry tilt), spacing 0.45 × 0.6 × 2.5 mm.
        double a = Math.toRadians(20);
        double t = Math.toRadians(15);
        Vec3 ax = new Vec3(Math.cos(a), Math.sin(a), 0);
        Vec3 ay = new Vec3(-Math.sin(a), Math.cos(a), 0);
        Vec3 az = new Vec3(0, Math.sin(t), Math.cos(t));
        VolumeGeometry study =
                new VolumeGeometry(
                        70, 60, 24, new Vec3(0.45, 0.6, 2.5), new Vec3(-30, 12, -40), ax, ay, az);
        CropBox crop = new CropBox(6, 4, 3, 55, 50, 18);
        InputMapping mapping = new InputMapping(study, crop, 8, 32, 24);
        int[] lo = {2, 9, 6}; // d, h, w (inclusive)
        int[] hi = {5, 20, 15};
        float[] model = new float[8 * 32 * 24];
        for (int d = lo[0]; d <= hi[0]; d++) {
            for (int h = lo[1]; h <= hi[1]; h++) {
                for (int w = lo[2]; w <= hi[2]; w++) {
                    model[(d * 32 + h) * 24 + w] = 1f;
                }
            }
        }
        StudyHeatmap map = CamProjection.toStudy(model, CamRequest.paper(Head.VOLUME), mapping);
        assertThat(map.geometry()).isEqualTo(study);
        Affine patientToModel = mapping.modelGeometry().patientToVoxel();
        Affine studyToPatient = study.voxelToPatient();
        int inside = 0;
        int outside = 0;
        for (int k = 0; k < study.nz(); k++) {
            for (int j = 0; j < study.ny(); j++) {
                for (int i = 0; i < study.nx(); i++) {
                    float v = map.rawAt(study.index(i, j, k));
                    if (!crop.contains(i, j, k)) {
                        assertThat(v).as("outside the crop (%d, %d, %d)", i, j, k).isZero();
                        continue;
                    }
                    Vec3 m = patientToModel.apply(studyToPatient.apply(i, j, k)); // (w, h, d)
                    double[] idx = {m.z(), m.y(), m.x()};
                    // Fully inside when all interpolation neighbours are in the box; fully outside
                    // when none is.
                    boolean in = true;
                    boolean out = false;
                    for (int ax3 = 0; ax3 < 3; ax3++) {
                        in &= idx[ax3] >= lo[ax3] && idx[ax3] <= hi[ax3];
                        out |= idx[ax3] <= lo[ax3] - 1 || idx[ax3] >= hi[ax3] + 1;
                    }
                    if (in) {
                        assertThat((double) v)
                                .as("inside at (%d, %d, %d)", i, j, k)
                                .isCloseTo(1, org.assertj.core.api.Assertions.within(TOLERANCE));
                        inside++;
                    } else if (out) {
                        assertThat((double) v)
                                .as("outside at (%d, %d, %d)", i, j, k)
                                .isCloseTo(0, org.assertj.core.api.Assertions.within(TOLERANCE));
                        outside++;
                    }
                }
            }
        }
        assertThat(inside).isGreaterThan(1000);
        assertThat(outside).isGreaterThan(10000);
        // Physical extent of the box: (4 × 2.5·18/8) × (12 × 0.6·50/32) × (10 × 0.45·55/24) mm ≈
        // volume
        // of the study voxels at 1 within a few percent (edges are half-weighted).
        double boxMm3 = 4 * 2.5 * 18 / 8 * 12 * 0.6 * 50 / 32 * 10 * 0.45 * 55 / 24;
        double mapMm3 = 0;
        for (int n = 0; n < study.voxelCount(); n++) {
            mapMm3 += map.rawAt(n) * study.voxelVolumeMm3();
        }
        assertThat(mapMm3 / boxMm3).isBetween(0.9, 1.1);
    }
}
