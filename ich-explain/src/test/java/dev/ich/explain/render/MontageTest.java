package dev.ich.explain.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ich.core.analysis.Head;
import dev.ich.core.analysis.StudyHeatmap;
import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.CtVolume;
import dev.ich.explain.CamProjection;
import dev.ich.explain.CamRequest;
import dev.ich.explain.testsupport.TinyHead;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class MontageTest {

    /** Colour table entries are printed by tools/reference/make_colormaps.py from matplotlib. */
    private static final double TABLE_TOLERANCE = 1e-6;

    private static final VolumeGeometry GRID =
            VolumeGeometry.axial(96, 96, 30, new Vec3(0.9, 0.9, 5), new Vec3(-43, -43, -70));

    @Test
    void colourTablesMatchMatplotlib() {
        assertThat(ColorMap.VIRIDIS.rgb(0))
                .containsExactly(
                        new float[] {0.267004f, 0.004874f, 0.329415f},
                        within((float) TABLE_TOLERANCE));
        assertThat(ColorMap.VIRIDIS.rgb(128 / 255.0))
                .containsExactly(
                        new float[] {0.127568f, 0.566949f, 0.550556f},
                        within((float) TABLE_TOLERANCE));
        assertThat(ColorMap.VIRIDIS.rgb(1))
                .containsExactly(
                        new float[] {0.993248f, 0.906157f, 0.143936f},
                        within((float) TABLE_TOLERANCE));
        assertThat(ColorMap.INFERNO.rgb(128 / 255.0))
                .containsExactly(
                        new float[] {0.735683f, 0.215906f, 0.330245f},
                        within((float) TABLE_TOLERANCE));
        // Between entries the map interpolates linearly.
        float[] a = ColorMap.INFERNO.rgb(10 / 255.0);
        float[] b = ColorMap.INFERNO.rgb(11 / 255.0);
        float[] mid = ColorMap.INFERNO.rgb(10.5 / 255.0);
        for (int c = 0; c < 3; c++) {
            assertThat(mid[c]).isCloseTo((a[c] + b[c]) / 2, within(1e-6f));
        }
    }

    @Test
    void slicesAreSpreadThroughTheHead() {
        CtVolume ct = TinyHead.ct(GRID, 60, 40, 15, 8);
        int[] s = Montage.chooseSlices(ct, 4, -500);
        // The head spans slices 7..22 of 30 here (an ellipsoid of half-height 0.55·30 around 14.5).
        assertThat(s).hasSize(4).isSorted();
        assertThat(s[0]).isGreaterThan(0);
        assertThat(s[3]).isLessThan(GRID.nz() - 1);
        assertThat(Montage.label(GRID, 10)).isEqualTo("slice 10  z = -20.0 mm");
    }

    @Test
    void heatmapIsColouredOverTheBleedAndTheCtStaysGreyElsewhere() throws IOException {
        CtVolume ct = TinyHead.ct(GRID, 60, 40, 15, 8);
        StudyHeatmap h =
                CamProjection.heatmap(
                        CamRequest.paper(Head.VOLUME), GRID, TinyHead.blob(GRID, 60, 40, 15, 6));
        MontageOptions o = MontageOptions.builder().slices(1).columns(1).tileSize(192).build();
        BufferedImage img = Montage.render(ct, h, "Grad-CAM, volume head, stage 4", o);
        assertThat(img.getWidth()).isEqualTo(10 + 192 + 10 + 96);
        // Only slice 15 shown (the middle of the head); tile at (10, 34), 2 px per voxel.
        int bleed = img.getRGB(10 + 2 * 60, 34 + 2 * 40);
        int brain = img.getRGB(10 + 2 * 30, 34 + 2 * 60);
        assertThat(isGrey(bleed)).as("pixel over the bleed is coloured").isFalse();
        assertThat(isGrey(brain)).as("pixel away from the heatmap is grey").isTrue();
        byte[] png = Montage.png(img);
        assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth())
                .isEqualTo(img.getWidth());
        Path out = Path.of("target", "montage-test.png");
        Files.write(out, png); // for looking at, not compared
        BufferedImage big =
                Montage.render(ct, h, "Grad-CAM, volume head, stage 4", MontageOptions.defaults());
        Files.write(Path.of("target", "montage-test-8.png"), Montage.png(big));
    }

    @Test
    void theColoursSaturateWhereTheStrongestVoxelsHoldTheRestOfTheEvidence() {
        float[] raw = new float[GRID.voxelCount()];
        for (int v = 1; v <= 100; v++) {
            raw[GRID.index(v % 50 + 20, v / 50 + 40, 15)] =
                    v; // 100 voxels of 1..100, the rest no evidence
        }
        StudyHeatmap h = CamProjection.heatmap(CamRequest.paper(Head.VOLUME), GRID, raw);
        assertThat(Montage.saturation(h, 1)).isEqualTo(1);
        // 1 + … + 95 = 4560 is the first sum ≥ 0.9 · 5050; 1 + … + 7 = 28 the first ≥ 0.005 · 5050.
        assertThat(Montage.saturation(h, 0.9)).isCloseTo(0.95, within(1e-6));
        assertThat(Montage.saturation(h, 0.005)).isCloseTo(0.07, within(1e-6));
        assertThat(Montage.barLabels(false, 0.95)).containsExactly("≥ 0.95", "0.48", "0");
        assertThat(Montage.barLabels(true, 0.25))
                .containsExactly("≥ +0.25 max", "0", "≤ −0.25 max");
        assertThat(Montage.barLabels(false, 1)).containsExactly("1", "0.5", "0");

        CtVolume ct = TinyHead.ct(GRID, 60, 40, 15, 8);
        // Opacity 1: a saturated voxel shows the colour bar's top without the CT under it.
        MontageOptions half =
                MontageOptions.builder()
                        .slices(1)
                        .columns(1)
                        .tileSize(96)
                        .maxOpacity(1)
                        .saturationEnergyQuantile(0.5)
                        .build();
        BufferedImage img = Montage.render(ct, h, "t", half);
        // One pixel per voxel; slice 15 is the one shown. Half of the evidence is in the voxels up
        // to
        // 71 (1 + … + 71 = 2556 ≥ 2525), so voxels 80 and 100 both show the colour bar's top.
        int atEighty = img.getRGB(10 + 80 % 50 + 20, 34 + 80 / 50 + 40) & 0xffffff;
        int atHundred = img.getRGB(10 + 100 % 50 + 20, 34 + 100 / 50 + 40) & 0xffffff;
        int atTen = img.getRGB(10 + 10 % 50 + 20, 34 + 10 / 50 + 40) & 0xffffff;
        assertThat(atEighty)
                .isEqualTo(atHundred)
                .isEqualTo(ColorMap.INFERNO.packedRgb(1))
                .isNotEqualTo(atTen);
        BufferedImage full =
                Montage.render(
                        ct,
                        h,
                        "t",
                        MontageOptions.builder()
                                .slices(1)
                                .columns(1)
                                .tileSize(96)
                                .maxOpacity(1)
                                .build());
        assertThat(full.getRGB(10 + 80 % 50 + 20, 34 + 80 / 50 + 40) & 0xffffff)
                .isNotEqualTo(atHundred);
    }

    private static boolean isGrey(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return Math.abs(r - g) <= 2 && Math.abs(g - b) <= 2;
    }
}
