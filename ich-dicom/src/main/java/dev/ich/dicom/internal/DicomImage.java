package dev.ich.dicom.internal;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.geometry.Vec3;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A greyscale image object checked for what this library can turn into HU, with its frames.
 * Non-image objects and colour or otherwise unsupported images are refused here, naming the file.
 */
public final class DicomImage {

    /** Pixel counts above this are not a CT slice (and would exhaust memory). */
    private static final long MAX_VOXELS = Integer.MAX_VALUE - 8;

    /**
     * Pixels per compressed byte beyond which a header is damaged (blank JPEG 2000 frames reach a
     * few hundred).
     */
    private static final double MAX_COMPRESSION_RATIO = 4096;

    private final DicomFile file;
    private final PixelFormat format;
    private final List<FrameInfo> frames;
    private final Integer paddingValue;
    private final Integer paddingLimit;

    private DicomImage(
            DicomFile file,
            PixelFormat format,
            Integer paddingValue,
            Integer paddingLimit,
            List<FrameInfo> frames) {
        this.file = file;
        this.format = format;
        this.paddingValue = paddingValue;
        this.paddingLimit = paddingLimit;
        this.frames = frames;
    }

    /** Checks the object and extracts its frames. */
    public static DicomImage of(DicomFile file) throws IchException {
        DicomElements e = file.elements();
        String name = file.name();
        if (file.pixelData() == null || !e.has(Tags.ROWS) || !e.has(Tags.COLUMNS)) {
            String sop = e.uid(Tags.SOP_CLASS_UID);
            throw new IchException(
                    ErrorCode.NOT_AN_IMAGE,
                    name,
                    "the DICOM object holds no image"
                            + (sop.isEmpty()
                                    ? ""
                                    : " (SOP class "
                                            + sop
                                            + ", modality "
                                            + e.shownTerm(Tags.MODALITY, Tags.MODALITIES)
                                            + ")"),
                    "pass the CT image series, not a report, plan, waveform or presentation state");
        }
        int spp = e.us(Tags.SAMPLES_PER_PIXEL, 1);
        String photometric =
                e.shownTerm(Tags.PHOTOMETRIC_INTERPRETATION, Tags.PHOTOMETRIC_INTERPRETATIONS);
        photometric = photometric == null ? "MONOCHROME2" : photometric;
        if (spp != 1 || !(photometric.equals("MONOCHROME1") || photometric.equals("MONOCHROME2"))) {
            throw new IchException(
                    ErrorCode.UNSUPPORTED_IMAGE,
                    name,
                    "a colour image ("
                            + spp
                            + " samples per pixel, "
                            + photometric
                            + ") cannot hold Hounsfield units",
                    "pass the greyscale CT series, not a screenshot or secondary capture");
        }
        int rows = e.us(Tags.ROWS, 0);
        int cols = e.us(Tags.COLUMNS, 0);
        int bitsAllocated = e.us(Tags.BITS_ALLOCATED, 0);
        int bitsStored = e.us(Tags.BITS_STORED, bitsAllocated);
        int highBit = e.us(Tags.HIGH_BIT, bitsStored - 1);
        int representation = e.us(Tags.PIXEL_REPRESENTATION, 0);
        if (bitsAllocated != 8 && bitsAllocated != 16) {
            throw new IchException(
                    ErrorCode.UNSUPPORTED_IMAGE,
                    name,
                    "BitsAllocated is "
                            + bitsAllocated
                            + "; only 8- and 16-bit CT images are supported",
                    "export the series as 16-bit greyscale CT");
        }
        if (bitsStored < 1
                || bitsStored > bitsAllocated
                || highBit < bitsStored - 1
                || highBit >= bitsAllocated
                || representation > 1) {
            throw e.invalid(
                    Tags.BITS_STORED,
                    "BitsAllocated "
                            + bitsAllocated
                            + ", BitsStored "
                            + bitsStored
                            + ", HighBit "
                            + highBit
                            + " and PixelRepresentation "
                            + representation
                            + " do not fit together");
        }
        if (rows < 1 || cols < 1) {
            throw e.invalid(Tags.ROWS, "the image has " + rows + " rows and " + cols + " columns");
        }
        double nFrames = e.number(Tags.NUMBER_OF_FRAMES, 1);
        if (nFrames < 1 || nFrames != Math.rint(nFrames) || nFrames * rows * cols > MAX_VOXELS) {
            throw new IchException(
                    ErrorCode.IMPLAUSIBLE_LENGTH,
                    name,
                    "NumberOfFrames "
                            + nFrames
                            + " with "
                            + rows
                            + " × "
                            + cols
                            + " pixels is not a plausible image",
                    "the file is damaged; copy it again");
        }
        PixelFormat format =
                new PixelFormat(
                        rows,
                        cols,
                        (int) nFrames,
                        bitsAllocated,
                        bitsStored,
                        highBit,
                        representation == 1,
                        photometric.equals("MONOCHROME1"));
        PixelDataRef px = file.pixelData();
        if (px.encapsulated()) {
            long compressed = 0;
            for (long[] f : px.fragments()) {
                compressed += f[1];
            }
            // No codec we support compresses CT data beyond this; a larger claim is a damaged
            // header.
            if ((double) rows * cols * nFrames > MAX_COMPRESSION_RATIO * Math.max(compressed, 1)) {
                throw new IchException(
                        ErrorCode.IMPLAUSIBLE_LENGTH,
                        name,
                        "the header announces "
                                + (long) nFrames
                                + " frame(s) of "
                                + rows
                                + " × "
                                + cols
                                + " pixels but the compressed pixel data has only "
                                + compressed
                                + " bytes",
                        "the file is damaged; copy it again from the scanner or PACS");
            }
        }
        if (!px.encapsulated() && px.length() < format.bytesPerFrame() * format.frames()) {
            throw new IchException(
                    ErrorCode.CORRUPT_DATA,
                    name,
                    "the pixel data has "
                            + px.length()
                            + " bytes but "
                            + format.frames()
                            + " frame(s) of "
                            + rows
                            + " × "
                            + cols
                            + " × "
                            + bitsAllocated
                            + " bits need "
                            + format.bytesPerFrame() * format.frames(),
                    "copy the file again from the scanner or PACS");
        }
        Integer padding =
                e.has(Tags.PIXEL_PADDING_VALUE)
                        ? signedIfNeeded(e.us(Tags.PIXEL_PADDING_VALUE, 0), representation == 1)
                        : null;
        Integer paddingLimit =
                e.has(Tags.PIXEL_PADDING_RANGE_LIMIT)
                        ? signedIfNeeded(
                                e.us(Tags.PIXEL_PADDING_RANGE_LIMIT, 0), representation == 1)
                        : null;
        DicomImage image = new DicomImage(file, format, padding, paddingLimit, new ArrayList<>());
        image.extractFrames();
        return image;
    }

