package dev.ich.eval.table;

import dev.ich.core.error.IchException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training log (the paper's Figure 3): a CSV with an {@code epoch} column and any number of
 * numeric series such as {@code train_loss, val_loss, val_mae, val_auc}. An empty cell means the
 * series was not logged at that epoch and is stored as NaN (a gap in the plot).
 *
 * @param epochs the epoch of every row, increasing
 * @param series every other column, in file order, one value per row
 */
public record TrainingLog(double[] epochs, Map<String, double[]> series) {

    public TrainingLog {
        epochs = epochs.clone();
        Map<String, double[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            if (e.getValue().length != epochs.length) {
                throw new IllegalArgumentException(
                        "series "
                                + e.getKey()
                                + " has "
                                + e.getValue().length
                                + " values for "
                                + epochs.length
                                + " epochs");
            }
            copy.put(e.getKey(), e.getValue().clone());
        }
        series = Collections.unmodifiableMap(copy);
    }

    @Override
    public double[] epochs() {
        return epochs.clone();
    }

    /** A copy of one series. */
    public double[] get(String name) {
        double[] s = series.get(name);
        if (s == null) {
            throw new IllegalArgumentException(
                    "no series " + name + "; the log has " + series.keySet());
        }
        return s.clone();
    }

    /** Reads a training log CSV. */
    public static TrainingLog read(Path file) throws IchException {
        List<CsvReader.Row> rows = CsvReader.read(file);
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String[] header =
                Arrays.stream(rows.get(0).fields()).map(String::strip).toArray(String[]::new);
        int epochCol = Arrays.asList(header).indexOf("epoch");
        if (epochCol < 0) {
            throw CsvReader.error(name, 1, "the header lacks the column epoch");
        }
        if (rows.size() < 2) {
            throw CsvReader.error(name, 1, "the log has a header but no epochs");
        }
        int n = rows.size() - 1;
        double[] epochs = new double[n];
        Map<String, double[]> series = new LinkedHashMap<>();
        for (int c = 0; c < header.length; c++) {
            if (c != epochCol) {
                if (header[c].isEmpty() || series.containsKey(header[c])) {
                    throw CsvReader.error(
                            name, 1, "header column " + (c + 1) + " is empty or repeated");
                }
                series.put(header[c], new double[n]);
            }
        }
        for (int r = 1; r <= n; r++) {
            CsvReader.Row row = rows.get(r);
            epochs[r - 1] = Cells.number(name, row.line(), "epoch", row.fields()[epochCol]);
            if (r > 1 && !(epochs[r - 1] > epochs[r - 2])) {
                throw CsvReader.error(
                        name,
                        row.line(),
                        "epoch "
                                + epochs[r - 1]
                                + " does not follow "
                                + epochs[r - 2]
                                + "; epochs must increase");
            }
            for (int c = 0; c < header.length; c++) {
                if (c != epochCol) {
                    String cell = row.fields()[c];
                    series.get(header[c])[r - 1] =
                            cell.isBlank()
                                    ? Double.NaN
                                    : Cells.number(name, row.line(), header[c], cell);
                }
            }
        }
        return new TrainingLog(epochs, series);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TrainingLog)
                || !Arrays.equals(((TrainingLog) o).epochs, epochs)
                || !((TrainingLog) o).series.keySet().equals(series.keySet())) {
            return false;
        }
        for (String k : series.keySet()) {
            if (!Arrays.equals(series.get(k), ((TrainingLog) o).series.get(k))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(epochs) * 31 + series.keySet().hashCode();
    }

    @Override
    public String toString() {
        return "TrainingLog[" + epochs.length + " epochs, " + series.keySet() + "]";
    }
}
