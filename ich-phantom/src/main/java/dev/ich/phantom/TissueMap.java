package dev.ich.phantom;

import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.BinaryMask;
import java.util.BitSet;
import java.util.Objects;

/**
 * The tissue class of every voxel of a phantom (ground truth for tests and displays). Immutable.
 */
public final class TissueMap {

    private final VolumeGeometry geometry;
    private final byte[] codes;

    /**
     * Takes ownership of {@code codes} (one {@link Tissue} ordinal per voxel, {@code i} fastest).
     */
    TissueMap(VolumeGeometry geometry, byte[] codes) {
        this.geometry = Objects.requireNonNull(geometry, "geometry");
        if (codes.length != geometry.voxelCount()) {
            throw new IllegalArgumentException(
                    "codes has "
                            + codes.length
                            + " values but the grid has "
                            + geometry.voxelCount());
        }
        this.codes = codes;
    }

    public VolumeGeometry geometry() {
        return geometry;
    }

    public Tissue tissueAt(int index) {
        return Tissue.ofCode(codes[index]);
    }

    public Tissue tissueAt(int i, int j, int k) {
        return tissueAt(geometry.index(i, j, k));
    }

    /** Number of voxels of the given tissue. */
    public int count(Tissue tissue) {
        byte code = (byte) tissue.ordinal();
        int count = 0;
        for (byte c : codes) {
            if (c == code) {
                count++;
            }
        }
        return count;
    }

    /** The voxels of the given tissue as a mask. */
    public BinaryMask mask(Tissue tissue) {
        byte code = (byte) tissue.ordinal();
        BitSet bits = new BitSet(codes.length);
        for (int n = 0; n < codes.length; n++) {
            if (codes[n] == code) {
                bits.set(n);
            }
        }
        return BinaryMask.fromBits(geometry, bits);
    }
}
