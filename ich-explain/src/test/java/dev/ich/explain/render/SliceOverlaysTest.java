package dev.ich.explain.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ich.core.analysis.StudyHeatmap;
import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.CtVolume;
import dev.ich.core.volume.Provenance;
import dev.ich.explain.CamProjection;
import dev.ich.explain.CamRequest;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class SliceOverlaysTest {

    private static final VolumeGeometry GRID =
            VolumeGeometry.axial(120, 100, 3, new Vec3(1, 1, 5), new Vec3(0, 0, 0));

    @Test
    void picturesKeepTheSliceGridAndShowTheMapTheBarAndTheNotice() {
        float[] hu = new float[GRID.voxelCount()];
        float[] map = new float[GRID.voxelCount()];
        java.util.Arrays.fill(hu, 75); // mid-grey in the brain window
        map[GRID.index(30, 60, 1)] = 1;
        CtVolume ct = new CtVolume(GRID, hu, Provenance.synthetic("test", 3));
        CamRequest paper = CamRequest.paper(dev.ich.core.analysis.Head.VOLUME);
        StudyHeatmap heatmap = CamProjection.heatmap(paper, GRID, map);
        MontageOptions options = MontageOptions.defaults();
        BufferedImage slice = SliceOverlays.of(ct, heatmap, options).apply(1);
        assertThat(slice.getWidth()).isEqualTo(120);
        assertThat(slice.getHeight()).isEqualTo(100);
        int grey = slice.getRGB(50, 80) & 0xFFFFFF;
        assertThat(grey >>> 16).isEqualTo(grey & 0xFF); // CT alone: grey
        int hot = slice.getRGB(30, 60) & 0xFFFFFF;
        assertThat(hot).isNotEqualTo(grey); // the map's only voxel, unflipped
        int barTop = slice.getRGB(118 - Math.max(3, 120 / 48) + 1, (100 - 33) / 2) & 0xFFFFFF;
        assertThat(barTop).isEqualTo(options.colorMap().packedRgb(1));
        boolean text = false;
        for (int x = 0; x < 60 && !text; x++) {
            for (int y = 0; y < 12 && !text; y++) {
                text = (slice.getRGB(x, y) & 0xFFFFFF) != grey;
            }
        }
        assertThat(text).as("burned-in notice at the top left").isTrue();
        boolean cut = false;
        for (int y = 0; y < 12; y++) {
            cut |= (slice.getRGB(119, y) & 0xFFFFFF) != grey;
        }
        assertThat(cut).as("the notice ends inside the picture").isFalse();
        BufferedImage empty = SliceOverlays.of(ct, heatmap, options).apply(0);
        assertThat(empty.getRGB(30, 60)).isEqualTo(empty.getRGB(50, 80));
    }
}
