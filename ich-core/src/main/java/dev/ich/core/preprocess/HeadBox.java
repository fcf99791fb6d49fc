package dev.ich.core.preprocess;

import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.CtVolume;

/**
 * The bounding box of the voxels strictly above an HU threshold. Rows are scanned from both ends
 * towards the head and each scan stops at the first voxel above the threshold or at the extent
 * already found, so the scan reads (part of) the air around the head, never the head itself.
 */
final class HeadBox {

    private HeadBox() {}

    /**
     * @return the box grown by {@code margin} and clamped to the volume, or {@code null} when no
     *     voxel is above the threshold
     */
    static CropBox find(CtVolume volume, double thresholdHu, int margin, int threads) {
        VolumeGeometry g = volume.geometry();
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        float above = exactFloatThreshold(thresholdHu);
        // Per slice: {iMin, iMax, jMin, jMax}, iMin = nx when the slice is all air.
        int[][] perSlice = new int[nz][];
        Parallel.forEach(nz, threads, () -> k -> perSlice[k] = scanSlice(volume, nx, ny, k, above));
        int iMin = nx;
        int iMax = -1;
        int jMin = ny;
        int jMax = -1;
        int kMin = nz;
        int kMax = -1;
        for (int k = 0; k < nz; k++) {
            int[] s = perSlice[k];
            if (s[0] == nx) {
                continue;
            }
            iMin = Math.min(iMin, s[0]);
            iMax = Math.max(iMax, s[1]);
            jMin = Math.min(jMin, s[2]);
            jMax = Math.max(jMax, s[3]);
            kMin = Math.min(kMin, k);
            kMax = k;
        }
        if (kMax < 0) {
            return null;
        }
        int i0 = Math.max(iMin - margin, 0);
        int j0 = Math.max(jMin - margin, 0);
        int k0 = Math.max(kMin - margin, 0);
        int i1 = (int) Math.min((long) iMax + margin, nx - 1);
        int j1 = (int) Math.min((long) jMax + margin, ny - 1);
        int k1 = (int) Math.min((long) kMax + margin, nz - 1);
        return new CropBox(i0, j0, k0, i1 - i0 + 1, j1 - j0 + 1, k1 - k0 + 1);
    }

    /**
     * The slice's box: the first and last rows with a voxel above the threshold are found by
     * scanning whole rows (an empty row must be read in full); the rows between them cannot change
     * the row range, so they are read only outside the columns found so far.
     */
    private static int[] scanSlice(CtVolume volume, int nx, int ny, int k, float above) {
        int jMin = -1;
        int iMin = nx;
        int iMax = -1;
        for (int j = 0; j < ny && jMin < 0; j++) {
            int base = (k * ny + j) * nx;
            int first = firstAbove(volume, base, 0, nx, above);
            if (first >= 0) {
                jMin = j;
                iMin = first;
                iMax = lastAbove(volume, base, first, nx, above);
            }
        }
        if (jMin < 0) {
            return new int[] {nx, -1, ny, -1};
        }
        int jMax = jMin;
        for (int j = ny - 1; j > jMin; j--) {
            int base = (k * ny + j) * nx;
            int first = firstAbove(volume, base, 0, nx, above);
            if (first >= 0) {
                jMax = j;
                iMin = Math.min(iMin, first);
                iMax = Math.max(iMax, lastAbove(volume, base, first, nx, above));
                break;
            }
        }
        for (int j = jMin + 1; j < jMax; j++) {
            int base = (k * ny + j) * nx;
            int first = firstAbove(volume, base, 0, iMin, above);
            if (first >= 0) {
                iMin = first;
            }
            int last = lastAbove(volume, base, iMax + 1, nx, above);
            if (last >= 0) {
                iMax = last;
            }
        }
        return new int[] {iMin, iMax, jMin, jMax};
    }

    /**
     * The first {@code i} in {@code [from, to)} of the row at {@code base} above the threshold, or
     * −1.
     */
    private static int firstAbove(CtVolume volume, int base, int from, int to, float above) {
        for (int i = from; i < to; i++) {
            if (volume.huAt(base + i) > above) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The last {@code i} in {@code [from, to)} of the row at {@code base} above the threshold, or
     * −1.
     */
    private static int lastAbove(CtVolume volume, int base, int from, int to, float above) {
        for (int i = to - 1; i >= from; i--) {
            if (volume.huAt(base + i) > above) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The float {@code f} such that, for every float {@code v}, {@code v > f} exactly when {@code v
     * > threshold}; lets the scan compare floats without widening each voxel.
     */
    static float exactFloatThreshold(double threshold) {
        float f = (float) threshold;
        return (double) f > threshold ? Math.nextDown(f) : f;
    }
}
