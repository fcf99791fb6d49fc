package dev.ich.dicom.nifti;

import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;

/** Grids that exercise the geometry code: oblique, gantry-tilted (sheared) and anisotropic. */
final class TestGeometries {

    private TestGeometries() {}

    /** Rotated about two axes, spacing unequal, origin off-centre. */
    static VolumeGeometry oblique(int nx, int ny, int nz) {
        double a = Math.toRadians(17);
        double b = Math.toRadians(-11);
        Vec3 i = new Vec3(Math.cos(a), Math.sin(a), 0);
        Vec3 j = new Vec3(-Math.sin(a) * Math.cos(b), Math.cos(a) * Math.cos(b), Math.sin(b));
        Vec3 k = i.cross(j);
        return new VolumeGeometry(
                nx, ny, nz, new Vec3(0.7, 0.9, 3.0), new Vec3(-40.5, 30.25, 12.0), i, j, k);
    }

    /**
     * Gantry tilt of 20°: the slice axis leans towards the patient's front, off the image normal.
     */
    static VolumeGeometry sheared(int nx, int ny, int nz) {
        double t = Math.toRadians(20);
        return new VolumeGeometry(
                nx,
                ny,
                nz,
                new Vec3(0.45, 0.45, 5.0),
                new Vec3(-100, -120, 33),
                new Vec3(1, 0, 0),
                new Vec3(0, 1, 0),
                new Vec3(0, -Math.sin(t), Math.cos(t)));
    }

    /** Axis-aligned but very anisotropic, with slices running towards the feet. */
    static VolumeGeometry anisotropic(int nx, int ny, int nz) {
        return new VolumeGeometry(
                nx,
                ny,
                nz,
                new Vec3(0.43, 0.61, 5.0),
                new Vec3(110.2, 98.7, -35.0),
                new Vec3(1, 0, 0),
                new Vec3(0, 1, 0),
                new Vec3(0, 0, -1));
    }

    /** Deterministic CT-like values with fractions, so float storage is tested bit for bit. */
    static float[] values(VolumeGeometry g) {
        float[] v = new float[g.voxelCount()];
        for (int n = 0; n < v.length; n++) {
            v[n] = (float) (((n * 7919L) % 2101) - 1024) + (n % 4) * 0.25f;
        }
        return v;
    }
}
