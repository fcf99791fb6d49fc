package dev.ich.eval.table;

import dev.ich.core.error.IchException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a predictions table:
 *
 * <pre>
 * id,true_volume_ml,pred_volume_ml,true_outcome,pred_probability[,extra columns...]
 * </pre>
 *
 * <p>Columns may come in any order. {@code true_outcome} is 0 (good) or 1 (poor, the positive
 * class); {@code pred_probability} is the model's probability of a poor outcome. Each further
 * column is:
 *
 * <ul>
 *   <li>{@code prob_<name>}: another model's probability for every case, compared with the main
 *       model in Table 2 (DeLong's test); every cell must be filled;
 *   <li>any other name: another rater's or method's volume estimate in ml (e.g. {@code abc2},
 *       {@code rater1}), a Table 1 row; an empty cell means that case was not estimated.
 * </ul>
 *
 * Numbers are plain decimals (no NaN, Infinity, thousands separators or units). Case identifiers
 * must be non-empty and unique; they are never repeated in messages, which name lines instead.
 */
public final class PredictionsCsv {

    /** The required columns. */
    public static final List<String> REQUIRED =
            List.of("id", "true_volume_ml", "pred_volume_ml", "true_outcome", "pred_probability");

    /** The prefix of extra probability columns. */
    public static final String PROBABILITY_PREFIX = "prob_";

    private PredictionsCsv() {}

    /** Reads {@code file}; every problem is an {@link IchException} naming the line and column. */
    public static CaseTable read(Path file) throws IchException {
        List<CsvReader.Row> rows = CsvReader.read(file);
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return fromRows(rows, name);
    }

    static CaseTable fromRows(List<CsvReader.Row> rows, String name) throws IchException {
        String[] header =
                Arrays.stream(rows.get(0).fields()).map(String::strip).toArray(String[]::new);
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < header.length; c++) {
            if (header[c].isEmpty()) {
                throw CsvReader.error(name, 1, "header column " + (c + 1) + " has no name");
            }
            if (index.put(header[c], c) != null) {
                throw CsvReader.error(name, 1, "the header names column " + header[c] + " twice");
            }
        }
        for (String required : REQUIRED) {
            if (!index.containsKey(required)) {
                throw CsvReader.error(
                        name,
                        1,
                        "the header lacks the column "
                                + required
                                + " (required: "
                                + String.join(",", REQUIRED)
                                + ")");
            }
        }
        if (rows.size() < 2) {
            throw CsvReader.error(name, 1, "the table has a header but no cases");
        }
        List<Integer> estimateCols = new ArrayList<>();
        List<Integer> probabilityCols = new ArrayList<>();
        for (int c = 0; c < header.length; c++) {
            if (REQUIRED.contains(header[c])) {
                continue;
            }
            if (header[c].startsWith(PROBABILITY_PREFIX)) {
                if (header[c].length() == PROBABILITY_PREFIX.length()) {
                    throw CsvReader.error(
                            name,
                            1,
                            "column "
                                    + header[c]
                                    + " needs a model name after "
                                    + PROBABILITY_PREFIX);
                }
                probabilityCols.add(c);
            } else {
                estimateCols.add(c);
            }
        }
        int n = rows.size() - 1;
        CaseTable.Builder builder = CaseTable.builder(name);
        List<Integer> lines = new ArrayList<>();
        Map<String, Integer> seenIds = new HashMap<>();
        double[][] estimates = new double[estimateCols.size()][n];
        boolean[][] present = new boolean[estimateCols.size()][n];
        double[][] probabilities = new double[probabilityCols.size()][n];
        for (int r = 1; r <= n; r++) {
            CsvReader.Row row = rows.get(r);
            int line = row.line();
            String[] f = row.fields();
            String id = f[index.get("id")].strip();
            if (id.isEmpty()) {
                throw CsvReader.error(name, line, "column id is empty");
            }
            Integer earlier = seenIds.put(id, line);
            if (earlier != null) {
                throw CsvReader.error(name, line, "the id repeats the id of line " + earlier);
            }
            builder.addCase(
                    id,
                    Cells.volume(name, line, "true_volume_ml", f[index.get("true_volume_ml")]),
                    Cells.volume(name, line, "pred_volume_ml", f[index.get("pred_volume_ml")]),
                    Cells.outcome(name, line, "true_outcome", f[index.get("true_outcome")]),
                    Cells.probability(
                            name, line, "pred_probability", f[index.get("pred_probability")]));
            lines.add(line);
            for (int e = 0; e < estimateCols.size(); e++) {
                String cell = f[estimateCols.get(e)];
                if (!cell.isBlank()) {
                    estimates[e][r - 1] =
                            Cells.volume(name, line, header[estimateCols.get(e)], cell);
                    present[e][r - 1] = true;
                }
            }
            for (int p = 0; p < probabilityCols.size(); p++) {
                probabilities[p][r - 1] =
                        Cells.probability(
                                name,
                                line,
                                header[probabilityCols.get(p)],
                                f[probabilityCols.get(p)]);
            }
        }
        for (int e = 0; e < estimateCols.size(); e++) {
            builder.addEstimate(
                    new EstimateColumn(header[estimateCols.get(e)], estimates[e], present[e]));
        }
        for (int p = 0; p < probabilityCols.size(); p++) {
            builder.addModel(
                    new ProbabilityColumn(
                            header[probabilityCols.get(p)].substring(PROBABILITY_PREFIX.length()),
                            probabilities[p]));
        }
        try {
            return builder.lines(lines).build();
        } catch (IllegalArgumentException e) {
            throw CsvReader.error(name, 1, e.getMessage());
        }
    }
}
