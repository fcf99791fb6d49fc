package dev.ich.core.volume;

import dev.ich.core.geometry.VolumeGeometry;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A CT volume in Hounsfield units with its geometry and provenance. Immutable: the voxels are
 * copied in and only handed out as copies or read-only views.
 */
public final class CtVolume {

    private final VolumeGeometry geometry;
    private final float[] hu;
    private final Provenance provenance;

    /**
     * @param geometry the voxel grid
     * @param hu voxel values in HU, {@code i} fastest (see {@link VolumeGeometry}); copied
     * @param provenance where the volume came from
     * @throws IllegalArgumentException when the length does not match the grid or a value is not
     *     finite
     */
    public CtVolume(VolumeGeometry geometry, float[] hu, Provenance provenance) {
        this(hu.clone(), geometry, provenance, true);
    }

    private CtVolume(
            float[] owned, VolumeGeometry geometry, Provenance provenance, boolean validate) {
        this.geometry = Objects.requireNonNull(geometry, "geometry");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        if (owned.length != geometry.voxelCount()) {
            throw new IllegalArgumentException(
                    "hu has "
                            + owned.length
                            + " values but the grid "
                            + geometry.nx()
                            + "×"
                            + geometry.ny()
                            + "×"
                            + geometry.nz()
                            + " has "
                            + geometry.voxelCount());
        }
        if (validate) {
            for (int n = 0; n < owned.length; n++) {
                if (!Float.isFinite(owned[n])) {
                    throw new IllegalArgumentException(
                            "voxel " + n + " is " + owned[n] + "; HU values must be finite");
                }
            }
        }
        this.hu = owned;
    }

    /**
     * Takes ownership of {@code hu} without copying it. For readers and generators in this library
     * that built the array themselves and drop their reference; the values are still validated.
     */
    public static CtVolume wrap(VolumeGeometry geometry, float[] hu, Provenance provenance) {
        return new CtVolume(hu, geometry, provenance, true);
    }

    public VolumeGeometry geometry() {
        return geometry;
    }

    public Provenance provenance() {
        return provenance;
    }

    /**
     * A copy of this volume with other provenance (the voxels are shared, both being immutable).
     */
    public CtVolume withProvenance(Provenance newProvenance) {
        return new CtVolume(hu, geometry, newProvenance, false);
    }

    /** HU at voxel (i, j, k). */
    public float huAt(int i, int j, int k) {
        return hu[geometry.index(i, j, k)];
    }

    /** HU at a flat index (see {@link VolumeGeometry#index}). */
    public float huAt(int index) {
        return hu[index];
    }

    /** A read-only view of all voxels, {@code i} fastest; no copy is made. */
    public FloatBuffer huBuffer() {
        return FloatBuffer.wrap(hu).asReadOnlyBuffer();
    }

    /** A copy of all voxels, {@code i} fastest. */
    public float[] huCopy() {
        return hu.clone();
    }

    /** The smallest and largest HU value. */
    public float[] range() {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : hu) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new float[] {lo, hi};
    }

    /** True when the grids match and every voxel is equal. */
    public boolean sameVoxels(CtVolume other) {
        return geometry.sameGrid(other.geometry, 1e-6) && Arrays.equals(hu, other.hu);
    }

    @Override
    public String toString() {
        return "CtVolume[" + geometry + ", series " + provenance.seriesInstanceUid() + "]";
    }
}
