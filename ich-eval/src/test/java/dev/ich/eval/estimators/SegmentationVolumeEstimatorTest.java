package dev.ich.eval.estimators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.CtVolume;
import dev.ich.core.volume.Provenance;
import org.junit.jupiter.api.Test;

class SegmentationVolumeEstimatorTest {

    /**
     * A skull with two separate 10 × 10 × 4-voxel bleeds on the same slices, 30 mm apart. Each box
     * has A = B = √2·10 mm (diagonal), … so per-part ABC/2 sums two equal measurements, while one
     * ABC over the union would take A across both boxes.
     */
    @Test
    void abcFormulasMeasureEachBleedSeparatelyAndPlanimetryCountsAll() {
        VolumeGeometry g = VolumeGeometry.axial(80, 80, 10, new Vec3(1, 1, 5), Vec3.ZERO);
        float[] hu = new float[g.voxelCount()];
        for (int k = 0; k < 10; k++) {
            for (int j = 0; j < 80; j++) {
                for (int i = 0; i < 80; i++) {
                    double r = Math.hypot(i - 39.5, j - 39.5);
                    boolean bleedA = i >= 15 && i < 25 && j >= 35 && j < 45 && k >= 3 && k < 7;
                    boolean bleedB = i >= 55 && i < 65 && j >= 35 && j < 45 && k >= 3 && k < 7;
                    hu[g.index(i, j, k)] =
                            r > 38 ? -1000 : r > 34 ? 1000 : bleedA || bleedB ? 70 : 30;
                }
            }
        }
        CtVolume ct = new CtVolume(g, hu, Provenance.synthetic("two bleeds", 10));
        HaematomaSegmenter segmenter = HaematomaSegmenter.defaults();
        double one =
                ClinicalVolumeEstimator.volumeMl(
                        HaematomaSegmenter.defaults().segment(cropTo(ct, 0, 40)),
                        VolumeMethod.ABC2);
        double union = ClinicalVolumeEstimator.volumeMl(segmenter.segment(ct), VolumeMethod.ABC2);
        double perPart =
                SegmentationVolumeEstimator.of(VolumeMethod.ABC2, segmenter).estimateMl(ct);
        assertThat(perPart).isCloseTo(2 * one, within(1e-9));
        assertThat(union).isGreaterThan(1.5 * perPart);
        // Planimetry: 2 boxes of 400 voxels of 5 mm³.
        assertThat(
                        SegmentationVolumeEstimator.of(VolumeMethod.PLANIMETRY, segmenter)
                                .estimateMl(ct))
                .isCloseTo(2 * 400 * 5 / 1000.0, within(1e-9));
    }

    /** The same CT with every bleed voxel outside columns [from, to) set to brain. */
    private static CtVolume cropTo(CtVolume ct, int from, int to) {
        VolumeGeometry g = ct.geometry();
        float[] hu = ct.huCopy();
        for (int n = 0; n < hu.length; n++) {
            int i = n % g.nx();
            if ((i < from || i >= to) && hu[n] == 70) {
                hu[n] = 30;
            }
        }
        return new CtVolume(g, hu, ct.provenance());
    }
}
