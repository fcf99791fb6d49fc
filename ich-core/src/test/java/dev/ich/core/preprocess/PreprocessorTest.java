package dev.ich.core.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.CtVolume;
import dev.ich.core.volume.Provenance;
import org.junit.jupiter.api.Test;

class PreprocessorTest {

    /** Window arithmetic in float: (75 − 40) / 70 to float precision. */
    private static final double TOLERANCE = 1e-6;

    private static final PreprocessingConfig SMALL =
            PreprocessingConfig.builder().targetShape(4, 6, 5).build();

    @Test
    void cropsToTheVoxelsAboveTheAirThresholdThenWindowsAndResizes() throws IchException {
        VolumeGeometry g = TestVolumes.axial(20, 16, 9);
        float[] hu = TestVolumes.filled(g, -1000);
        // A block of 75 HU (0.5 after the brain window) at i 5..11, j 3..9, k 2..6; one voxel of
        // exactly -500 HU (not above the threshold) outside it.
        for (int k = 2; k <= 6; k++) {
            for (int j = 3; j <= 9; j++) {
                for (int i = 5; i <= 11; i++) {
                    hu[g.index(i, j, k)] = 75;
                }
            }
        }
        hu[g.index(18, 14, 8)] = -500;
        PreprocessedStudy study = new Preprocessor(SMALL).preprocess(volume(g, hu));
        assertThat(study.mapping().crop()).isEqualTo(new CropBox(5, 3, 2, 7, 7, 5));
        for (float v : study.input().data()) {
            assertThat((double) v).isCloseTo(35.0 / 70.0, within(TOLERANCE));
        }

        PreprocessingConfig withMargin = SMALL.toBuilder().marginVoxels(3).build();
        assertThat(new Preprocessor(withMargin).preprocess(volume(g, hu)).mapping().crop())
                .as("margin clamped at the volume's faces")
                .isEqualTo(new CropBox(2, 0, 0, 13, 13, 9));
    }

    @Test
    void resultDoesNotDependOnTheThreadCount() throws IchException {
        CtVolume head = TestVolumes.head(TestVolumes.oblique(41, 37, 11), 5);
        PreprocessingConfig config = PreprocessingConfig.builder().targetShape(7, 30, 26).build();
        float[] one = new Preprocessor(config, 1).preprocess(head).input().data();
        assertThat(new Preprocessor(config, 2).preprocess(head).input().data())
                .containsExactly(one);
        assertThat(new Preprocessor(config, 5).preprocess(head).input().data())
                .containsExactly(one);
    }

    @Test
    void theSourceVolumeIsNotChanged() throws IchException {
        CtVolume head = TestVolumes.head(TestVolumes.axial(30, 28, 6), 9);
        float[] before = head.huCopy();
        new Preprocessor(SMALL).preprocess(head);
        assertThat(head.huCopy()).containsExactly(before);
    }

    @Test
    void aOneVoxelVolumeIsRefused() {
        CtVolume one = volume(TestVolumes.axial(1, 1, 1), new float[] {50});
        assertThatThrownBy(() -> new Preprocessor(SMALL).preprocess(one))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VOLUME))
                .hasMessageContaining("1 voxel (1×1×1)");
    }

    @Test
    void anAllAirVolumeIsRefusedNamingTheThresholdAndTheHighestValue() {
        VolumeGeometry g = TestVolumes.axial(8, 8, 3);
        float[] hu = TestVolumes.filled(g, -1000);
        hu[17] = -612.5f;
        assertThatThrownBy(() -> new Preprocessor(SMALL).preprocess(volume(g, hu)))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VOLUME))
                .hasMessageContaining("-500.0 HU")
                .hasMessageContaining("-612.5 HU")
                .hasMessageContaining("series test");
    }

    @Test
    void aHeadOfOneVoxelIsRefusedNamingTheVoxel() {
        VolumeGeometry g = TestVolumes.axial(8, 8, 3);
        float[] hu = TestVolumes.filled(g, -1000);
        hu[g.index(3, 4, 2)] = 40;
        assertThatThrownBy(() -> new Preprocessor(SMALL).preprocess(volume(g, hu)))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VOLUME))
                .hasMessageContaining("(3, 4, 2)");
    }

    @Test
    void nonFiniteVoxelsCannotReachThePreprocessor() {
        VolumeGeometry g = TestVolumes.axial(4, 4, 2);
        float[] nan = TestVolumes.filled(g, 0);
        nan[9] = Float.NaN;
        assertThatThrownBy(() -> volume(g, nan))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("voxel 9 is NaN");
        float[] inf = TestVolumes.filled(g, 0);
        inf[3] = Float.NEGATIVE_INFINITY;
        assertThatThrownBy(() -> CtVolume.wrap(g, inf, Provenance.synthetic("test", 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("voxel 3 is -Infinity");
    }

    @Test
    void nonPositiveSpacingCannotReachThePreprocessor() {
        assertThatThrownBy(() -> VolumeGeometry.axial(4, 4, 2, new Vec3(0.5, 0, 5), Vec3.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.0");
        assertThatThrownBy(() -> VolumeGeometry.axial(4, 4, 2, new Vec3(0.5, 0.5, -2.5), Vec3.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-2.5");
    }

    @Test
    void aThreadCountBelowOneIsRefused() {
        assertThatThrownBy(() -> new Preprocessor(SMALL, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
    }

    private static CtVolume volume(VolumeGeometry g, float[] hu) {
        return new CtVolume(g, hu, Provenance.synthetic("test", g.nz()));
    }
}
