package dev.ich.dicom.internal;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.geometry.Vec3;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the series to read: the one the caller names, else the axial CT series with the most slices
 * (localizers and other orientations rank below) of the one study in the input. Several studies or
 * patients, or no CT series, are errors unless the caller chooses; only CT holds Hounsfield units,
 * so other modalities are read only when the caller allows it. Logs its choice by UID only.
 */
public final class SeriesSelector {

    private static final Logger LOG = LoggerFactory.getLogger(SeriesSelector.class);

    /** |normal · z| above cos 45°: the images are axial rather than coronal or sagittal. */
    private static final double AXIAL_MIN_COS = Math.cos(Math.toRadians(45));

    /** Series listed at most in a message about several studies. */
    private static final int MAX_LISTED = 8;

    private SeriesSelector() {}

    /** Facts used to rank one series. */
    public record Candidate(String uid, boolean ct, boolean axial, boolean localizer, int frames) {

        boolean preferred() {
            return ct && axial && !localizer;
        }
    }

    /** What the caller asked for. */
    public record Request(String studyUid, String seriesUid, boolean allowNonCt) {}

    public static Candidate describe(String uid, List<DicomImage> images) {
        boolean ct = true;
        boolean localizer = true;
        int frames = 0;
        Vec3 normal = null;
        for (DicomImage image : images) {
            ct &= image.ct();
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
    public static String choose(StudyScan scan, Request request) throws IchException {
        return choose(scan, request, true);
    }

    /**
     * As {@link #choose(StudyScan, Request)}; {@code log} false when the caller reports the choice
     * itself.
     */
    public static String choose(StudyScan scan, Request request, boolean log) throws IchException {
        Map<String, List<DicomImage>> series = scan.series();
        String source = scan.root().toString();
        if (request.seriesUid() != null) {
            List<DicomImage> images = series.get(request.seriesUid());
            if (images == null
                    || request.studyUid() != null
                            && !images.get(0).studyUid().equals(request.studyUid())) {
                throw new IchException(
                        ErrorCode.SERIES_NOT_FOUND,
                        source,
                        "no image series with UID "
                                + request.seriesUid()
                                + (request.studyUid() == null
                                        ? ""
                                        : " in study " + request.studyUid())
                                + " (found "
                                + series.size()
                                + " image series)",
                        "run 'ich info' on it to list the series UIDs");
            }
            requireCt(source, Map.of(request.seriesUid(), images), request);
            return request.seriesUid();
        }
        if (series.isEmpty()) {
            if (!scan.rejected().isEmpty()) {
                throw scan.rejected().get(0);
            }
            throw new IchException(
                    ErrorCode.NO_SERIES,
                    source,
                    "no DICOM image series found ("
                            + scan.fileCount()
                            + " files, "
                            + scan.skippedNonDicom()
                            + " not DICOM)",
                    "pass a DICOM file or a folder of DICOM CT images");
        }
        Map<String, List<DicomImage>> study = oneStudy(source, series, request.studyUid());
        requireCt(source, study, request);
        List<Candidate> candidates = new ArrayList<>();
        study.forEach((uid, images) -> candidates.add(describe(uid, images)));
        candidates.sort(
                Comparator.comparing((Candidate c) -> !c.preferred())
                        .thenComparing(c -> !c.ct)
                        .thenComparing(c -> c.localizer)
                        .thenComparing(
                                Comparator.comparingInt((Candidate c) -> c.frames).reversed())
                        .thenComparing(c -> c.uid));
        Candidate chosen = candidates.get(0);
        if (log && candidates.size() > 1) {
            LOG.info(
                    "{}: chose series {} ({} slices{}) of {} image series",
                    source,
                    chosen.uid,
                    chosen.frames,
                    chosen.preferred() ? ", axial CT" : "",
                    candidates.size());
        }
        return chosen.uid;
    }

    /**
     * The series of the requested study, or of the only study in the input. Several studies, or
     * several patients (told apart by PatientID, which is never shown), are an error that lists the
     * studies and series by UID: reading one of them silently could measure the wrong patient.
     */
    private static Map<String, List<DicomImage>> oneStudy(
            String source, Map<String, List<DicomImage>> series, String studyUid)
            throws IchException {
        Map<String, List<DicomImage>> kept = new LinkedHashMap<>();
        series.forEach(
                (uid, images) -> {
                    if (studyUid == null || images.get(0).studyUid().equals(studyUid)) {
                        kept.put(uid, images);
                    }
                });
        if (kept.isEmpty()) {
            throw new IchException(
                    ErrorCode.SERIES_NOT_FOUND,
                    source,
                    "no image series of study "
                            + studyUid
                            + " (found "
                            + studies(series).size()
                            + " studies)",
                    "run 'ich info' on it to list the study UIDs");
        }
        Map<String, List<String>> studies = studies(kept);
        Set<String> patients =
                kept.values().stream()
                        .flatMap(List::stream)
                        .map(DicomImage::patientId)
                        .collect(Collectors.toSet());
        if (studies.size() > 1 || patients.size() > 1) {
            String what =
                    studies.size() > 1
                            ? studies.size() + " studies"
                            : "images of "
                                    + patients.size()
                                    + " patients (by PatientID, not shown)";
            throw new IchException(
                    ErrorCode.AMBIGUOUS_INPUT,
                    source,
                    "the input holds " + what + ": " + listing(studies, series),
                    (studies.size() > 1 ? "name one study with --study UID or " : "name ")
                            + "one series with --series UID (DicomStudyReader.builder().studyInstanceUid / seriesInstanceUid), "
                            + "or pass the folder of one study");
        }
        return kept;
    }

    /** Series UIDs by study UID, in the order first found. */
    private static Map<String, List<String>> studies(Map<String, List<DicomImage>> series) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        series.forEach(
                (uid, images) ->
                        out.computeIfAbsent(images.get(0).studyUid(), k -> new ArrayList<>())
                                .add(uid));
        return out;
    }

    private static String listing(
            Map<String, List<String>> studies, Map<String, List<DicomImage>> series) {
        List<String> parts = new ArrayList<>();
        int listed = 0;
        for (Map.Entry<String, List<String>> s : studies.entrySet()) {
            List<String> inStudy = new ArrayList<>();
            for (String uid : s.getValue()) {
                if (listed++ < MAX_LISTED) {
                    List<DicomImage> images = series.get(uid);
                    int frames = images.stream().mapToInt(i -> i.frames().size()).sum();
                    inStudy.add(
                            "series "
                                    + uid
                                    + " ("
                                    + images.get(0).modality()
                                    + ", "
                                    + frames
                                    + " images)");
                }
            }
            parts.add(
                    "study "
                            + (s.getKey().isEmpty() ? "without UID" : s.getKey())
                            + " with "
                            + String.join(", ", inStudy)
                            + (inStudy.size() < s.getValue().size() ? ", …" : ""));
        }
        return String.join("; ", parts);
    }

    /** Fails unless a CT series is among {@code series} or the caller allows other modalities. */
    private static void requireCt(
            String source, Map<String, List<DicomImage>> series, Request request)
            throws IchException {
        if (request.allowNonCt()) {
            return;
        }
        Set<String> modalities = new LinkedHashSet<>();
        for (List<DicomImage> images : series.values()) {
            for (DicomImage image : images) {
                if (image.ct() && series.size() > 1) {
                    return;
                }
                if (!image.ct()) {
                    modalities.add(image.modality().isEmpty() ? "no modality" : image.modality());
                }
            }
        }
        if (!modalities.isEmpty()) {
            throw new IchException(
                    ErrorCode.UNSUPPORTED_IMAGE,
                    source,
                    (series.size() == 1 ? "the series has" : "no CT series; the images have")
                            + " modality "
                            + String.join(", ", modalities)
                            + ", whose values are not Hounsfield units, so it cannot be measured",
                    "pass a CT study; to convert the images anyway use ich convert --allow-non-ct "
                            + "(DicomStudyReader.builder().allowNonCt(true)), which keeps the stored values after rescale");
        }
    }
}
