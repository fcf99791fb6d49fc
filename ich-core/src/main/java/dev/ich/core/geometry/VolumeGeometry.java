package dev.ich.core.geometry;

import java.util.Objects;

/**
 * The voxel grid of a volume and where it lies in the patient.
 *
 * <p>Voxel index {@code (i, j, k)}: {@code i} runs along a row (DICOM column index), {@code j} down
 * the rows, {@code k} across slices. Voxels are stored with {@code i} fastest: {@code index = i +
 * nx·(j + ny·k)}, the order of DICOM pixel data and NIfTI files. The centre of voxel {@code (i, j,
 * k)} lies at {@code origin + i·sx·axisI + j·sy·axisJ + k·sz·axisK} in DICOM patient coordinates
 * (LPS, millimetres).
 *
 * <p>The axes are unit vectors but need not be orthogonal: a gantry-tilted acquisition has a slice
 * axis that is not perpendicular to the image plane, and the affine keeps that exactly.
 *
 * @param nx voxels along a row
 * @param ny rows per slice
 * @param nz slices
 * @param spacing voxel spacing along {@code i}, {@code j}, {@code k} in millimetres
 * @param origin patient position of the centre of voxel (0, 0, 0), LPS millimetres
 * @param axisI unit direction of increasing {@code i} (DICOM ImageOrientationPatient row cosines)
 * @param axisJ unit direction of increasing {@code j} (ImageOrientationPatient column cosines)
 * @param axisK unit direction of increasing {@code k} (from slice to slice)
 */
public record VolumeGeometry(
        int nx, int ny, int nz, Vec3 spacing, Vec3 origin, Vec3 axisI, Vec3 axisJ, Vec3 axisK) {

    private static final double UNIT_TOLERANCE = 1e-3;
    private static final double MIN_ABS_DETERMINANT = 1e-3;

    public VolumeGeometry {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException(
                    "dimensions must be at least 1, got " + nx + " × " + ny + " × " + nz);
        }
        if ((long) nx * ny * nz > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "a volume of " + nx + " × " + ny + " × " + nz + " voxels is too large");
        }
        Objects.requireNonNull(spacing, "spacing");
        Objects.requireNonNull(origin, "origin");
        if (!spacing.isFinite() || !(spacing.x() > 0 && spacing.y() > 0 && spacing.z() > 0)) {
            throw new IllegalArgumentException(
                    "spacing must be positive and finite, got " + spacing);
        }
        if (!origin.isFinite()) {
            throw new IllegalArgumentException("origin must be finite, got " + origin);
        }
        axisI = requireUnit("axisI", axisI);
        axisJ = requireUnit("axisJ", axisJ);
        axisK = requireUnit("axisK", axisK);
        double det = axisI.dot(axisJ.cross(axisK));
        if (Math.abs(det) < MIN_ABS_DETERMINANT) {
            throw new IllegalArgumentException(
                    "axes are (nearly) coplanar: " + axisI + ", " + axisJ + ", " + axisK);
        }
    }

    private static Vec3 requireUnit(String name, Vec3 axis) {
        Objects.requireNonNull(axis, name);
        double n = axis.norm();
        if (!Double.isFinite(n) || Math.abs(n - 1) > UNIT_TOLERANCE) {
            throw new IllegalArgumentException(
                    name + " must be a unit vector, got " + axis + " (length " + n + ")");
        }
        return axis.times(1 / n);
    }

    /** An axis-aligned grid: i → +x (left), j → +y (posterior), k → +z (superior). */
    public static VolumeGeometry axial(int nx, int ny, int nz, Vec3 spacing, Vec3 origin) {
        return new VolumeGeometry(
                nx,
                ny,
                nz,
                spacing,
                origin,
                new Vec3(1, 0, 0),
                new Vec3(0, 1, 0),
                new Vec3(0, 0, 1));
    }

    /**
     * The geometry whose voxel-to-patient (LPS) affine is {@code affine}: spacing is the length of
     * each column, the axis its direction.
     */
    public static VolumeGeometry fromVoxelToPatient(int nx, int ny, int nz, Affine affine) {
        Vec3 c0 = affine.column(0);
        Vec3 c1 = affine.column(1);
        Vec3 c2 = affine.column(2);
        return new VolumeGeometry(
                nx,
                ny,
                nz,
                new Vec3(c0.norm(), c1.norm(), c2.norm()),
                affine.column(3),
                c0.normalized(),
                c1.normalized(),
                c2.normalized());
    }

    /** Voxel index (continuous) to patient position, LPS millimetres. */
    public Affine voxelToPatient() {
        return Affine.ofColumns(
                axisI.times(spacing.x()),
                axisJ.times(spacing.y()),
                axisK.times(spacing.z()),
                origin);
    }

    /** Patient position (LPS millimetres) to continuous voxel index. */
    public Affine patientToVoxel() {
        return voxelToPatient().inverse();
    }

    /** Voxel index to RAS millimetres, the affine a NIfTI file stores. */
    public Affine voxelToRas() {
        return voxelToPatient().lpsToRas();
    }

    public int voxelCount() {
        return nx * ny * nz;
    }

    /** The flat index of voxel (i, j, k). */
    public int index(int i, int j, int k) {
        return i + nx * (j + ny * k);
    }

    public boolean contains(int i, int j, int k) {
        return i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz;
    }

    /**
     * Volume of one voxel in mm³ (the absolute determinant of the affine, so sheared grids are
     * exact).
     */
    public double voxelVolumeMm3() {
        return Math.abs(voxelToPatient().determinant());
    }

    /**
     * True when both grids have the same dimensions and their affines agree to {@code toleranceMm}.
     */
    public boolean sameGrid(VolumeGeometry other, double toleranceMm) {
        return nx == other.nx
                && ny == other.ny
                && nz == other.nz
                && voxelToPatient().approximatelyEquals(other.voxelToPatient(), toleranceMm);
    }

    @Override
    public String toString() {
        return nx
                + "×"
                + ny
                + "×"
                + nz
                + " voxels of "
                + spacing.x()
                + "×"
                + spacing.y()
                + "×"
                + spacing.z()
                + " mm, origin "
                + origin
                + ", axes "
                + axisI
                + " "
                + axisJ
                + " "
                + axisK;
    }
}
