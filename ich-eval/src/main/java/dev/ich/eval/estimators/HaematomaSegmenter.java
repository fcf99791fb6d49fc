package dev.ich.eval.estimators;

import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.BinaryMask;
import dev.ich.core.volume.CtVolume;
import java.util.BitSet;

/**
 * A threshold segmentation of an acute haematoma, for the bedside formulas when no mask is at hand:
 * voxels whose HU lies in [{@code huLower}, {@code huUpper}] inside the intracranial region, in
 * 6-connected components of at least {@code minComponentMm3}.
 *
 * <p>Defaults: [50, 90] HU (acute clotted blood is about 50–90 HU; grey matter 35–45, white matter
 * 20–30, calcification above 100), components of at least 100 mm³ (0.1 ml, which removes partial-
 * volume speckle at grey-matter edges), bone above 300 HU, skull gaps up to 8 mm closed (4 mm
 * dilation), and a 2 mm margin inside the inner skull surface, which keeps the bone/brain partial-
 * volume rim (whose HU falls in the blood range) out of the haematoma.
 *
 * <p>The intracranial region is found slice by slice (see {@link #intracranialRegion}). It is a
 * convenience, not a validated segmentation: extra-axial, intraventricular and isodense bleeds,
 * beam-hardening and motion need a reviewed mask.
 */
public final class HaematomaSegmenter {

    private final double huLower;
    private final double huUpper;
    private final double minComponentMm3;
    private final double boneHu;
    private final double gapClosingMm;
    private final double boneMarginMm;

    private HaematomaSegmenter(Builder b) {
        this.huLower = b.huLower;
        this.huUpper = b.huUpper;
        this.minComponentMm3 = b.minComponentMm3;
        this.boneHu = b.boneHu;
        this.gapClosingMm = b.gapClosingMm;
        this.boneMarginMm = b.boneMarginMm;
    }

    /** A segmenter with the defaults. */
    public static HaematomaSegmenter defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The haematoma mask of {@code ct}; empty when nothing qualifies. */
    public BinaryMask segment(CtVolume ct) {
        VolumeGeometry g = ct.geometry();
        BitSet region = intracranialBits(ct);
        BitSet candidates = new BitSet(g.voxelCount());
        for (int n = region.nextSetBit(0); n >= 0; n = region.nextSetBit(n + 1)) {
            float hu = ct.huAt(n);
            if (hu >= huLower && hu <= huUpper) {
                candidates.set(n);
            }
        }
        long minVoxels = (long) Math.ceil(minComponentMm3 / g.voxelVolumeMm3() - 1e-9);
        return BinaryMask.fromBits(
                g, Components.keepLarge(candidates, g.nx(), g.ny(), g.nz(), minVoxels));
    }

    /**
     * The intracranial region, slice by slice: bone is HU &gt; {@code boneHu}; bone dilated by
     * {@code gapClosingMm} (closing burr holes, sutures and thin or partial-volume skull) stops a
     * 4-connected flood fill from the slice border; what the fill cannot reach and is not dilated
     * bone is the interior, which is then grown back by {@code gapClosingMm − boneMarginMm} and cut
     * by the bone itself. Slices without an enclosed region (the vertex, below the skull base) are
     * empty.
     */
    public BinaryMask intracranialRegion(CtVolume ct) {
        return BinaryMask.fromBits(ct.geometry(), intracranialBits(ct));
    }

    private BitSet intracranialBits(CtVolume ct) {
        VolumeGeometry g = ct.geometry();
        int nx = g.nx();
        int ny = g.ny();
        int[][] closing =
                SliceMorphology.disc(gapClosingMm, g.spacing().x(), g.spacing().y(), nx, ny);
        int[][] regrow =
                SliceMorphology.disc(
                        Math.max(0, gapClosingMm - boneMarginMm),
                        g.spacing().x(),
                        g.spacing().y(),
                        nx,
                        ny);
        BitSet out = new BitSet(g.voxelCount());
        boolean[] bone = new boolean[nx * ny];
        for (int k = 0; k < g.nz(); k++) {
            int base = k * nx * ny;
            for (int p = 0; p < nx * ny; p++) {
                bone[p] = ct.huAt(base + p) > boneHu;
            }
            boolean[] wall = SliceMorphology.dilate(bone, nx, ny, closing);
            boolean[] outside = SliceMorphology.floodFromBorder(wall, nx, ny);
            boolean[] interior = new boolean[nx * ny];
            for (int p = 0; p < interior.length; p++) {
                interior[p] = !outside[p] && !wall[p];
            }
            boolean[] grown = SliceMorphology.dilate(interior, nx, ny, regrow);
            for (int p = 0; p < grown.length; p++) {
                if (grown[p] && !bone[p]) {
                    out.set(base + p);
                }
            }
        }
        return out;
    }

    /** Builds a {@link HaematomaSegmenter}; every value is checked in {@link #build()}. */
    public static final class Builder {
        private double huLower = 50;
        private double huUpper = 90;
        private double minComponentMm3 = 100;
        private double boneHu = 300;
        private double gapClosingMm = 4;
        private double boneMarginMm = 2;

        private Builder() {}

        /** The HU range of haematoma, inclusive; default [50, 90]. */
        public Builder huRange(double lower, double upper) {
            this.huLower = lower;
            this.huUpper = upper;
            return this;
        }

        /** The smallest connected component kept, mm³; default 100 (0.1 ml). */
        public Builder minComponentMm3(double value) {
            this.minComponentMm3 = value;
            return this;
        }

        /** Voxels above this HU are bone; default 300. */
        public Builder boneHu(double value) {
            this.boneHu = value;
            return this;
        }

        /** The radius by which bone is dilated to close gaps, mm; default 4. */
        public Builder gapClosingMm(double value) {
            this.gapClosingMm = value;
            return this;
        }

        /** The distance kept from the inner skull surface, mm; default 2. */
        public Builder boneMarginMm(double value) {
            this.boneMarginMm = value;
            return this;
        }

        public HaematomaSegmenter build() {
            if (!Double.isFinite(huLower) || !Double.isFinite(huUpper) || huLower > huUpper) {
                throw new IllegalArgumentException(
                        "huRange must be finite with lower ≤ upper, got ["
                                + huLower
                                + ", "
                                + huUpper
                                + "]");
            }
            if (!(minComponentMm3 >= 0) || Double.isInfinite(minComponentMm3)) {
                throw new IllegalArgumentException(
                        "minComponentMm3 must be finite and ≥ 0, got " + minComponentMm3);
            }
            if (!Double.isFinite(boneHu) || boneHu <= huUpper) {
                throw new IllegalArgumentException(
                        "boneHu must be finite and above the haematoma range's upper bound "
                                + huUpper
                                + ", got "
                                + boneHu);
            }
            if (!(gapClosingMm >= 0) || gapClosingMm > 50) {
                throw new IllegalArgumentException(
                        "gapClosingMm must lie in [0, 50], got " + gapClosingMm);
            }
            if (!(boneMarginMm >= 0) || boneMarginMm > gapClosingMm) {
                throw new IllegalArgumentException(
                        "boneMarginMm must lie in [0, gapClosingMm = "
                                + gapClosingMm
                                + "], got "
                                + boneMarginMm);
            }
            return new HaematomaSegmenter(this);
        }
    }
}
