package dev.ich.dicom;

import dev.ich.core.error.IchException;
import dev.ich.core.io.StudyReader;
import dev.ich.core.volume.CtVolume;
import dev.ich.dicom.internal.SeriesPlan;
import dev.ich.dicom.internal.SeriesPlanner;
import dev.ich.dicom.internal.SeriesSelector;
import dev.ich.dicom.internal.StudyScan;
import dev.ich.dicom.internal.VolumeAssembler;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads a DICOM CT series (one file, or a folder searched recursively) into a {@link CtVolume} in
 * HU. With several series in the folder it reads the one named with {@link
 * Builder#seriesInstanceUid}, else the axial CT series with the most slices of the one study the
 * folder holds (several studies or patients are an error that lists them; name one with {@link
 * Builder#studyInstanceUid}). Images of other modalities than CT are refused unless {@link
 * Builder#allowNonCt} is set. A slice of the series that cannot be used is an error, never a
 * shorter volume. Slices are ordered by their position along the slice normal; the geometry keeps
 * oblique and gantry-tilted stacks exact. Anything that would make the volume unsafe to measure is
 * an {@link IchException}; harmless findings are warnings in the volume's provenance.
 *
 * <p>Instances are immutable and thread-safe. Slices are decoded on {@link Builder#decodeThreads}
 * threads; the result does not depend on their number.
 */
public final class DicomStudyReader implements StudyReader {

    private final SeriesSelector.Request request;
    private final boolean resampleIrregular;
    private final boolean defaultGeometry;
    private final int threads;

    private DicomStudyReader(Builder b) {
        this.request = new SeriesSelector.Request(b.studyUid, b.seriesUid, b.allowNonCt);
        this.resampleIrregular = b.resampleIrregular;
        this.defaultGeometry = b.defaultGeometry;
        this.threads = b.threads;
    }

    /** A reader with the defaults: pick the series automatically, refuse uneven slice spacing. */
    public static DicomStudyReader create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CtVolume read(Path study) throws IchException {
        Objects.requireNonNull(study, "study");
        StudyScan scan = StudyScan.of(study);
        String uid = SeriesSelector.choose(scan, request);
        scan.requireAllUsable(uid);
        SeriesPlan plan =
                SeriesPlanner.plan(uid, scan.series().get(uid), study.toString(), defaultGeometry);
        return VolumeAssembler.read(plan, resampleIrregular, threads, study.toString());
    }

    /** Options of a {@link DicomStudyReader}. */
    public static final class Builder {
        private String studyUid;
        private String seriesUid;
        private boolean resampleIrregular;
        private boolean allowNonCt;
        private boolean defaultGeometry;
        private int threads = Math.min(4, Runtime.getRuntime().availableProcessors());

        private Builder() {}

        /**
         * Threads that decode slices in parallel during one read (default: the processors, at most
         * 4). They live only for the duration of {@link #read}.
         */
        public Builder decodeThreads(int count) {
            this.threads = count;
            return this;
        }

        /** Reads this series instead of choosing one (null: choose automatically). */
        public Builder seriesInstanceUid(String uid) {
            this.seriesUid = uid;
            return this;
        }

        /**
         * Chooses the series among those of this study (null: the input must hold one study of one
         * patient, else the read fails and lists the studies).
         */
        public Builder studyInstanceUid(String uid) {
            this.studyUid = uid;
            return this;
        }

        /**
         * Reads images of a modality other than CT (MR, PET, ...) too. Off by default: only CT
         * stores Hounsfield units, so such a volume holds the stored values after rescale and must
         * not be measured; its provenance carries a warning that says so.
         */
        public Builder allowNonCt(boolean allow) {
            this.allowNonCt = allow;
            return this;
        }

        /**
         * Places images without ImagePositionPatient or ImageOrientationPatient (one image, or a
         * series of which none has a position) as dcm2niix does (axial unless oriented, slices in
         * InstanceNumber order, centred on the origin), with a warning, instead of failing. Off by
         * default: such images cannot be located in the patient, which is fine for a conversion but
         * not for a measurement.
         */
        public Builder defaultGeometryWhenMissing(boolean place) {
            this.defaultGeometry = place;
            return this;
        }

        /**
         * When the slices are unevenly spaced (for example a missing slice): interpolate linearly
         * onto an even grid and record a warning, instead of failing. Off by default, because an
         * interpolated slice is not measured data.
         */
        public Builder resampleIrregularSpacing(boolean resample) {
            this.resampleIrregular = resample;
            return this;
        }

        public DicomStudyReader build() {
            if (threads < 1 || threads > 256) {
                throw new IllegalArgumentException(
                        "decodeThreads must be between 1 and 256, got " + threads);
            }
            checkUid("seriesInstanceUid", seriesUid);
            checkUid("studyInstanceUid", studyUid);
            return new DicomStudyReader(this);
        }

        private static void checkUid(String what, String uid) {
            if (uid != null && (uid.isBlank() || uid.length() > 64 || !uid.matches("[0-9.]+"))) {
                throw new IllegalArgumentException(
                        what
                                + " must be a DICOM UID (digits and dots, at most "
                                + "64 characters), got '"
                                + uid
                                + "'");
            }
        }
    }
}
