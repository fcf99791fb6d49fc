package dev.ich.dicom.result;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.dicom.write.AtomicFileWriter;
import dev.ich.dicom.write.ExistingOutput;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes an analysis back as DICOM objects of the analysed study, for a PACS: a binary Segmentation
 * of the haematoma ({@value #SEGMENTATION_FILE}), a TID 1500 Structured Report of the measurements
 * ({@value #REPORT_FILE}) and an RGB Secondary Capture overlay series, one image per slice ({@code
 * SC00001.dcm} …). Each object copies the source's Patient and General Study module attributes
 * exactly, so the PACS files it with the right patient, and has new Series and SOP Instance UIDs;
 * nothing else identifying is written. Instances are immutable and thread-safe.
 */
public final class DicomResultWriter {

    /** The segmentation's file name. */
    public static final String SEGMENTATION_FILE = "SEG.dcm";

    /** The structured report's file name. */
    public static final String REPORT_FILE = "SR.dcm";

    /** Burned into every overlay image. */
    public static final String RESEARCH_USE = "RESEARCH USE - NOT FOR DIAGNOSIS";

    /** Receives each encoded file. */
    @FunctionalInterface
    public interface FileSink {
        /** Takes the file {@code name} with content {@code bytes}. */
        void accept(String name, byte[] bytes) throws IchException;
    }

    private final String uidSeed;
    private final Clock clock;
    private final int firstSeriesNumber;
    private final String segmentationAlgorithm;

    private DicomResultWriter(Builder b) {
        this.uidSeed = b.uidSeed;
        this.clock = b.clock;
        this.firstSeriesNumber = b.firstSeriesNumber;
        this.segmentationAlgorithm = b.segmentationAlgorithm;
    }

    /** A writer with random UIDs, the current time and series numbers 901, 902, 903. */
    public static DicomResultWriter create() {
        return builder().build();
    }

    /** Options of a writer. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The names of the files written for a series of {@code slices} slices, with or without
     * overlay.
     */
    public static List<String> fileNames(int slices, boolean overlay) {
        List<String> names = new ArrayList<>(List.of(SEGMENTATION_FILE, REPORT_FILE));
        for (int k = 0; overlay && k < slices; k++) {
            names.add(overlayFile(k));
        }
        return names;
    }

    private static String overlayFile(int k) {
        return String.format(Locale.ROOT, "SC%05d.dcm", k + 1);
    }

    /**
     * Writes the objects into {@code folder} (created if missing). Every name is checked first; a
     * file is written through a temporary file and a move, and an existing file is never replaced.
     *
     * @throws IchException {@code OUTPUT_NOT_WRITABLE} when one of the files exists (nothing is
     *     written then) or cannot be written
     */
    public WrittenResults write(ResultInput input, Path folder) throws IchException {
        List<String> names = fileNames(input.ct().geometry().nz(), input.overlay() != null);
        for (String name : names) {
            Path f = folder.resolve(name);
            if (Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
                throw new IchException(
                        ErrorCode.OUTPUT_NOT_WRITABLE,
                        f.toString(),
                        "the file already exists",
                        "Write the DICOM results into an empty folder");
            }
        }
        return write(
                input,
                (name, bytes) ->
                        AtomicFileWriter.write(
                                folder.resolve(name),
                                ExistingOutput.REFUSE,
                                out -> out.write(bytes)));
    }

    /** Encodes the objects and hands each file to {@code sink}, segmentation and report first. */
    public WrittenResults write(ResultInput input, FileSink sink) throws IchException {
        Objects.requireNonNull(input, "input");
        ResultContext c =
                new ResultContext(
                        input.source(), input.ct(), input.result(), clock.instant(), uidSeed);
        String segSeries = c.uid("seg/series");
        String segSop = c.uid("seg/instance");
        sink.accept(
                SEGMENTATION_FILE,
                SegmentationEncoder.encode(
                        c,
                        input.haematoma(),
                        segSeries,
                        segSop,
                        firstSeriesNumber,
                        segmentationAlgorithm));
        sink.accept(
                REPORT_FILE,
                MeasurementReportEncoder.encode(
                        c,
                        c.uid("sr/series"),
                        c.uid("sr/instance"),
                        firstSeriesNumber + 1,
                        segSeries,
                        segSop));
        List<String> overlay = new ArrayList<>();
        if (input.overlay() != null) {
            String series = c.uid("overlay/series");
            String description = "ich heatmap overlay, " + RESEARCH_USE.toLowerCase(Locale.ROOT);
            for (int k = 0; k < input.ct().geometry().nz(); k++) {
                sink.accept(
                        overlayFile(k),
                        OverlayEncoder.encode(
                                c,
                                k,
                                input.overlay().apply(k),
                                series,
                                c.uid("overlay/instance/" + (k + 1)),
                                firstSeriesNumber + 2,
                                description));
                overlay.add(overlayFile(k));
            }
        }
        return new WrittenResults(
                input.source().studyInstanceUid(), SEGMENTATION_FILE, REPORT_FILE, overlay);
    }

    /** Options of a {@link DicomResultWriter}. */
    public static final class Builder {
        private String uidSeed;
        private Clock clock = Clock.systemUTC();
        private int firstSeriesNumber = 901;
        private String segmentationAlgorithm = "ich threshold segmentation";

        private Builder() {}

        /**
         * Derives every new UID from this seed, so the same input gives the same files (test data).
         * The seed becomes part of public UIDs: never use identity.
         */
        public Builder uidSeed(String seed) {
            this.uidSeed = seed;
            return this;
        }

        /** The clock that dates the objects' content (UTC); the system clock by default. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The series numbers: this for the segmentation, the next two for report and overlay. */
        public Builder firstSeriesNumber(int value) {
            this.firstSeriesNumber = value;
            return this;
        }

        /** The segmentation's algorithm name (LO, at most 64 characters). */
        public Builder segmentationAlgorithm(String name) {
            this.segmentationAlgorithm = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Checks the options. */
        public DicomResultWriter build() {
            if (firstSeriesNumber < 0 || firstSeriesNumber > 99_999_997) {
                throw new IllegalArgumentException(
                        "firstSeriesNumber must lie in [0, 99999997], got " + firstSeriesNumber);
            }
            if (segmentationAlgorithm.isBlank() || segmentationAlgorithm.length() > 64) {
                throw new IllegalArgumentException(
                        "segmentationAlgorithm must have 1 to 64 characters");
            }
            return new DicomResultWriter(this);
        }
    }
}
