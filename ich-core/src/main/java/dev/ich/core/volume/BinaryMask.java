package dev.ich.core.volume;

import dev.ich.core.geometry.VolumeGeometry;
import java.util.BitSet;
import java.util.Objects;

/** A binary mask (for example a haematoma segmentation) on a voxel grid. Immutable. */
public final class BinaryMask {

    private final VolumeGeometry geometry;
    private final BitSet voxels;

    private BinaryMask(VolumeGeometry geometry, BitSet voxels) {
        this.geometry = Objects.requireNonNull(geometry, "geometry");
        this.voxels = voxels;
    }

    /** The mask of the voxels whose value is non-zero; {@code values} is read, not kept. */
    public static BinaryMask fromValues(VolumeGeometry geometry, float[] values) {
        requireLength(geometry, values.length);
        BitSet bits = new BitSet(values.length);
        for (int n = 0; n < values.length; n++) {
            if (values[n] != 0) {
                bits.set(n);
            }
        }
        return new BinaryMask(geometry, bits);
    }

    /** The mask of the set flat indices of {@code bits}; the set is copied. */
    public static BinaryMask fromBits(VolumeGeometry geometry, BitSet bits) {
        if (bits.length() > geometry.voxelCount()) {
            throw new IllegalArgumentException(
                    "bit "
                            + (bits.length() - 1)
                            + " lies outside the grid of "
                            + geometry.voxelCount()
                            + " voxels");
        }
        return new BinaryMask(geometry, (BitSet) bits.clone());
    }

    private static void requireLength(VolumeGeometry geometry, int length) {
        if (length != geometry.voxelCount()) {
            throw new IllegalArgumentException(
                    "mask has " + length + " values but the grid has " + geometry.voxelCount());
        }
    }

    public VolumeGeometry geometry() {
        return geometry;
    }

    public boolean contains(int i, int j, int k) {
        return voxels.get(geometry.index(i, j, k));
    }

    public boolean contains(int index) {
        return voxels.get(index);
    }

    /** Number of voxels in the mask. */
    public int count() {
        return voxels.cardinality();
    }

    /** Volume in millilitres: voxel count × voxel volume. */
    public double volumeMl() {
        return count() * geometry.voxelVolumeMm3() / 1000.0;
    }

    /** A copy of the set flat indices. */
    public BitSet bits() {
        return (BitSet) voxels.clone();
    }

    /** The mask as 0/1 floats, {@code i} fastest. */
    public float[] toFloats() {
        float[] out = new float[geometry.voxelCount()];
        for (int n = voxels.nextSetBit(0); n >= 0; n = voxels.nextSetBit(n + 1)) {
            out[n] = 1f;
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryMask
                && ((BinaryMask) o).geometry.equals(geometry)
                && ((BinaryMask) o).voxels.equals(voxels);
    }

    @Override
    public int hashCode() {
        return 31 * geometry.hashCode() + voxels.hashCode();
    }

    @Override
    public String toString() {
        return "BinaryMask[" + count() + " voxels, " + volumeMl() + " ml]";
    }
}
