package dev.ich.dicom.internal;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.geometry.Vec3;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the series to read: the one the caller names, else the axial CT series with the most
 * slices (localizers and other orientations rank below). Logs its choice by UID only.
 */
public final class SeriesSelector {

    private static final Logger LOG = LoggerFactory.getLogger(SeriesSelector.class);
    /** |normal · z| above cos 45°: the images are axial rather than coronal or sagittal. */
    private static final double AXIAL_MIN_COS = Math.cos(Math.toRadians(45));

    private SeriesSelector() {
    }

    /** Facts used to rank one series. */
    public record Candidate(String uid, boolean ct, boolean axial, boolean localizer, int frames) {

        boolean preferred() {
            return ct && axial && !localizer;
        }
    }

    public static Candidate describe(String uid, List<DicomImage> images) {
        boolean ct = true;
        boolean localizer = true;
        int frames = 0;
        Vec3 normal = null;
        for (DicomImage image : images) {
            ct &= image.modality().equalsIgnoreCase("CT");
            localizer &= image.localizer();
            if (!image.localizer()) {
                frames += image.frames().size();
            }
            for (FrameInfo f : image.frames()) {
                if (normal == null && f.normal() != null) {
                    normal = f.normal();
                }
            }
        }
        boolean axial = normal != null && Math.abs(normal.z()) >= AXIAL_MIN_COS;
        return new Candidate(uid, ct, axial, localizer, frames);
    }

    /** The UID of the series to read; the automatic choice is logged. */
    public static String choose(StudyScan scan, String requested) throws IchException {
        return choose(scan, requested, true);
    }

    /** As {@link #choose(StudyScan, String)}; {@code log} false when the caller reports the choice itself. */
    public static String choose(StudyScan scan, String requested, boolean log) throws IchException {
        Map<String, List<DicomImage>> series = scan.series();
        String source = scan.root().toString();
        if (requested != null) {
            if (!series.containsKey(requested)) {
                throw new IchException(ErrorCode.SERIES_NOT_FOUND, source, "no image series with UID " + requested
                    + " (found " + series.size() + " image series)", "run 'ich info' on it to list the series UIDs");
            }
            return requested;
        }
        if (series.isEmpty()) {
            if (!scan.rejected().isEmpty()) {
                throw scan.rejected().get(0);
            }
            throw new IchException(ErrorCode.NO_SERIES, source, "no DICOM image series found ("
                + scan.fileCount() + " files, " + scan.skippedNonDicom() + " not DICOM)",
                "pass a DICOM file or a folder of DICOM CT images");
        }
        List<Candidate> candidates = new ArrayList<>();
        series.forEach((uid, images) -> candidates.add(describe(uid, images)));
        candidates.sort(Comparator.comparing((Candidate c) -> !c.preferred())
            .thenComparing(c -> c.localizer)
            .thenComparing(Comparator.comparingInt((Candidate c) -> c.frames).reversed())
            .thenComparing(c -> c.uid));
        Candidate chosen = candidates.get(0);
        if (log && candidates.size() > 1) {
            LOG.info("{}: chose series {} ({} slices{}) of {} image series", source, chosen.uid, chosen.frames,
                chosen.preferred() ? ", axial CT" : "", candidates.size());
        }
        return chosen.uid;
    }
}
