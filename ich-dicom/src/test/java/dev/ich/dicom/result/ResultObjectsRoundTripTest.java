package dev.ich.dicom.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.volume.CtVolume;
import dev.ich.dicom.DicomInspector;
import dev.ich.dicom.DicomStudyReader;
import dev.ich.dicom.OtherSeriesSummary;
import dev.ich.dicom.StudySummary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result objects beside their source, through this library's own reader and inspector. */
class ResultObjectsRoundTripTest {

    @TempDir Path dir;

    @Test
    void theStudyStillReadsAndListsTheThreeResultSeries() throws Exception {
        Path study = dir.resolve("study");
        ResultFixture f = ResultFixture.create(study.resolve("ct"));
        ResultFixture.writer().write(f.input(), study.resolve("ich"));

        CtVolume again = DicomStudyReader.create().read(study);
        assertThat(again.sameVoxels(f.ct)).isTrue();

        StudySummary summary = DicomInspector.inspect(study);
        assertThat(summary.series()).hasSize(1);
        assertThat(summary.skipped()).isEmpty();
        List<OtherSeriesSummary> others = summary.otherSeries();
        assertThat(others)
                .extracting(OtherSeriesSummary::modality)
                .containsExactlyInAnyOrder("SEG", "SR", "OT");
        assertThat(others)
                .extracting(OtherSeriesSummary::studyInstanceUid)
                .containsOnly(f.source.studyInstanceUid());
        assertThat(others)
                .extracting(OtherSeriesSummary::fileCount)
                .containsExactlyInAnyOrder(1, 1, f.ct.geometry().nz());
        assertThat(summary.toString().toUpperCase(Locale.ROOT))
                .doesNotContain(ResultFixture.NAME)
                .doesNotContain(ResultFixture.ID)
                .doesNotContain("19020304");
    }

    @Test
    void identityReachesOnlyTheResultObjects() throws Exception {
        ResultFixture f = ResultFixture.create(dir.resolve("ct"));
        String shown = f.source + " " + f.source.identity() + " " + f.ct + " " + f.ct.provenance();
        assertThat(shown)
                .doesNotContain(ResultFixture.NAME)
                .doesNotContain(ResultFixture.ID)
                .doesNotContain("19020304");
        assertThatThrownBy(() -> SourceStudy.read(dir.resolve("ct"), "1.2.3"))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.SERIES_NOT_FOUND);
                            assertThat(e.getMessage())
                                    .doesNotContain(ResultFixture.NAME)
                                    .doesNotContain(ResultFixture.ID);
                        });
        ResultFixture.writer().write(f.input(), dir.resolve("out"));
        String seg =
                new String(
                        Files.readAllBytes(
                                dir.resolve("out").resolve(DicomResultWriter.SEGMENTATION_FILE)),
                        StandardCharsets.ISO_8859_1);
        assertThat(seg).contains(ResultFixture.NAME, ResultFixture.ID, "19020304");
    }

    @Test
    void anExistingFileIsNeitherReplacedNorJoined() throws Exception {
        ResultFixture f = ResultFixture.create(dir.resolve("ct"));
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("SC00003.dcm"), "mine");
        assertThatThrownBy(() -> ResultFixture.writer().write(f.input(), out))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.OUTPUT_NOT_WRITABLE);
                            assertThat(e.getMessage()).contains("SC00003.dcm");
                        });
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactly("SC00003.dcm");
        }
        assertThat(Files.readString(out.resolve("SC00003.dcm"))).isEqualTo("mine");
    }

    @Test
    void partsOfAnotherAnalysisAreRefused() throws Exception {
        ResultFixture f = ResultFixture.create(dir.resolve("ct"));
        CtVolume other =
                f.ct.withProvenance(
                        new dev.ich.core.volume.Provenance(
                                "1.2.3", f.ct.geometry().nz(), 0, "none", List.of()));
        assertThatThrownBy(() -> new ResultInput(f.source, other, f.result, f.bleed, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("series");
    }

    @Test
    void withoutAnOverlayOnlySegmentationAndReportAreWritten() throws Exception {
        ResultFixture f = ResultFixture.create(dir.resolve("ct"));
        WrittenResults written =
                ResultFixture.writer()
                        .write(
                                new ResultInput(f.source, f.ct, f.result, f.bleed, null),
                                dir.resolve("out"));
        assertThat(written.overlay()).isEmpty();
        try (var files = Files.list(dir.resolve("out"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly(
                            DicomResultWriter.SEGMENTATION_FILE, DicomResultWriter.REPORT_FILE);
        }
    }
}
