package dev.ich.eval.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The cases to evaluate: per case the reference volume, the model's volume, the observed outcome (1
 * = poor, the positive class) and the model's probability of it; optionally further volume
 * estimates (Table 1 rows) and further models' probabilities (Table 2 rows). Immutable.
 *
 * <p>Built by {@link PredictionsCsv} from a file, or in code with {@link #builder(String)} (for
 * example from a model's predictions). Case identifiers are kept for the caller but never written
 * to a report. {@link #describe(int)} names a case for error messages ("line 7 of preds.csv" or
 * "case 6 of ...").
 */
public final class CaseTable {

    /** The name of the main model in tables and figures. */
    public static final String MODEL = "model";

    private final String source;
    private final List<String> ids;
    private final double[] trueVolumeMl;
    private final double[] predictedVolumeMl;
    private final int[] outcome;
    private final double[] probability;
    private final List<EstimateColumn> estimates;
    private final List<ProbabilityColumn> models;
    private final int[] lines;

    private CaseTable(Builder b) {
        this.source = b.source;
        this.ids = List.copyOf(b.ids);
        int n = ids.size();
        this.trueVolumeMl = new double[n];
        this.predictedVolumeMl = new double[n];
        this.outcome = new int[n];
        this.probability = new double[n];
        for (int i = 0; i < n; i++) {
            trueVolumeMl[i] = b.trueVolumes.get(i);
            predictedVolumeMl[i] = b.predictedVolumes.get(i);
            outcome[i] = b.outcomes.get(i);
            probability[i] = b.probabilities.get(i);
        }
        this.estimates = List.copyOf(b.estimates);
        this.models = List.copyOf(b.models);
        this.lines =
                b.lines.isEmpty() ? null : b.lines.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * A builder; {@code source} names where the cases came from in error messages, e.g. the file
     * name.
     */
    public static Builder builder(String source) {
        return new Builder(source);
    }

    /** Where the cases came from (a file name, or a description). */
    public String source() {
        return source;
    }

    public int size() {
        return ids.size();
    }

    /** The case identifiers, in order (never written to reports). */
    public List<String> ids() {
        return ids;
    }

    public double[] trueVolumeMl() {
        return trueVolumeMl.clone();
    }

    public double[] predictedVolumeMl() {
        return predictedVolumeMl.clone();
    }

    /** Observed outcomes: 1 poor (positive), 0 good. */
    public int[] outcome() {
        return outcome.clone();
    }

    /** The main model's probability of the poor outcome. */
    public double[] probability() {
        return probability.clone();
    }

    /** Further volume estimates, in column order. */
    public List<EstimateColumn> estimates() {
        return estimates;
    }

    /** Further models' probabilities, in column order. */
    public List<ProbabilityColumn> models() {
        return models;
    }

    /** Names case {@code index} (0-based) for a message: its line in the source file when known. */
    public String describe(int index) {
        if (lines != null && index >= 0 && index < lines.length) {
            return "line " + lines[index] + " of " + source;
        }
        return "case " + index + " of " + source;
    }

    /** Builds a {@link CaseTable}; {@link #build()} checks every value and the column names. */
    public static final class Builder {
        private final String source;
        private final List<String> ids = new ArrayList<>();
        private final List<Double> trueVolumes = new ArrayList<>();
        private final List<Double> predictedVolumes = new ArrayList<>();
        private final List<Integer> outcomes = new ArrayList<>();
        private final List<Double> probabilities = new ArrayList<>();
        private final List<Integer> lines = new ArrayList<>();
        private final List<EstimateColumn> estimates = new ArrayList<>();
        private final List<ProbabilityColumn> models = new ArrayList<>();

        private Builder(String source) {
            this.source = Objects.requireNonNull(source, "source");
        }

        /** Adds a case. */
        public Builder addCase(
                String id,
                double trueVolumeMl,
                double predictedVolumeMl,
                int outcome,
                double probability) {
            ids.add(Objects.requireNonNull(id, "id"));
            trueVolumes.add(trueVolumeMl);
            predictedVolumes.add(predictedVolumeMl);
            outcomes.add(outcome);
            probabilities.add(probability);
            return this;
        }

        /** Records the source line of every case, in order (used for messages). */
        Builder lines(List<Integer> sourceLines) {
            lines.clear();
            lines.addAll(sourceLines);
            return this;
        }

        /** Adds a further volume estimate column (a Table 1 row). */
        public Builder addEstimate(EstimateColumn column) {
            estimates.add(Objects.requireNonNull(column, "column"));
            return this;
        }

        /** Adds a further model's probabilities (a Table 2 row). */
        public Builder addModel(ProbabilityColumn column) {
            models.add(Objects.requireNonNull(column, "column"));
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the case and field: no cases, a volume that is
         *     not a finite non-negative number, an outcome other than 0/1, a probability outside
         *     [0, 1], a column of the wrong length, or a repeated column name
         */
        public CaseTable build() {
            int n = ids.size();
            if (n == 0) {
                throw new IllegalArgumentException(
                        "cases: none added; at least one case is needed");
            }
            for (int i = 0; i < n; i++) {
                requireVolume("trueVolumeMl", i, trueVolumes.get(i));
                requireVolume("predictedVolumeMl", i, predictedVolumes.get(i));
                if (outcomes.get(i) != 0 && outcomes.get(i) != 1) {
                    throw new IllegalArgumentException(
                            "outcome of case " + i + " is " + outcomes.get(i) + "; use 0 or 1");
                }
                double p = probabilities.get(i);
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException(
                            "probability of case " + i + " is " + p + "; it must lie in [0, 1]");
                }
            }
            if (!lines.isEmpty() && lines.size() != n) {
                throw new IllegalArgumentException(
                        "lines has " + lines.size() + " entries for " + n + " cases");
            }
            Set<String> names = new HashSet<>();
            names.add(MODEL);
            for (EstimateColumn c : estimates) {
                if (c.present().length != n) {
                    throw new IllegalArgumentException(
                            "estimate column "
                                    + c.name()
                                    + " has "
                                    + c.present().length
                                    + " values for "
                                    + n
                                    + " cases");
                }
                if (!names.add(c.name())) {
                    throw new IllegalArgumentException(
                            "estimate column name '" + c.name() + "' is used twice");
                }
            }
            Set<String> modelNames = new HashSet<>(Collections.singleton(MODEL));
            for (ProbabilityColumn c : models) {
                if (c.probabilities().length != n) {
                    throw new IllegalArgumentException(
                            "model "
                                    + c.name()
                                    + " has "
                                    + c.probabilities().length
                                    + " probabilities for "
                                    + n
                                    + " cases");
                }
                if (!modelNames.add(c.name())) {
                    throw new IllegalArgumentException(
                            "model name '" + c.name() + "' is used twice");
                }
            }
            return new CaseTable(this);
        }

        private static void requireVolume(String field, int i, double v) {
            if (!(Double.isFinite(v) && v >= 0)) {
                throw new IllegalArgumentException(
                        field
                                + " of case "
                                + i
                                + " is "
                                + v
                                + "; volumes must be finite and non-negative (ml)");
            }
        }
    }
}
