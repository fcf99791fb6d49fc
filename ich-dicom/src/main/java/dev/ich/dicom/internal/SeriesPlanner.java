package dev.ich.dicom.internal;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.geometry.PhysicalSpacing;
import dev.ich.core.geometry.Vec3;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Orders the frames of one series into a volume and checks that they form one: the same size and
 * orientation, positions on one straight line, evenly spaced. See {@code docs/dicom.md} for which
 * findings are errors and which are warnings, and why.
 */
public final class SeriesPlanner {

    /** Orientation cosines may differ by rounding in the header, not more. */
    static final double ORIENTATION_TOLERANCE = 1e-3;

    /** Pixel spacing may differ by rounding, in mm. */
    static final double PIXEL_SPACING_TOLERANCE = 1e-3;

    /** Two frames closer than this along the normal (mm) are at the same position. */
    static final double SAME_POSITION_MM = 0.01;

    /**
     * A slice off the line through the first and last slice by more than this (mm) belongs to
     * another stack.
     */
    static final double OFF_LINE_MM = 0.1;

    /** Gap deviations up to this fraction of the mean gap are rounding: silent. */
    static final double SPACING_SILENT = 0.001;

    /**
     * Up to this fraction: a warning (the volume error this causes stays below it). Above:
     * irregular.
     */
    static final double SPACING_WARN = 0.01;

    /** Largest accepted angle (degrees) between slice axis and image normal (gantry tilt). */
    static final double MAX_TILT_DEGREES = 45;

    private SeriesPlanner() {}

    /** As {@link #plan(String, List, String, boolean)} without default geometry. */
    public static SeriesPlan plan(String seriesUid, List<DicomImage> images, String source)
            throws IchException {
        return plan(seriesUid, images, source, false);
    }

