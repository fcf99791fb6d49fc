package dev.ich.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import org.junit.jupiter.api.Test;

class StudyHeatmapTest {

    private static final VolumeGeometry GRID =
            VolumeGeometry.axial(2, 2, 1, new Vec3(1, 1, 1), new Vec3(0, 0, 0));

    @Test
    void aNonNegativeMapIsScaledByItsMaximumAndClipsNegativeValuesToZero() {
        StudyHeatmap h =
                StudyHeatmap.of(Head.VOLUME, "test", false, GRID, new float[] {4, 2, 0, -1});
        assertThat(h.normalised()).containsExactly(1f, 0.5f, 0f, 0f);
        assertThat(h.maxRaw()).isEqualTo(4f);
    }

    @Test
    void aSignedMapPutsNoEvidenceAtOneHalf() {
        StudyHeatmap h =
                StudyHeatmap.of(Head.VOLUME, "test", true, GRID, new float[] {2, -4, 0, 1});
        assertThat(h.normalised()).containsExactly(0.75f, 0f, 0.5f, 0.625f);
    }

    @Test
    void anAllZeroMapNormalisesToNoEvidence() {
        assertThat(StudyHeatmap.of(Head.VOLUME, "t", false, GRID, new float[4]).normalised())
                .containsExactly(0f, 0f, 0f, 0f);
        assertThat(StudyHeatmap.of(Head.VOLUME, "t", true, GRID, new float[4]).normalised())
                .containsExactly(0.5f, 0.5f, 0.5f, 0.5f);
    }

    @Test
    void valuesAreCopiedInAndOut() {
        float[] raw = {1, 2, 3, 4};
        StudyHeatmap h = StudyHeatmap.of(Head.PROGNOSIS, "t", false, GRID, raw);
        raw[0] = 9;
        h.raw()[1] = 9;
        assertThat(h.raw()).containsExactly(1f, 2f, 3f, 4f);
        assertThat(h)
                .isEqualTo(
                        StudyHeatmap.of(
                                Head.PROGNOSIS, "t", false, GRID, new float[] {1, 2, 3, 4}));
    }

    @Test
    void refusesValuesThatDoNotFitTheGridOrAreNotFinite() {
        assertThatThrownBy(() -> StudyHeatmap.of(Head.VOLUME, "t", false, GRID, new float[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 values but the grid has 4");
        assertThatThrownBy(
                        () ->
                                StudyHeatmap.of(
                                        Head.VOLUME,
                                        "t",
                                        false,
                                        GRID,
                                        new float[] {0, Float.NaN, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("voxel 1 is not finite");
    }
}
