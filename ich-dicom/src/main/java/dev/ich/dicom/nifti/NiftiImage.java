package dev.ich.dicom.nifti;

import dev.ich.core.geometry.Affine;
import dev.ich.core.geometry.VolumeGeometry;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Objects;

/**
 * One NIfTI-1 volume as read: scaled float values and the geometry in the library's LPS patient
 * space, plus what the header said. Immutable; values are handed out as copies or read-only views.
 */
public final class NiftiImage {

    private final VolumeGeometry geometry;
    private final float[] values;
    private final Affine voxelToRas;
    private final AffineSource affineSource;
    private final NiftiDataType dataType;
    private final double sclSlope;
    private final double sclInter;
    private final List<String> warnings;

    NiftiImage(
            VolumeGeometry geometry,
            float[] owned,
            Affine voxelToRas,
            AffineSource affineSource,
            NiftiDataType dataType,
            double sclSlope,
            double sclInter,
            List<String> warnings) {
        this.geometry = Objects.requireNonNull(geometry, "geometry");
        if (owned.length != geometry.voxelCount()) {
            throw new IllegalArgumentException(
                    owned.length + " values for " + geometry.voxelCount() + " voxels");
        }
        this.values = owned;
        this.voxelToRas = Objects.requireNonNull(voxelToRas, "voxelToRas");
        this.affineSource = Objects.requireNonNull(affineSource, "affineSource");
        this.dataType = Objects.requireNonNull(dataType, "dataType");
        this.sclSlope = sclSlope;
        this.sclInter = sclInter;
        this.warnings = List.copyOf(warnings);
    }

    /** The voxel grid in LPS patient space ({@code i} fastest, as on disk). */
    public VolumeGeometry geometry() {
        return geometry;
    }

    /** The voxel-to-RAS affine exactly as the header gave it (nibabel's {@code img.affine}). */
    public Affine voxelToRas() {
        return voxelToRas;
    }

    public AffineSource affineSource() {
        return affineSource;
    }

    /** The data type of the voxels on disk. */
    public NiftiDataType dataType() {
        return dataType;
    }

    /** The slope applied to the stored values (1 when the header asked for no scaling). */
    public double sclSlope() {
        return sclSlope;
    }

    /** The intercept applied to the stored values (0 when the header asked for no scaling). */
    public double sclInter() {
        return sclInter;
    }

    /** Notes about guessed or repaired header fields; empty for a clean file. */
    public List<String> warnings() {
        return warnings;
    }

    /** A copy of the scaled values, {@code i} fastest. */
    public float[] values() {
        return values.clone();
    }

    /** A read-only view of the scaled values; no copy is made. */
    public FloatBuffer valueBuffer() {
        return FloatBuffer.wrap(values).asReadOnlyBuffer();
    }

    /** The value at a flat index (see {@link VolumeGeometry#index}). */
    public float valueAt(int index) {
        return values[index];
    }

    /** The array itself, for readers in this package that hand it on and drop it. */
    float[] ownedValues() {
        return values;
    }

    @Override
    public String toString() {
        return "NiftiImage[" + geometry + ", " + dataType + ", affine from " + affineSource + "]";
    }
}
