package dev.ich.dicom.write;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.CtVolume;
import dev.ich.core.volume.HuWindow;
import dev.ich.dicom.write.DataSetEncoder.Vr;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link CtVolume} as a DICOM series: one single-frame CT Image Storage file (PS3.10, with
 * preamble, {@code DICM} and file meta group) per slice, named {@code IM00001.dcm} … in slice
 * order, signed 16-bit pixels with Rescale Slope/Intercept (see {@link RescaleMode}), geometry from
 * the volume's grid: Image Orientation (Patient) from the i and j axes, Image Position (Patient)
 * {@code origin + k·sz·axisK} per slice, Pixel Spacing {@code sy\sx}, Slice Thickness and Spacing
 * Between Slices the distance between slice planes. A gantry-tilted (sheared) grid is kept exactly
 * through the positions.
 *
 * <p>Identity: Patient Name, Patient ID and Patient Birth Date are written empty (they are type 2,
 * so present) unless the builder sets them; nothing else identifies a patient. Dates and times are
 * left empty too, so the same input and UID seed give byte-identical files.
 */
public final class DicomSeriesWriter {

    private static final Logger LOG = LoggerFactory.getLogger(DicomSeriesWriter.class);

    private static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    private static final double ORTHOGONALITY_TOLERANCE = 1e-4;
    private static final int MAX_SLICES = 99_999;

    private final DicomTransferSyntax syntax;
    private final RescaleMode rescaleMode;
    private final HuWindow window;
    private final String patientName;
    private final String patientId;
    private final LocalDate patientBirthDate;
    private final String seriesDescription;
    private final int seriesNumber;
    private final String uidSeed;
    private final String studyUid;
    private final String seriesUid;
    private final ExistingOutput existingOutput;

    private DicomSeriesWriter(Builder b) {
        this.syntax = b.syntax;
        this.rescaleMode = b.rescaleMode;
        this.window = b.window;
        this.patientName = b.patientName;
        this.patientId = b.patientId;
        this.patientBirthDate = b.patientBirthDate;
        this.seriesDescription = b.seriesDescription;
        this.seriesNumber = b.seriesNumber;
        this.uidSeed = b.uidSeed;
        this.studyUid = b.studyUid;
        this.seriesUid = b.seriesUid;
        this.existingOutput = b.existingOutput;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes the series into {@code folder} (created if missing).
     *
     * @throws IchException {@code OUTPUT_NOT_WRITABLE} when a slice file exists and the builder did
     *     not allow replacing it (nothing is written then), or a file cannot be written; {@code
     *     UNSUPPORTED_IMAGE} when the grid cannot be expressed in DICOM (image axes not
     *     perpendicular, more than 65535 rows or columns)
     */
    public WrittenSeries write(CtVolume volume, Path folder) throws IchException {
        VolumeGeometry g = volume.geometry();
        checkGrid(g, folder.toString());
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < g.nz(); k++) {
            files.add(folder.resolve(String.format(Locale.ROOT, "IM%05d.dcm", k + 1)));
        }
        if (existingOutput == ExistingOutput.REFUSE) {
            for (Path f : files) {
                if (Files.exists(f)) {
                    throw new IchException(
                            ErrorCode.OUTPUT_NOT_WRITABLE,
                            f.toString(),
                            "the file already exists",
                            "Write the series into an empty folder, or allow replacing files explicitly");
                }
            }
        }
        String study = studyUid != null ? studyUid : uid("study");
        String series = seriesUid != null ? seriesUid : uid("series");
        String frame = uid("frame-of-reference");
        FloatBuffer hu = volume.huBuffer(); // a view: no copy of the volume
        int perSlice = g.nx() * g.ny();
        HuQuantiser.Scale global =
                rescaleMode == RescaleMode.GLOBAL
                        ? HuQuantiser.choose(hu, 0, g.voxelCount(), true)
                        : null;
        double maxError = 0;
        Vec3 normal = g.axisI().cross(g.axisJ()).normalized();
        double planeSpacing = Math.abs(g.axisK().dot(normal)) * g.spacing().z();
        for (int k = 0; k < g.nz(); k++) {
            int from = k * perSlice;
            HuQuantiser.Scale scale =
                    global != null ? global : HuQuantiser.choose(hu, from, from + perSlice, false);
            short[] stored = new short[perSlice];
            for (int n = 0; n < perSlice; n++) {
                float v = hu.get(from + n);
                stored[n] = scale.store(v);
                maxError = Math.max(maxError, Math.abs((float) scale.huOf(stored[n]) - v));
            }
            Vec3 position = g.origin().plus(g.axisK().times(k * g.spacing().z()));
            String sop = uid("instance/" + (k + 1));
            byte[] dataSet =
                    dataSet(
                            g,
                            k,
                            sop,
                            study,
                            series,
                            frame,
                            position,
                            position.dot(normal),
                            planeSpacing,
                            scale,
                            stored);
            byte[] file = Part10.file(CT_IMAGE_STORAGE, sop, syntax, dataSet);
            AtomicFileWriter.write(files.get(k), existingOutput, out -> out.write(file));
        }
        LOG.debug(
                "wrote {} CT slices of {}×{} in {}, rescale {}, largest quantisation error {} HU",
                g.nz(),
                g.nx(),
                g.ny(),
                syntax,
                rescaleMode,
                maxError);
        return new WrittenSeries(study, series, frame, syntax, files, maxError);
    }

