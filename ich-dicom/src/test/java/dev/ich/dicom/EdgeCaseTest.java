package dev.ich.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.volume.CtVolume;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Damage and oddities met in real-world exports (made by tools/reference/make_dicom_edge_cases.py):
 * each is an error that names the problem, or a volume that matches the references, never a
 * silently different volume.
 */
class EdgeCaseTest {

    private static Path edge(String name) {
        return Reference.EDGE.resolve(name);
    }

    private static IchException failure(DicomStudyReader reader, Path input) {
        try {
            CtVolume v = reader.read(input);
            throw new AssertionError(
                    input + " was read as " + v.geometry().nz() + " slices instead of failing");
        } catch (IchException e) {
            return e;
        }
    }

    @ParameterizedTest
    @CsvSource({
        "damaged_first_cut, slice000.dcm",
        "damaged_first_nopixels, slice000.dcm",
        "damaged_first_bits32, slice000.dcm",
        "damaged_middle_samples3, slice002.dcm",
        "damaged_middle_nopixels, slice002.dcm",
        "damaged_last_cut, slice004.dcm",
        "damaged_last_rgb, slice004.dcm",
        "damaged_last_palette, slice004.dcm"
    })
    void aSliceOfTheSeriesThatCannotBeUsedIsAnErrorNamingIt(String caseName, String file)
            throws Exception {
        IchException e = failure(DicomStudyReader.create(), edge(caseName));
        assertThat(e.code()).isIn(ErrorCode.NOT_AN_IMAGE, ErrorCode.UNSUPPORTED_IMAGE);
        assertThat(e.getMessage())
                .contains(file)
                .contains("cannot be used")
                .doesNotContain("SECRET");
        SeriesSummary s = DicomInspector.inspect(edge(caseName)).series().get(0);
        assertThat(s.problem()).contains(file).contains("cannot be used");
    }

