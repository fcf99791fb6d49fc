package dev.ich.batch;

import dev.ich.core.analysis.IchAnalyzer;
import dev.ich.core.analysis.batch.BatchAnalyzer;
import dev.ich.core.analysis.batch.BatchResult;
import dev.ich.core.analysis.batch.BatchRun;
import dev.ich.core.analysis.batch.BatchStudy;
import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.io.OutputBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A folder of results for an archive of studies: every study is analysed by a {@link
 * BatchAnalyzer}, its row recorded in the {@link ResultJournal} as it completes, and {@code
 * results.csv} and {@code results.parquet} (rows in the input's order) written together at the end.
 * A run stopped for any reason and started again with the same studies and options goes on where it
 * stopped; a folder that already holds results is refused before any work.
 *
 * <pre>{@code
 * ArchiveAnalysis.Summary s = ArchiveAnalysis.builder(analyzer, model.parametersSha256())
 *     .estimators(List.of("abc2")).workers(2).build()
 *     .run(StudyList.of(List.of(archiveFolder)), outFolder);
 * }</pre>
 */
public final class ArchiveAnalysis {

    /** The CSV table's file name. */
    public static final String CSV = "results.csv";

    /** The Parquet table's file name. */
    public static final String PARQUET = "results.parquet";

    private final IchAnalyzer analyzer;
    private final String modelSha256;
    private final List<String> estimators;
    private final int workers;
    private final Consumer<BatchProgress> progress;
    private final ResultHandler onResult;

    private ArchiveAnalysis(Builder b) {
        this.analyzer = b.analyzer;
        this.modelSha256 = b.modelSha256;
        this.estimators = List.copyOf(b.estimators);
        this.workers = b.workers;
        this.progress = b.progress;
        this.onResult = b.onResult;
    }

    /**
     * An archive analysis with {@code analyzer}, whose model's parameters have the SHA-256 {@code
     * modelSha256} (recorded in every row and checked when a run goes on).
     */
    public static Builder builder(IchAnalyzer analyzer, String modelSha256) {
        return new Builder(
                Objects.requireNonNull(analyzer, "analyzer"),
                Objects.requireNonNull(modelSha256, "modelSha256"));
    }

    /**
     * What a run did.
     *
     * @param analysed rows of analysed studies (this run's and an earlier one's)
     * @param failed error rows
     * @param resumed rows an earlier run had made
     * @param elapsed this run's time
     * @param tables the files written
     */
    public record Summary(
            long analysed, long failed, long resumed, Duration elapsed, List<Path> tables) {}

    /** Work done with each result before its row is recorded (writing heatmaps, for example). */
    @FunctionalInterface
    public interface ResultHandler {
        /** Handles one result; an exception stops the run, which can be started again. */
        void handle(BatchResult result) throws IchException;
    }

    /**
     * Analyses {@code studies} into {@code out} (created if needed).
     *
     * @throws IchException {@link ErrorCode#OUTPUT_NOT_WRITABLE} when {@code out} holds results or
     *     a journal of other studies, columns or model; studies that fail do not throw, they are
     *     rows
     */
    public Summary run(StudyList studies, Path out) throws IchException {
        long start = System.nanoTime();
        ResultSchema schema = ResultSchema.of(studies.carried(), estimators);
        try (OutputBatch tables =
                        OutputBatch.prepare(
                                out,
                                List.of(CSV, PARQUET),
                                false,
                                "Choose another output folder: this one holds the results of a finished run");
                ResultJournal journal = ResultJournal.open(out, schema)) {
            requireSameRun(journal, studies, schema);
            long resumed = journal.rows().size();
            int status = schema.names().indexOf("status");
            long failed =
                    journal.rows().values().stream()
                            .filter(r -> ResultSchema.ERROR.equals(r.get(status)))
                            .count();
            List<BatchStudy> pending =
                    studies.studies().stream()
                            .filter(s -> !journal.rows().containsKey(s.key()))
                            .toList();
            long done = resumed;
            long total = studies.studies().size();
            progress.accept(new BatchProgress(done, failed, resumed, total, since(start)));
            try (BatchRun run =
                    BatchAnalyzer.builder(analyzer)
                            .workers(workers)
                            .build()
                            .run(pending.iterator())) {
                while (run.hasNext()) {
                    BatchResult result = run.next();
                    onResult.handle(result);
                    journal.append(schema.row(result, modelSha256));
                    done++;
                    failed += result.succeeded() ? 0 : 1;
                    progress.accept(new BatchProgress(done, failed, resumed, total, since(start)));
                }
            }
            List<List<String>> rows = new ArrayList<>();
            for (BatchStudy s : studies.studies()) {
                rows.add(journal.rows().get(s.key()));
            }
            writeTables(tables, schema, rows);
            List<Path> written = tables.commit();
            delete(journal);
            return new Summary(total - failed, failed, resumed, since(start), written);
        }
    }

    private void requireSameRun(ResultJournal journal, StudyList studies, ResultSchema schema)
            throws IchException {
        Set<String> keys = new HashSet<>();
        studies.studies().forEach(s -> keys.add(s.key()));
        int model = schema.modelColumn();
        for (Map.Entry<String, List<String>> e : journal.rows().entrySet()) {
            if (!keys.contains(e.getKey())) {
                throw new IchException(
                        ErrorCode.OUTPUT_NOT_WRITABLE,
                        journal.file().toString(),
                        "holds the study '"
                                + e.getKey()
                                + "', which is not among the studies given",
                        "Run again with the same studies, or choose another output folder");
            }
            if (!modelSha256.equals(e.getValue().get(model))) {
                throw new IchException(
                        ErrorCode.OUTPUT_NOT_WRITABLE,
                        journal.file().toString(),
                        "holds rows made with another model (parameters "
                                + e.getValue().get(model)
                                + ")",
                        "Run again with that model, or choose another output folder");
            }
        }
    }

    private static void writeTables(
            OutputBatch tables, ResultSchema schema, List<List<String>> rows) throws IchException {
        StringBuilder csv = new StringBuilder(CsvRows.line(schema.names()));
        rows.forEach(r -> csv.append(CsvRows.line(r)));
        Path csvFile = tables.temporary(CSV);
        try {
            Files.writeString(csvFile, csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    csvFile.toString(),
                    "cannot be written (" + e.getMessage() + ")",
                    "Check the folder's permissions and free space",
                    e);
        }
        ParquetTable.write(tables.temporary(PARQUET), schema, rows);
    }

    /** The journal is the run's own working file: once the tables hold its rows it goes. */
    private static void delete(ResultJournal journal) throws IchException {
        journal.close();
        try {
            Files.deleteIfExists(journal.file());
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    journal.file().toString(),
                    "cannot be removed (" + e.getMessage() + ")",
                    "Remove it by hand; the results are written",
                    e);
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Builds an {@link ArchiveAnalysis}. */
    public static final class Builder {
        private final IchAnalyzer analyzer;
        private final String modelSha256;
        private List<String> estimators = List.of();
        private int workers = 1;
        private Consumer<BatchProgress> progress = p -> {};
        private ResultHandler onResult = r -> {};

        private Builder(IchAnalyzer analyzer, String modelSha256) {
            this.analyzer = analyzer;
            this.modelSha256 = modelSha256;
        }

        /** The names of the analyzer's classical estimators, in its order: one column each. */
        public Builder estimators(List<String> names) {
            this.estimators = List.copyOf(names);
            return this;
        }

        /** Studies analysed at once; 1 by default. */
        public Builder workers(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("workers must be at least 1, got " + value);
            }
            this.workers = value;
            return this;
        }

        /** Told of the progress at the start and after each study, on the thread that runs. */
        public Builder progress(Consumer<BatchProgress> listener) {
            this.progress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Called with each result before its row is recorded, on the thread that runs. */
        public Builder onResult(ResultHandler handler) {
            this.onResult = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** The archive analysis. */
        public ArchiveAnalysis build() {
            return new ArchiveAnalysis(this);
        }
    }
}
