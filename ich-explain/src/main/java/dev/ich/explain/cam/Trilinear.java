package dev.ich.explain.cam;

/**
 * Trilinear resampling with the semantics of PyTorch's
 * {@code F.interpolate(x, size=(d, h, w), mode='trilinear', align_corners=False)}: output voxel
 * {@code o} reads the source at {@code (o + 0.5)·in/out − 0.5}, clamped below at 0, between the two
 * neighbouring voxels (the upper one clamped to the last voxel). No anti-aliasing, so downsampling
 * is the same formula too.
 */
public final class Trilinear {

    private Trilinear() {
    }

    /**
     * Resamples {@code source} ({@code sd × sh × sw}, {@code w} fastest) to {@code td × th × tw}.
     */
    public static float[] resize(float[] source, int sd, int sh, int sw, int td, int th, int tw) {
        if (sd < 1 || sh < 1 || sw < 1 || td < 1 || th < 1 || tw < 1) {
            throw new IllegalArgumentException("sizes must be positive, got " + sd + "×" + sh + "×" + sw + " → "
                + td + "×" + th + "×" + tw);
        }
        if ((long) sd * sh * sw != source.length) {
            throw new IllegalArgumentException("source has " + source.length + " values but "
                + sd + "×" + sh + "×" + sw + " needs " + (long) sd * sh * sw);
        }
        Axis ad = Axis.of(sd, td);
        Axis ah = Axis.of(sh, th);
        Axis aw = Axis.of(sw, tw);
        float[] out = new float[td * th * tw];
        int plane = sh * sw;
        for (int z = 0; z < td; z++) {
            int z0 = ad.lo[z] * plane;
            int z1 = ad.hi[z] * plane;
            double fz = ad.frac[z];
            for (int y = 0; y < th; y++) {
                int y0 = ah.lo[y] * sw;
                int y1 = ah.hi[y] * sw;
                double fy = ah.frac[y];
                int row = (z * th + y) * tw;
                for (int x = 0; x < tw; x++) {
                    int x0 = aw.lo[x];
                    int x1 = aw.hi[x];
                    double fx = aw.frac[x];
                    double c00 = lerp(source[z0 + y0 + x0], source[z0 + y0 + x1], fx);
                    double c01 = lerp(source[z0 + y1 + x0], source[z0 + y1 + x1], fx);
                    double c10 = lerp(source[z1 + y0 + x0], source[z1 + y0 + x1], fx);
                    double c11 = lerp(source[z1 + y1 + x0], source[z1 + y1 + x1], fx);
                    out[row + x] = (float) lerp(lerp(c00, c01, fy), lerp(c10, c11, fy), fz);
                }
            }
        }
        return out;
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }

    /** Source neighbours and weights along one axis. */
    private record Axis(int[] lo, int[] hi, double[] frac) {
        static Axis of(int in, int out) {
            int[] lo = new int[out];
            int[] hi = new int[out];
            double[] frac = new double[out];
            // PyTorch computes the scale as in/out in float; double keeps the error far below 1e-6.
            double scale = (double) in / out;
            for (int o = 0; o < out; o++) {
                double src = Math.max(0, (o + 0.5) * scale - 0.5);
                int i0 = Math.min((int) src, in - 1);
                lo[o] = i0;
                hi[o] = Math.min(i0 + 1, in - 1);
                frac[o] = src - i0;
            }
            return new Axis(lo, hi, frac);
        }
    }
}
