package dev.ich.eval.estimators;

import java.util.Arrays;

/**
 * What a clinician measures on the axial slices of a haematoma, and the volumes the bedside
 * formulas make of it. All lengths in millimetres, areas in mm², volumes in ml (1 ml = 1000 mm³).
 *
 * <ul>
 *   <li>A: the longest in-plane diameter (maximum Feret diameter, edge to edge of the voxels) on
 *       the slice with the largest haematoma area (the first such slice on a tie); its direction is
 *       the mean of the near-longest vertex pairs, so the flat edges of a rasterised outline do not
 *       tilt it.
 *   <li>B: the caliper width of that slice perpendicular to A (the extent of the haematoma along
 *       the direction at 90° to A), which is the longest perpendicular diameter of a convex
 *       haematoma.
 *   <li>C (Kothari et al., Stroke 1996;27:1304–5): the slice thickness times the sum of slice
 *       weights 1 for an area ≥ 75 % of the largest, 0.5 for 25–75 %, 0 below 25 %.
 *   <li>S and h for 2/3·S·h (Yang et al., PLoS One 2013;8:e62286; Huang et al., Neurol Res
 *       2013;35:382–8): S the largest slice area, h the number of slices with haematoma times the
 *       slice thickness.
 * </ul>
 *
 * <p>For an ellipsoid with semi-axes a, b, c (c along the slices) in the continuous limit: 2/3·S·h
 * = 2/3·πab·2c is exactly its volume 4/3·πabc; A·B = 4ab; Kothari's C tends to (1/2 + √3/2)·c ≈
 * 1.366c (weight 1 for |z| ≤ c/2, ½ up to |z| ≤ c·√3/2), so ABC/2 → 2.73abc, 65 % of the volume,
 * while with the unweighted C = 2c ({@link #cAllSlicesMm()}) ABC/2 → 4abc, 95.5 %.
 *
 * @param sliceAreasMm2 haematoma area of every slice, index k
 * @param largestSlice the slice index with the largest area
 * @param aMm the diameter A
 * @param bMm the diameter B
 * @param sliceThicknessMm the distance between adjacent slice planes
 * @param voxelCount the number of haematoma voxels
 * @param voxelVolumeMm3 the volume of one voxel
 */
public record AbcMeasurement(
        double[] sliceAreasMm2,
        int largestSlice,
        double aMm,
        double bMm,
        double sliceThicknessMm,
        long voxelCount,
        double voxelVolumeMm3) {

    public AbcMeasurement {
        sliceAreasMm2 = sliceAreasMm2.clone();
        if (largestSlice < 0 || largestSlice >= sliceAreasMm2.length) {
            throw new IllegalArgumentException(
                    "largestSlice " + largestSlice + " outside 0.." + (sliceAreasMm2.length - 1));
        }
    }

    @Override
    public double[] sliceAreasMm2() {
        return sliceAreasMm2.clone();
    }

    /** S: the largest slice area, mm². */
    public double largestAreaMm2() {
        return sliceAreasMm2[largestSlice];
    }

    /** The number of slices with any haematoma. */
    public int slicesWithHaematoma() {
        int count = 0;
        for (double area : sliceAreasMm2) {
            if (area > 0) {
                count++;
            }
        }
        return count;
    }

    /** Kothari's weighted C, mm. */
    public double cMm() {
        double largest = largestAreaMm2();
        double weights = 0;
        for (double area : sliceAreasMm2) {
            if (area >= 0.75 * largest) {
                weights += 1;
            } else if (area >= 0.25 * largest) {
                weights += 0.5;
            }
        }
        return weights * sliceThicknessMm;
    }

    /** The unweighted C: every slice with haematoma counts fully, mm. */
    public double cAllSlicesMm() {
        return hMm();
    }

    /** h: slices with haematoma × slice thickness, mm. */
    public double hMm() {
        return slicesWithHaematoma() * sliceThicknessMm;
    }

    /** A·B·C/2 in ml. */
    public double abcOver2Ml() {
        return aMm * bMm * cMm() / 2 / 1000;
    }

    /** A·B·C/3 in ml. */
    public double abcOver3Ml() {
        return aMm * bMm * cMm() / 3 / 1000;
    }

    /** 2/3·S·h in ml. */
    public double twoThirdsShMl() {
        return 2.0 / 3.0 * largestAreaMm2() * hMm() / 1000;
    }

    /** Voxel count × voxel volume in ml. */
    public double planimetryMl() {
        return voxelCount * voxelVolumeMm3 / 1000;
    }

    /** The volume by {@code method}, ml. */
    public double volumeMl(VolumeMethod method) {
        switch (method) {
            case ABC2:
                return abcOver2Ml();
            case ABC3:
                return abcOver3Ml();
            case SH23:
                return twoThirdsShMl();
            case PLANIMETRY:
                return planimetryMl();
            default:
                throw new AssertionError(method);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AbcMeasurement
                && Arrays.equals(((AbcMeasurement) o).sliceAreasMm2, sliceAreasMm2)
                && ((AbcMeasurement) o).largestSlice == largestSlice
                && ((AbcMeasurement) o).aMm == aMm
                && ((AbcMeasurement) o).bMm == bMm
                && ((AbcMeasurement) o).sliceThicknessMm == sliceThicknessMm
                && ((AbcMeasurement) o).voxelCount == voxelCount
                && ((AbcMeasurement) o).voxelVolumeMm3 == voxelVolumeMm3;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sliceAreasMm2) * 31
                + Double.hashCode(aMm) * 17
                + Double.hashCode(bMm);
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "AbcMeasurement[A=%.2f mm, B=%.2f mm, C=%.2f mm, S=%.1f mm², h=%.2f mm]",
                aMm,
                bMm,
                cMm(),
                largestAreaMm2(),
                hMm());
    }
}
