package dev.ich.phantom;

/**
 * A smooth random field in [-1, 1]: random values on a cubic lattice, interpolated with smoothstep
 * weights. The lattice is turned by a random rotation so that its axes do not line up with the
 * voxel grid (an axis-aligned lattice leaves visible straight ridges). Evaluation allocates
 * nothing.
 */
final class ValueNoise {

    private final float[] values;
    private final int n;
    private final double inverseCell;
    private final double half;
    private final double r00;
    private final double r01;
    private final double r02;
    private final double r10;
    private final double r11;
    private final double r12;
    private final double r20;
    private final double r21;
    private final double r22;

    /**
     * @param rng source of the lattice values and the rotation
     * @param extentMm the field covers a cube of this edge centred on the origin (clamped outside)
     * @param cellMm lattice spacing: the size of the smallest features
     */
    ValueNoise(Rng rng, double extentMm, double cellMm) {
        this.n = (int) Math.ceil(extentMm / cellMm) + 3;
        this.inverseCell = 1 / cellMm;
        this.half = (n - 1) / 2.0;
        this.values = new float[n * n * n];
        for (int v = 0; v < values.length; v++) {
            values[v] = (float) (2 * rng.nextDouble() - 1);
        }
        double[] r = rng.randomRotation();
        r00 = r[0];
        r01 = r[1];
        r02 = r[2];
        r10 = r[3];
        r11 = r[4];
        r12 = r[5];
        r20 = r[6];
        r21 = r[7];
        r22 = r[8];
    }

    /** The field at a point given in millimetres relative to the centre of the field. */
    double at(double x, double y, double z) {
        double fx = clamp((r00 * x + r01 * y + r02 * z) * inverseCell + half);
        double fy = clamp((r10 * x + r11 * y + r12 * z) * inverseCell + half);
        double fz = clamp((r20 * x + r21 * y + r22 * z) * inverseCell + half);
        int ix = (int) fx;
        int iy = (int) fy;
        int iz = (int) fz;
        double tx = smooth(fx - ix);
        double ty = smooth(fy - iy);
        double tz = smooth(fz - iz);
        int base = ix + n * (iy + n * iz);
        int nn = n * n;
        double c00 = lerp(values[base], values[base + 1], tx);
        double c10 = lerp(values[base + n], values[base + n + 1], tx);
        double c01 = lerp(values[base + nn], values[base + nn + 1], tx);
        double c11 = lerp(values[base + nn + n], values[base + nn + n + 1], tx);
        return lerp(lerp(c00, c10, ty), lerp(c01, c11, ty), tz);
    }

    private double clamp(double f) {
        return f < 0 ? 0 : Math.min(f, n - 1.000001);
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
