package dev.ich.cli;

import dev.ich.core.analysis.AnalysisResult;
import dev.ich.core.analysis.IchAnalyzer;
import dev.ich.core.error.IchException;
import dev.ich.dicom.AnyStudyReader;
import dev.ich.eval.Evaluation;
import dev.ich.eval.EvaluationOptions;
import dev.ich.eval.Evaluator;
import dev.ich.eval.estimators.SegmentationVolumeEstimator;
import dev.ich.eval.estimators.VolumeMethod;
import dev.ich.eval.metrics.BootstrapSettings;
import dev.ich.eval.metrics.Estimate;
import dev.ich.eval.metrics.PrognosisEvaluation;
import dev.ich.eval.metrics.VolumeEvaluation;
import dev.ich.eval.metrics.VolumeMetric;
import dev.ich.eval.plot.EvaluationFigures;
import dev.ich.eval.report.EvaluationWriter;
import dev.ich.eval.table.CaseTable;
import dev.ich.eval.table.EstimateColumn;
import dev.ich.eval.table.PredictionsCsv;
import dev.ich.eval.table.TrainingLog;
import dev.ich.model.IchModel;
import dev.ich.model.train.ManifestDataset;
import dev.ich.model.train.ManifestRow;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ich evaluate}: the paper's Table 1, Table 2 and figures for a cohort, from a predictions
 * table. The cases come from exactly one source ({@link Source}); a model-driven source ({@code
 * --model dir --manifest m.csv}) belongs in that group and only has to build a {@link CaseTable} in
 * {@link #loadCases()}.
 */
@Command(
        name = "evaluate",
        description = {
            "Evaluate predictions: the paper's Tables 1 and 2 and figures.",
            "The cases come from --predictions CSV, or from --model DIR --manifest CSV: the model predicts every study"
                    + " of the manifest, beside ABC/2 on a threshold segmentation.",
            "The CSV has id,true_volume_ml,pred_volume_ml,true_outcome,pred_probability; each further column is another "
                    + "rater's or method's volume in ml (compared in Table 1; an empty cell = not estimated), except "
                    + "prob_<name> columns: another model's probability, compared with the model in Table 2 by DeLong's test.",
            "Writes metrics.json, table1_volume.{csv,md,json}, table2_prognosis.{csv,md,json} and PNG figures."
        },
        sortOptions = false,
        mixinStandardHelpOptions = true)
final class EvaluateCommand implements Callable<Integer> {

    /** Where the cases come from: exactly one of these. */
    static final class Source {
        @Option(
                names = "--predictions",
                paramLabel = "CSV",
                required = true,
                description = "Predictions table (see above).")
        Path predictions;

        @ArgGroup(exclusive = false)
        ModelSource model;
    }

    /** A model predicts every study of a manifest (study,volume_ml,outcome[,mask,...]). */
    static final class ModelSource {
        @Option(
                names = "--model",
                paramLabel = "DIR",
                required = true,
                description = "Model directory to evaluate.")
        Path directory;

        @Option(
                names = "--manifest",
                paramLabel = "CSV",
                required = true,
                description =
                        "With --model: the studies and their truth (study,volume_ml,outcome[,mask,...]).")
        Path manifest;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            required = true,
            description = "Output folder (created if missing).")
    Path out;

    @Option(
            names = "--force",
            description = "Replace the files of an earlier evaluation in the output folder.")
    boolean force;

    @Option(
            names = "--threshold",
            paramLabel = "P",
            defaultValue = "0.5",
            description =
                    "Poor outcome predicted when the probability is greater than P (default: ${DEFAULT-VALUE}, the paper's).")
    @Range(min = 0, max = 1)
    double threshold;

    @Option(
            names = "--bootstrap",
            paramLabel = "N",
            defaultValue = "" + BootstrapSettings.DEFAULT_RESAMPLES,
            description =
                    "Bootstrap resamples for the volume intervals (default: ${DEFAULT-VALUE}).")
    @Range(min = 100, max = 100_000)
    int resamples;

    @Option(
            names = "--seed",
            defaultValue = "" + BootstrapSettings.DEFAULT_SEED,
            description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
    @Range(min = Long.MIN_VALUE, max = Long.MAX_VALUE)
    long seed;

    @Option(
            names = "--confidence",
            paramLabel = "LEVEL",
            defaultValue = "0.95",
            description = "Confidence level of every interval (default: ${DEFAULT-VALUE}).")
    @Range(min = 0.5, max = 0.9999)
    double level;

    @Option(
            names = "--calibration-bins",
            paramLabel = "N",
            defaultValue = "10",
            description = "Uniform bins of the calibration curve (default: ${DEFAULT-VALUE}).")
    @Range(min = 2, max = 100)
    int calibrationBins;

    @Option(
            names = "--training-log",
            paramLabel = "CSV",
            description =
                    "Training log (epoch,train_loss,val_loss,...) to plot as training_curves.png (Figure 3).")
    Path trainingLog;

    @Mixin CommonOptions common;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IchException {
        EvaluationOptions options =
                new EvaluationOptions(
                        threshold, new BootstrapSettings(resamples, seed, level), calibrationBins);
        EvaluationFigures figures =
                trainingLog == null
                        ? new EvaluationFigures()
                        : new EvaluationFigures(TrainingLog.read(trainingLog));
        EvaluationWriter writer = new EvaluationWriter(force, List.of(figures));
        writer.checkFolder(out);
        CaseTable cases = loadCases();
        Evaluation evaluation;
        try (ProgressBar bar =
                new ProgressBar(
                        spec.commandLine().getErr(),
                        "bootstrap",
                        Evaluator.bootstrapResamples(cases, options))) {
            evaluation = Evaluator.evaluate(cases, options, () -> bar.step(1));
        }
        List<Path> files = writer.write(evaluation, out);
        PrintWriter w = spec.commandLine().getOut();
        summarise(w, evaluation);
        w.println("wrote " + files.size() + " files to " + out);
        return 0;
    }

    /** The cases to evaluate: a predictions table, or a model's predictions on a manifest. */
    private CaseTable loadCases() throws IchException {
        if (source.model == null) {
            return PredictionsCsv.read(source.predictions);
        }
        List<ManifestRow> rows = ManifestDataset.readRows(source.model.manifest);
        CaseTable.Builder table =
                CaseTable.builder(
                        "predictions of "
                                + source.model.directory
                                + " on "
                                + source.model.manifest);
        double[] abc2 = new double[rows.size()];
        try (IchModel model = IchModel.load(source.model.directory);
                IchAnalyzer analyzer =
                        IchAnalyzer.builder()
                                .reader(AnyStudyReader.create())
                                .model(model)
                                .estimators(SegmentationVolumeEstimator.of(VolumeMethod.ABC2))
                                .build();
                ProgressBar bar =
                        new ProgressBar(spec.commandLine().getErr(), "predicting", rows.size())) {
            for (int i = 0; i < rows.size(); i++) {
                ManifestRow row = rows.get(i);
                AnalysisResult r = analyzer.analyze(row.study());
                table.addCase(
                        "row " + row.line(),
                        row.volumeMl(),
                        r.volumeMl(),
                        row.outcome().ordinal(),
                        r.probabilityOfDeath());
                abc2[i] = r.classicalEstimatesMl().get("abc2");
                bar.step(1);
            }
        }
        return table.addEstimate(EstimateColumn.complete("abc2", abc2)).build();
    }

    private static void summarise(PrintWriter w, Evaluation e) {
        VolumeEvaluation v = e.modelVolume().evaluation();
        PrognosisEvaluation p = e.modelPrognosis().evaluation();
        w.println(
                String.format(
                        Locale.ROOT,
                        "%d cases; intervals %.0f %%",
                        e.cases().size(),
                        e.options().level() * 100));
        w.println(
                String.format(
                        Locale.ROOT,
                        "volume:    MAE %s ml, MSE %s ml², MAPE %s %%",
                        ci(v.get(VolumeMetric.MAE), 2),
                        ci(v.get(VolumeMetric.MSE), 2),
                        ci(v.get(VolumeMetric.MAPE), 1)));
        w.println(
                String.format(
                        Locale.ROOT,
                        "prognosis: accuracy %s %%, AUC %s",
                        ci(
                                new Estimate(
                                        100 * p.accuracy().value(),
                                        100 * p.accuracy().lower(),
                                        100 * p.accuracy().upper()),
                                2),
                        ci(p.auc().estimate(), 3)));
        e.comparisons()
                .forEach(
                        c ->
                                w.println(
                                        String.format(
                                                Locale.ROOT,
                                                "DeLong:    AUC %s − %s = %.3f, p = %.3g",
                                                c.modelA(),
                                                c.modelB(),
                                                c.test().difference(),
                                                c.test().pValue())));
    }

    private static String ci(Estimate e, int decimals) {
        String f = "%." + decimals + "f";
        return String.format(
                Locale.ROOT, f + " [" + f + ", " + f + "]", e.value(), e.lower(), e.upper());
    }
}
