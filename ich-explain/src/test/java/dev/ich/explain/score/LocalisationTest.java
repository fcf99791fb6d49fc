package dev.ich.explain.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ich.core.analysis.Head;
import dev.ich.core.analysis.StudyHeatmap;
import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.BinaryMask;
import dev.ich.explain.CamProjection;
import dev.ich.explain.CamRequest;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class LocalisationTest {

    private static final double TOLERANCE = 1e-12;
    private static final VolumeGeometry GRID =
            VolumeGeometry.axial(10, 8, 6, new Vec3(0.5, 0.5, 2), Vec3.ZERO);

    private static BinaryMask box(int i0, int i1, int j0, int j1, int k0, int k1) {
        BitSet b = new BitSet();
        for (int k = k0; k <= k1; k++) {
            for (int j = j0; j <= j1; j++) {
                for (int i = i0; i <= i1; i++) {
                    b.set(GRID.index(i, j, k));
                }
            }
        }
        return BinaryMask.fromBits(GRID, b);
    }

    @Test
    void mapEqualToTheMaskScoresPerfectly() {
        BinaryMask mask = box(2, 4, 1, 3, 2, 4);
        StudyHeatmap h =
                CamProjection.heatmap(CamRequest.paper(Head.VOLUME), GRID, mask.toFloats());
        LocalisationScores s = Localisation.score(h, mask, null, 27.0 / GRID.voxelCount());
        assertThat(s.energyInside()).isEqualTo(1.0);
        assertThat(s.pointingHit()).isTrue();
        assertThat(s.topIou()).isEqualTo(1.0);
        assertThat(s.maskVoxels()).isEqualTo(27);
        assertThat(s.chanceEnergy()).isCloseTo(27.0 / 480, within(TOLERANCE));
    }

    @Test
    void energyPointingAndIouFollowTheirDefinitions() {
        BinaryMask mask = box(2, 4, 1, 3, 2, 4);
        float[] raw = new float[GRID.voxelCount()];
        for (int n = 0; n < raw.length; n++) {
            raw[n] = mask.contains(n) ? 1f : 0f;
        }
        raw[GRID.index(8, 7, 0)] = 3f; // the peak, outside
        raw[GRID.index(0, 0, 0)] = -5f; // negative values carry no energy
        CamRequest signed =
                CamRequest.builder().polarity(dev.ich.explain.cam.Polarity.SIGNED).build();
        StudyHeatmap h = CamProjection.heatmap(signed, GRID, raw);
        // top 28 voxels: the peak + 27 mask voxels → intersection 27, union 28
        LocalisationScores s = Localisation.score(h, mask, null, 28.0 / 480);
        assertThat(s.energyInside()).isCloseTo(27.0 / 30.0, within(TOLERANCE));
        assertThat(s.pointingHit()).isFalse();
        assertThat(s.topIou()).isCloseTo(27.0 / 28.0, within(TOLERANCE));
    }

    @Test
    void regionRestrictsEveryScore() {
        BinaryMask mask = box(2, 4, 1, 3, 2, 4);
        BinaryMask region = box(0, 5, 0, 5, 0, 5); // 216 voxels; excludes the outside peak
        float[] raw = mask.toFloats();
        raw[GRID.index(8, 7, 0)] = 3f;
        StudyHeatmap h = CamProjection.heatmap(CamRequest.paper(Head.VOLUME), GRID, raw);
        LocalisationScores s = Localisation.score(h, mask, region, 27.0 / 216);
        assertThat(s.energyInside()).isEqualTo(1.0);
        assertThat(s.pointingHit()).isTrue();
        assertThat(s.topIou()).isEqualTo(1.0);
        assertThat(s.chanceEnergy()).isCloseTo(27.0 / 216, within(TOLERANCE));
        assertThat(s.regionVoxels()).isEqualTo(216);
    }

    @Test
    void anAllZeroMapHasNoEnergyAndNoHit() {
        BinaryMask mask = box(2, 4, 1, 3, 2, 4);
        StudyHeatmap h =
                CamProjection.heatmap(
                        CamRequest.paper(Head.VOLUME), GRID, new float[GRID.voxelCount()]);
        LocalisationScores s = Localisation.score(h, mask);
        assertThat(s.energyInside()).isNaN();
        assertThat(s.pointingHit()).isFalse();
    }
}
