package dev.ich.eval.estimators;

import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.BinaryMask;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Measures A, B, C, S and h of a haematoma mask the way a clinician does on the axial slices, in
 * millimetres from the real pixel spacing, and applies the bedside formulas (see {@link
 * AbcMeasurement}).
 *
 * <p>The slices are the planes of constant k, the planes the images were acquired in. Distances in
 * a slice use the patient-space geometry of the grid (spacing and direction cosines), so
 * anisotropic pixels are measured correctly; the slice thickness is the distance between adjacent
 * planes (spacing × cosine of the gantry tilt), so area × thickness is the voxel volume.
 */
public final class ClinicalVolumeEstimator {

    private ClinicalVolumeEstimator() {}

    /** The volume of {@code mask} by {@code method}, ml. */
    public static double volumeMl(BinaryMask mask, VolumeMethod method) {
        return measure(mask).volumeMl(method);
    }

    /**
     * Measures the haematoma.
     *
     * @throws IllegalArgumentException when the mask is empty (there is nothing to measure)
     */
    public static AbcMeasurement measure(BinaryMask mask) {
        VolumeGeometry g = mask.geometry();
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        BitSet bits = mask.bits();
        if (bits.isEmpty()) {
            throw new IllegalArgumentException(
                    "the haematoma mask is empty; there is nothing to measure");
        }
        Vec3 e1 = g.axisI();
        Vec3 jOrth = g.axisJ().minus(e1.times(g.axisJ().dot(e1)));
        Vec3 e2 = jOrth.normalized();
        Vec3 normal = g.axisI().cross(g.axisJ());
        double pixelArea = g.spacing().x() * g.spacing().y() * normal.norm();
        double thickness = g.spacing().z() * Math.abs(g.axisK().dot(normal.normalized()));
        // In-plane coordinates (mm) of the unit steps in i and j.
        double[] stepI = {g.spacing().x() * e1.dot(e1), g.spacing().x() * e1.dot(e2)};
        double[] stepJ = {g.spacing().y() * g.axisJ().dot(e1), g.spacing().y() * g.axisJ().dot(e2)};

        long[] sliceCounts = new long[nz];
        int[] rowMin = new int[ny * nz];
        int[] rowMax = new int[ny * nz];
        Arrays.fill(rowMin, Integer.MAX_VALUE);
        Arrays.fill(rowMax, -1);
        long total = 0;
        for (int n = bits.nextSetBit(0); n >= 0; n = bits.nextSetBit(n + 1)) {
            int i = n % nx;
            int row = n / nx;
            int k = row / ny;
            sliceCounts[k]++;
            rowMin[row] = Math.min(rowMin[row], i);
            rowMax[row] = Math.max(rowMax[row], i);
            total++;
        }
        double[] areas = new double[nz];
        int largest = 0;
        for (int k = 0; k < nz; k++) {
            areas[k] = sliceCounts[k] * pixelArea;
            if (sliceCounts[k] > sliceCounts[largest]) {
                largest = k;
            }
        }
        double[][] corners = rowEndCorners(rowMin, rowMax, largest, ny, stepI, stepJ);
        double pixelDiagonal = Math.hypot(g.spacing().x(), g.spacing().y());
        double[] ab = Feret.diameterAndPerpendicularWidth(corners, pixelDiagonal);
        return new AbcMeasurement(
                areas, largest, ab[0], ab[1], thickness, total, g.voxelVolumeMm3());
    }

    /**
     * The corners of the first and last voxel of every row of slice k: enough for the convex hull.
     */
    private static double[][] rowEndCorners(
            int[] rowMin, int[] rowMax, int k, int ny, double[] stepI, double[] stepJ) {
        double[][] points = new double[8 * ny][];
        int count = 0;
        for (int j = 0; j < ny; j++) {
            int row = k * ny + j;
            if (rowMax[row] < 0) {
                continue;
            }
            for (double ci : new double[] {rowMin[row] - 0.5, rowMax[row] + 0.5}) {
                for (double cj : new double[] {j - 0.5, j + 0.5}) {
                    points[count++] =
                            new double[] {
                                ci * stepI[0] + cj * stepJ[0], ci * stepI[1] + cj * stepJ[1]
                            };
                }
            }
        }
        return Arrays.copyOf(points, count);
    }
}
