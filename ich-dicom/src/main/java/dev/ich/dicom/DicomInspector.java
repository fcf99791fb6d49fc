package dev.ich.dicom;

import dev.ich.core.error.IchException;
import dev.ich.core.geometry.Vec3;
import dev.ich.dicom.internal.DicomImage;
import dev.ich.dicom.internal.FrameInfo;
import dev.ich.dicom.internal.PixelReader;
import dev.ich.dicom.internal.SeriesPlan;
import dev.ich.dicom.internal.SeriesPlanner;
import dev.ich.dicom.internal.SeriesSelector;
import dev.ich.dicom.internal.StudyScan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lists the image series in a file or folder with their geometry, transfer syntaxes and the
 * problems a read would meet (an unusable slice, an unsupported transfer syntax, a compressed
 * stream cut short or whose header does not match), without decoding any pixels (for {@code ich
 * info}); and the series of other objects (reports, segmentations, colour images), which cannot be
 * read as a CT volume.
 */
public final class DicomInspector {

    private DicomInspector() {}

    /**
     * @throws IchException when the path cannot be read or holds a damaged DICOM file; problems of
     *     a single series are reported in its {@link SeriesSummary#problem()} instead
     */
    public static StudySummary inspect(Path path) throws IchException {
        StudyScan scan = StudyScan.of(path);
        String chosen = null;
        try {
            chosen =
                    SeriesSelector.choose(
                            scan, new SeriesSelector.Request(null, null, false), false);
        } catch (IchException e) {
            // Nothing is read by default (no CT, several studies): each series says why it cannot
            // be.
        }
        List<SeriesSummary> out = new ArrayList<>();
        for (Map.Entry<String, List<DicomImage>> e : scan.series().entrySet()) {
            out.add(
                    summarise(
                            scan,
                            e.getKey(),
                            e.getValue(),
                            e.getKey().equals(chosen),
                            path.toString()));
        }
        List<String> skipped = new ArrayList<>();
        Map<String, List<StudyScan.Rejected>> others = new LinkedHashMap<>();
        for (StudyScan.Rejected r : scan.rejectedObjects()) {
            if (r.seriesUid().isEmpty()) {
                skipped.add(r.reason().getMessage());
            } else {
                others.computeIfAbsent(r.seriesUid(), k -> new ArrayList<>()).add(r);
            }
        }
        List<OtherSeriesSummary> otherSeries = new ArrayList<>();
        for (Map.Entry<String, List<StudyScan.Rejected>> e : others.entrySet()) {
            StudyScan.Rejected first = e.getValue().get(0);
            otherSeries.add(
                    new OtherSeriesSummary(
                            e.getKey(),
                            first.studyUid(),
                            first.modality(),
                            first.sopClassUid(),
                            e.getValue().size(),
                            first.reason().problem()));
        }
        return new StudySummary(
                path.toString(),
                scan.fileCount(),
                out,
                otherSeries,
                skipped,
                scan.skippedNonDicom());
    }

    private static SeriesSummary summarise(
            StudyScan scan, String uid, List<DicomImage> images, boolean chosen, String source) {
        SeriesSelector.Candidate c = SeriesSelector.describe(uid, images);
        DicomImage first = images.get(0);
        FrameInfo f0 = first.frames().get(0);
        Set<String> syntaxes = new LinkedHashSet<>();
        Set<String> files = new LinkedHashSet<>();
        int frames = 0;
        for (DicomImage image : images) {
            syntaxes.add(image.transferSyntaxUid() + " (" + image.transferSyntaxName() + ")");
            files.add(image.file().name());
            frames += image.frames().size();
        }
        String problem = null;
        List<String> warnings = new ArrayList<>();
        int slices = 0;
        Vec3 spacing = null;
        double tilt = 0;
        try {
            scan.requireAllUsable(uid);
            SeriesPlan plan = SeriesPlanner.plan(uid, images, source);
            slices = plan.sliceCount();
            spacing = plan.spacing();
            tilt = plan.tiltDegrees();
            warnings.addAll(plan.warnings());
            if (plan.irregular() != null) {
                problem = plan.irregular();
            }
            int duplicates = 0;
            for (List<FrameInfo> s : plan.slices()) {
                duplicates += s.size() - 1;
            }
            if (duplicates > 0) {
                warnings.add(
                        duplicates
                                + " image(s) share a position with another; they are dropped when "
                                + "their pixels are identical, else the read fails");
            }
            checkStreams(images);
        } catch (IchException e) {
            problem = e.problem();
        }
        return new SeriesSummary(
                uid,
                first.studyUid(),
                first.modality(),
                files.size(),
                frames,
                slices,
                first.columns(),
                first.rows(),
                spacing,
                f0.rowCosines(),
                f0.columnCosines(),
                orientation(f0.normal()),
                tilt,
                c.localizer(),
                new ArrayList<>(syntaxes),
                chosen,
                warnings,
                problem);
    }

    /**
     * What can be found about decoding without decoding: a supported transfer syntax, and every
     * compressed frame complete with a header that matches the image.
     */
    private static void checkStreams(List<DicomImage> images) throws IchException {
        PixelReader.Buffers buffers = new PixelReader.Buffers();
        for (DicomImage image : images) {
            try (PixelReader reader = new PixelReader(image, buffers)) {
                reader.checkStreams();
            } catch (IchException e) {
                throw new IchException(
                        e.code(),
                        e.source(),
                        "the file "
                                + image.file().path().getFileName()
                                + " cannot be decoded: "
                                + e.problem(),
                        e.remedy(),
                        e);
            }
        }
    }

    private static String orientation(Vec3 n) {
        if (n == null) {
            return "unknown";
        }
        double ax = Math.abs(n.x());
        double ay = Math.abs(n.y());
        double az = Math.abs(n.z());
        double max = Math.max(ax, Math.max(ay, az));
        if (max < 0.9999) {
            return "oblique";
        }
        return az == max ? "axial" : ay == max ? "coronal" : "sagittal";
    }
}
