package dev.ich.eval.plot;

import dev.ich.core.error.IchException;
import dev.ich.core.io.OutputBatch;
import dev.ich.eval.Evaluation;
import dev.ich.eval.PrognosisRow;
import dev.ich.eval.metrics.CalibrationCurve;
import dev.ich.eval.metrics.RocCurve;
import dev.ich.eval.report.EvaluationFiles;
import dev.ich.eval.report.EvaluationWriter;
import dev.ich.eval.table.TrainingLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.JFreeChart;

/**
 * The evaluation's figures as PNG, for an {@link EvaluationWriter}: ROC and calibration curves of
 * every prognosis row, Bland–Altman and scatter plots of the model's volume, the volume histogram
 * and, given a training log, the training curves.
 *
 * <pre>{@code
 * new EvaluationWriter(false, List.of(new EvaluationFigures())).write(evaluation, folder);
 * }</pre>
 */
public final class EvaluationFigures implements EvaluationFiles {

    private static final int SIZE = 900;

    private final Optional<TrainingLog> trainingLog;

    /** The figures without training curves. */
    public EvaluationFigures() {
        this.trainingLog = Optional.empty();
    }

    /**
     * The figures with the training curves of {@code trainingLog} ({@code training_curves.png}).
     *
     * @param trainingLog the per-epoch losses and metrics to plot
     */
    public EvaluationFigures(TrainingLog trainingLog) {
        this.trainingLog = Optional.of(trainingLog);
    }

    @Override
    public List<String> fileNames() {
        List<String> names =
                new ArrayList<>(
                        List.of(
                                "roc.png",
                                "calibration.png",
                                "bland_altman.png",
                                "scatter.png",
                                "volume_histogram.png"));
        if (trainingLog.isPresent()) {
            names.add("training_curves.png");
        }
        return names;
    }

    @Override
    public void write(Evaluation evaluation, OutputBatch batch) throws IchException {
        Map<String, RocCurve> rocs = new LinkedHashMap<>();
        Map<String, CalibrationCurve> calibrations = new LinkedHashMap<>();
        for (PrognosisRow row : evaluation.prognosisRows()) {
            rocs.put(row.name(), row.evaluation().roc());
            calibrations.put(row.name(), row.evaluation().calibration());
        }
        double[] reference = evaluation.cases().trueVolumeMl();
        double[] model = evaluation.cases().predictedVolumeMl();
        png(batch, Figures.roc(rocs), "roc.png", SIZE, SIZE);
        png(batch, Figures.calibration(calibrations), "calibration.png", SIZE, SIZE);
        png(batch, Figures.blandAltman(reference, model, "model"), "bland_altman.png", 1100, SIZE);
        png(batch, Figures.scatter(reference, model, "model"), "scatter.png", SIZE, SIZE);
        png(batch, Figures.volumeHistogram(reference, 20), "volume_histogram.png", 1400, 700);
        if (trainingLog.isPresent()) {
            png(
                    batch,
                    Figures.trainingCurves(trainingLog.get()),
                    "training_curves.png",
                    1100,
                    1000);
        }
    }

    private static void png(OutputBatch batch, JFreeChart chart, String name, int width, int height)
            throws IchException {
        ChartFiles.writePng(chart, batch.temporary(name), width, height, true);
    }
}
