package dev.ich.core.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolumeModelTest {

    private static final VolumeGeometry GRID =
            VolumeGeometry.axial(4, 3, 2, new Vec3(0.5, 0.5, 5), Vec3.ZERO);

    @Test
    void ctVolumeCopiesItsInputAndHandsOutOnlyCopiesOrViews() {
        float[] hu = new float[24];
        hu[5] = 60;
        CtVolume volume = new CtVolume(GRID, hu, Provenance.synthetic("test", 2));
        hu[5] = -1000;
        assertThat(volume.huAt(1, 1, 0)).isEqualTo(60f);
        volume.huCopy()[5] = -1000;
        assertThat(volume.huAt(5)).isEqualTo(60f);
        assertThat(volume.huBuffer().isReadOnly()).isTrue();
        assertThat(volume.range()).containsExactly(0f, 60f);
    }

    @Test
    void ctVolumeRefusesNonFiniteValuesAndWrongLengths() {
        float[] hu = new float[24];
        hu[7] = Float.NaN;
        assertThatThrownBy(() -> new CtVolume(GRID, hu, Provenance.synthetic("t", 2)))
                .hasMessageContaining("voxel 7 is NaN");
        hu[7] = Float.NEGATIVE_INFINITY;
        assertThatThrownBy(() -> new CtVolume(GRID, hu, Provenance.synthetic("t", 2)))
                .hasMessageContaining("voxel 7 is -Infinity");
        assertThatThrownBy(() -> new CtVolume(GRID, new float[23], Provenance.synthetic("t", 2)))
                .hasMessageContaining("23 values")
                .hasMessageContaining("24");
    }

    @Test
    void maskVolumeIsVoxelCountTimesVoxelVolume() {
        BitSet bits = new BitSet();
        bits.set(0);
        bits.set(13);
        bits.set(23);
        BinaryMask mask = BinaryMask.fromBits(GRID, bits);
        assertThat(mask.count()).isEqualTo(3);
        // 3 voxels of 0.5 × 0.5 × 5 mm³ = 3.75 mm³ = 0.00375 ml.
        assertThat(mask.volumeMl()).isCloseTo(0.00375, within(1e-15));
        assertThat(mask.contains(1, 0, 1)).isTrue();
        assertThat(BinaryMask.fromValues(GRID, mask.toFloats())).isEqualTo(mask);
        assertThatThrownBy(() -> BinaryMask.fromBits(GRID, bitAt(24)))
                .hasMessageContaining("outside");
    }

    private static BitSet bitAt(int n) {
        BitSet b = new BitSet();
        b.set(n);
        return b;
    }

    @Test
    void brainWindowClipsAndScales() {
        HuWindow w = HuWindow.brain();
        assertThat(w.apply(-1000)).isEqualTo(0f);
        assertThat(w.apply(40)).isEqualTo(0f);
        assertThat(w.apply(75)).isCloseTo(0.5f, within(1e-7f));
        assertThat(w.apply(110)).isEqualTo(1f);
        assertThat(w.apply(1500)).isEqualTo(1f);
        assertThat(HuWindow.ofCenterWidth(75, 70)).isEqualTo(w);
        assertThatThrownBy(() -> new HuWindow(110, 40))
                .hasMessageContaining("lower=110.0, upper=40.0");
        assertThatThrownBy(() -> new HuWindow(40, 40)).hasMessageContaining("lower=40.0");
    }

    @Test
    void provenanceKeepsWarningsImmutable() {
        Provenance p = new Provenance("1.2.3", 2, 2, "1.2.840.10008.1.2.1", List.of());
        Provenance warned = p.withWarning("slice gap of 10 mm between slices 3 and 4");
        assertThat(p.warnings()).isEmpty();
        assertThat(warned.warnings()).containsExactly("slice gap of 10 mm between slices 3 and 4");
        assertThatThrownBy(() -> warned.warnings().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
