package dev.ich.phantom;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Grows one haematoma of an exact voxel count from its centre: every candidate voxel near the
 * centre gets the shape scale at which it joins ({@link HaematomaShape#scaleAt}); the {@code n}
 * voxels of smallest scale (ties broken by index, so the result is deterministic) form the mask.
 * Candidates are voxels of the right brain compartment, at least one pixel below the brain surface,
 * not taken by an earlier haematoma. The search box grows until it provably holds the whole shape
 * and its oedema rim.
 */
final class HaematomaGrower {

    /** Bits of the packed per-voxel code written by the rasteriser. */
    static final int TISSUE_BITS = 0x0f;

    static final int COMPARTMENT_SHIFT = 4;
    static final int COMPARTMENT_BITS = 0x03;
    static final int DEEP_FLAG = 0x40;
    private static final int BINS = 4096;

    private final int nx;
    private final int ny;
    private final int nz;
    private final double ox;
    private final double oy;
    private final double oz;
    private final double sx;
    private final double sy;
    private final double sz;
    private final byte[] codes;
    private final BitSet taken;

    /** One grown haematoma: its voxels and its rim (flat indices). */
    record Grown(int[] voxels, int[] rim) {}

    HaematomaGrower(
            int nx, int ny, int nz, double[] origin, double[] spacing, byte[] codes, BitSet taken) {
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.ox = origin[0];
        this.oy = origin[1];
        this.oz = origin[2];
        this.sx = spacing[0];
        this.sy = spacing[1];
        this.sz = spacing[2];
        this.codes = codes;
        this.taken = taken;
    }

    /** The brain compartment of a voxel ({@link HeadModel#NONE} outside the brain). */
    int compartmentOf(int index) {
        return (codes[index] >> COMPARTMENT_SHIFT) & COMPARTMENT_BITS;
    }

    /** True when a haematoma of this compartment may occupy the voxel. */
    boolean allowed(int index, int compartment) {
        int code = codes[index];
        return (code & DEEP_FLAG) != 0
                && ((code >> COMPARTMENT_SHIFT) & COMPARTMENT_BITS) == compartment
                && !taken.get(index);
    }

    /**
     * @param ci centre voxel (the shape is centred on this voxel's centre), which must be allowed
     * @param voxels exact number of voxels to take
     * @param rimMm approximate thickness of the oedema rim
     * @throws IllegalStateException when the compartment cannot hold that many voxels
     */
    Grown grow(
            HaematomaShape shape,
            int ci,
            int cj,
            int ck,
            int compartment,
            int voxels,
            double rimMm) {
        double cx = ox + ci * sx;
        double cy = oy + cj * sy;
        double cz = oz + ck * sz;
        double reach = shape.reach();
        double equivalentRadius = StrictMath.cbrt(3 * voxels * sx * sy * sz / (4 * Math.PI));
        double needScale = 1.3 * equivalentRadius + rimMm;
        while (true) {
            double radius = needScale * reach + Math.max(sx, Math.max(sy, sz));
            int ri = (int) Math.ceil(radius / sx);
            int rj = (int) Math.ceil(radius / sy);
            int rk = (int) Math.ceil(radius / sz);
            int i0 = Math.max(0, ci - ri);
            int i1 = Math.min(nx - 1, ci + ri);
            int j0 = Math.max(0, cj - rj);
            int j1 = Math.min(ny - 1, cj + rj);
            int k0 = Math.max(0, ck - rk);
            int k1 = Math.min(nz - 1, ck + rk);
            int bx = i1 - i0 + 1;
            int by = j1 - j0 + 1;
            int bz = k1 - k0 + 1;
            float[] scale = new float[bx * by * bz];
            int candidates = 0;
            float maxScale = 0;
            for (int k = k0; k <= k1; k++) {
                double qz = oz + k * sz - cz;
                for (int j = j0; j <= j1; j++) {
                    double qy = oy + j * sy - cy;
                    int row = nx * (j + ny * k);
                    int local = bx * ((j - j0) + by * (k - k0));
                    for (int i = i0; i <= i1; i++, local++) {
                        if (!allowed(row + i, compartment)) {
                            scale[local] = Float.POSITIVE_INFINITY;
                            continue;
                        }
                        float s = (float) shape.scaleAt(ox + i * sx - cx, qy, qz);
                        scale[local] = s;
                        candidates++;
                        maxScale = Math.max(maxScale, s);
                    }
                }
            }
            boolean wholeGrid =
                    i0 == 0 && j0 == 0 && k0 == 0 && i1 == nx - 1 && j1 == ny - 1 && k1 == nz - 1;
            if (candidates < voxels) {
                if (wholeGrid) {
                    throw new IllegalStateException(
                            "the brain compartment holds only "
                                    + candidates
                                    + " free voxels, fewer than the "
                                    + voxels
                                    + " this haematoma needs");
                }
                needScale *= 1.5;
                continue;
            }
            long[] keys = smallest(scale, voxels, maxScale);
            float sStar = Float.intBitsToFloat((int) (keys[voxels - 1] >>> 32));
            double rimScale = sStar + rimMm;
            // Voxels outside the box lie farther than this from the centre; the box must hold every
            // voxel whose scale is at most rimScale.
            double outside = Double.POSITIVE_INFINITY;
            if (i0 > 0) {
                outside = Math.min(outside, (ci - i0 + 1) * sx);
            }
            if (i1 < nx - 1) {
                outside = Math.min(outside, (i1 - ci + 1) * sx);
            }
            if (j0 > 0) {
                outside = Math.min(outside, (cj - j0 + 1) * sy);
            }
            if (j1 < ny - 1) {
                outside = Math.min(outside, (j1 - cj + 1) * sy);
            }
            if (k0 > 0) {
                outside = Math.min(outside, (ck - k0 + 1) * sz);
            }
            if (k1 < nz - 1) {
                outside = Math.min(outside, (k1 - ck + 1) * sz);
            }
            if (rimScale * reach >= outside) {
                needScale = rimScale * 1.2;
                continue;
            }
            int[] mask = new int[voxels];
            boolean[] inMask = new boolean[scale.length];
            for (int n = 0; n < voxels; n++) {
                int local = (int) keys[n];
                inMask[local] = true;
                mask[n] = toGlobal(local, bx, by, i0, j0, k0);
            }
            Arrays.sort(mask);
            int rimCount = 0;
            int[] rim = new int[64];
            for (int local = 0; local < scale.length; local++) {
                if (!inMask[local] && scale[local] <= rimScale) {
                    if (rimCount == rim.length) {
                        rim = Arrays.copyOf(rim, rim.length * 2);
                    }
                    rim[rimCount++] = toGlobal(local, bx, by, i0, j0, k0);
                }
            }
            return new Grown(mask, Arrays.copyOf(rim, rimCount));
        }
    }

    private int toGlobal(int local, int bx, int by, int i0, int j0, int k0) {
        int i = local % bx;
        int rest = local / bx;
        int j = rest % by;
        int k = rest / by;
        return (i0 + i) + nx * ((j0 + j) + ny * (k0 + k));
    }

    /**
     * The {@code n} smallest finite scales as sorted keys {@code (float bits << 32) | local index}.
     * A histogram finds the bin holding the n-th value, so only about {@code n} keys are sorted.
     */
    private static long[] smallest(float[] scale, int n, float maxScale) {
        double binWidth = maxScale > 0 ? maxScale / (BINS - 1.0) : 1;
        int[] histogram = new int[BINS];
        for (float s : scale) {
            if (s != Float.POSITIVE_INFINITY) {
                histogram[(int) (s / binWidth)]++;
            }
        }
        int cumulative = 0;
        int lastBin = 0;
        while (cumulative + histogram[lastBin] < n) {
            cumulative += histogram[lastBin];
            lastBin++;
        }
        int count = cumulative + histogram[lastBin];
        long[] keys = new long[count];
        int m = 0;
        for (int local = 0; local < scale.length; local++) {
            float s = scale[local];
            if (s != Float.POSITIVE_INFINITY && (int) (s / binWidth) <= lastBin) {
                // Scales are non-negative, so their IEEE bits order like the values.
                keys[m++] = ((long) Float.floatToIntBits(s) << 32) | local;
            }
        }
        Arrays.sort(keys);
        return keys;
    }
}
