package dev.ich.samples.demo;

import com.google.gson.JsonObject;
import dev.ich.core.error.IchException;
import dev.ich.core.json.Json;
import dev.ich.eval.Evaluation;
import dev.ich.eval.EvaluationOptions;
import dev.ich.eval.Evaluator;
import dev.ich.eval.VolumeRow;
import dev.ich.eval.metrics.VolumeMetric;
import dev.ich.eval.plot.EvaluationFigures;
import dev.ich.eval.report.EvaluationWriter;
import dev.ich.eval.report.MetricsJson;
import dev.ich.eval.table.CaseTable;
import dev.ich.eval.table.EstimateColumn;
import dev.ich.eval.table.PredictionsCsv;
import dev.ich.eval.table.ProbabilityColumn;
import dev.ich.eval.table.TrainingLog;
import dev.ich.model.train.TrainingResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Turns the held-out analyses into the paper's tables and figures ({@code evaluation/}), the
 * predictions CSV {@code ich evaluate} reads, {@code metrics.json} and {@code report.html}.
 */
final class DemoReport {

    static final String ABC2 = "abc2";

    private final DemoSettings settings;
    private final Evaluation evaluation;
    private final List<HeldOutCase> cases;
    private final Path out;

    private DemoReport(
            DemoSettings settings, Evaluation evaluation, List<HeldOutCase> cases, Path out) {
        this.settings = settings;
        this.evaluation = evaluation;
        this.cases = cases;
        this.out = out;
    }

    static DemoReport write(
            DemoSettings settings,
            List<HeldOutCase> cases,
            TrainingResult multi,
            TrainingResult prognosisOnly,
            Path out,
            Map<String, Duration> timings)
            throws IchException {
        CaseTable table = caseTable(cases, prognosisOnly != null);
        DemoPipeline.write(out.resolve("predictions.csv"), predictionsCsv(table));
        Evaluation evaluation = Evaluator.evaluate(table, EvaluationOptions.defaults());
        TrainingLog log = TrainingLog.read(out.resolve("training_log.csv"));
        new EvaluationWriter(false, List.of(new EvaluationFigures(log)))
                .write(evaluation, out.resolve("evaluation"));
        DemoReport report = new DemoReport(settings, evaluation, cases, out);
        HtmlReport.write(out.resolve("report.html"), settings, evaluation, cases, multi, out);
        return report;
    }

    private static CaseTable caseTable(List<HeldOutCase> cases, boolean ablation) {
        CaseTable.Builder b = CaseTable.builder("held-out phantoms");
        for (HeldOutCase c : cases) {
            b.addCase(
                    c.truth().id(),
                    c.truth().volumeMl(),
                    c.result().volumeMl(),
                    c.truth().outcome(),
                    c.result().probabilityOfDeath());
        }
        b.addEstimate(column(ABC2, cases, c -> c.result().classicalEstimatesMl().get("abc2")));
        b.addEstimate(
                column(
                        "planimetry",
                        cases,
                        c -> c.result().classicalEstimatesMl().get("planimetry")));
        b.addEstimate(column("abc2_true_mask", cases, c -> c.truth().abc2Ml()));
        int raters = cases.get(0).truth().raterMl().length;
        for (int r = 0; r < raters; r++) {
            int rater = r;
            b.addEstimate(column("rater_" + (r + 1), cases, c -> c.truth().raterMl()[rater]));
        }
        if (ablation) {
            b.addModel(
                    new ProbabilityColumn(
                            "prognosis_only",
                            cases.stream()
                                    .mapToDouble(HeldOutCase::prognosisOnlyProbability)
                                    .toArray()));
        }
        return b.build();
    }