    private static int signedIfNeeded(int us, boolean signed) {
        return signed ? (short) us : us;
    }

    private void extractFrames() throws IchException {
        DicomElements top = file.elements();
        DicomElements shared = top.item(Tags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE);
        List<DicomElements> perFrame = top.sequence(Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE);
        if (!perFrame.isEmpty() && perFrame.size() != format.frames()) {
            throw top.invalid(
                    Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE,
                    "it has " + perFrame.size() + " items for " + format.frames() + " frames");
        }
        for (int f = 0; f < format.frames(); f++) {
            DicomElements own = perFrame.isEmpty() ? null : perFrame.get(f);
            DicomElements pos =
                    attribute(
                            own,
                            shared,
                            top,
                            Tags.PLANE_POSITION_SEQUENCE,
                            Tags.IMAGE_POSITION_PATIENT);
            DicomElements ori =
                    attribute(
                            own,
                            shared,
                            top,
                            Tags.PLANE_ORIENTATION_SEQUENCE,
                            Tags.IMAGE_ORIENTATION_PATIENT);
            DicomElements mea =
                    attribute(own, shared, top, Tags.PIXEL_MEASURES_SEQUENCE, Tags.PIXEL_SPACING);
            DicomElements pvt =
                    attribute(
                            own,
                            shared,
                            top,
                            Tags.PIXEL_VALUE_TRANSFORMATION_SEQUENCE,
                            Tags.RESCALE_INTERCEPT);
            DicomElements pvtSlope =
                    attribute(
                            own,
                            shared,
                            top,
                            Tags.PIXEL_VALUE_TRANSFORMATION_SEQUENCE,
                            Tags.RESCALE_SLOPE);
            double[] p = pos.doubles(Tags.IMAGE_POSITION_PATIENT);
            double[] o = ori.doubles(Tags.IMAGE_ORIENTATION_PATIENT);
            double[] s = mea.doubles(Tags.PIXEL_SPACING);
            if (p != null && p.length != 3) {
                throw pos.invalid(
                        Tags.IMAGE_POSITION_PATIENT, "it has " + p.length + " values instead of 3");
            }
            if (o != null && o.length != 6) {
                throw ori.invalid(
                        Tags.IMAGE_ORIENTATION_PATIENT,
                        "it has " + o.length + " values instead of 6");
            }
            if (s != null && (s.length != 2 || !(s[0] > 0) || !(s[1] > 0))) {
                throw mea.invalid(
                        Tags.PIXEL_SPACING,
                        "expected two positive values, got " + Arrays.toString(s));
            }
            Vec3 row = null;
            Vec3 col = null;
            if (o != null) {
                row = unit(ori, new Vec3(o[0], o[1], o[2]));
                col = unit(ori, new Vec3(o[3], o[4], o[5]));
                if (Math.abs(row.dot(col)) > 1e-3) {
                    throw ori.invalid(
                            Tags.IMAGE_ORIENTATION_PATIENT,
                            "the row and column directions are not perpendicular");
                }
            }
            double slope = pvtSlope.number(Tags.RESCALE_SLOPE, 1);
            double intercept = pvt.number(Tags.RESCALE_INTERCEPT, 0);
            if (slope == 0) {
                throw pvtSlope.invalid(Tags.RESCALE_SLOPE, "the slope is 0");
            }
            frames.add(
                    new FrameInfo(
                            this,
                            f,
                            p == null ? null : new Vec3(p[0], p[1], p[2]),
                            row,
                            col,
                            s == null ? 0 : s[0],
                            s == null ? 0 : s[1],
                            slope,
                            intercept));
        }
    }

