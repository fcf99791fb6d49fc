package dev.ich.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ich.batch.ArchiveAnalysis;
import dev.ich.batch.PhantomArchive;
import dev.ich.batch.ResultSchema;
import dev.ich.batch.StudyList;
import dev.ich.core.analysis.IchAnalyzer;
import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.dicom.AnyStudyReader;
import dev.ich.eval.estimators.SegmentationVolumeEstimator;
import dev.ich.eval.estimators.VolumeMethod;
import dev.ich.model.IchModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On {@code local[2]}, the Spark job's rows for a small phantom archive (4 phantoms, 3 broken
 * studies) equal the single-machine batch's results.csv row for row: the same numbers, the same
 * error codes and messages; only the timings differ. The manifest's columns are carried, and
 * Spark's Parquet reader reads the batch's results.parquet as the same table as its CSV.
 */
class IchSparkTest {

    @TempDir static Path shared;

    private static SparkSession spark;
    private static Path archive;
    private static Path model;

    @BeforeAll
    static void start() throws Exception {
        archive = shared.resolve("archive");
        PhantomArchive.write(archive, 4);
        model = shared.resolve("model");
        PhantomArchive.trainModel(model);
        // The same libtorch threads as a Spark task with one core: the numbers do not depend on it.
        IchModel.setIntraOpThreads(1);
    }

    /** The test session; the submit entry point stops the one it used, so each test asks again. */
    private static SparkSession session() {
        spark =
                SparkSession.builder()
                        .master("local[2]")
                        .appName("ich-spark-test")
                        .config("spark.ui.enabled", "false")
                        .config("spark.sql.shuffle.partitions", "2")
                        .config(
                                "spark.hadoop.fs." + AliasedLocalFileSystem.SCHEME + ".impl",
                                AliasedLocalFileSystem.class.getName())
                        .getOrCreate();
        return spark;
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** study → column → text, without the timing columns. */
    private static Map<String, Map<String, String>> byStudy(
            List<String> header, List<List<String>> rows) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (List<String> row : rows) {
            Map<String, String> r = new TreeMap<>();
            for (int i = 0; i < header.size(); i++) {
                if (!header.get(i).endsWith("_ms")) {
                    r.put(header.get(i), row.get(i));
                }
            }
            out.put(row.get(0), r);
        }
        return out;
    }

    @Test
    void sparkRowsEqualTheSingleMachineBatchRows() throws Exception {
        Path manifest = PhantomArchive.manifest(archive, shared.resolve("manifest.csv"));
        StudyList studies = StudyList.manifest(manifest);
        Path out = shared.resolve("batch");
        try (IchModel local = IchModel.load(model);
                IchAnalyzer analyzer =
                        IchAnalyzer.builder()
                                .reader(AnyStudyReader.create())
                                .model(local)
                                .threads(1)
                                .estimators(
                                        SegmentationVolumeEstimator.of(VolumeMethod.ABC2),
                                        SegmentationVolumeEstimator.of(VolumeMethod.PLANIMETRY))
                                .build()) {
            ArchiveAnalysis.builder(analyzer, local.parametersSha256())
                    .estimators(ExecutorAnalyzers.ESTIMATORS)
                    .build()
                    .run(studies, out);
        }
        List<String> header;
        List<List<String>> expected = new ArrayList<>();
        try (CSVParser csv =
                CSVParser.parse(
                        out.resolve(ArchiveAnalysis.CSV),
                        StandardCharsets.UTF_8,
                        CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            header = csv.getHeaderNames();
            for (CSVRecord record : csv) {
                List<String> row = new ArrayList<>();
                record.forEach(v -> row.add(v.isEmpty() ? null : v));
                expected.add(row);
            }
        }

        Dataset<Row> input = AnalyzeArchive.studies(session(), studies, 3);
        Dataset<Row> result = IchSpark.analyze(input, model, manifest.getParent());
        assertThat(List.of(result.columns())).isEqualTo(header);
        ResultSchema schema = ResultSchema.of(studies.carried(), ExecutorAnalyzers.ESTIMATORS);
        List<List<String>> actual = texts(result);
        assertThat(actual).hasSize(expected.size());
        assertThat(byStudy(header, actual)).isEqualTo(byStudy(header, expected));
        long errors =
                actual.stream()
                        .filter(r -> ResultSchema.ERROR.equals(r.get(header.indexOf("status"))))
                        .count();
        assertThat(errors).isEqualTo(PhantomArchive.BROKEN.size());
        assertThat(schema.names()).isEqualTo(header);

        // Spark's own Parquet reader, a second judge of the batch's results.parquet: the CSV's
        // content.
        List<List<String>> parquet =
                texts(session().read().parquet(out.resolve(ArchiveAnalysis.PARQUET).toString()));
        assertThat(parquet).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theSubmitEntryPointWritesParquetAndRefusesAnExistingOutput() throws Exception {
        Path manifest = PhantomArchive.manifest(archive, shared.resolve("manifest-submit.csv"));
        Path out = shared.resolve("submitted.parquet");
        String[] args = {
            "--manifest",
            manifest.toString(),
            "--model",
            model.toString(),
            "--out",
            out.toString(),
            "--partitions",
            "2"
        };
        assertThat(AnalyzeArchive.run(args)).isZero();
        Dataset<Row> written = session().read().parquet(out.toString());
        assertThat(written.count()).isEqualTo(4 + PhantomArchive.BROKEN.size());
        assertThat(written.filter("status = 'ok' and model_sha256 is not null").count())
                .isEqualTo(4);
        assertThat(Files.exists(out.resolve("_SUCCESS"))).isTrue();
        assertThatThrownBy(() -> AnalyzeArchive.run(args))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.OUTPUT_NOT_WRITABLE));
    }

