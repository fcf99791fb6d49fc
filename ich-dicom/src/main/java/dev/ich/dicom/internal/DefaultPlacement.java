package dev.ich.dicom.internal;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.geometry.Vec3;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Places images that carry no ImagePositionPatient or ImageOrientationPatient as dcm2niix does, for
 * a conversion: orientation axial unless given, slices in InstanceNumber order (frame order within
 * one multi-frame object) spaced by SpacingBetweenSlices or SliceThickness, the volume centred on
 * the origin. Where such a volume lies in the patient is unknown, so only a caller that converts
 * (not one that measures) asks for this.
 */
final class DefaultPlacement {

    static final String WARNING =
            "ImagePositionPatient or ImageOrientationPatient is missing: the images are "
                    + "placed as dcm2niix places them (axial unless oriented, in InstanceNumber order, centred on the origin); "
                    + "where they lie in the patient is unknown";

    private DefaultPlacement() {}

    /**
     * True for a single image without position or orientation, or several images of which none has
     * a position.
     */
    static boolean needed(List<FrameInfo> frames) {
        if (frames.size() == 1) {
            return frames.get(0).position() == null || frames.get(0).rowCosines() == null;
        }
        return frames.stream().allMatch(f -> f.position() == null);
    }

    /** The frames with the missing position and orientation filled in. */
    static List<FrameInfo> place(List<FrameInfo> frames, String source, String seriesUid)
            throws IchException {
        FrameInfo first = frames.get(0);
        if (frames.size() == 1 && first.position() != null) {
            return List.of(with(first, first.position(), new Vec3(1, 0, 0), new Vec3(0, 1, 0)));
        }
        List<Numbered> numbered = new ArrayList<>();
        for (FrameInfo f : frames) {
            double instance = f.image().instanceNumber();
            if (frames.size() > 1 && Double.isNaN(instance)) {
                throw new IchException(
                        ErrorCode.MISSING_OR_INVALID_ATTRIBUTE,
                        f.describe(),
                        "without "
                                + "ImagePositionPatient the slices can only be ordered by InstanceNumber, which is missing",
                        "export the series from the scanner or PACS with full geometry");
            }
            numbered.add(new Numbered(f, instance));
        }
        numbered.sort(
                Comparator.comparingDouble(Numbered::instance)
                        .thenComparingInt(x -> x.frame().frame()));
        for (int k = 1; k < numbered.size(); k++) {
            Numbered a = numbered.get(k - 1);
            Numbered b = numbered.get(k);
            if (a.instance() == b.instance() && a.frame().frame() == b.frame().frame()) {
                throw SeriesPlanner.inconsistent(
                        source,
                        seriesUid,
                        "without ImagePositionPatient the slices are "
                                + "ordered by InstanceNumber, but "
                                + a.frame().describe()
                                + " and "
                                + b.frame().describe()
                                + " share one");
            }
        }
        List<FrameInfo> ordered = numbered.stream().map(Numbered::frame).toList();
        double dz =
                first.image().spacingBetweenSlices() > 0
                        ? first.image().spacingBetweenSlices()
                        : first.image().sliceThickness();
        if (ordered.size() > 1 && !(dz > 0)) {
            throw new IchException(
                    ErrorCode.MISSING_OR_INVALID_ATTRIBUTE,
                    first.describe(),
                    "without "
                            + "ImagePositionPatient the slice spacing must come from SpacingBetweenSlices or SliceThickness, "
                            + "which are missing",
                    "export the series from the scanner or PACS with full geometry");
        }
        int n = ordered.size();
        List<FrameInfo> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            FrameInfo f = ordered.get(k);
            Vec3 row = f.rowCosines() != null ? f.rowCosines() : new Vec3(1, 0, 0);
            Vec3 col = f.rowCosines() != null ? f.columnCosines() : new Vec3(0, 1, 0);
            Vec3 position =
                    row.times(-(f.image().columns() - 1) * f.columnSpacing() / 2)
                            .plus(col.times(-(f.image().rows() - 1) * f.rowSpacing() / 2))
                            .plus(row.cross(col).times((k - (n - 1) / 2.0) * (n > 1 ? dz : 0)));
            out.add(with(f, position, row, col));
        }
        return out;
    }

    private record Numbered(FrameInfo frame, double instance) {}

    private static FrameInfo with(FrameInfo f, Vec3 position, Vec3 row, Vec3 col) {
        return new FrameInfo(
                f.image(),
                f.frame(),
                position,
                row,
                col,
                f.rowSpacing(),
                f.columnSpacing(),
                f.slope(),
                f.intercept());
    }
}
