package dev.ich.batch;

import dev.ich.core.analysis.AnalysisResult;
import dev.ich.core.analysis.AnalysisStage;
import dev.ich.core.analysis.LibraryVersion;
import dev.ich.core.analysis.batch.BatchResult;
import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The columns of the results table and how a {@link BatchResult} fills them: one row per study,
 *
 * <pre>study, [carried columns], status, error_code, error_message, predicted_volume_ml,
 * predicted_size_mm, probability_of_death, predicted_outcome, estimate_&lt;name&gt;_ml...,
 * warnings, read_ms, preprocess_ms, predict_ms, estimate_ms, explain_ms, total_ms,
 * series_instance_uid, slices, model_sha256, library_version</pre>
 *
 * <p>A row is a list of texts (null where a value is absent, as in an error row), the form CSV
 * writes, each on one line (line breaks become spaces); {@link #value} gives a text its column's
 * type. No column holds patient identity: the series UID identifies the images, not the person.
 */
public final class ResultSchema {

    /** The status of an analysed study. */
    public static final String OK = "ok";

    /** The status of a study that failed. */
    public static final String ERROR = "error";

    /** The column naming the study (a manifest's column of that name). */
    public static final String STUDY = "study";

    private static final String SEPARATOR = " | ";
    private static final List<AnalysisStage> STAGES = List.of(AnalysisStage.values());

    private final List<String> carried;
    private final List<String> estimators;
    private final List<Column> columns;

    private ResultSchema(List<String> carried, List<String> estimators, List<Column> columns) {
        this.carried = carried;
        this.estimators = estimators;
        this.columns = columns;
    }

    /**
     * The schema for studies carrying {@code carried} columns, analysed with the classical
     * estimators named {@code estimators} (in the analyzer's order).
     *
     * @throws IchException {@link ErrorCode#INVALID_TABLE} when a carried column has the name of a
     *     result column
     */
    public static ResultSchema of(List<String> carried, List<String> estimators)
            throws IchException {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column(STUDY, ColumnType.STRING));
        List<Column> results =
                new ArrayList<>(
                        List.of(
                                new Column("status", ColumnType.STRING),
                                new Column("error_code", ColumnType.STRING),
                                new Column("error_message", ColumnType.STRING),
                                new Column("predicted_volume_ml", ColumnType.DOUBLE),
                                new Column("predicted_size_mm", ColumnType.DOUBLE),
                                new Column("probability_of_death", ColumnType.DOUBLE),
                                new Column("predicted_outcome", ColumnType.STRING)));
        for (String estimator : estimators) {
            results.add(new Column("estimate_" + estimator + "_ml", ColumnType.DOUBLE));
        }
        results.add(new Column("warnings", ColumnType.STRING));
        for (AnalysisStage stage : STAGES) {
            results.add(
                    new Column(stage.name().toLowerCase(Locale.ROOT) + "_ms", ColumnType.DOUBLE));
        }
        results.addAll(
                List.of(
                        new Column("total_ms", ColumnType.DOUBLE),
                        new Column("series_instance_uid", ColumnType.STRING),
                        new Column("slices", ColumnType.INT),
                        new Column("model_sha256", ColumnType.STRING),
                        new Column("library_version", ColumnType.STRING)));
        Set<String> names = new HashSet<>();
        results.forEach(c -> names.add(c.name()));
        names.add(STUDY);
        for (String name : carried) {
            if (!names.add(name)) {
                throw new IchException(
                        ErrorCode.INVALID_TABLE,
                        "column '" + name + "'",
                        "the study list has a column of the same name as a result column (or twice)",
                        "Rename that column of the manifest");
            }
            columns.add(new Column(name, ColumnType.STRING));
        }
        columns.addAll(results);
        return new ResultSchema(
                List.copyOf(carried),
                List.copyOf(estimators),
                Collections.unmodifiableList(columns));
    }

    /** The columns, in order. */
    public List<Column> columns() {
        return columns;
    }

    /** The column names, in order. */
    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    /** The carried columns' names. */
    public List<String> carried() {
        return carried;
    }

    /** The index of the {@code model_sha256} column. */
    public int modelColumn() {
        return names().indexOf("model_sha256");
    }

    /**
     * The row of one result; {@code modelSha256} is recorded in error rows too, so every row says
     * which model the run used.
     */
    public List<String> row(BatchResult r, String modelSha256) {
        Objects.requireNonNull(modelSha256, "modelSha256");
        List<String> row = new ArrayList<>(columns.size());
        row.add(oneLine(r.study().key()));
        for (String name : carried) {
            String value = r.study().columns().get(name);
            row.add(value == null ? null : oneLine(value));
        }
        AnalysisResult a = r.analysis();
        row.add(r.succeeded() ? OK : ERROR);
        row.add(r.succeeded() ? null : r.errorCode().name());
        row.add(r.succeeded() ? null : oneLine(r.errorMessage()));
        if (a == null) {
            for (int i = 0; i < 4 + estimators.size() + 1 + STAGES.size(); i++) {
                row.add(null);
            }
        } else {
            row.add(number(a.volumeMl()));
            row.add(number(a.prediction().sizeMm()));
            row.add(number(a.probabilityOfDeath()));
            row.add(a.prediction().outcome().name().toLowerCase(Locale.ROOT));
            for (String estimator : estimators) {
                Double ml = a.classicalEstimatesMl().get(estimator);
                row.add(ml == null ? null : number(ml));
            }
            row.add(a.warnings().isEmpty() ? null : oneLine(String.join(SEPARATOR, a.warnings())));
            for (AnalysisStage stage : STAGES) {
                row.add(milliseconds(a.timings().getOrDefault(stage, Duration.ZERO)));
            }
        }
        row.add(milliseconds(r.elapsed()));
        row.add(a == null ? null : a.provenance().seriesInstanceUid());
        row.add(a == null ? null : Integer.toString(a.provenance().sliceCount()));
        row.add(modelSha256);
        row.add(LibraryVersion.get());
        return row;
    }

    /**
     * The typed value of a text of column {@code index}: a {@link String}, {@link Double} or {@link
     * Integer}, or null for a null or empty text.
     *
     * @throws NumberFormatException when a numeric column holds text that is not a number
     */
    public Object value(int index, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        switch (columns.get(index).type()) {
            case DOUBLE:
                return Double.valueOf(text);
            case INT:
                return Integer.valueOf(text);
            default:
                return text;
        }
    }

    private static String number(double v) {
        return Double.toString(v);
    }

    /** Milliseconds to the microsecond, so the text stays short. */
    private static String milliseconds(Duration d) {
        return number(Math.round(d.toNanos() / 1e3) / 1e3);
    }

    /** A record is one physical line in the journal, so line breaks in a message become spaces. */
    private static String oneLine(String text) {
        return text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }
}