    private String uid(String role) {
        return uidSeed == null ? DicomUids.random() : DicomUids.fromName(uidSeed + "/" + role);
    }

    private static void checkGrid(VolumeGeometry g, String source) throws IchException {
        double cos = g.axisI().dot(g.axisJ());
        if (Math.abs(cos) > ORTHOGONALITY_TOLERANCE) {
            throw new IchException(
                    ErrorCode.UNSUPPORTED_IMAGE,
                    source,
                    "the volume's row and column axes are not perpendicular (cosine "
                            + cos
                            + "), which DICOM's Image Orientation (Patient) cannot express",
                    "Resample the volume onto a grid with perpendicular in-plane axes");
        }
        if (g.nx() > 0xFFFF || g.ny() > 0xFFFF || g.nz() > MAX_SLICES) {
            throw new IchException(
                    ErrorCode.UNSUPPORTED_IMAGE,
                    source,
                    "the volume of "
                            + g.nx()
                            + " × "
                            + g.ny()
                            + " × "
                            + g.nz()
                            + " voxels exceeds 65535 rows or columns or "
                            + MAX_SLICES
                            + " slices",
                    "Crop or resample the volume");
        }
    }

    private byte[] dataSet(
            VolumeGeometry g,
            int k,
            String sop,
            String study,
            String series,
            String frame,
            Vec3 position,
            double sliceLocation,
            double planeSpacing,
            HuQuantiser.Scale scale,
            short[] stored) {
        DataSetEncoder e = new DataSetEncoder(syntax.explicitVr(), syntax.byteOrder());
        String name = patientName == null ? "" : patientName;
        String id = patientId == null ? "" : patientId;
        String description = seriesDescription == null ? "" : seriesDescription;
        boolean unicode = !isAscii(name) || !isAscii(id) || !isAscii(description);
        if (unicode) {
            e.text(0x00080005, Vr.CS, "ISO_IR 192");
        }
        e.text(0x00080008, Vr.CS, "DERIVED\\SECONDARY\\AXIAL");
        e.text(0x00080016, Vr.UI, CT_IMAGE_STORAGE);
        e.text(0x00080018, Vr.UI, sop);
        e.text(0x00080020, Vr.DA, "");
        e.text(0x00080030, Vr.TM, "");
        e.text(0x00080050, Vr.SH, "");
        e.text(0x00080060, Vr.CS, "CT");
        e.text(0x00080070, Vr.LO, "");
        e.text(0x00080090, Vr.PN, "");
        if (seriesDescription != null) {
            e.text(0x0008103E, Vr.LO, description);
        }
        e.text(0x00100010, Vr.PN, name);
        e.text(0x00100020, Vr.LO, id);
        e.text(
                0x00100030,
                Vr.DA,
                patientBirthDate == null
                        ? ""
                        : patientBirthDate.format(DateTimeFormatter.BASIC_ISO_DATE));
        e.text(0x00100040, Vr.CS, "");
        e.text(0x00180050, Vr.DS, DecimalStrings.format(planeSpacing));
        e.text(0x00180060, Vr.DS, "");
        e.text(0x00180088, Vr.DS, DecimalStrings.format(planeSpacing));
        e.text(0x0020000D, Vr.UI, study);
        e.text(0x0020000E, Vr.UI, series);
        e.text(0x00200010, Vr.SH, "");
        e.text(0x00200011, Vr.IS, Integer.toString(seriesNumber));
        e.text(0x00200012, Vr.IS, "1");
        e.text(0x00200013, Vr.IS, Integer.toString(k + 1));
        e.text(0x00200032, Vr.DS, ds(position.x(), position.y(), position.z()));
        Vec3 i = g.axisI();
        Vec3 j = g.axisJ();
        e.text(0x00200037, Vr.DS, ds(i.x(), i.y(), i.z(), j.x(), j.y(), j.z()));
        e.text(0x00200052, Vr.UI, frame);
        e.text(0x00201040, Vr.LO, "");
        e.text(0x00201041, Vr.DS, DecimalStrings.format(sliceLocation));
        e.us(0x00280002, 1);
        e.text(0x00280004, Vr.CS, "MONOCHROME2");
        e.us(0x00280010, g.ny());
        e.us(0x00280011, g.nx());
        e.text(0x00280030, Vr.DS, ds(g.spacing().y(), g.spacing().x()));
        e.us(0x00280100, 16);
        e.us(0x00280101, 16);
        e.us(0x00280102, 15);
        e.us(0x00280103, 1);
        e.text(0x00281050, Vr.DS, DecimalStrings.format(window.center()));
        e.text(0x00281051, Vr.DS, DecimalStrings.format(window.width()));
        e.text(0x00281052, Vr.DS, scale.interceptText());
        e.text(0x00281053, Vr.DS, scale.slopeText());
        e.text(0x00281054, Vr.LO, "HU");
        e.ow(0x7FE00010, stored);
        return e.toByteArray();
    }

