package dev.ich.eval.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.ich.core.json.Json;
import dev.ich.eval.Evaluation;
import dev.ich.eval.ModelComparison;
import dev.ich.eval.PrognosisRow;
import dev.ich.eval.metrics.DeLongComparison;
import dev.ich.eval.metrics.PrognosisEvaluation;
import java.util.Locale;
import java.util.Optional;

/**
 * The paper's Table 2: accuracy and AUC per model with DeLong's test of the main model against each
 * further model (the paper's multi-task against single-task comparison).
 */
public final class PrognosisTable {

    private final Evaluation evaluation;

    private PrognosisTable(Evaluation evaluation) {
        this.evaluation = evaluation;
    }

    public static PrognosisTable of(Evaluation evaluation) {
        return new PrognosisTable(evaluation);
    }

    private Optional<DeLongComparison> comparisonWith(String model) {
        for (ModelComparison c : evaluation.comparisons()) {
            if (c.modelB().equals(model)) {
                return Optional.of(c.test());
            }
        }
        return Optional.empty();
    }

    /**
     * CSV, one row per model; the DeLong columns compare the main model (A) with the row's model
     * (B).
     */
    public String toCsv() {
        StringBuilder sb =
                new StringBuilder(
                        "model,n,threshold,accuracy,accuracy_lower,accuracy_upper,"
                                + "sensitivity,sensitivity_lower,sensitivity_upper,specificity,specificity_lower,specificity_upper,"
                                + "ppv,npv,f1,balanced_accuracy,auc,auc_lower,auc_upper,brier,"
                                + "delong_auc_difference,delong_difference_lower,delong_difference_upper,delong_z,delong_p\n");
        for (PrognosisRow row : evaluation.prognosisRows()) {
            PrognosisEvaluation e = row.evaluation();
            sb.append(Format.csvText(row.name()))
                    .append(',')
                    .append(e.cases())
                    .append(',')
                    .append(Format.csv(e.confusion().threshold()));
            appendCsv(sb, e.accuracy().value(), e.accuracy().lower(), e.accuracy().upper());
            appendCsv(sb, e.sensitivity());
            appendCsv(sb, e.specificity());
            sb.append(',')
                    .append(e.ppv().map(x -> Format.csv(x.value())).orElse(""))
                    .append(',')
                    .append(e.npv().map(x -> Format.csv(x.value())).orElse(""))
                    .append(',')
                    .append(Format.csv(e.f1()))
                    .append(',')
                    .append(Format.csv(e.balancedAccuracy()));
            appendCsv(sb, e.auc().auc(), e.auc().lower(), e.auc().upper());
            sb.append(',').append(Format.csv(e.brier()));
            Optional<DeLongComparison> c = comparisonWith(row.name());
            if (c.isPresent()) {
                DeLongComparison d = c.get();
                sb.append(',')
                        .append(Format.csv(d.difference()))
                        .append(',')
                        .append(Format.csv(d.lower()))
                        .append(',')
                        .append(Format.csv(d.upper()))
                        .append(',')
                        .append(Format.csv(d.z()))
                        .append(',')
                        .append(Format.csv(d.pValue()));
            } else {
                sb.append(",,,,,");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void appendCsv(StringBuilder sb, double v, double lo, double hi) {
        sb.append(',')
                .append(Format.csv(v))
                .append(',')
                .append(Format.csv(lo))
                .append(',')
                .append(Format.csv(hi));
    }

    private static void appendCsv(StringBuilder sb, Optional<dev.ich.eval.metrics.Estimate> e) {
        if (e.isPresent()) {
            appendCsv(sb, e.get().value(), e.get().lower(), e.get().upper());
        } else {
            sb.append(",,,");
        }
    }

    /** Markdown, fractions shown as percentages like the paper. */
    public String toMarkdown() {
        int percent = (int) Math.round(evaluation.options().level() * 100);
        StringBuilder sb = new StringBuilder();
        sb.append(
                "| Model | n | Accuracy (%) | Sensitivity (%) | Specificity (%) | AUC | Brier | ΔAUC vs model | p (DeLong) |\n");
        sb.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (PrognosisRow row : evaluation.prognosisRows()) {
            PrognosisEvaluation e = row.evaluation();
            sb.append("| ")
                    .append(Format.md(row.name()))
                    .append(" | ")
                    .append(e.cases())
                    .append(" | ")
                    .append(percentWithCi(Optional.of(e.accuracy())))
                    .append(" | ")
                    .append(percentWithCi(e.sensitivity()))
                    .append(" | ")
                    .append(percentWithCi(e.specificity()))
                    .append(" | ")
                    .append(Format.withCi(e.auc().estimate(), 3))
                    .append(" | ")
                    .append(Format.fixed(e.brier(), 3));
            Optional<DeLongComparison> c = comparisonWith(row.name());
            if (c.isPresent()) {
                DeLongComparison d = c.get();
                sb.append(" | ")
                        .append(Format.fixed(d.difference(), 3))
                        .append(" [")
                        .append(Format.fixed(d.lower(), 3))
                        .append(", ")
                        .append(Format.fixed(d.upper(), 3))
                        .append("] | ")
                        .append(Format.pValue(d.pValue()));
            } else {
                sb.append(" | — | —");
            }
            sb.append(" |\n");
        }
        sb.append('\n')
                .append(
                        String.format(
                                Locale.ROOT,
                                "Positive class: poor outcome (true_outcome = 1); predicted positive when the probability is greater than %s. "
                                        + "Brackets: %d %% intervals (Wilson for proportions, DeLong for the AUC and for ΔAUC = AUC(model) − AUC(row)).%n",
                                Format.csv(evaluation.options().threshold()),
                                percent));
        return sb.toString();
    }

    private static String percentWithCi(Optional<dev.ich.eval.metrics.Estimate> e) {
        return e.map(
                        x ->
                                Format.fixed(100 * x.value(), 2)
                                        + " ["
                                        + Format.fixed(100 * x.lower(), 2)
                                        + ", "
                                        + Format.fixed(100 * x.upper(), 2)
                                        + "]")
                .orElse("n/a");
    }

    /** JSON: one object per model, fractions in [0, 1], intervals as [lower, upper]. */
    public JsonObject toJsonObject() {
        JsonObject root = new JsonObject();
        root.addProperty("positive_class", "true_outcome = 1 (poor outcome)");
        root.addProperty("threshold", evaluation.options().threshold());
        root.addProperty("confidence_level", evaluation.options().level());
        JsonArray array = new JsonArray();
        for (PrognosisRow row : evaluation.prognosisRows()) {
            JsonObject o = MetricsJson.prognosis(row.evaluation(), false);
            JsonObject named = new JsonObject();
            named.addProperty("model", row.name());
            o.entrySet().forEach(en -> named.add(en.getKey(), en.getValue()));
            comparisonWith(row.name())
                    .ifPresent(d -> named.add("delong_vs_model", MetricsJson.delong(d)));
            array.add(named);
        }
        root.add("rows", array);
        return root;
    }

    public String toJson() {
        return Json.toJson(toJsonObject());
    }
}
