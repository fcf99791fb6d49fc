package dev.ich.explain.score;

import dev.ich.core.analysis.StudyHeatmap;
import dev.ich.core.volume.BinaryMask;
import java.util.BitSet;
import java.util.Objects;

/**
 * Scores a heatmap against a mask on the same grid. Only the map's non-negative values count as
 * evidence (a signed map's negative part says "lowers the output", not "here").
 */
public final class Localisation {

    /** Default share of voxels for the top-k IoU. */
    public static final double DEFAULT_TOP_FRACTION = 0.05;

    private Localisation() {}

    /** Scores over the whole grid with {@link #DEFAULT_TOP_FRACTION}. */
    public static LocalisationScores score(StudyHeatmap heatmap, BinaryMask mask) {
        return score(heatmap, mask, null, DEFAULT_TOP_FRACTION);
    }

    /**
     * @param heatmap the map
     * @param mask the reference, on the heatmap's grid
     * @param region the voxels that take part (for example the brain), or {@code null} for all
     * @param topFraction the share of region voxels counted as the map's top, in (0, 1]
     */
    public static LocalisationScores score(
            StudyHeatmap heatmap, BinaryMask mask, BinaryMask region, double topFraction) {
        Objects.requireNonNull(heatmap, "heatmap");
        Objects.requireNonNull(mask, "mask");
        if (!mask.geometry().sameGrid(heatmap.geometry(), 1e-3)) {
            throw new IllegalArgumentException(
                    "mask grid "
                            + mask.geometry()
                            + " differs from heatmap grid "
                            + heatmap.geometry());
        }
        if (region != null && !region.geometry().sameGrid(heatmap.geometry(), 1e-3)) {
            throw new IllegalArgumentException(
                    "region grid "
                            + region.geometry()
                            + " differs from heatmap grid "
                            + heatmap.geometry());
        }
        if (!(topFraction > 0 && topFraction <= 1)) {
            throw new IllegalArgumentException("topFraction must be in (0, 1], got " + topFraction);
        }
        int n = heatmap.geometry().voxelCount();
        BitSet in = region == null ? null : region.bits();
        int regionCount = 0;
        int maskCount = 0;
        double total = 0;
        double inside = 0;
        float best = Float.NEGATIVE_INFINITY;
        int bestIndex = -1;
        for (int v = 0; v < n; v++) {
            if (in != null && !in.get(v)) {
                continue;
            }
            regionCount++;
            float h = Math.max(0, heatmap.rawAt(v));
            boolean m = mask.contains(v);
            if (m) {
                maskCount++;
                inside += h;
            }
            total += h;
            if (h > best) {
                best = h;
                bestIndex = v;
            }
        }
        if (regionCount == 0) {
            throw new IllegalArgumentException("the region is empty");
        }
        double energy = total > 0 ? inside / total : Double.NaN;
        boolean hit = best > 0 && mask.contains(bestIndex);
        double iou = topIou(heatmap, mask, in, regionCount, maskCount, topFraction);
        return new LocalisationScores(
                energy,
                (double) maskCount / regionCount,
                hit,
                topFraction,
                iou,
                maskCount,
                regionCount);
    }

    private static double topIou(
            StudyHeatmap heatmap,
            BinaryMask mask,
            BitSet in,
            int regionCount,
            int maskCount,
            double topFraction) {
        int k = Math.max(1, (int) Math.round(topFraction * regionCount));
        float[] values = new float[regionCount];
        int[] voxel = new int[regionCount];
        int c = 0;
        int n = heatmap.geometry().voxelCount();
        for (int v = 0; v < n; v++) {
            if (in == null || in.get(v)) {
                values[c] = Math.max(0, heatmap.rawAt(v));
                voxel[c++] = v;
            }
        }
        int[] order = Ranking.descending(values);
        int both = 0;
        for (int t = 0; t < k; t++) {
            if (mask.contains(voxel[order[t]])) {
                both++;
            }
        }
        int union = k + maskCount - both;
        return union == 0 ? 0 : (double) both / union;
    }
}
