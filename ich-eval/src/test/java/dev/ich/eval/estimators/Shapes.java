package dev.ich.eval.estimators;

import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.BinaryMask;
import java.util.BitSet;

/** Rasterised analytic shapes: a voxel belongs to the shape when its centre does. */
final class Shapes {

    interface Inside {
        boolean at(double x, double y, double z);
    }

    private Shapes() {}

    static BinaryMask raster(double extentMm, double sx, double sy, double sz, Inside shape) {
        int nx = (int) Math.ceil(extentMm / sx);
        int ny = (int) Math.ceil(extentMm / sy);
        int nz = (int) Math.ceil(extentMm / sz);
        VolumeGeometry g = VolumeGeometry.axial(nx, ny, nz, new Vec3(sx, sy, sz), Vec3.ZERO);
        BitSet bits = new BitSet(g.voxelCount());
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    // Coordinates relative to the grid centre, so the shape sits in the middle.
                    double x = (i + 0.5) * sx - extentMm / 2;
                    double y = (j + 0.5) * sy - extentMm / 2;
                    double z = (k + 0.5) * sz - extentMm / 2;
                    if (shape.at(x, y, z)) {
                        bits.set(g.index(i, j, k));
                    }
                }
            }
        }
        return BinaryMask.fromBits(g, bits);
    }

    /**
     * An ellipsoid with semi-axes a, b (in plane, rotated by {@code angle}) and c (across slices),
     * centre offset.
     */
    static Inside ellipsoid(
            double a, double b, double c, double angle, double ox, double oy, double oz) {
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        return (x, y, z) -> {
            double u = (x - ox) * cos + (y - oy) * sin;
            double v = -(x - ox) * sin + (y - oy) * cos;
            double w = z - oz;
            return (u * u) / (a * a) + (v * v) / (b * b) + (w * w) / (c * c) <= 1;
        };
    }
}
