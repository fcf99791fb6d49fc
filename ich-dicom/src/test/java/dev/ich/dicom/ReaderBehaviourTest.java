package dev.ich.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.volume.CtVolume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Series choice, the error-versus-warning policy and the messages, on corpus cases. */
class ReaderBehaviourTest {

    private static Path corpus(String name) {
        return Reference.CORPUS.resolve(name);
    }

    @Test
    void readsANamedSeriesInsteadOfTheLargestAxialOne() throws Exception {
        String other = Reference.expectation("multi_series").get("otherSeriesUid").getAsString();
        CtVolume v =
                DicomStudyReader.builder()
                        .seriesInstanceUid(other)
                        .build()
                        .read(corpus("multi_series"));
        assertThat(v.provenance().seriesInstanceUid()).isEqualTo(other);
        CorpusTest.compare(v, Reference.load("multi_series_b", "pydicom"), 0);
    }

    @Test
    void theVolumeDoesNotDependOnTheNumberOfDecodeThreads() throws Exception {
        for (String name :
                new String[] {"shuffled", "jpeg_lossless_sv1", "duplicate_slice", "enhanced_ct"}) {
            CtVolume one = DicomStudyReader.builder().decodeThreads(1).build().read(corpus(name));
            CtVolume three = DicomStudyReader.builder().decodeThreads(3).build().read(corpus(name));
            assertThat(three.sameVoxels(one)).as(name).isTrue();
            assertThat(three.provenance()).isEqualTo(one.provenance());
        }
        assertThatThrownBy(() -> DicomStudyReader.builder().decodeThreads(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("decodeThreads")
                .hasMessageContaining("0");
    }

    @Test
    void anUnknownSeriesUidIsSeriesNotFound() {
        assertThatThrownBy(
                        () ->
                                DicomStudyReader.builder()
                                        .seriesInstanceUid("1.2.3.4")
                                        .build()
                                        .read(corpus("multi_series")))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SERIES_NOT_FOUND));
    }

