package dev.ich.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ich.core.analysis.AnalysisResult;
import dev.ich.core.analysis.IchAnalyzer;
import dev.ich.core.analysis.LibraryVersion;
import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.dicom.AnyStudyReader;
import dev.ich.eval.estimators.SegmentationVolumeEstimator;
import dev.ich.eval.estimators.VolumeMethod;
import dev.ich.model.IchModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An archive of 20 phantom series and 3 broken studies: one row each in results.csv and
 * results.parquet (the same content), the numbers of a serial analysis, error rows with the
 * reader's codes, and a run stopped after 7 studies (with a half-written row) going on without
 * losing or repeating a row.
 */
class ArchiveAnalysisTest {

    private static final int PHANTOMS = 20;
    private static final List<String> ESTIMATORS = List.of("abc2", "planimetry");

    @TempDir static Path shared;

    private static Path archive;
    private static IchModel model;
    private static IchAnalyzer analyzer;

    /** Study folder name → the serial analysis's result, or its error code. */
    private static final Map<String, Object> SERIAL = new HashMap<>();

    @TempDir Path dir;

    @BeforeAll
    static void archiveModelAndSerialResults() throws Exception {
        archive = shared.resolve("archive");
        PhantomArchive.write(archive, PHANTOMS);
        PhantomArchive.trainModel(shared.resolve("model"));
        model = IchModel.load(shared.resolve("model"));
        analyzer =
                IchAnalyzer.builder()
                        .reader(AnyStudyReader.create())
                        .model(model)
                        .threads(1)
                        .estimators(
                                SegmentationVolumeEstimator.of(VolumeMethod.ABC2),
                                SegmentationVolumeEstimator.of(VolumeMethod.PLANIMETRY))
                        .build();
        try (Stream<Path> studies = Files.list(archive)) {
            for (Path study : studies.toList()) {
                try {
                    SERIAL.put(study.getFileName().toString(), analyzer.analyze(study));
                } catch (IchException e) {
                    SERIAL.put(study.getFileName().toString(), e.code());
                }
            }
        }
    }

    @AfterAll
    static void close() {
        if (analyzer != null) {
            analyzer.close();
        }
        if (model != null) {
            model.close();
        }
    }

    private static ArchiveAnalysis.Builder analysis() {
        return ArchiveAnalysis.builder(analyzer, model.parametersSha256())
                .estimators(ESTIMATORS)
                .workers(2);
    }

    private static List<List<String>> csv(Path file) throws Exception {
        return CsvRows.parse(Files.readString(file), file.toString());
    }

    @Test
    void everyStudyIsOneRowWithTheSerialNumbersOrItsErrorInBothTables() throws Exception {
        Path out = dir.resolve("out");
        ArchiveAnalysis.Summary summary = analysis().build().run(StudyList.folder(archive), out);

        assertThat(summary.analysed()).isEqualTo(PHANTOMS);
        assertThat(summary.failed()).isEqualTo(PhantomArchive.BROKEN.size());
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("results.csv", "results.parquet");
        }
        List<List<String>> csv = csv(out.resolve("results.csv"));
        ResultSchema schema = ResultSchema.of(List.of(), ESTIMATORS);
        assertThat(csv.get(0)).isEqualTo(schema.names());
        List<List<String>> rows = csv.subList(1, csv.size());
        assertThat(rows).hasSize(PHANTOMS + PhantomArchive.BROKEN.size());
        assertThat(ParquetTable.read(out.resolve("results.parquet"), schema)).isEqualTo(rows);

