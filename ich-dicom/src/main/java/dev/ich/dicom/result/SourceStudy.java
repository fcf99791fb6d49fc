package dev.ich.dicom.result;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.dicom.internal.DicomImage;
import dev.ich.dicom.internal.FrameInfo;
import dev.ich.dicom.internal.HeaderValues;
import dev.ich.dicom.internal.SeriesPlan;
import dev.ich.dicom.internal.SeriesPlanner;
import dev.ich.dicom.internal.StudyScan;
import dev.ich.dicom.write.DicomUids;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What result objects need from the analysed DICOM series: its study, series and frame of reference
 * UIDs, the source image of each slice in the order of the volume the reader made, and the study's
 * patient and study identity, which is read only here, on request, and reaches only the result
 * objects ({@link #toString()} shows UIDs and counts only).
 */
public final class SourceStudy {

    private final String studyInstanceUid;
    private final String seriesInstanceUid;
    private final String frameOfReferenceUid;
    private final List<SourceSlice> slices;
    private final SourceIdentity identity;

    private SourceStudy(
            String studyInstanceUid,
            String seriesInstanceUid,
            String frameOfReferenceUid,
            List<SourceSlice> slices,
            SourceIdentity identity) {
        this.studyInstanceUid = studyInstanceUid;
        this.seriesInstanceUid = seriesInstanceUid;
        this.frameOfReferenceUid = frameOfReferenceUid;
        this.slices = List.copyOf(slices);
        this.identity = identity;
    }

    /**
     * Reads the series {@code seriesInstanceUid} (the analysed volume's {@code
     * provenance().seriesInstanceUid()}) in {@code study}, a DICOM file or folder. Pixels are not
     * decoded.
     *
     * @throws IchException {@code SERIES_NOT_FOUND} when the series is not there; {@code
     *     INCONSISTENT_SERIES} when its slices are unevenly spaced (the volume was resampled, so a
     *     frame would have no source image); {@code MISSING_OR_INVALID_ATTRIBUTE} when a slice
     *     lacks a valid SOP Instance UID, or the series a Study Instance or Frame of Reference UID
     */
    public static SourceStudy read(Path study, String seriesInstanceUid) throws IchException {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        String source = study.toString();
        StudyScan scan = StudyScan.of(study);
        List<DicomImage> images = scan.series().get(seriesInstanceUid);
        if (images == null) {
            throw new IchException(
                    ErrorCode.SERIES_NOT_FOUND,
                    source,
                    "the series " + seriesInstanceUid + " is not there",
                    "pass the study that was analysed");
        }
        scan.requireAllUsable(seriesInstanceUid);
        SeriesPlan plan = SeriesPlanner.plan(seriesInstanceUid, images, source);
        if (plan.irregular() != null) {
            throw new IchException(
                    ErrorCode.INCONSISTENT_SERIES,
                    source,
                    "series "
                            + seriesInstanceUid
                            + ": "
                            + plan.irregular()
                            + ", so the analysed volume was resampled and its slices have no source image",
                    "write DICOM results only for a series with evenly spaced slices");
        }
        DicomImage first = images.get(0);
        String studyUid = valid(first.studyUid(), "Study Instance UID", source);
        String frameOfReference =
                valid(first.frameOfReferenceUid(), "Frame of Reference UID", source);
        List<SourceSlice> slices = new ArrayList<>();
        for (List<FrameInfo> group : plan.slices()) {
            FrameInfo f = group.get(0);
            DicomImage image = f.image();
            if (!image.studyUid().equals(studyUid)
                    || !image.frameOfReferenceUid().equals(frameOfReference)) {
                throw new IchException(
                        ErrorCode.INCONSISTENT_SERIES,
                        source,
                        "the images of series "
                                + seriesInstanceUid
                                + " differ in Study Instance UID or Frame of Reference UID",
                        "re-export the series from the scanner or PACS");
            }
            slices.add(
                    new SourceSlice(
                            valid(image.sopClassUid(), "SOP Class UID", image.file().name()),
                            valid(image.sopInstanceUid(), "SOP Instance UID", image.file().name()),
                            image.frames().size() > 1 ? f.frame() + 1 : 0));
        }
        Map<Integer, byte[]> identity =
                HeaderValues.read(first.file().path(), SourceIdentity.ATTRIBUTES.keySet());
        return new SourceStudy(
                studyUid,
                seriesInstanceUid,
                frameOfReference,
                slices,
                new SourceIdentity(identity));
    }

    private static String valid(String uid, String what, String source) throws IchException {
        if (!DicomUids.isValid(uid)) {
            throw new IchException(
                    ErrorCode.MISSING_OR_INVALID_ATTRIBUTE,
                    source,
                    "the " + what + " is missing or not a valid UID",
                    "re-export the series from the scanner or PACS");
        }
        return uid;
    }

    /** The Study Instance UID the result objects are filed under. */
    public String studyInstanceUid() {
        return studyInstanceUid;
    }

    /** The analysed series. */
    public String seriesInstanceUid() {
        return seriesInstanceUid;
    }

    /** The source's Frame of Reference UID, which the segmentation and overlay share. */
    public String frameOfReferenceUid() {
        return frameOfReferenceUid;
    }

    /** The source image of each slice, slice 0 of the volume first. */
    public List<SourceSlice> slices() {
        return slices;
    }

    SourceIdentity identity() {
        return identity;
    }

    @Override
    public String toString() {
        return "SourceStudy[study "
                + studyInstanceUid
                + ", series "
                + seriesInstanceUid
                + ", "
                + slices.size()
                + " slices]";
    }
}