    @Test
    void aBadSeriesUidIsProgrammerMisuse() {
        assertThatThrownBy(() -> DicomStudyReader.builder().seriesInstanceUid("abc").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seriesInstanceUid")
                .hasMessageContaining("abc");
    }

    @Test
    void aMissingSliceFailsUnlessResamplingIsAllowed() throws Exception {
        assertThatThrownBy(() -> DicomStudyReader.create().read(corpus("missing_slice")))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.INCONSISTENT_SERIES);
                            assertThat(e.problem()).contains("not evenly spaced").contains("5 mm");
                        });
        CtVolume v =
                DicomStudyReader.builder()
                        .resampleIrregularSpacing(true)
                        .build()
                        .read(corpus("missing_slice"));
        // Positions 0, 2.5, 5, (7.5 missing), 10, 12.5 → six slices 2.5 mm apart.
        assertThat(v.geometry().nz()).isEqualTo(6);
        assertThat(v.geometry().spacing().z())
                .isEqualTo(2.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(v.provenance().warnings()).anySatisfy(w -> assertThat(w).contains("resampled"));
    }

    @Test
    void aDuplicateWithIdenticalPixelsIsDroppedWithAWarning() throws Exception {
        CtVolume v = DicomStudyReader.create().read(corpus("duplicate_slice"));
        assertThat(v.geometry().nz()).isEqualTo(5);
        assertThat(v.provenance().fileCount()).isEqualTo(6);
        assertThat(v.provenance().warnings()).singleElement().asString().contains("duplicate");
    }

    @Test
    void aDuplicatePositionWithOtherPixelsIsAnError(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("series");
        Files.createDirectories(dir);
        for (Path p : list(corpus("explicit_le_unsigned"))) {
            Files.copy(p, dir.resolve(p.getFileName()));
        }
        // Same header (same position), different pixels: flip the last pixel byte.
        byte[] b = Files.readAllBytes(dir.resolve("slice002.dcm"));
        b[b.length - 1] ^= 0x01;
        Files.write(dir.resolve("slice002_other.dcm"), b);
        assertThatThrownBy(() -> DicomStudyReader.create().read(dir))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.INCONSISTENT_SERIES);
                            assertThat(e.problem())
                                    .contains("two different images at the same position");
                        });
    }

    @Test
    void anEmptyDcmFileInAFolderStopsTheReadButAStrayTextFileDoesNot(@TempDir Path tmp)
            throws Exception {
        Path dir = tmp.resolve("series");
        Files.createDirectories(dir);
        for (Path p : list(corpus("explicit_le_unsigned"))) {
            Files.copy(p, dir.resolve(p.getFileName()));
        }
        Files.writeString(dir.resolve("README.txt"), "exported by a PACS");
        assertThat(DicomStudyReader.create().read(dir).geometry().nz()).isEqualTo(5);
        Files.write(dir.resolve("slice005.dcm"), new byte[0]);
        assertThatThrownBy(() -> DicomStudyReader.create().read(dir))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.NOT_DICOM);
                            assertThat(e.getMessage()).contains("slice005.dcm");
                        });
    }

    @Test
    void mixedSizesOrOrientationsInOneSeriesAreErrors(@TempDir Path tmp) throws Exception {
        String uid = "1.2.826.0.1.3680043.10.1084.77";
        CtVolume a = RoundTripTest.volume(false, false);
        dev.ich.core.geometry.VolumeGeometry g = a.geometry();
        // Same series UID, other size (placed further along z so positions do not collide).
        CtVolume bigger =
                CtVolume.wrap(
                        new dev.ich.core.geometry.VolumeGeometry(
                                g.nx() + 2,
                                g.ny(),
                                2,
                                g.spacing(),
                                g.origin().plus(new dev.ich.core.geometry.Vec3(0, 0, 100)),
                                g.axisI(),
                                g.axisJ(),
                                g.axisK()),
                        new float[(g.nx() + 2) * g.ny() * 2],
                        dev.ich.core.volume.Provenance.synthetic("x", 2));
        // Same series UID, rotated in-plane axes.
        CtVolume rotated =
                CtVolume.wrap(
                        new dev.ich.core.geometry.VolumeGeometry(
                                g.nx(),
                                g.ny(),
                                2,
                                g.spacing(),
                                g.origin().plus(new dev.ich.core.geometry.Vec3(0, 0, 200)),
                                g.axisJ(),
                                g.axisI().times(-1),
                                g.axisK()),
                        new float[g.nx() * g.ny() * 2],
                        dev.ich.core.volume.Provenance.synthetic("y", 2));
        for (CtVolume other : new CtVolume[] {bigger, rotated}) {
            Path dir = tmp.resolve("s" + other.geometry().nx() + other.geometry().axisI().y());
            dev.ich.dicom.write.DicomSeriesWriter.builder()
                    .seriesInstanceUid(uid)
                    .uidSeed("a")
                    .build()
                    .write(a, dir.resolve("a"));
            dev.ich.dicom.write.DicomSeriesWriter.builder()
                    .seriesInstanceUid(uid)
                    .uidSeed("b")
                    .build()
                    .write(other, dir.resolve("b"));
            assertThatThrownBy(() -> DicomStudyReader.create().read(dir))
                    .isInstanceOfSatisfying(
                            IchException.class,
                            e -> {
                                assertThat(e.code()).isEqualTo(ErrorCode.INCONSISTENT_SERIES);
                                assertThat(e.problem())
                                        .containsAnyOf("different sizes", "different orientations");
                            });
        }
    }

    @Test
    void singleFilesFailCleanlyNamingTheFile() {
        expect(corpus("truncated").resolve("slice000.dcm"), ErrorCode.TRUNCATED_FILE);
        expect(corpus("sr").resolve("report.dcm"), ErrorCode.NOT_AN_IMAGE);
        expect(corpus("colour").resolve("colour.dcm"), ErrorCode.UNSUPPORTED_IMAGE);
        expect(corpus("jpeg_ls").resolve("slice000.dcm"), ErrorCode.UNSUPPORTED_ENCODING);
    }

    @Test
    void jpegLsSaysHowToTranscode() {
        assertThatThrownBy(() -> DicomStudyReader.create().read(corpus("jpeg_ls")))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> {
                            assertThat(e.problem())
                                    .contains("JPEG-LS")
                                    .contains("1.2.840.10008.1.2.4.80");
                            assertThat(e.remedy()).contains("dcmdjpls in.dcm out.dcm");
                        });
    }

    @Test
    void aTextFileIsNotDicomAndAFolderWithoutImagesSaysSo(@TempDir Path tmp) throws Exception {
        Path txt = tmp.resolve("notes.txt");
        Files.writeString(txt, "this is not a DICOM file, just some notes about the study");
        expect(txt, ErrorCode.NOT_DICOM);
        expect(tmp, ErrorCode.NO_SERIES);
        expect(tmp.resolve("absent"), ErrorCode.FILE_NOT_FOUND);
    }

    @Test
    void aHugeLengthIsRefusedWithoutAllocating(@TempDir Path tmp) throws Exception {
        byte[] b = Files.readAllBytes(corpus("explicit_le_signed").resolve("slice000.dcm"));
        // The pixel data element header: (7FE0,0010) OW 00 00 <length>; claim 0x7FFFFFF0 bytes.
        int at = indexOf(b, new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'W'});
        assertThat(at).isPositive();
        b[at + 8] = (byte) 0xF0;
        b[at + 9] = (byte) 0xFF;
        b[at + 10] = (byte) 0xFF;
        b[at + 11] = 0x7F;
        Path f = tmp.resolve("huge.dcm");
        Files.write(f, b);
        expect(f, ErrorCode.TRUNCATED_FILE);
    }

    @Test
    void theInspectorListsEverySeriesAndMarksTheChosenOne() throws Exception {
        StudySummary s = DicomInspector.inspect(corpus("multi_series"));
        assertThat(s.series()).hasSize(4);
        String chosen = Reference.expectation("multi_series").get("seriesUid").getAsString();
        assertThat(s.series())
                .filteredOn(SeriesSummary::chosen)
                .singleElement()
                .satisfies(
                        x -> {
                            assertThat(x.seriesInstanceUid()).isEqualTo(chosen);
                            assertThat(x.sliceCount()).isEqualTo(6);
                            assertThat(x.orientation()).isEqualTo("axial");
                        });
        assertThat(s.series()).filteredOn(SeriesSummary::localizer).hasSize(2);
        assertThat(s.toString()).doesNotContain("SECRET");
    }

    @Test
    void theInspectorReportsTiltAndGaps() throws Exception {
        SeriesSummary tilted = DicomInspector.inspect(corpus("tilted")).series().get(0);
        assertThat(tilted.tiltDegrees()).isCloseTo(15, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(tilted.problem()).isNull();
        SeriesSummary missing = DicomInspector.inspect(corpus("missing_slice")).series().get(0);
        assertThat(missing.problem()).contains("not evenly spaced");
    }

    private static void expect(Path p, ErrorCode code) {
        assertThatThrownBy(() -> DicomStudyReader.create().read(p))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> {
                            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
                            assertThat(e.getMessage()).contains(p.getFileName().toString());
                        });
    }

    private static java.util.List<Path> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().collect(Collectors.toList());
        }
    }

    static int indexOf(byte[] b, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= b.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (b[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