    /** The rows of {@code frame} as text, study → column → value, timings aside. */
    private static Map<String, Map<String, String>> rows(Dataset<Row> frame) {
        return byStudy(List.of(frame.columns()), texts(frame));
    }

    /** Each row of {@code frame} as its values' text, null for null. */
    private static List<List<String>> texts(Dataset<Row> frame) {
        List<List<String>> texts = new ArrayList<>();
        for (Row row : frame.collectAsList()) {
            List<String> t = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                t.add(row.isNullAt(i) ? null : row.get(i).toString());
            }
            texts.add(t);
        }
        return texts;
    }

    @Test
    void studiesOnAHadoopFileSystemGiveTheRowsOfTheLocalStudies() throws Exception {
        Path manifest = PhantomArchive.manifest(archive, shared.resolve("manifest-remote.csv"));
        StudyList studies = StudyList.manifest(manifest);
        String remoteBase = AliasedLocalFileSystem.SCHEME + ":" + manifest.getParent();
        Dataset<Row> input = AnalyzeArchive.studies(session(), studies, 2);

        Map<String, Map<String, String>> local =
                rows(IchSpark.analyze(input, model, manifest.getParent()));
        Map<String, Map<String, String>> remote = rows(IchSpark.analyze(input, model, remoteBase));
        assertThat(remote).isEqualTo(withLocalNames(local, manifest.getParent(), remoteBase));
        // Errors name the study where it is stored, not the executor's local copy.
        Map<String, String> truncated = remote.get("archive/" + PhantomArchive.BROKEN.get(0)[0]);
        assertThat(truncated.get("error_code")).isEqualTo("TRUNCATED_FILE");
        assertThat(truncated.get("error_message")).startsWith(remoteBase + "/archive/broken-");
        try (var left = Files.list(Path.of(org.apache.spark.SparkFiles.getRootDirectory()))) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith("ich-study-"));
        }
    }

    /** The local run's rows with its error messages naming the studies by their remote URIs. */
    private static Map<String, Map<String, String>> withLocalNames(
            Map<String, Map<String, String>> local, Path folder, String remoteBase) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        local.forEach(
                (study, row) -> {
                    Map<String, String> r = new TreeMap<>(row);
                    r.computeIfPresent(
                            "error_message", (k, m) -> m.replace(folder.toString(), remoteBase));
                    out.put(study, r);
                });
        return out;
    }

    @Test
    void aStudyThatCannotBeFetchedIsAnErrorRowNamingIt() throws Exception {
        String missing = AliasedLocalFileSystem.SCHEME + ":" + shared.resolve("no-such-study");
        String unknownScheme = "nofs://host/registry/case-1";
        Dataset<Row> input =
                session()
                        .createDataFrame(
                                List.of(
                                        RowFactory.create(missing),
                                        RowFactory.create(unknownScheme)),
                                DataTypes.createStructType(
                                        List.of(
                                                DataTypes.createStructField(
                                                        "study", DataTypes.StringType, false))));
        Map<String, Map<String, String>> rows = rows(IchSpark.analyze(input, model));
        assertThat(rows.get(missing).get("error_code")).isEqualTo("FILE_NOT_FOUND");
        assertThat(rows.get(missing).get("error_message")).startsWith(missing + ": does not exist");
        assertThat(rows.get(unknownScheme).get("error_code")).isEqualTo("IO_ERROR");
        assertThat(rows.get(unknownScheme).get("error_message"))
                .startsWith(unknownScheme + ": cannot be read from its file system")
                .contains("spark.hadoop");
    }

    @Test
    void theSubmitEntryPointReadsAManifestOnAHadoopFileSystem() throws Exception {
        Path manifest = PhantomArchive.manifest(archive, shared.resolve("manifest-hadoop.csv"));
        Path out = shared.resolve("from-hadoop.parquet");
        String[] args = {
            "--manifest",
            AliasedLocalFileSystem.SCHEME + ":" + manifest,
            "--model",
            model.toString(),
            "--out",
            AliasedLocalFileSystem.SCHEME + ":" + out
        };
        try {
            // The submit entry point builds its own session: give it the test file system.
            System.setProperty(
                    "spark.hadoop.fs." + AliasedLocalFileSystem.SCHEME + ".impl",
                    AliasedLocalFileSystem.class.getName());
            System.setProperty("spark.master", "local[2]");
            assertThat(AnalyzeArchive.run(args)).isZero();
        } finally {
            System.clearProperty("spark.hadoop.fs." + AliasedLocalFileSystem.SCHEME + ".impl");
            System.clearProperty("spark.master");
        }
        Dataset<Row> written = session().read().parquet(out.toString());
        assertThat(written.count()).isEqualTo(4 + PhantomArchive.BROKEN.size());
        assertThat(written.filter("status = 'ok'").count()).isEqualTo(4);
    }
}
