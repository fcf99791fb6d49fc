package dev.ich.eval.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.ich.core.json.Json;
import dev.ich.eval.Evaluation;
import dev.ich.eval.VolumeRow;
import dev.ich.eval.metrics.Estimate;
import dev.ich.eval.metrics.VolumeEvaluation;
import dev.ich.eval.metrics.VolumeMetric;
import java.util.List;
import java.util.Locale;

/**
 * The paper's Table 1: every volume estimate against the reference volume, with percentile
 * bootstrap intervals of every metric. Rows: the model first, then each estimate column.
 */
public final class VolumeTable {

    private final List<VolumeRow> rows;
    private final Evaluation evaluation;

    private VolumeTable(Evaluation evaluation) {
        this.evaluation = evaluation;
        this.rows = evaluation.volumeRows();
    }

    public static VolumeTable of(Evaluation evaluation) {
        return new VolumeTable(evaluation);
    }

    /**
     * CSV: {@code method,n,} then per metric its value, lower and upper bound ({@code
     * mae,mae_lower,mae_upper,...}).
     */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("method,n");
        for (VolumeMetric m : VolumeMetric.values()) {
            sb.append(',')
                    .append(m.key())
                    .append(',')
                    .append(m.key())
                    .append("_lower,")
                    .append(m.key())
                    .append("_upper");
        }
        sb.append('\n');
        for (VolumeRow row : rows) {
            VolumeEvaluation e = row.evaluation();
            sb.append(Format.csvText(row.name())).append(',').append(e.cases());
            for (VolumeMetric m : VolumeMetric.values()) {
                Estimate x = e.get(m);
                sb.append(',')
                        .append(Format.csv(x.value()))
                        .append(',')
                        .append(Format.csv(x.lower()))
                        .append(',')
                        .append(Format.csv(x.upper()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** A Markdown table with the values rounded and the intervals in brackets. */
    public String toMarkdown() {
        int percent = (int) Math.round(evaluation.options().level() * 100);
        StringBuilder sb = new StringBuilder();
        sb.append(
                "| Method | n | MAE (ml) | MSE (ml²) | MAPE (%) | RMSE (ml) | Bias (ml) | Limits of agreement (ml) | Pearson r | Lin's CCC |\n");
        sb.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (VolumeRow row : rows) {
            VolumeEvaluation e = row.evaluation();
            sb.append("| ")
                    .append(Format.md(row.name()))
                    .append(" | ")
                    .append(e.cases())
                    .append(" | ")
                    .append(Format.withCi(e.get(VolumeMetric.MAE), 2))
                    .append(" | ")
                    .append(Format.withCi(e.get(VolumeMetric.MSE), 2))
                    .append(" | ")
                    .append(Format.withCi(e.get(VolumeMetric.MAPE), 1))
                    .append(" | ")
                    .append(Format.withCi(e.get(VolumeMetric.RMSE), 2))
                    .append(" | ")
                    .append(Format.withCi(e.get(VolumeMetric.MEAN_BIAS), 2))
                    .append(" | ")
                    .append(Format.fixed(e.get(VolumeMetric.LOA_LOWER).value(), 2))
                    .append(" to ")
                    .append(Format.fixed(e.get(VolumeMetric.LOA_UPPER).value(), 2))
                    .append(" | ")
                    .append(Format.withCi(e.get(VolumeMetric.PEARSON_R), 3))
                    .append(" | ")
                    .append(Format.withCi(e.get(VolumeMetric.CCC), 3))
                    .append(" |\n");
        }
        sb.append('\n')
                .append(
                        String.format(
                                Locale.ROOT,
                                "Reference: true_volume_ml. Brackets: %d %% percentile bootstrap intervals (%d resamples, seed %d). "
                                        + "Limits of agreement: bias ± 1.96 SD of (estimate − reference).%n",
                                percent,
                                evaluation.options().bootstrap().resamples(),
                                evaluation.options().bootstrap().seed()));
        return sb.toString();
    }

    /** JSON: settings and one object per row, each metric with its value and interval. */
    public JsonObject toJsonObject() {
        JsonObject root = new JsonObject();
        root.addProperty("reference", "true_volume_ml");
        root.add("bootstrap", MetricsJson.bootstrap(evaluation));
        JsonArray array = new JsonArray();
        for (VolumeRow row : rows) {
            JsonObject o = new JsonObject();
            o.addProperty("method", row.name());
            o.addProperty("n", row.evaluation().cases());
            for (VolumeMetric m : VolumeMetric.values()) {
                Estimate x = row.evaluation().get(m);
                o.add(m.key(), Format.json(x.value()));
                o.add(m.key() + "_ci", Format.interval(x.lower(), x.upper()));
            }
            array.add(o);
        }
        root.add("rows", array);
        return root;
    }

    public String toJson() {
        return Json.toJson(toJsonObject());
    }
}