        List<String> names = schema.names();
        List<String> studies = new ArrayList<>();
        for (List<String> row : rows) {
            Map<String, String> r = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                r.put(names.get(i), row.get(i));
            }
            String study = Path.of(r.get("study")).getFileName().toString();
            studies.add(study);
            assertThat(r.get("model_sha256")).isEqualTo(model.parametersSha256());
            assertThat(r.get("library_version")).isEqualTo(LibraryVersion.get());
            assertThat(Double.parseDouble(r.get("total_ms"))).isPositive();
            Object serial = SERIAL.get(study);
            if (serial instanceof ErrorCode) {
                assertThat(r.get("status")).isEqualTo("error");
                assertThat(r.get("error_code")).isEqualTo(((ErrorCode) serial).name());
                assertThat(r.get("error_message")).contains(study);
                assertThat(r.get("predicted_volume_ml")).isNull();
                continue;
            }
            AnalysisResult a = (AnalysisResult) serial;
            assertThat(r.get("status")).isEqualTo("ok");
            assertThat(r.get("error_code")).isNull();
            assertThat(Double.parseDouble(r.get("predicted_volume_ml"))).isEqualTo(a.volumeMl());
            assertThat(Double.parseDouble(r.get("probability_of_death")))
                    .isEqualTo(a.probabilityOfDeath());
            assertThat(r.get("predicted_outcome"))
                    .isEqualTo(a.prediction().outcome().name().toLowerCase());
            assertThat(Double.parseDouble(r.get("estimate_abc2_ml")))
                    .isEqualTo(a.classicalEstimatesMl().get("abc2"));
            assertThat(Double.parseDouble(r.get("estimate_planimetry_ml")))
                    .isEqualTo(a.classicalEstimatesMl().get("planimetry"));
            assertThat(r.get("series_instance_uid")).isEqualTo(a.provenance().seriesInstanceUid());
            assertThat(Integer.parseInt(r.get("slices"))).isEqualTo(a.provenance().sliceCount());
        }
        assertThat(studies).isSorted();
        for (String[] broken : PhantomArchive.BROKEN) {
            assertThat(SERIAL.get(broken[0])).isEqualTo(ErrorCode.valueOf(broken[1]));
        }
    }

    @Test
    void aRunStoppedHalfwayGoesOnWithoutLosingOrRepeatingARow() throws Exception {
        Path out = dir.resolve("out");
        StudyList studies = StudyList.folder(archive);
        AtomicInteger recorded = new AtomicInteger();
        assertThatThrownBy(
                        () ->
                                analysis()
                                        .progress(
                                                p -> {
                                                    if (p.done() == 7) {
                                                        throw new IllegalStateException(
                                                                "simulated kill");
                                                    }
                                                })
                                        .onResult(r -> recorded.incrementAndGet())
                                        .build()
                                        .run(studies, out))
                .hasMessage("simulated kill");
        Path journal = out.resolve(ResultJournal.FILE);
        List<List<String>> before = csv(journal);
        assertThat(before).hasSize(1 + 7);
        assertThat(out.resolve("results.csv")).doesNotExist();
        // A crash while a row was being written leaves a line without its end: it must not count.
        String half = "\"" + studies.studies().get(0).key().replace("\"", "\"\"") + "\",ok,,,12.5";
        boolean firstDone =
                before.stream().anyMatch(r -> r.get(0).equals(studies.studies().get(0).key()));
        Files.writeString(
                journal,
                firstDone ? half.replace(studies.studies().get(0).key(), "x") : half,
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        AtomicInteger second = new AtomicInteger();
        List<Long> resumed = new ArrayList<>();
        ArchiveAnalysis.Summary summary =
                analysis()
                        .onResult(r -> second.incrementAndGet())
                        .progress(p -> resumed.add(p.resumed()))
                        .build()
                        .run(studies, out);

        assertThat(second.get()).isEqualTo(studies.studies().size() - 7);
        assertThat(summary.resumed()).isEqualTo(7);
        assertThat(resumed).containsOnly(7L);
        List<List<String>> rows = csv(out.resolve("results.csv"));
        rows = rows.subList(1, rows.size());
        assertThat(rows.stream().map(r -> r.get(0)))
                .containsExactlyElementsOf(studies.studies().stream().map(s -> s.key()).toList());
        // The first run's rows are kept as they were, timings included: they were not analysed
        // again.
        assertThat(rows).containsAll(before.subList(1, before.size()));
        assertThat(journal).doesNotExist();
    }

    @Test
    void aFolderWithResultsIsRefusedBeforeAnyWork() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("results.parquet"), "mine");
        AtomicInteger analysed = new AtomicInteger();
        assertThatThrownBy(
                        () ->
                                analysis()
                                        .onResult(r -> analysed.incrementAndGet())
                                        .build()
                                        .run(StudyList.folder(archive), out))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.OUTPUT_NOT_WRITABLE));
        assertThat(analysed.get()).isZero();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactly("results.parquet");
        }
    }

    @Test
    void aManifestCarriesItsColumnsAndAJournalOfOtherStudiesIsRefused() throws Exception {
        Path manifest = PhantomArchive.manifest(archive, dir.resolve("manifest.csv"));
        StudyList studies = StudyList.of(List.of(manifest));
        assertThat(studies.carried()).containsExactly("site");
        Path out = dir.resolve("out");
        List<String> keys = studies.studies().stream().map(s -> s.key()).toList();
        StudyList firstThree = new StudyList(studies.studies().subList(0, 3), studies.carried());
        analysis().build().run(firstThree, out);
        List<List<String>> rows = csv(out.resolve("results.csv"));
        assertThat(rows.get(0).subList(0, 3)).containsExactly("study", "site", "status");
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).get(0)).isEqualTo(keys.get(i - 1)).doesNotStartWith("/");
            assertThat(rows.get(i).get(1))
                    .isEqualTo(studies.studies().get(i - 1).columns().get("site"));
        }

        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Files.writeString(
                other.resolve(ResultJournal.FILE),
                CsvRows.line(ResultSchema.of(List.of("site"), ESTIMATORS).names())
                        + CsvRows.line(rowOf("elsewhere", ESTIMATORS.size())));
        assertThatThrownBy(() -> analysis().build().run(studies, other))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.getMessage()).contains("'elsewhere'"));
    }

    @Test
    void aSecondRunIntoAFolderInUseIsRefusedAndALockDiesWithItsProcess() throws Exception {
        StudyList studies = StudyList.of(List.of(archive.resolve("case-001")));
        Path out = dir.resolve("out");
        ResultSchema schema = ResultSchema.of(List.of(), ESTIMATORS);

        // In this process: a journal still open.
        try (ResultJournal held = ResultJournal.open(out, schema)) {
            assertThat(held.rows()).isEmpty();
            assertThatThrownBy(() -> analysis().build().run(studies, out))
                    .isInstanceOfSatisfying(
                            IchException.class,
                            e -> {
                                assertThat(e.code()).isEqualTo(ErrorCode.OUTPUT_NOT_WRITABLE);
                                assertThat(e.getMessage())
                                        .contains("another run is writing into this folder");
                            });
        }

        // In another process, which is then killed: the folder is free again.
        Process holder =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                JournalHolder.class.getName(),
                                out.toString())
                        .redirectErrorStream(true)
                        .start();
        try {
            String ready =
                    new String(holder.getInputStream().readNBytes(7), StandardCharsets.UTF_8);
            assertThat(ready).isEqualTo("holding");
            assertThatThrownBy(() -> analysis().build().run(studies, out))
                    .isInstanceOfSatisfying(
                            IchException.class,
                            e -> assertThat(e.getMessage()).contains("is locked"));
        } finally {
            holder.destroyForcibly().waitFor();
        }
        ArchiveAnalysis.Summary summary = analysis().build().run(studies, out);
        assertThat(summary.analysed()).isEqualTo(1);
    }

    /** The child of the test above: opens the journal of a folder and holds it until killed. */
    public static final class JournalHolder {
        /** Held, never closed: the lock goes when the process is killed. */
        static ResultJournal journal;

        public static void main(String[] args) throws Exception {
            journal = ResultJournal.open(Path.of(args[0]), ResultSchema.of(List.of(), ESTIMATORS));
            System.out.print("holding");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private static List<String> rowOf(String key, int estimators) throws IchException {
        List<String> row = new ArrayList<>();
        row.add(key);
        while (row.size() < ResultSchema.of(List.of("site"), ESTIMATORS).columns().size()) {
            row.add(null);
        }
        return row;
    }

    @Test
    void aManifestColumnNamedLikeAResultIsRefused() throws Exception {
        Path manifest = Files.writeString(dir.resolve("m.csv"), "study,status\na,x\n");
        StudyList studies = StudyList.of(List.of(manifest));
        assertThatThrownBy(() -> ResultSchema.of(studies.carried(), ESTIMATORS))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TABLE))
                .hasMessageContaining("'status'");
    }
}
