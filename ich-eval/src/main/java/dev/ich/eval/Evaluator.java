package dev.ich.eval;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.eval.metrics.DeLong;
import dev.ich.eval.metrics.PrognosisEvaluation;
import dev.ich.eval.metrics.UndefinedMetricException;
import dev.ich.eval.metrics.VolumeBootstrap;
import dev.ich.eval.table.CaseTable;
import dev.ich.eval.table.EstimateColumn;
import dev.ich.eval.table.ProbabilityColumn;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a {@link CaseTable} the way the paper reports its results: every volume estimate
 * against the reference (Table 1), every model's prognosis (Table 2) and DeLong's test of the main
 * model against each further model.
 */
public final class Evaluator {

    /**
     * How many bootstrap resamples {@link #evaluate} draws: one set for the model and one per
     * estimate column.
     */
    public static long bootstrapResamples(CaseTable cases, EvaluationOptions options) {
        return (long) options.bootstrap().resamples() * (1 + cases.estimates().size());
    }

    private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

    private Evaluator() {}

    /**
     * Evaluates {@code cases}.
     *
     * @throws IchException ({@link ErrorCode#INVALID_TABLE}) when the data make a metric undefined,
     *     naming the case's line where there is one: a zero true volume (MAPE), one outcome class
     *     only (AUC), fewer than two cases of a class (DeLong), a constant column (correlation)
     */
    public static Evaluation evaluate(CaseTable cases, EvaluationOptions options)
            throws IchException {
        return evaluate(cases, options, () -> {});
    }

    /**
     * As {@link #evaluate(CaseTable, EvaluationOptions)}, calling {@code afterEachResample} after
     * every bootstrap resample: {@link #bootstrapResamples} times in all, the bulk of the work on a
     * large table.
     */
    public static Evaluation evaluate(
            CaseTable cases, EvaluationOptions options, Runnable afterEachResample)
            throws IchException {
        long start = System.nanoTime();
        double[] trueVolume = cases.trueVolumeMl();
        VolumeBootstrap bootstrap = new VolumeBootstrap(options.bootstrap());
        List<VolumeRow> volume = new ArrayList<>();
        volume.add(
                new VolumeRow(
                        CaseTable.MODEL,
                        guard(
                                cases,
                                CaseTable.MODEL,
                                null,
                                () ->
                                        bootstrap.evaluate(
                                                trueVolume,
                                                cases.predictedVolumeMl(),
                                                afterEachResample))));
        for (EstimateColumn column : cases.estimates()) {
            int[] rows = presentRows(column);
            if (rows.length == 0) {
                throw new IchException(
                        ErrorCode.INVALID_TABLE,
                        cases.source(),
                        "column " + column.name() + " has no value in any case",
                        "Fill it or remove the column");
            }
            double[] t = new double[rows.length];
            double[] e = new double[rows.length];
            double[] values = column.valuesMl();
            for (int i = 0; i < rows.length; i++) {
                t[i] = trueVolume[rows[i]];
                e[i] = values[rows[i]];
            }
            volume.add(
                    new VolumeRow(
                            column.name(),
                            guard(
                                    cases,
                                    column.name(),
                                    rows,
                                    () -> bootstrap.evaluate(t, e, afterEachResample))));
        }

        int[] outcome = cases.outcome();
        double[] probability = cases.probability();
        List<PrognosisRow> prognosis = new ArrayList<>();
        prognosis.add(
                new PrognosisRow(
                        CaseTable.MODEL,
                        guard(
                                cases,
                                CaseTable.MODEL,
                                null,
                                () ->
                                        PrognosisEvaluation.of(
                                                outcome,
                                                probability,
                                                options.threshold(),
                                                options.level(),
                                                options.calibrationBins()))));
        List<ModelComparison> comparisons = new ArrayList<>();
        for (ProbabilityColumn model : cases.models()) {
            double[] p = model.probabilities();
            prognosis.add(
                    new PrognosisRow(
                            model.name(),
                            guard(
                                    cases,
                                    model.name(),
                                    null,
                                    () ->
                                            PrognosisEvaluation.of(
                                                    outcome,
                                                    p,
                                                    options.threshold(),
                                                    options.level(),
                                                    options.calibrationBins()))));
            comparisons.add(
                    new ModelComparison(
                            CaseTable.MODEL,
                            model.name(),
                            guard(
                                    cases,
                                    model.name(),
                                    null,
                                    () ->
                                            DeLong.compare(
                                                    outcome, probability, p, options.level()))));
        }
        LOG.debug(
                "evaluated {} cases, {} volume rows, {} models in {} ms",
                cases.size(),
                volume.size(),
                prognosis.size(),
                (System.nanoTime() - start) / 1_000_000);
        return new Evaluation(cases, options, volume, prognosis, comparisons);
    }

    private static int[] presentRows(EstimateColumn column) {
        boolean[] present = column.present();
        int[] rows = new int[column.count()];
        int k = 0;
        for (int i = 0; i < present.length; i++) {
            if (present[i]) {
                rows[k++] = i;
            }
        }
        return rows;
    }

    private interface Metric<T> {
        T compute();
    }

    /** Turns an undefined metric into an IchException that names the case's line. */
    private static <T> T guard(CaseTable cases, String column, int[] rows, Metric<T> metric)
            throws IchException {
        try {
            return metric.compute();
        } catch (UndefinedMetricException e) {
            int index = e.index() < 0 ? -1 : rows == null ? e.index() : rows[e.index()];
            String where = index < 0 ? cases.source() : cases.describe(index);
            throw new IchException(
                    ErrorCode.INVALID_TABLE,
                    where,
                    "for " + column + ", " + e.getMessage(),
                    "Correct or remove the case, or evaluate a cohort where the metric is defined",
                    e);
        }
    }
}
