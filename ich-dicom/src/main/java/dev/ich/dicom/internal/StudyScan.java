package dev.ich.dicom.internal;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image objects found in a file or folder (searched recursively), grouped by SeriesInstanceUID.
 *
 * <p>In a folder, files that are not DICOM at all (unless named {@code *.dcm}, {@code *.dicom} or
 * {@code *.ima}) and DICOM objects without an image (reports, plans, DICOMDIR) are skipped and
 * counted; colour and other unsupported images are kept aside with their reason. A damaged DICOM
 * file (truncated, impossible lengths) stops the scan with its error: silently leaving out a slice
 * could change a measured volume.
 */
public final class StudyScan {

    private static final Logger LOG = LoggerFactory.getLogger(StudyScan.class);

    /** More files than this in one study folder is not a CT study. */
    private static final int MAX_FILES = 200_000;

    private final Path root;
    private final Map<String, List<DicomImage>> series;
    private final List<Rejected> rejected;
    private final int skippedNonDicom;
    private final int fileCount;

    private StudyScan(
            Path root,
            Map<String, List<DicomImage>> series,
            List<Rejected> rejected,
            int skippedNonDicom,
            int fileCount) {
        this.root = root;
        this.series = series;
        this.rejected = rejected;
        this.skippedNonDicom = skippedNonDicom;
        this.fileCount = fileCount;
    }

    public static StudyScan of(Path path) throws IchException {
        if (!Files.exists(path)) {
            throw new IchException(
                    ErrorCode.FILE_NOT_FOUND,
                    path.toString(),
                    "no such file or folder",
                    "check the path");
        }
        if (!Files.isDirectory(path)) {
            DicomImage image = DicomImage.of(DicomParser.parse(path));
            Map<String, List<DicomImage>> one = new LinkedHashMap<>();
            one.put(image.seriesUid(), new ArrayList<>(List.of(image)));
            return new StudyScan(path, one, List.of(), 0, 1);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(path)) {
            files =
                    walk.filter(Files::isRegularFile)
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .filter(p -> !p.getFileName().toString().equalsIgnoreCase("DICOMDIR"))
                            .limit(MAX_FILES + 1L)
                            .sorted()
                            .collect(Collectors.toList());
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IchException(
                    ErrorCode.IO_ERROR,
                    path.toString(),
                    "the folder cannot be listed (" + e.getMessage() + ")",
                    "check that the folder is readable",
                    e);
        }
        if (files.size() > MAX_FILES) {
            throw new IchException(
                    ErrorCode.IMPLAUSIBLE_LENGTH,
                    path.toString(),
                    "the folder holds more than " + MAX_FILES + " files",
                    "pass the folder of one study");
        }
        Map<String, List<DicomImage>> series = new LinkedHashMap<>();
        List<Rejected> rejected = new ArrayList<>();
        int nonDicom = 0;
        for (Path f : files) {
            DicomFile file;
            try {
                file = DicomParser.parse(f);
            } catch (IchException e) {
                if (e.code() == ErrorCode.NOT_DICOM && !namedAsDicom(f)) {
                    nonDicom++;
                    continue;
                }
                throw e;
            }
            try {
                DicomImage image = DicomImage.of(file);
                series.computeIfAbsent(image.seriesUid(), k -> new ArrayList<>()).add(image);
            } catch (IchException e) {
                if (e.code() == ErrorCode.NOT_AN_IMAGE || e.code() == ErrorCode.UNSUPPORTED_IMAGE) {
                    DicomElements el = file.elements();
                    String modality = el.shownTerm(Tags.MODALITY, Tags.MODALITIES);
                    rejected.add(
                            new Rejected(
                                    f,
                                    el.uid(Tags.SERIES_INSTANCE_UID),
                                    el.uid(Tags.STUDY_INSTANCE_UID),
                                    modality == null ? "" : modality,
                                    el.uid(Tags.SOP_CLASS_UID),
                                    e));
                } else {
                    throw e;
                }
            }
        }
        LOG.debug(
                "{}: {} files, {} series, {} non-image or unsupported objects, {} non-DICOM files",
                path,
                files.size(),
                series.size(),
                rejected.size(),
                nonDicom);
        return new StudyScan(path, series, rejected, nonDicom, files.size());
    }

    /**
     * A file named like DICOM that does not parse is an incomplete copy (often 0 bytes), not a
     * stray file: skipping it could silently drop an end slice, so it stops the read.
     */
    private static boolean namedAsDicom(Path f) {
        String n = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".dcm") || n.endsWith(".dicom") || n.endsWith(".ima");
    }

    public Path root() {
        return root;
    }

    /** Image objects by SeriesInstanceUID, in the order first found. */
    public Map<String, List<DicomImage>> series() {
        Map<String, List<DicomImage>> copy = new LinkedHashMap<>();
        series.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    /**
     * A DICOM object left out of the series because it holds no image or one that cannot be turned
     * into HU (colour, 32-bit).
     *
     * @param file the file
     * @param seriesUid its SeriesInstanceUID, empty when absent
     * @param studyUid its StudyInstanceUID, empty when absent
     * @param modality its Modality ({@code "invalid"} when not a DICOM term; empty when absent)
     * @param sopClassUid its SOPClassUID, empty when absent
     * @param reason why it was left out
     */
    public record Rejected(
            Path file,
            String seriesUid,
            String studyUid,
            String modality,
            String sopClassUid,
            IchException reason) {}

    /** The objects left out of the series, with what identifies their own series. */
    public List<Rejected> rejectedObjects() {
        return List.copyOf(rejected);
    }

    /**
     * Objects skipped because they hold no image or an unsupported (colour) image, with the reason.
     */
    public List<IchException> rejected() {
        return rejected.stream().map(Rejected::reason).toList();
    }

    /**
     * Fails when an object of series {@code uid} was left out: a slice that cannot be used is an
     * error, never a shorter volume (a missing end slice would go unnoticed by every gap check).
     */
    public void requireAllUsable(String uid) throws IchException {
        for (Rejected r : rejected) {
            if (uid.equals(r.seriesUid())) {
                throw new IchException(
                        r.reason().code(),
                        root.toString(),
                        "the file "
                                + r.file().getFileName()
                                + " of series "
                                + uid
                                + " cannot be used ("
                                + r.reason().problem()
                                + "), so the volume would "
                                + "miss a slice",
                        "copy that file again from the scanner or PACS, or name another series");
            }
        }
    }

    public int skippedNonDicom() {
        return skippedNonDicom;
    }

    public int fileCount() {
        return fileCount;
    }
}