    private static Vec3 unit(DicomElements where, Vec3 v) throws IchException {
        double n = v.norm();
        if (!(n > 0.9 && n < 1.1)) {
            throw where.invalid(
                    Tags.IMAGE_ORIENTATION_PATIENT,
                    "a direction has length " + n + " instead of 1");
        }
        return v.times(1 / n);
    }

    /**
     * The dataset holding {@code tag} for a frame: the frame's own functional group, else the
     * shared one, else the top-level dataset (classic images).
     */
    private static DicomElements attribute(
            DicomElements own, DicomElements shared, DicomElements top, int macro, int tag) {
        if (own != null) {
            DicomElements m = own.item(macro);
            if (m != null && m.has(tag)) {
                return m;
            }
        }
        if (shared != null) {
            DicomElements m = shared.item(macro);
            if (m != null && m.has(tag)) {
                return m;
            }
        }
        return top;
    }

    public DicomFile file() {
        return file;
    }

    PixelFormat format() {
        return format;
    }

    public List<FrameInfo> frames() {
        return List.copyOf(frames);
    }

    /**
     * The SeriesInstanceUID (see {@link DicomElements#uid} for a damaged one; empty when absent).
     */
    public String seriesUid() {
        return file.elements().uid(Tags.SERIES_INSTANCE_UID);
    }

    /**
     * The StudyInstanceUID (see {@link DicomElements#uid} for a damaged one; empty when absent).
     */
    public String studyUid() {
        return file.elements().uid(Tags.STUDY_INSTANCE_UID);
    }

    /** The SOPClassUID (see {@link DicomElements#uid}; empty when absent). */
    public String sopClassUid() {
        return file.elements().uid(Tags.SOP_CLASS_UID);
    }

    /** The SOPInstanceUID (see {@link DicomElements#uid}; empty when absent). */
    public String sopInstanceUid() {
        return file.elements().uid(Tags.SOP_INSTANCE_UID);
    }

    /** The FrameOfReferenceUID (see {@link DicomElements#uid}; empty when absent). */
    public String frameOfReferenceUid() {
        return file.elements().uid(Tags.FRAME_OF_REFERENCE_UID);
    }

    /** The PatientID, only to tell patients apart: never shown, logged or written. */
    String patientId() {
        String s = file.elements().string(Tags.PATIENT_ID);
        return s == null ? "" : s;
    }

    /**
     * The Modality (e.g. {@code CT}, {@code MR}; {@code "invalid"} when not a DICOM term; empty
     * when absent).
     */
    public String modality() {
        String s = file.elements().shownTerm(Tags.MODALITY, Tags.MODALITIES);
        return s == null ? "" : s;
    }

    /** True for Modality CT: only CT stores Hounsfield units. */
    public boolean ct() {
        return modality().equals("CT");
    }

    public int rows() {
        return format.rows();
    }

    public int columns() {
        return format.columns();
    }

    public boolean monochrome1() {
        return format.monochrome1();
    }

    public boolean hasPadding() {
        return paddingValue != null;
    }

    /** True when ImageType names this a localizer (scout, topogram). */
    public boolean localizer() {
        for (String t : file.elements().strings(Tags.IMAGE_TYPE)) {
            if (t.equalsIgnoreCase("LOCALIZER")) {
                return true;
            }
        }
        return false;
    }

    public String transferSyntaxUid() {
        return file.transferSyntaxUid();
    }

    /** The syntax's descriptive name, or the UID when unknown. */
    public String transferSyntaxName() {
        Syntax s = Syntax.of(file.transferSyntaxUid());
        return s == null ? file.transferSyntaxUid() : s.title;
    }

    public double gantryTilt() throws IchException {
        return file.elements().number(Tags.GANTRY_DETECTOR_TILT, 0);
    }

    /** InstanceNumber, or NaN when absent. */
    public double instanceNumber() throws IchException {
        return file.elements().number(Tags.INSTANCE_NUMBER, Double.NaN);
    }

    public double sliceThickness() throws IchException {
        return file.elements().number(Tags.SLICE_THICKNESS, 0);
    }

    public double spacingBetweenSlices() throws IchException {
        return file.elements().number(Tags.SPACING_BETWEEN_SLICES, 0);
    }

    /** True when a stored value is pixel padding (outside the patient). */
    boolean isPadding(int stored) {
        if (paddingValue == null) {
            return false;
        }
        if (paddingLimit == null) {
            return stored == paddingValue;
        }
        int lo = Math.min(paddingValue, paddingLimit);
        int hi = Math.max(paddingValue, paddingLimit);
        return stored >= lo && stored <= hi;
    }
}
