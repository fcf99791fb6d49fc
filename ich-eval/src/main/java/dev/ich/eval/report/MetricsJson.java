package dev.ich.eval.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.ich.core.json.Json;
import dev.ich.eval.Evaluation;
import dev.ich.eval.ModelComparison;
import dev.ich.eval.metrics.CalibrationCurve;
import dev.ich.eval.metrics.ConfusionMatrix;
import dev.ich.eval.metrics.DeLongComparison;
import dev.ich.eval.metrics.Estimate;
import dev.ich.eval.metrics.PrognosisEvaluation;
import dev.ich.eval.metrics.RocCurve;
import dev.ich.eval.metrics.VolumeEvaluation;
import dev.ich.eval.metrics.VolumeMetric;

/**
 * metrics.json: the main model's volume and prognosis metrics at the top ({@code volume.mae,
 * volume.mse, volume.mape} in ml, ml², percent; {@code prognosis.accuracy, prognosis.auc} as
 * fractions), each with its interval under {@code ci}, then both tables and the DeLong comparisons.
 */
public final class MetricsJson {

    private MetricsJson() {}

    /** The whole document. */
    public static JsonObject of(Evaluation evaluation) {
        JsonObject root = new JsonObject();
        root.addProperty("cases", evaluation.cases().size());
        JsonObject settings = new JsonObject();
        settings.addProperty("threshold", evaluation.options().threshold());
        settings.addProperty(
                "decision_rule", "poor outcome predicted when probability > threshold");
        settings.addProperty("confidence_level", evaluation.options().level());
        settings.add("bootstrap", bootstrap(evaluation));
        settings.addProperty("calibration_bins", evaluation.options().calibrationBins());
        root.add("settings", settings);
        root.add("volume", volume(evaluation.modelVolume().evaluation()));
        root.add("prognosis", prognosis(evaluation.modelPrognosis().evaluation(), true));
        root.add("volume_estimates", VolumeTable.of(evaluation).toJsonObject().get("rows"));
        root.add("prognosis_models", PrognosisTable.of(evaluation).toJsonObject().get("rows"));
        JsonArray comparisons = new JsonArray();
        for (ModelComparison c : evaluation.comparisons()) {
            JsonObject o = delong(c.test());
            o.addProperty("model_a", c.modelA());
            o.addProperty("model_b", c.modelB());
            comparisons.add(o);
        }
        root.add("comparisons", comparisons);
        return root;
    }

    /** The document as pretty-printed text. */
    public static String toJson(Evaluation evaluation) {
        return Json.toJson(of(evaluation));
    }

    static JsonObject bootstrap(Evaluation evaluation) {
        JsonObject b = new JsonObject();
        b.addProperty("method", "percentile");
        b.addProperty("resamples", evaluation.options().bootstrap().resamples());
        b.addProperty("seed", evaluation.options().bootstrap().seed());
        b.addProperty("generator", "org.apache.commons.math3.random.MersenneTwister");
        b.addProperty("quantiles", "R-7 (linear, NumPy default)");
        return b;
    }

    static JsonObject volume(VolumeEvaluation e) {
        JsonObject o = new JsonObject();
        o.addProperty("n", e.cases());
        JsonObject ci = new JsonObject();
        for (VolumeMetric m : VolumeMetric.values()) {
            Estimate x = e.get(m);
            o.add(m.key(), Format.json(x.value()));
            ci.add(m.key(), Format.interval(x.lower(), x.upper()));
        }
        o.add("ci", ci);
        JsonObject units = new JsonObject();
        for (VolumeMetric m : VolumeMetric.values()) {
            units.addProperty(m.key(), m.unit());
        }
        o.add("units", units);
        return o;
    }

    static JsonObject prognosis(PrognosisEvaluation e, boolean curves) {
        JsonObject o = new JsonObject();
        ConfusionMatrix cm = e.confusion();
        o.addProperty("n", e.cases());
        o.addProperty("positives", cm.positives());
        o.addProperty("negatives", cm.negatives());
        o.add("accuracy", Format.json(e.accuracy().value()));
        o.add("sensitivity", Format.value(e.sensitivity()));
        o.add("specificity", Format.value(e.specificity()));
        o.add("ppv", Format.value(e.ppv()));
        o.add("npv", Format.value(e.npv()));
        o.add("f1", Format.json(e.f1()));
        o.add("balanced_accuracy", Format.json(e.balancedAccuracy()));
        o.add("auc", Format.json(e.auc().auc()));
        o.add("auc_standard_error", Format.json(e.auc().standardError()));
        o.add("brier", Format.json(e.brier()));
        JsonObject ci = new JsonObject();
        ci.add("accuracy", Format.interval(e.accuracy().lower(), e.accuracy().upper()));
        ci.add("sensitivity", Format.interval(e.sensitivity()));
        ci.add("specificity", Format.interval(e.specificity()));
        ci.add("ppv", Format.interval(e.ppv()));
        ci.add("npv", Format.interval(e.npv()));
        ci.add("auc", Format.interval(e.auc().lower(), e.auc().upper()));
        ci.addProperty("proportions", "Wilson score");
        ci.addProperty("auc_method", "DeLong");
        o.add("ci", ci);
        JsonObject matrix = new JsonObject();
        matrix.addProperty("tp", cm.truePositives());
        matrix.addProperty("fp", cm.falsePositives());
        matrix.addProperty("tn", cm.trueNegatives());
        matrix.addProperty("fn", cm.falseNegatives());
        o.add("confusion_matrix", matrix);
        JsonObject youden = new JsonObject();
        youden.add("threshold", Format.json(e.youden().threshold()));
        youden.add("sensitivity", Format.json(e.youden().sensitivity()));
        youden.add("specificity", Format.json(e.youden().specificity()));
        youden.add("j", Format.json(e.youden().j()));
        youden.addProperty("rule", "positive when probability >= threshold");
        o.add("youden", youden);
        if (curves) {
            CalibrationCurve cal = e.calibration();
            JsonObject c = new JsonObject();
            c.add("mean_predicted", array(cal.meanPredicted()));
            c.add("fraction_positive", array(cal.fractionPositive()));
            JsonArray counts = new JsonArray();
            for (long n : cal.counts()) {
                counts.add(n);
            }
            c.add("counts", counts);
            o.add("calibration", c);
            RocCurve roc = e.roc();
            JsonObject r = new JsonObject();
            r.add("thresholds", array(roc.thresholds()));
            r.add("fpr", array(roc.falsePositiveRates()));
            r.add("tpr", array(roc.truePositiveRates()));
            o.add("roc", r);
        }
        return o;
    }

    static JsonObject delong(DeLongComparison d) {
        JsonObject o = new JsonObject();
        o.add("auc_a", Format.json(d.aucA()));
        o.add("auc_b", Format.json(d.aucB()));
        o.add("difference", Format.json(d.difference()));
        o.add("difference_ci", Format.interval(d.lower(), d.upper()));
        o.add("variance", Format.json(d.variance()));
        o.add("z", Format.json(d.z()));
        o.add("p_value", Format.json(d.pValue()));
        return o;
    }

    private static JsonArray array(double[] values) {
        JsonArray a = new JsonArray();
        for (double v : values) {
            a.add(Format.json(v));
        }
        return a;
    }
}
