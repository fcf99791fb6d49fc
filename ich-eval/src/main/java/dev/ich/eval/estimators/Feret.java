package dev.ich.eval.estimators;

import java.util.Arrays;
import java.util.Comparator;

/** Feret (caliper) diameters of a planar point set through its convex hull. */
final class Feret {

    private Feret() {}

    /**
     * {maximum Feret diameter, caliper width perpendicular to it}.
     *
     * <p>On a rasterised outline the extreme voxel columns are flat edges, so the single longest
     * vertex pair runs corner to opposite corner and tilts the diameter (for two round lobes 40 mm
     * apart at 0.25 mm pixels, by 4°, which widens the perpendicular caliper by 2 mm). The
     * direction of A is therefore the mean direction of every vertex pair within {@code tieMm} (one
     * pixel diagonal) of the longest; A and B are the caliper extents of the hull along that
     * direction and perpendicular to it.
     */
    static double[] diameterAndPerpendicularWidth(double[][] points, double tieMm) {
        double[][] hull = convexHull(points);
        double best = 0;
        for (int a = 0; a < hull.length; a++) {
            for (int b = a + 1; b < hull.length; b++) {
                best = Math.max(best, Math.hypot(hull[b][0] - hull[a][0], hull[b][1] - hull[a][1]));
            }
        }
        double sx = 0;
        double sy = 0;
        double refX = Double.NaN;
        double refY = Double.NaN;
        for (int a = 0; a < hull.length; a++) {
            for (int b = a + 1; b < hull.length; b++) {
                double ex = hull[b][0] - hull[a][0];
                double ey = hull[b][1] - hull[a][1];
                double d = Math.hypot(ex, ey);
                if (d > 0 && d >= best - tieMm) {
                    ex /= d;
                    ey /= d;
                    if (Double.isNaN(refX)) {
                        refX = ex;
                        refY = ey;
                    } else if (ex * refX + ey * refY < 0) {
                        ex = -ex;
                        ey = -ey;
                    }
                    sx += ex;
                    sy += ey;
                }
            }
        }
        double norm = Math.hypot(sx, sy);
        double dx = norm > 0 ? sx / norm : 1;
        double dy = norm > 0 ? sy / norm : 0;
        return new double[] {extent(hull, dx, dy), extent(hull, -dy, dx)};
    }

    private static double extent(double[][] hull, double dx, double dy) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] p : hull) {
            double t = dx * p[0] + dy * p[1];
            lo = Math.min(lo, t);
            hi = Math.max(hi, t);
        }
        return hi - lo;
    }

    /** Andrew's monotone chain; collinear points are dropped. */
    static double[][] convexHull(double[][] points) {
        double[][] p = points.clone();
        Arrays.sort(
                p, Comparator.<double[]>comparingDouble(q -> q[0]).thenComparingDouble(q -> q[1]));
        int n = p.length;
        if (n < 3) {
            return p;
        }
        double[][] hull = new double[2 * n][];
        int k = 0;
        for (int i = 0; i < n; i++) {
            while (k >= 2 && cross(hull[k - 2], hull[k - 1], p[i]) <= 0) {
                k--;
            }
            hull[k++] = p[i];
        }
        for (int i = n - 2, lower = k + 1; i >= 0; i--) {
            while (k >= lower && cross(hull[k - 2], hull[k - 1], p[i]) <= 0) {
                k--;
            }
            hull[k++] = p[i];
        }
        return Arrays.copyOf(hull, k - 1);
    }

    private static double cross(double[] o, double[] a, double[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }
}
