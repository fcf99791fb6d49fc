package dev.ich.dicom.result;

import dev.ich.core.analysis.AnalysisProvenance;
import dev.ich.core.analysis.AnalysisResult;
import dev.ich.core.analysis.LibraryVersion;
import dev.ich.core.analysis.Prediction;
import dev.ich.core.error.IchException;
import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.BinaryMask;
import dev.ich.core.volume.CtVolume;
import dev.ich.core.volume.HuWindow;
import dev.ich.core.volume.Provenance;
import dev.ich.dicom.DicomStudyReader;
import dev.ich.dicom.write.DicomSeriesWriter;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small phantom CT series whose identity attributes hold markers, and the result objects written
 * for it: the input of the reference test and tools/reference/check_dicom_results.py.
 */
final class ResultFixture {

    static final String NAME = "ZZRESULT^MARKER";
    static final String ID = "ZZRES-ID-0815";
    static final LocalDate BIRTH_DATE = LocalDate.of(1902, 3, 4);
    static final String SEED = "result-fixture";
    static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");

    /** The network's outputs in this fixture (inputs of the writer; no model runs in ich-dicom). */
    static final double NETWORK_VOLUME_ML = 21.5;

    static final double PROBABILITY_OF_DEATH = 0.125;
    static final double ABC2_ML = 23.25;
    static final String MODEL_SHA256 =
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    final BinaryMask bleed;
    final CtVolume ct;
    final SourceStudy source;
    final AnalysisResult result;

    private ResultFixture(
            BinaryMask bleed, CtVolume ct, SourceStudy source, AnalysisResult result) {
        this.bleed = bleed;
        this.ct = ct;
        this.source = source;
        this.result = result;
    }

    /** Writes the source series into {@code folder} and reads it back. */
    static ResultFixture create(Path folder) throws IchException {
        Head head = Head.make();
        DicomSeriesWriter.builder()
                .patientName(NAME)
                .patientId(ID)
                .patientBirthDate(BIRTH_DATE)
                .uidSeed(SEED + "/source")
                .build()
                .write(head.ct, folder);
        CtVolume ct = DicomStudyReader.create().read(folder);
        SourceStudy source = SourceStudy.read(folder, ct.provenance().seriesInstanceUid());
        Map<String, Double> estimates = new LinkedHashMap<>();
        estimates.put("abc2", ABC2_ML);
        estimates.put("planimetry", head.bleed.count() * ct.geometry().voxelVolumeMm3() / 1000);
        AnalysisResult result =
                new AnalysisResult(
                        Prediction.of(Math.cbrt(NETWORK_VOLUME_ML), PROBABILITY_OF_DEATH, 0.5),
                        estimates,
                        Map.of(),
                        ct.geometry(),
                        List.of(),
                        Map.of(),
                        new AnalysisProvenance(
                                ct.provenance().seriesInstanceUid(),
                                ct.geometry().nz(),
                                ct.provenance().transferSyntaxUid(),
                                MODEL_SHA256,
                                "fixture",
                                LibraryVersion.get()));
        return new ResultFixture(head.bleed, ct, source, result);
    }

    /** A small axial head: air, a skull ring, brain, and an ellipsoidal bleed of 70 HU. */
    private record Head(CtVolume ct, BinaryMask bleed) {
        static Head make() {
            VolumeGeometry g =
                    new VolumeGeometry(
                            36,
                            30,
                            5,
                            new Vec3(6.0, 6.5, 8.0),
                            new Vec3(-105, -95.5, 20),
                            new Vec3(1, 0, 0),
                            new Vec3(0, 1, 0),
                            new Vec3(0, 0, 1));
            float[] hu = new float[g.voxelCount()];
            float[] bleed = new float[g.voxelCount()];
            for (int k = 0; k < g.nz(); k++) {
                for (int j = 0; j < g.ny(); j++) {
                    for (int i = 0; i < g.nx(); i++) {
                        double x = (i - 17.5) / 16;
                        double y = (j - 14.5) / 13.5;
                        double r = Math.hypot(x, y);
                        double b =
                                Math.pow((i - 22) / 4.0, 2)
                                        + Math.pow((j - 12) / 3.0, 2)
                                        + Math.pow((k - 2) / 1.2, 2);
                        int n = g.index(i, j, k);
                        hu[n] = r > 1 ? -1000 : r > 0.85 ? 1200 : b <= 1 ? 70 : 35;
                        bleed[n] = b <= 1 && r <= 0.85 ? 1 : 0;
                    }
                }
            }
            return new Head(
                    new CtVolume(g, hu, Provenance.synthetic("result fixture", g.nz())),
                    BinaryMask.fromValues(g, bleed));
        }
    }

    ResultInput input() {
        return new ResultInput(source, ct, result, bleed, this::overlay);
    }

    static DicomResultWriter writer() {
        return DicomResultWriter.builder()
                .uidSeed(SEED)
                .clock(Clock.fixed(CREATED, ZoneOffset.UTC))
                .build();
    }

    /** The CT in the brain window, the haematoma in red: deterministic, without fonts. */
    BufferedImage overlay(int k) {
        var g = ct.geometry();
        HuWindow window = HuWindow.brain();
        BufferedImage image = new BufferedImage(g.nx(), g.ny(), BufferedImage.TYPE_INT_RGB);
        for (int j = 0; j < g.ny(); j++) {
            for (int i = 0; i < g.nx(); i++) {
                int grey = Math.round(255 * window.apply(ct.huAt(i, j, k)));
                int rgb =
                        bleed.contains(i, j, k)
                                ? 0xFF0000 | (grey / 2 << 8) | grey / 2
                                : grey << 16 | grey << 8 | grey;
                image.setRGB(i, j, rgb);
            }
        }
        return image;
    }
}
