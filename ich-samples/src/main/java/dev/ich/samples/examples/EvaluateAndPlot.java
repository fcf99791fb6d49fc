package dev.ich.samples.examples;

import dev.ich.eval.Evaluation;
import dev.ich.eval.EvaluationOptions;
import dev.ich.eval.Evaluator;
import dev.ich.eval.metrics.VolumeMetric;
import dev.ich.eval.plot.EvaluationFigures;
import dev.ich.eval.report.EvaluationWriter;
import dev.ich.eval.table.CaseTable;
import dev.ich.eval.table.PredictionsCsv;
import java.nio.file.Path;
import java.util.List;

/**
 * Example: the paper's Tables 1 and 2 and Figures 2–4 from a predictions CSV ({@code
 * id,true_volume_ml,pred_volume_ml,true_outcome,pred_probability[,more estimates]}). Arguments: the
 * CSV and an output folder.
 */
public final class EvaluateAndPlot {

    private EvaluateAndPlot() {}

    public static void main(String[] args) throws Exception {
        Evaluation e = evaluate(Path.of(args[0]), Path.of(args[1]));
        System.out.println(
                "MAPE "
                        + e.modelVolume().evaluation().get(VolumeMetric.MAPE).value()
                        + " %, AUC "
                        + e.modelPrognosis().evaluation().auc().auc());
    }

    static Evaluation evaluate(Path predictionsCsv, Path out) throws Exception {
        CaseTable cases = PredictionsCsv.read(predictionsCsv);
        Evaluation evaluation = Evaluator.evaluate(cases, EvaluationOptions.defaults());
        new EvaluationWriter(false, List.of(new EvaluationFigures()))
                .write(evaluation, out); // tables, metrics.json, PNGs
        return evaluation;
    }
}
