package dev.ich.eval.estimators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.BinaryMask;
import dev.ich.core.volume.CtVolume;
import dev.ich.core.volume.Provenance;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The threshold segmentation on a small head phantom with traps around the real haematoma. */
class HaematomaSegmenterTest {

    private static final int N = 128;
    private static final int NZ = 16;
    private static final double SX = 1.0;
    private static final double SZ = 2.0;

    /**
     * Phantom: skull ring with a burr hole, brain, scalp, a scalp haematoma, a speck and a
     * partial-volume rim.
     */
    private static Object[] phantom() {
        VolumeGeometry g = VolumeGeometry.axial(N, N, NZ, new Vec3(SX, SX, SZ), Vec3.ZERO);
        float[] hu = new float[g.voxelCount()];
        BitSet truth = new BitSet();
        for (int k = 0; k < NZ; k++) {
            boolean head =
                    k > 0 && k < NZ - 1; // the first and last slices are air, like above the vertex
            for (int j = 0; j < N; j++) {
                for (int i = 0; i < N; i++) {
                    double x = i - N / 2.0 + 0.5;
                    double y = j - N / 2.0 + 0.5;
                    double z = (k - NZ / 2.0 + 0.5) * SZ;
                    double rho = Math.hypot(x / 55, y / 45); // 1 at the outer skull surface
                    float v = -1000;
                    if (head) {
                        if (rho <= 1.08) {
                            v = 40; // scalp
                        }
                        if (rho <= 1.0) {
                            v = 1000; // skull
                        }
                        boolean burrHole = Math.abs(y) < 2.5 && x > 40 && k >= 5 && k <= 8;
                        if (rho <= 1.0 && burrHole) {
                            v = 40;
                        }
                        if (rho <= 0.9) {
                            v = 35; // brain
                        }
                        if (rho > 0.88 && rho <= 0.9) {
                            v = 60; // bone/brain partial-volume rim, in the blood range
                        }
                        if (rho > 1.0 && rho <= 1.08 && y < -30 && Math.abs(x) < 15) {
                            v = 70; // scalp haematoma, outside the skull
                        }
                        double u = (x + 15) / 14;
                        double w = (y - 5) / 9;
                        double t = z / 9;
                        if (u * u + w * w + t * t <= 1) {
                            v = 70; // the intracerebral haematoma
                            truth.set(g.index(i, j, k));
                        }
                        if (k == 7 && j == 64 && (i == 90 || i == 91)) {
                            v = 65; // a two-voxel speck
                        }
                    }
                    hu[g.index(i, j, k)] = v;
                }
            }
        }
        CtVolume ct =
                CtVolume.wrap(
                        g, hu, new Provenance("1.2.3", NZ, NZ, "1.2.840.10008.1.2.1", List.of()));
        return new Object[] {ct, BinaryMask.fromBits(g, truth)};
    }

    @Test
    void segmentsExactlyTheIntracerebralHaematoma() {
        Object[] p = phantom();
        BinaryMask mask = HaematomaSegmenter.defaults().segment((CtVolume) p[0]);
        BinaryMask truth = (BinaryMask) p[1];
        assertThat(truth.count()).isGreaterThan(2000);
        assertThat(mask).isEqualTo(truth);
        assertThat(ClinicalVolumeEstimator.volumeMl(mask, VolumeMethod.PLANIMETRY))
                .isEqualTo(truth.volumeMl());
    }

    @Test
    void theIntracranialRegionExcludesScalpAndEmptySlices() {
        CtVolume ct = (CtVolume) phantom()[0];
        BinaryMask region = HaematomaSegmenter.defaults().intracranialRegion(ct);
        VolumeGeometry g = ct.geometry();
        assertThat(region.contains(g.index(64, 64, 8))).isTrue();
        assertThat(region.contains(g.index(64, 64, 0))).as("slice above the vertex").isFalse();
        assertThat(region.contains(g.index(64, 64 - 46, 8))).as("scalp haematoma").isFalse();
        // The burr hole is closed: the scalp beyond it stays outside.
        assertThat(region.contains(g.index(64 + 58, 64, 6))).isFalse();
        // Without gap closing the flood fill leaks through the 5 mm hole and the slice has no
        // interior.
        BinaryMask leaky =
                HaematomaSegmenter.builder()
                        .gapClosingMm(0)
                        .boneMarginMm(0)
                        .build()
                        .intracranialRegion(ct);
        assertThat(leaky.contains(g.index(64, 64, 6))).isFalse();
        assertThat(leaky.contains(g.index(64, 64, 3))).isTrue();
    }

    @Test
    void theHuRangeAndComponentSizeAreConfigurable() {
        CtVolume ct = (CtVolume) phantom()[0];
        BinaryMask withSpeck = HaematomaSegmenter.builder().minComponentMm3(0).build().segment(ct);
        assertThat(withSpeck.contains(ct.geometry().index(90, 64, 7))).isTrue();
        BinaryMask none = HaematomaSegmenter.builder().huRange(75, 90).build().segment(ct);
        assertThat(none.count()).isZero();
        assertThatThrownBy(() -> HaematomaSegmenter.builder().huRange(90, 50).build())
                .hasMessageContaining("huRange")
                .hasMessageContaining("[90.0, 50.0]");
        assertThatThrownBy(() -> HaematomaSegmenter.builder().boneMarginMm(5).build())
                .hasMessageContaining("boneMarginMm");
    }

    /**
     * The morphology disc is cut at the slice's size: a pixel spacing of 1e-30 mm (refused by the
     * readers, but possible through the API) costs no more than the slice itself, where the disc
     * for a 3 mm radius used to have ~1e60 offsets and allocated until the heap ran out.
     */
    @Test
    @Timeout(20)
    void aTinyPixelSpacingDoesNotBlowUpTheMorphology() {
        VolumeGeometry g =
                VolumeGeometry.axial(24, 24, 2, new Vec3(1e-30, 1e-30, 1), new Vec3(0, 0, 0));
        float[] hu = new float[g.voxelCount()];
        for (int n = 0; n < hu.length; n++) {
            int i = n % 24;
            int j = (n / 24) % 24;
            hu[n] = i == 2 || i == 21 || j == 2 || j == 21 ? 1000 : 40;
        }
        BinaryMask region =
                HaematomaSegmenter.defaults()
                        .intracranialRegion(new CtVolume(g, hu, Provenance.synthetic("tiny", 2)));
        assertThat(region.count()).isZero();
    }
}