    @Test
    void everyCodecRefusesACutStreamQuietly() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(edge("truncated"))) {
            files = list.sorted().collect(Collectors.toList());
        }
        assertThat(files).hasSize(28);
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setErr(capture);
        try {
            for (Path f : files) {
                IchException e = failure(DicomStudyReader.create(), f);
                assertThat(e.code())
                        .as(f.getFileName().toString())
                        .isIn(ErrorCode.CORRUPT_DATA, ErrorCode.TRUNCATED_FILE);
                assertThat(e.getMessage())
                        .as(f.getFileName().toString())
                        .doesNotContain("\n")
                        .doesNotContain("ThreadDeath");
            }
            assertThat(System.err).as("the host's stream, not replaced").isSameAs(capture);
        } finally {
            System.setErr(stderr);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void infoReportsASeriesThatCannotBeDecoded() throws Exception {
        for (String name : new String[] {"jpeg_baseline_60.dcm", "jpeg2000_lossy_90.dcm"}) {
            SeriesSummary s =
                    DicomInspector.inspect(edge("truncated").resolve(name)).series().get(0);
            assertThat(s.problem()).as(name).contains(name).contains("cut short");
        }
        assertThat(
                        DicomInspector.inspect(Reference.CORPUS.resolve("jpeg_ls"))
                                .series()
                                .get(0)
                                .problem())
                .contains("JPEG-LS");
        assertThat(
                        DicomInspector.inspect(Reference.CORPUS.resolve("jpeg2000_lossy"))
                                .series()
                                .get(0)
                                .problem())
                .isNull();
    }

    @Test
    void mrIsRefusedUnlessAllowedAndThenNotCalledHu() throws Exception {
        for (String name : new String[] {"mr_single", "mr_series"}) {
            IchException e = failure(DicomStudyReader.create(), edge(name));
            assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_IMAGE);
            assertThat(e.getMessage()).contains("modality MR").contains("--allow-non-ct");
        }
        CtVolume mr = DicomStudyReader.builder().allowNonCt(true).build().read(edge("mr_series"));
        CorpusTest.compare(mr, Reference.load(Reference.EDGE_REFS, "mr_series", "pydicom"), 0);
        assertThat(mr.provenance().warnings())
                .anySatisfy(
                        w ->
                                assertThat(w)
                                        .contains("modality MR")
                                        .contains("stored values after rescale"));
    }

    @Test
    void theSeriesChoiceNeverFallsBackFromCtToAnotherModality(@TempDir Path tmp) throws Exception {
        Path mr = Files.createDirectories(tmp.resolve("mr"));
        try (Stream<Path> list = Files.list(edge("mr_series"))) {
            for (Path f : list.collect(Collectors.toList())) {
                Files.copy(f, mr.resolve(f.getFileName()));
            }
        }
        Path scout =
                Reference.CORPUS.resolve("multi_series").resolve("scout").resolve("slice000.dcm");
        Files.copy(scout, tmp.resolve("scout.dcm"));
        String scoutUid = DicomInspector.inspect(scout).series().get(0).seriesInstanceUid();
        assertThat(DicomStudyReader.create().read(tmp).provenance().seriesInstanceUid())
                .isEqualTo(scoutUid);
        assertThat(
                        DicomStudyReader.builder()
                                .allowNonCt(true)
                                .build()
                                .read(tmp)
                                .provenance()
                                .seriesInstanceUid())
                .isEqualTo(scoutUid);
    }

    @Test
    void lossyJpeg2000WithPaddingKeepsTheRescaledValuesAsTheReferencesDo() throws Exception {
        CtVolume v = DicomStudyReader.create().read(edge("jpeg2000_lossy_padding"));
        CorpusTest.compare(
                v, Reference.load(Reference.EDGE_REFS, "jpeg2000_lossy_padding", "pydicom"), 2.0);
    }

    @Test
    void fileMetaRepeatedInTheDataSetDoesNotOverrideTheTransferSyntax() throws Exception {
        CtVolume v = DicomStudyReader.create().read(edge("meta_repeated"));
        assertThat(v.provenance().transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.4.70");
        Reference ref = Reference.load(Reference.EDGE_REFS, "meta_repeated", "pydicom");
        CorpusTest.compare(v, ref, 0);
        // Without a group length the file meta ends where group 0002 starts again.
        CtVolume one = DicomStudyReader.create().read(edge("meta_repeated_no_group_length"));
        assertThat(one.provenance().transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.4.70");
        assertThat(one.huCopy()).containsExactly(java.util.Arrays.copyOf(ref.hu, ref.nx * ref.ny));
    }

    @Test
    void invalidTextValuesAreNeverEchoed(@TempDir Path tmp) throws Exception {
        byte[] file =
                Files.readAllBytes(
                        Reference.CORPUS.resolve("explicit_le_unsigned").resolve("slice000.dcm"));
        // Overwrite the ImagePositionPatient value (0020,0032) DS with text of the same length.
        byte[] tag = {0x20, 0x00, 0x32, 0x00, 'D', 'S'};
        int at = ReaderBehaviourTest.indexOf(file, tag);
        int len = (file[at + 6] & 0xFF) | (file[at + 7] & 0xFF) << 8;
        byte[] secret =
                "SECRET^NAME\\JOHN\\DOE______________"
                        .substring(0, len)
                        .getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(secret, 0, file, at + 8, len);
        Path damaged = tmp.resolve("named.dcm");
        Files.write(damaged, file);
        IchException e = failure(DicomStudyReader.create(), damaged);
        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_OR_INVALID_ATTRIBUTE);
        assertThat(e.getMessage())
                .contains("(0020,0032)")
                .contains("not a decimal string")
                .doesNotContain("SECRET")
                .doesNotContain("JOHN");

        // A SeriesInstanceUID holding text, in a series with a missing slice (the error names the
        // series).
        Path series = Files.createDirectories(tmp.resolve("series"));
        for (int k : new int[] {0, 1, 3, 4}) {
            String name = "slice00" + k + ".dcm";
            byte[] slice =
                    Files.readAllBytes(
                            Reference.CORPUS.resolve("explicit_le_unsigned").resolve(name));
            int uid =
                    ReaderBehaviourTest.indexOf(
                            slice, new byte[] {0x20, 0x00, 0x0E, 0x00, 'U', 'I'});
            int n = (slice[uid + 6] & 0xFF) | (slice[uid + 7] & 0xFF) << 8;
            System.arraycopy(
                    "SECRET^NAME".repeat(8).substring(0, n).getBytes(StandardCharsets.US_ASCII),
                    0,
                    slice,
                    uid + 8,
                    n);
            Files.write(series.resolve(name), slice);
        }
        IchException gap = failure(DicomStudyReader.create(), series);
        assertThat(gap.code()).isEqualTo(ErrorCode.INCONSISTENT_SERIES);
        assertThat(gap.getMessage()).contains("series 0.0.").doesNotContain("SECRET");
    }

    @Test
    void severalStudiesOrPatientsAreAnErrorThatListsThemAndHowToChoose() throws Exception {
        IchException studies = failure(DicomStudyReader.create(), edge("two_studies"));
        assertThat(studies.code()).isEqualTo(ErrorCode.AMBIGUOUS_INPUT);
        String studyA =
                DicomInspector.inspect(edge("two_studies/a")).series().get(0).studyInstanceUid();
        String studyB =
                DicomInspector.inspect(edge("two_studies/b")).series().get(0).studyInstanceUid();
        assertThat(studies.getMessage())
                .contains("2 studies")
                .contains(studyA)
                .contains(studyB)
                .contains("--study")
                .contains("--series")
                .doesNotContain("SECRET");
        CtVolume a =
                DicomStudyReader.builder()
                        .studyInstanceUid(studyA)
                        .build()
                        .read(edge("two_studies"));
        CorpusTest.compare(a, Reference.load(Reference.EDGE_REFS, "two_studies", "pydicom"), 0);

        IchException patients = failure(DicomStudyReader.create(), edge("two_patients"));
        assertThat(patients.code()).isEqualTo(ErrorCode.AMBIGUOUS_INPUT);
        assertThat(patients.getMessage())
                .contains("2 patients")
                .contains("--series")
                .doesNotContain("SECRET");
        String seriesB =
                DicomInspector.inspect(edge("two_patients/b")).series().get(0).seriesInstanceUid();
        assertThat(
                        DicomStudyReader.builder()
                                .seriesInstanceUid(seriesB)
                                .build()
                                .read(edge("two_patients"))
                                .geometry()
                                .nz())
                .isEqualTo(4);
    }

    @ParameterizedTest
    @CsvSource({"no_geometry", "no_geometry_series"})
    void imagesWithoutGeometryAreRefusedForMeasurementAndPlacedAsDcm2niixDoesForConversion(
            String caseName) throws Exception {
        IchException e = failure(DicomStudyReader.create(), edge(caseName));
        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_OR_INVALID_ATTRIBUTE);
        assertThat(e.getMessage()).contains("ImagePositionPatient").contains("unknown");
        CtVolume v =
                DicomStudyReader.builder()
                        .defaultGeometryWhenMissing(true)
                        .build()
                        .read(edge(caseName));
        assertThat(v.provenance().warnings())
                .anySatisfy(w -> assertThat(w).contains("placed as dcm2niix"));
        CtVolume layout = Dcm2niixLayout.of(v);
        Reference ref = Reference.load(Reference.EDGE_REFS, caseName, "dcm2niix");
        double[] lps = layout.geometry().voxelToPatient().toRowMajor4x4();
        for (int i = 0; i < 12; i++) {
            assertThat(lps[i])
                    .as("affine element %d", i)
                    .isCloseTo(ref.affine[i], org.assertj.core.data.Offset.offset(1e-4));
        }
        assertThat(layout.huCopy()).containsExactly(ref.hu);
    }
}
