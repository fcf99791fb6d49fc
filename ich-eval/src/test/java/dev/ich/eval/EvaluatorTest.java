package dev.ich.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.eval.metrics.BootstrapSettings;
import dev.ich.eval.metrics.DeLong;
import dev.ich.eval.metrics.VolumeMetric;
import dev.ich.eval.table.CaseTable;
import dev.ich.eval.table.EstimateColumn;
import dev.ich.eval.table.PredictionsCsv;
import dev.ich.eval.table.ProbabilityColumn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluator: rows as the paper's tables, and undefined metrics as errors naming the line. */
class EvaluatorTest {

    private static final double TOLERANCE = 1e-12;
    private static final EvaluationOptions FAST =
            new EvaluationOptions(0.5, new BootstrapSettings(200, 1, 0.95), 5);

    @TempDir Path dir;

    private CaseTable read(String content) throws IOException, IchException {
        Path f = dir.resolve("preds.csv");
        Files.writeString(f, content);
        return PredictionsCsv.read(f);
    }

    @Test
    void aZeroTrueVolumeNamesItsLine() throws Exception {
        CaseTable t =
                read(
                        "id,true_volume_ml,pred_volume_ml,true_outcome,pred_probability\n"
                                + "a,10,11,1,0.9\nb,5,4,0,0.2\nc,0,0.5,0,0.4\nd,7,7,1,0.6\n");
        assertThatThrownBy(() -> Evaluator.evaluate(t, FAST))
                .isInstanceOf(IchException.class)
                .satisfies(
                        e ->
                                assertThat(((IchException) e).code())
                                        .isEqualTo(ErrorCode.INVALID_TABLE))
                .hasMessageStartingWith("line 4 of preds.csv: for model, MAPE is undefined");
    }

    @Test
    void aSingleOutcomeClassIsAnError() throws Exception {
        CaseTable t =
                read(
                        "id,true_volume_ml,pred_volume_ml,true_outcome,pred_probability\n"
                                + "a,10,11,0,0.9\nb,5,4,0,0.2\nc,3,2.5,0,0.4\n");
        assertThatThrownBy(() -> Evaluator.evaluate(t, FAST))
                .hasMessageContaining(
                        "preds.csv: for model, the AUC is undefined: all 3 cases are negative");
    }

    @Test
    void rowsFollowTheTablesAndEstimatesUseTheirOwnCases() throws Exception {
        double[] truth = {10, 5, 3, 7, 20, 1.5};
        double[] pred = {11, 4, 2.5, 7.5, 18, 2};
        double[] abc = {12, 0, 4, 9, 26, 2.5};
        boolean[] present = {true, false, true, true, true, true};
        int[] outcome = {1, 0, 0, 1, 1, 0};
        double[] p = {0.9, 0.2, 0.4, 0.6, 0.7, 0.5};
        double[] q = {0.6, 0.3, 0.7, 0.6, 0.9, 0.2};
        CaseTable.Builder b = CaseTable.builder("inline");
        for (int i = 0; i < truth.length; i++) {
            b.addCase("c" + i, truth[i], pred[i], outcome[i], p[i]);
        }
        CaseTable t =
                b.addEstimate(new EstimateColumn("abc2", abc, present))
                        .addModel(new ProbabilityColumn("single", q))
                        .build();
        Evaluation e = Evaluator.evaluate(t, FAST);
        assertThat(e.volumeRows()).extracting(VolumeRow::name).containsExactly("model", "abc2");
        assertThat(e.volumeRows().get(1).evaluation().cases()).isEqualTo(5);
        // abc2 on its five cases: |12−10| + |4−3| + |9−7| + |26−20| + |2.5−1.5| = 12, MAE 2.4.
        assertThat(e.volumeRows().get(1).evaluation().get(VolumeMetric.MAE).value())
                .isCloseTo(2.4, org.assertj.core.data.Offset.offset(TOLERANCE));
        assertThat(e.prognosisRows())
                .extracting(PrognosisRow::name)
                .containsExactly("model", "single");
        assertThat(e.comparisons())
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.modelA()).isEqualTo("model");
                            assertThat(c.test()).isEqualTo(DeLong.compare(outcome, p, q, 0.95));
                        });
        // Every case is classified correctly; the case at exactly 0.5 (outcome 0) is negative, as p
        // > 0.5 is needed.
        assertThat(e.modelPrognosis().evaluation().accuracy().value()).isEqualTo(1.0);
        assertThat(e.modelPrognosis().evaluation().confusion().trueNegatives()).isEqualTo(3);
    }
}
