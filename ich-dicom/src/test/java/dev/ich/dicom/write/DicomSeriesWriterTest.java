package dev.ich.dicom.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.CtVolume;
import dev.ich.core.volume.Provenance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DicomSeriesWriter's rules: files, UIDs, quantisation, refusals and builder checks. */
class DicomSeriesWriterTest {

    @TempDir Path dir;

    private static CtVolume small() {
        return ReferenceSeries.wholeHu(ReferenceSeries.oblique());
    }

    @Test
    void writesOnePart10FilePerSliceWithFreshUids() throws Exception {
        WrittenSeries a = DicomSeriesWriter.builder().build().write(small(), dir.resolve("a"));
        WrittenSeries b = DicomSeriesWriter.builder().build().write(small(), dir.resolve("b"));
        assertThat(a.files()).hasSize(3);
        assertThat(a.files().get(0).getFileName()).hasToString("IM00001.dcm");
        byte[] first = Files.readAllBytes(a.files().get(0));
        assertThat(new String(first, 128, 4, StandardCharsets.US_ASCII)).isEqualTo("DICM");
        assertThat(a.seriesInstanceUid())
                .isNotEqualTo(b.seriesInstanceUid())
                .startsWith(DicomUids.ROOT);
        assertThat(DicomUids.isValid(a.studyInstanceUid())).isTrue();
        assertThat(a.maxQuantisationErrorHu()).isZero();
        assertThat(a.transferSyntax()).isEqualTo(DicomTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    @Test
    void identityIsEmptyUnlessSet() throws Exception {
        WrittenSeries plain =
                DicomSeriesWriter.builder().build().write(small(), dir.resolve("plain"));
        String bytes =
                new String(Files.readAllBytes(plain.files().get(0)), StandardCharsets.ISO_8859_1);
        assertThat(bytes).doesNotContain(ReferenceSeries.MARKER_NAME);
        WrittenSeries marked =
                DicomSeriesWriter.builder()
                        .patientName(ReferenceSeries.MARKER_NAME)
                        .patientId(ReferenceSeries.MARKER_ID)
                        .build()
                        .write(small(), dir.resolve("marked"));
        String markedBytes =
                new String(Files.readAllBytes(marked.files().get(2)), StandardCharsets.ISO_8859_1);
        assertThat(markedBytes)
                .contains(ReferenceSeries.MARKER_NAME)
                .contains(ReferenceSeries.MARKER_ID);
    }

    @Test
    void refusesExistingFilesBeforeWritingAnything() throws Exception {
        Path folder = dir.resolve("s");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("IM00002.dcm"), "the user's file");
        assertThatThrownBy(() -> DicomSeriesWriter.builder().build().write(small(), folder))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.OUTPUT_NOT_WRITABLE);
                            assertThat(e.getMessage()).contains("IM00002.dcm");
                        });
        assertThat(folder.resolve("IM00001.dcm")).doesNotExist();
        assertThat(Files.readString(folder.resolve("IM00002.dcm"))).isEqualTo("the user's file");
        DicomSeriesWriter.builder()
                .existingOutput(ExistingOutput.REPLACE)
                .build()
                .write(small(), folder);
        assertThat(Files.size(folder.resolve("IM00002.dcm"))).isGreaterThan(300);
    }

    @Test
    void refusesGridsDicomCannotExpress() {
        VolumeGeometry skewed =
                new VolumeGeometry(
                        4,
                        4,
                        2,
                        new Vec3(1, 1, 1),
                        Vec3.ZERO,
                        new Vec3(1, 0, 0),
                        new Vec3(0.1, 0.995, 0).normalized(),
                        new Vec3(0, 0, 1));
        CtVolume volume = new CtVolume(skewed, new float[32], Provenance.synthetic("t", 2));
        assertThatThrownBy(
                        () -> DicomSeriesWriter.builder().build().write(volume, dir.resolve("x")))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_IMAGE);
                            assertThat(e.getMessage()).contains("not perpendicular");
                        });
    }

    @Test
    void eachSetterRejectsABadValueAtOnceWithoutEchoingIdentity() {
        DicomSeriesWriter.Builder b = DicomSeriesWriter.builder();
        assertThatThrownBy(() -> b.patientName("SECRET\\NAME"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("patientName")
                .hasMessageNotContaining("SECRET");
        assertThatThrownBy(() -> b.patientId("X".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("patientId")
                .hasMessageContaining("65");
        assertThatThrownBy(() -> b.seriesInstanceUid("1.02.3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seriesInstanceUid");
        assertThatThrownBy(() -> b.studyInstanceUid(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("studyInstanceUid");
        assertThatThrownBy(() -> b.seriesNumber(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seriesNumber");
        assertThatThrownBy(() -> b.uidSeed(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uidSeed");
    }

    @Test
    void quantisationIsExactForWholeHuAndWithinHalfAStepOtherwise() {
        float[] whole = {
            -1024, 3071, 0, -5000, 40000
        }; // span 45000 < 65536: exact with an intercept
        HuQuantiser.Scale s = HuQuantiser.choose(whole, 0, whole.length);
        assertThat(s.slope()).isEqualTo(1);
        for (float v : whole) {
            assertThat(s.huOf(s.store(v))).isEqualTo(v);
        }
        Random random = new Random(7);
        float[] fractional = new float[5000];
        for (int n = 0; n < fractional.length; n++) {
            fractional[n] = (float) (random.nextDouble() * 4095.7 - 1024.3);
        }
        HuQuantiser.Scale f = HuQuantiser.choose(fractional, 0, fractional.length);
        assertThat(f.slope()).isCloseTo(4095.7 / 65535, within(1e-3));
        for (float v : fractional) {
            assertThat(f.huOf(f.store(v))).isCloseTo(v, within(f.slope() / 2 + 1e-9));
        }
        float[] constant = {12.5f, 12.5f};
        HuQuantiser.Scale c = HuQuantiser.choose(constant, 0, 2);
        assertThat(c.huOf(c.store(12.5f))).isEqualTo(12.5);
    }

    @Test
    void decimalStringsFitSixteenCharacters() {
        Random random = new Random(11);
        for (int n = 0; n < 500; n++) {
            double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(30) - 15);
            String s = DecimalStrings.format(v);
            assertThat(s.length()).isLessThanOrEqualTo(16);
            assertThat(Double.parseDouble(s)).isCloseTo(v, within(Math.abs(v) * 1e-9));
        }
        assertThat(DecimalStrings.format(75.0)).isEqualTo("75");
        assertThat(DecimalStrings.format(-0.0)).isEqualTo("0");
        assertThat(DecimalStrings.format(0.1)).isEqualTo("0.1");
    }

    @Test
    void uidsFromNamesAreStableAndValid() {
        assertThat(DicomUids.fromName("x"))
                .isEqualTo(DicomUids.fromName("x"))
                .isNotEqualTo(DicomUids.fromName("y"));
        assertThat(DicomUids.isValid(DicomUids.random())).isTrue();
        assertThat(DicomUids.random().length()).isLessThanOrEqualTo(64);
        assertThat(DicomUids.isValid("1.2.840.10008.1.2.1")).isTrue();
        assertThat(DicomUids.isValid("1..2")).isFalse();
        assertThat(DicomUids.isValid("1.02")).isFalse();
    }
}
