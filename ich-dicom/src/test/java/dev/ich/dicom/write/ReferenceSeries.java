package dev.ich.dicom.write;

import dev.ich.core.error.IchException;
import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.CtVolume;
import dev.ich.core.volume.Provenance;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The small series committed under src/test/resources/dev/ich/dicom/write/series/, which
 * tools/reference/check_dicom_writer.py validates with dcmtk and reads with pydicom and dcm2niix.
 */
final class ReferenceSeries {

    static final String MARKER_NAME = "ZZMARKER^NAME";
    static final String MARKER_ID = "ZZMARKER-ID-0042";
    static final LocalDate MARKER_BIRTH_DATE = LocalDate.of(1901, 2, 3);

    private ReferenceSeries() {}

    /** Rotated about two axes: an oblique acquisition with perpendicular in-plane axes. */
    static VolumeGeometry oblique() {
        double a = Math.toRadians(17);
        double b = Math.toRadians(-11);
        Vec3 i = new Vec3(Math.cos(a), Math.sin(a), 0);
        Vec3 j = new Vec3(-Math.sin(a) * Math.cos(b), Math.cos(a) * Math.cos(b), Math.sin(b));
        return new VolumeGeometry(
                6, 5, 3, new Vec3(0.7, 0.9, 3.0), new Vec3(-40.5, 30.25, 12.0), i, j, i.cross(j));
    }

    /** A 20° gantry tilt: slices step along an axis that is not the image normal. */
    static VolumeGeometry tilted() {
        double t = Math.toRadians(20);
        return new VolumeGeometry(
                5,
                4,
                3,
                new Vec3(0.45, 0.5, 5.0),
                new Vec3(-100, -120, 33),
                new Vec3(1, 0, 0),
                new Vec3(0, 1, 0),
                new Vec3(0, -Math.sin(t), Math.cos(t)));
    }

    /** Axis-aligned, slices from head to feet (the slice axis opposes the image normal). */
    static VolumeGeometry feetFirst() {
        return new VolumeGeometry(
                4,
                6,
                3,
                new Vec3(0.43, 0.61, 5.0),
                new Vec3(110.2, 98.7, -35.0),
                new Vec3(1, 0, 0),
                new Vec3(0, 1, 0),
                new Vec3(0, 0, -1));
    }

    static CtVolume wholeHu(VolumeGeometry g) {
        float[] hu = new float[g.voxelCount()];
        for (int n = 0; n < hu.length; n++) {
            hu[n] = (n * 7919) % 4096 - 1024;
        }
        hu[1] = -32768; // the full int16 range, still exact with slope 1
        hu[2] = 32767;
        return new CtVolume(g, hu, Provenance.synthetic("reference", g.nz()));
    }

    static CtVolume fractionalHu(VolumeGeometry g) {
        float[] hu = new float[g.voxelCount()];
        for (int n = 0; n < hu.length; n++) {
            int k = n / (g.nx() * g.ny());
            hu[n] = (float) ((n * 7919) % 2000 - 1000 + 0.37 * (n % 5) + 400 * k);
        }
        return new CtVolume(g, hu, Provenance.synthetic("reference", g.nz()));
    }

    /** Name → (writer, volume) of every committed reference series. */
    static Map<String, Map.Entry<DicomSeriesWriter, CtVolume>> all() {
        Map<String, Map.Entry<DicomSeriesWriter, CtVolume>> m = new LinkedHashMap<>();
        CtVolume whole = wholeHu(oblique());
        for (DicomTransferSyntax ts : DicomTransferSyntax.values()) {
            m.put(
                    ts.name().toLowerCase(java.util.Locale.ROOT),
                    Map.entry(base("whole").transferSyntax(ts).build(), whole));
        }
        m.put("explicit_head_to_feet", Map.entry(base("feet").build(), wholeHu(feetFirst())));
        m.put(
                "explicit_per_slice_intercepts",
                Map.entry(
                        base("intercepts").rescaleMode(RescaleMode.PER_SLICE).build(),
                        wholeHu(oblique())));
        m.put(
                "per_slice_fractional_tilted",
                Map.entry(
                        base("fractional").rescaleMode(RescaleMode.PER_SLICE).build(),
                        fractionalHu(tilted())));
        m.put(
                "global_fractional_identity",
                Map.entry(
                        base("identity")
                                .patientName(MARKER_NAME)
                                .patientId(MARKER_ID)
                                .patientBirthDate(MARKER_BIRTH_DATE)
                                .seriesDescription("reference")
                                .transferSyntax(DicomTransferSyntax.EXPLICIT_VR_BIG_ENDIAN)
                                .build(),
                        fractionalHu(oblique())));
        return m;
    }

    private static DicomSeriesWriter.Builder base(String seed) {
        return DicomSeriesWriter.builder()
                .uidSeed("ich-reference-" + seed)
                .existingOutput(ExistingOutput.REPLACE);
    }

    static void writeAll(Path root) throws IchException {
        for (var e : all().entrySet()) {
            e.getValue().getKey().write(e.getValue().getValue(), root.resolve(e.getKey()));
        }
    }
}