    private static String ds(double... values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : "\\").append(DecimalStrings.format(v));
        }
        return sb.toString();
    }

    private static boolean isAscii(String s) {
        return StandardCharsets.US_ASCII.newEncoder().canEncode(s);
    }

    /**
     * Options of a {@link DicomSeriesWriter}. Each setter checks its value at once ({@link
     * NullPointerException} for {@code null}, {@link IllegalArgumentException} naming the option
     * for a value DICOM cannot hold); messages never repeat identifying values.
     */
    public static final class Builder {
        private static final int MAX_LO = 64;
        private static final int MAX_SERIES_NUMBER = 99_999_999;

        private DicomTransferSyntax syntax = DicomTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
        private RescaleMode rescaleMode = RescaleMode.GLOBAL;
        private HuWindow window = HuWindow.brain();
        private String patientName;
        private String patientId;
        private LocalDate patientBirthDate;
        private String seriesDescription;
        private int seriesNumber = 1;
        private String uidSeed;
        private String studyUid;
        private String seriesUid;
        private ExistingOutput existingOutput = ExistingOutput.REFUSE;

        private Builder() {}

        /** The transfer syntax of every file; explicit VR little endian by default. */
        public Builder transferSyntax(DicomTransferSyntax value) {
            this.syntax = Objects.requireNonNull(value, "transferSyntax");
            return this;
        }

        /** How HU become stored values; {@link RescaleMode#GLOBAL} by default. */
        public Builder rescaleMode(RescaleMode value) {
            this.rescaleMode = Objects.requireNonNull(value, "rescaleMode");
            return this;
        }

        /**
         * Window Center/Width written into every file; the paper's brain window [40, 110] HU by
         * default.
         */
        public Builder window(HuWindow value) {
            this.window = Objects.requireNonNull(value, "window");
            return this;
        }

        /**
         * Patient Name (PN, at most 64 characters, no backslash or control character); empty when
         * not set.
         */
        public Builder patientName(String value) {
            this.patientName = requireText("patientName", value);
            return this;
        }

        /**
         * Patient ID (LO, at most 64 characters, no backslash or control character); empty when not
         * set.
         */
        public Builder patientId(String value) {
            this.patientId = requireText("patientId", value);
            return this;
        }

        /** Patient Birth Date; empty when not set. */
        public Builder patientBirthDate(LocalDate value) {
            this.patientBirthDate = Objects.requireNonNull(value, "patientBirthDate");
            return this;
        }

        /** Series Description (LO, at most 64 characters); absent when not set. */
        public Builder seriesDescription(String value) {
            this.seriesDescription = requireText("seriesDescription", value);
            return this;
        }

        /** Series Number, 0 to 99999999; 1 by default. */
        public Builder seriesNumber(int value) {
            if (value < 0 || value > MAX_SERIES_NUMBER) {
                throw new IllegalArgumentException(
                        "seriesNumber must be 0 to " + MAX_SERIES_NUMBER + ", got " + value);
            }
            this.seriesNumber = value;
            return this;
        }

        /**
         * Derives every UID from this seed (not empty) instead of random UUIDs, so the same input
         * gives the same files (test data, phantoms). The seed becomes part of public UIDs: never
         * use identity.
         */
        public Builder uidSeed(String value) {
            Objects.requireNonNull(value, "uidSeed");
            if (value.isEmpty()) {
                throw new IllegalArgumentException("uidSeed must not be empty");
            }
            this.uidSeed = value;
            return this;
        }

        /**
         * Puts the series into an existing study (a valid DICOM UID); a new study UID is made when
         * not set.
         */
        public Builder studyInstanceUid(String value) {
            this.studyUid = requireUid("studyInstanceUid", value);
            return this;
        }

        /**
         * The Series Instance UID (a valid DICOM UID); made from the seed or at random when not
         * set.
         */
        public Builder seriesInstanceUid(String value) {
            this.seriesUid = requireUid("seriesInstanceUid", value);
            return this;
        }

        /** What to do when a slice file exists; {@link ExistingOutput#REFUSE} by default. */
        public Builder existingOutput(ExistingOutput value) {
            this.existingOutput = Objects.requireNonNull(value, "existingOutput");
            return this;
        }

        /** A writer with these options. */
        public DicomSeriesWriter build() {
            return new DicomSeriesWriter(this);
        }

        // Values are not echoed in these messages: they may be patient identity.
        private static String requireText(String field, String value) {
            Objects.requireNonNull(value, field);
            if (value.length() > MAX_LO) {
                throw new IllegalArgumentException(
                        field
                                + " must be at most "
                                + MAX_LO
                                + " characters, got "
                                + value.length());
            }
            for (int n = 0; n < value.length(); n++) {
                char c = value.charAt(n);
                if (c == '\\' || Character.isISOControl(c)) {
                    throw new IllegalArgumentException(
                            field
                                    + " must not contain a backslash or control character"
                                    + " (found one at position "
                                    + n
                                    + ")");
                }
            }
            return value;
        }

        private static String requireUid(String field, String uid) {
            Objects.requireNonNull(uid, field);
            if (!DicomUids.isValid(uid)) {
                throw new IllegalArgumentException(
                        field + " is not a valid DICOM UID: '" + uid + "'");
            }
            return uid;
        }
    }
}