    /**
     * @param defaultGeometry place images without position or orientation as dcm2niix does (with a
     *     warning, {@link DefaultPlacement}) instead of failing
     */
    public static SeriesPlan plan(
            String seriesUid, List<DicomImage> images, String source, boolean defaultGeometry)
            throws IchException {
        List<String> warnings = new ArrayList<>();
        List<FrameInfo> frames = new ArrayList<>();
        List<FrameInfo> localizers = new ArrayList<>();
        for (DicomImage image : images) {
            (image.localizer() ? localizers : frames).addAll(image.frames());
        }
        if (frames.isEmpty()) {
            frames = localizers;
        } else if (!localizers.isEmpty()) {
            warnings.add(localizers.size() + " localizer image(s) in the series were left out");
        }
        if (frames.isEmpty()) {
            throw new IchException(
                    ErrorCode.NO_SERIES,
                    source,
                    "series " + seriesUid + " has no image",
                    "pass a folder with a CT image series");
        }
        if (defaultGeometry && frames.get(0).rowSpacing() > 0 && DefaultPlacement.needed(frames)) {
            frames = DefaultPlacement.place(frames, source, seriesUid);
            warnings.add(DefaultPlacement.WARNING);
        }
        FrameInfo first = frames.get(0);
        for (FrameInfo f : frames) {
            String missing =
                    f.position() == null
                            ? "ImagePositionPatient"
                            : f.rowCosines() == null
                                    ? "ImageOrientationPatient"
                                    : f.rowSpacing() <= 0 ? "PixelSpacing" : null;
            if (missing != null) {
                throw new IchException(
                        ErrorCode.MISSING_OR_INVALID_ATTRIBUTE,
                        f.describe(),
                        missing
                                + " is missing, so the slice cannot be placed in the patient and the volume it "
                                + "shows is unknown",
                        "export the series from the scanner or PACS as CT images with full "
                                + "geometry"
                                + (missing.equals("PixelSpacing")
                                        ? ""
                                        : " (ich convert writes such images with a default geometry)"));
            }
            if (f.image().rows() != first.image().rows()
                    || f.image().columns() != first.image().columns()) {
                throw inconsistent(
                        source,
                        seriesUid,
                        "images of different sizes ("
                                + first.image().columns()
                                + " × "
                                + first.image().rows()
                                + " in "
                                + first.describe()
                                + ", "
                                + f.image().columns()
                                + " × "
                                + f.image().rows()
                                + " in "
                                + f.describe()
                                + ")");
            }
            if (!close(f.rowCosines(), first.rowCosines(), ORIENTATION_TOLERANCE)
                    || !close(f.columnCosines(), first.columnCosines(), ORIENTATION_TOLERANCE)) {
                throw inconsistent(
                        source,
                        seriesUid,
                        "images of different orientations ("
                                + first.describe()
                                + " and "
                                + f.describe()
                                + ")");
            }
            if (Math.abs(f.rowSpacing() - first.rowSpacing()) > PIXEL_SPACING_TOLERANCE
                    || Math.abs(f.columnSpacing() - first.columnSpacing())
                            > PIXEL_SPACING_TOLERANCE) {
                throw inconsistent(
                        source,
                        seriesUid,
                        "images of different pixel spacing ("
                                + first.describe()
                                + " and "
                                + f.describe()
                                + ")");
            }
        }
        Vec3 axisI = first.rowCosines();
        Vec3 axisJ = first.columnCosines();
        Vec3 normal = axisI.cross(axisJ).normalized();
        List<FrameInfo> sorted = new ArrayList<>(frames);
        sorted.sort(Comparator.comparingDouble(f -> f.position().dot(normal)));

        List<List<FrameInfo>> slices = new ArrayList<>();
        for (FrameInfo f : sorted) {
            List<FrameInfo> last = slices.isEmpty() ? null : slices.get(slices.size() - 1);
            if (last != null
                    && Math.abs(f.position().minus(last.get(0).position()).dot(normal))
                            <= SAME_POSITION_MM) {
                if (f.position().minus(last.get(0).position()).norm() > OFF_LINE_MM) {
                    throw inconsistent(
                            source,
                            seriesUid,
                            "two images in the same plane at different positions ("
                                    + last.get(0).describe()
                                    + " and "
                                    + f.describe()
                                    + "): the series mixes several stacks");
                }
                last.add(f);
            } else {
                slices.add(new ArrayList<>(List.of(f)));
            }
        }
        int nz = slices.size();
        Vec3 origin = slices.get(0).get(0).position();
        Vec3 axisK;
        double dz;
        double[] positions = new double[nz];
        String irregular = null;
        if (nz == 1) {
            DicomImage img = first.image();
            dz = img.spacingBetweenSlices() > 0 ? img.spacingBetweenSlices() : img.sliceThickness();
            if (!(dz > 0)) {
                throw new IchException(
                        ErrorCode.MISSING_OR_INVALID_ATTRIBUTE,
                        first.describe(),
                        "a single slice without SpacingBetweenSlices or SliceThickness has no thickness",
                        "pass the whole series, not one slice");
            }
            axisK = normal;
            warnings.add(
                    "the series has a single slice; its thickness "
                            + fmt(dz)
                            + " mm is taken from the header");
        } else {
            Vec3 span = slices.get(nz - 1).get(0).position().minus(origin);
            double extent = span.norm();
            axisK = span.times(1 / extent);
            for (int k = 0; k < nz; k++) {
                Vec3 d = slices.get(k).get(0).position().minus(origin);
                positions[k] = d.dot(axisK);
                double off = d.minus(axisK.times(positions[k])).norm();
                if (off > OFF_LINE_MM) {
                    throw inconsistent(
                            source,
                            seriesUid,
                            "slice "
                                    + slices.get(k).get(0).describe()
                                    + " lies "
                                    + fmt(off)
                                    + " mm off the line through the first and last slice: the series mixes stacks");
                }
            }
            dz = extent / (nz - 1);
            double worst = 0;
            int worstAt = 0;
            for (int k = 0; k + 1 < nz; k++) {
                double dev = Math.abs(positions[k + 1] - positions[k] - dz) / dz;
                if (dev > worst) {
                    worst = dev;
                    worstAt = k;
                }
            }
            String gap =
                    "the gap after slice "
                            + (worstAt + 1)
                            + " of "
                            + nz
                            + " is "
                            + fmt(positions[worstAt + 1] - positions[worstAt])
                            + " mm against a mean of "
                            + fmt(dz)
                            + " mm";
            if (worst > SPACING_WARN) {
                irregular =
                        "the slices are not evenly spaced: " + gap + " (a slice may be missing)";
            } else if (worst > SPACING_SILENT) {
                warnings.add(
                        "slice spacing varies by up to "
                                + String.format(Locale.ROOT, "%.2f", 100 * worst)
                                + " % ("
                                + gap
                                + "); the mean spacing is used");
            }
        }
        double tilt = Math.toDegrees(Math.acos(Math.min(1, Math.abs(normal.dot(axisK)))));
        if (tilt > MAX_TILT_DEGREES) {
            throw inconsistent(
                    source,
                    seriesUid,
                    "the slices are stacked at "
                            + fmt(tilt)
                            + "° to the image normal, which is not a CT stack");
        }
        if (tilt > 0.01) {
            warnings.add(
                    "the slice axis is tilted by "
                            + fmt(tilt)
                            + "° from the image normal (gantry tilt); "
                            + "kept exactly in the affine, not resampled");
        }
        Set<String> files = new LinkedHashSet<>();
        Set<String> syntaxes = new LinkedHashSet<>();
        boolean monochrome1 = false;
        for (FrameInfo f : frames) {
            files.add(f.image().file().name());
            syntaxes.add(f.image().transferSyntaxUid());
            monochrome1 |= f.image().monochrome1();
        }
        String modality = first.image().modality();
        if (!first.image().ct()) {
            warnings.add(
                    "modality "
                            + (modality.isEmpty() ? "unknown" : modality)
                            + ", not CT: the values are the "
                            + "stored values after rescale, not Hounsfield units");
        }
        if (monochrome1) {
            warnings.add(
                    "MONOCHROME1 images: HU come from the rescale as the standard defines; nothing is inverted");
        }
        Vec3 spacing = new Vec3(first.columnSpacing(), first.rowSpacing(), dz);
        PhysicalSpacing.check(
                spacing,
                ErrorCode.MISSING_OR_INVALID_ATTRIBUTE,
                first.describe(),
                "check PixelSpacing and the slice positions (ImagePositionPatient, SliceThickness); re-export the series");
        return new SeriesPlan(
                seriesUid,
                slices,
                positions,
                first.image().columns(),
                first.image().rows(),
                spacing,
                origin,
                axisI,
                axisJ,
                axisK,
                irregular,
                warnings,
                files.size(),
                new ArrayList<>(syntaxes));
    }

    private static boolean close(Vec3 a, Vec3 b, double tol) {
        return Math.abs(a.x() - b.x()) <= tol
                && Math.abs(a.y() - b.y()) <= tol
                && Math.abs(a.z() - b.z()) <= tol;
    }

    static IchException inconsistent(String source, String uid, String why) {
        return new IchException(
                ErrorCode.INCONSISTENT_SERIES,
                source,
                "series " + uid + " is not one regular volume: " + why,
                "re-export the complete series, or name another series");
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
