package dev.ich.core.preprocess;

/**
 * A box of whole voxels in a source volume: the voxels {@code i0 ≤ i < i0 + sizeI}, {@code j0 ≤ j <
 * j0 + sizeJ}, {@code k0 ≤ k < k0 + sizeK}.
 *
 * @param i0 first column
 * @param j0 first row
 * @param k0 first slice
 * @param sizeI columns in the box
 * @param sizeJ rows in the box
 * @param sizeK slices in the box
 */
public record CropBox(int i0, int j0, int k0, int sizeI, int sizeJ, int sizeK) {

    public CropBox {
        if (i0 < 0 || j0 < 0 || k0 < 0) {
            throw new IllegalArgumentException(
                    "box start must not be negative, got (" + i0 + ", " + j0 + ", " + k0 + ")");
        }
        if (sizeI < 1 || sizeJ < 1 || sizeK < 1) {
            throw new IllegalArgumentException(
                    "box size must be at least 1, got " + sizeI + "×" + sizeJ + "×" + sizeK);
        }
    }

    /** Last column in the box (inclusive). */
    public int i1() {
        return i0 + sizeI - 1;
    }

    /** Last row in the box (inclusive). */
    public int j1() {
        return j0 + sizeJ - 1;
    }

    /** Last slice in the box (inclusive). */
    public int k1() {
        return k0 + sizeK - 1;
    }

    public long voxelCount() {
        return (long) sizeI * sizeJ * sizeK;
    }

    public boolean contains(int i, int j, int k) {
        return i >= i0 && j >= j0 && k >= k0 && i <= i1() && j <= j1() && k <= k1();
    }

    @Override
    public String toString() {
        return "[" + i0 + ".." + i1() + "]×[" + j0 + ".." + j1() + "]×[" + k0 + ".." + k1() + "]";
    }
}