    /**
     * The table in the format {@code ich evaluate --predictions} reads, so a user can re-run it.
     */
    private static String predictionsCsv(CaseTable t) {
        StringBuilder csv = new StringBuilder(String.join(",", PredictionsCsv.REQUIRED));
        t.estimates().forEach(e -> csv.append(',').append(e.name()));
        t.models()
                .forEach(
                        m ->
                                csv.append(',')
                                        .append(PredictionsCsv.PROBABILITY_PREFIX)
                                        .append(m.name()));
        csv.append('\n');
        for (int i = 0; i < t.size(); i++) {
            csv.append(t.ids().get(i))
                    .append(',')
                    .append(t.trueVolumeMl()[i])
                    .append(',')
                    .append(t.predictedVolumeMl()[i])
                    .append(',')
                    .append(t.outcome()[i])
                    .append(',')
                    .append(t.probability()[i]);
            for (EstimateColumn e : t.estimates()) {
                csv.append(',').append(e.valuesMl()[i]);
            }
            for (ProbabilityColumn m : t.models()) {
                csv.append(',').append(m.probabilities()[i]);
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private static EstimateColumn column(
            String name, List<HeldOutCase> cases, ToDoubleFunction<HeldOutCase> value) {
        return EstimateColumn.complete(name, cases.stream().mapToDouble(value).toArray());
    }

    /**
     * Writes {@code metrics.json}: the evaluation's document plus baselines, explanation and
     * timings.
     */
    void writeMetrics(Map<String, Duration> timings) throws IchException {
        JsonObject root = MetricsJson.of(evaluation);
        JsonObject baselines = new JsonObject();
        for (VolumeRow row : evaluation.volumeRows().subList(1, evaluation.volumeRows().size())) {
            JsonObject o = new JsonObject();
            for (VolumeMetric m : List.of(VolumeMetric.MAE, VolumeMetric.MSE, VolumeMetric.MAPE)) {
                o.addProperty(m.key(), row.evaluation().get(m).value());
            }
            baselines.add(row.name(), o);
        }
        root.add("baselines", baselines);
        JsonObject explain = new JsonObject();
        explain.addProperty("energy_in_mask", mean(HeldOutCase::energyInMask));
        explain.addProperty("chance_energy_in_mask", mean(HeldOutCase::maskShareOfHead));
        // A map that is zero everywhere has no share inside the mask; the mean above leaves it out.
        explain.addProperty(
                "maps_without_energy",
                cases.stream().filter(c -> Double.isNaN(c.energyInMask())).count());
        explain.addProperty("pointing_game", pointingGame());
        explain.addProperty("head", "volume");
        explain.addProperty("method", DemoPipeline.EXPLANATION.describe());
        root.add("explain", explain);
        JsonObject seconds = new JsonObject();
        timings.forEach((k, v) -> seconds.addProperty(k, v.toMillis() / 1000.0));
        root.add("timings_seconds", seconds);
        JsonObject demo = new JsonObject();
        demo.addProperty("seed", settings.seed());
        demo.addProperty("train_cases", settings.trainCases());
        demo.addProperty("validation_cases", settings.validationCases());
        demo.addProperty("test_cases", settings.testCases());
        demo.addProperty("epochs", settings.epochs());
        demo.addProperty("learning_rate", settings.learningRate());
        root.add("demo", demo);
        DemoPipeline.write(out.resolve("metrics.json"), Json.toJson(root));
    }

    private double mean(ToDoubleFunction<HeldOutCase> value) {
        return cases.stream()
                .mapToDouble(value)
                .filter(Double::isFinite)
                .average()
                .orElse(Double.NaN);
    }

    DemoSummary summary() {
        double abc2Mape =
                evaluation.volumeRows().stream()
                        .filter(r -> r.name().equals(ABC2))
                        .findFirst()
                        .orElseThrow()
                        .evaluation()
                        .get(VolumeMetric.MAPE)
                        .value();
        return new DemoSummary(
                cases.size(),
                evaluation.modelVolume().evaluation().get(VolumeMetric.MAPE).value(),
                abc2Mape,
                evaluation.modelVolume().evaluation().get(VolumeMetric.MAE).value(),
                evaluation.modelPrognosis().evaluation().auc().auc(),
                evaluation.modelPrognosis().evaluation().accuracy().value(),
                mean(HeldOutCase::energyInMask),
                pointingGame(),
                Double.NaN);
    }

    /** The share of held-out heatmaps whose maximum lies inside the true mask. */
    private double pointingGame() {
        return cases.stream()
                .mapToDouble(c -> c.pointingHit() ? 1 : 0)
                .average()
                .orElse(Double.NaN);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
