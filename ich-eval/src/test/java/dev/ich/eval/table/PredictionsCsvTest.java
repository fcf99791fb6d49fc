package dev.ich.eval.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The predictions table: the conventions, and one-line errors naming the line and column. */
class PredictionsCsvTest {

    @TempDir Path dir;

    private Path write(String content) throws IOException {
        Path f = dir.resolve("preds.csv");
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void readsRequiredAndExtraColumnsInAnyOrder() throws Exception {
        Path f =
                write(
                        "\uFEFFpred_probability,id,true_volume_ml,pred_volume_ml,true_outcome,abc2,prob_single,\"rater 2\"\r\n"
                                + "0.9,a,10.5,11,1,12.25,0.8,10\r\n"
                                + "0.2,\"b,2\",3,2.5e0,0,,0.4,3.5\r\n"
                                + "0.5,c,0,0.4,0,1,0.5,\n");
        CaseTable t = PredictionsCsv.read(f);
        assertThat(t.size()).isEqualTo(3);
        assertThat(t.ids()).containsExactly("a", "b,2", "c");
        assertThat(t.trueVolumeMl()).containsExactly(10.5, 3, 0);
        assertThat(t.predictedVolumeMl()).containsExactly(11, 2.5, 0.4);
        assertThat(t.outcome()).containsExactly(1, 0, 0);
        assertThat(t.probability()).containsExactly(0.9, 0.2, 0.5);
        assertThat(t.estimates())
                .extracting(EstimateColumn::name)
                .containsExactly("abc2", "rater 2");
        assertThat(t.estimates().get(0).present()).containsExactly(true, false, true);
        assertThat(t.estimates().get(1).count()).isEqualTo(2);
        assertThat(t.models()).extracting(ProbabilityColumn::name).containsExactly("single");
        assertThat(t.describe(2)).isEqualTo("line 4 of preds.csv");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "id,true_volume_ml,pred_volume_ml,true_outcome\\na,1,1,0|line 1 of preds.csv|lacks the column pred_probability",
                "id,true_volume_ml,pred_volume_ml,true_outcome,pred_probability\\na,1,1,0,0.5\\nb,NaN,1,0,0.5|line 3 of preds.csv|column true_volume_ml holds 'NaN'",
                "id,true_volume_ml,pred_volume_ml,true_outcome,pred_probability\\na,1,1,0,0.5\\nb,1,1,2,0.5|line 3|must be 0 (good) or 1 (poor)",
                "id,true_volume_ml,pred_volume_ml,true_outcome,pred_probability\\na,1,1,0,1.5|line 2|a probability must lie in [0, 1]",
                "id,true_volume_ml,pred_volume_ml,true_outcome,pred_probability\\na,1,-1,0,0.5|line 2|column pred_volume_ml is -1.0 ml",
                "id,true_volume_ml,pred_volume_ml,true_outcome,pred_probability\\na,1,1,0,0.5\\na,2,1,0,0.5|line 3|repeats the id of line 2",
                "id,true_volume_ml,pred_volume_ml,true_outcome,pred_probability\\na,1,1,0|line 2|has 4 fields but the header has 5",
                "id,true_volume_ml,pred_volume_ml,true_outcome,pred_probability\\na,1,1,0,0.5\\n\\nb,1,1,0,0.5|line 3|the line is blank",
                "id,true_volume_ml,pred_volume_ml,true_outcome,pred_probability\\na,1,1d,0,0.5|line 2|holds '1d', which is not a number",
                "id,true_volume_ml,pred_volume_ml,true_outcome,pred_probability,prob_x\\na,1,1,0,0.5,|line 2|column prob_x is empty",
                "id,true_volume_ml,pred_volume_ml,true_outcome,pred_probability\\na,1,\"1\"x,0,0.5|line 2|text follows the closing quote",
                "id,true_volume_ml,pred_volume_ml,true_outcome,pred_probability|line 1|a header but no cases",
                "id,true_volume_ml,true_volume_ml,true_outcome,pred_probability\\na,1,1,0,0.5|line 1|names column true_volume_ml twice",
            })
    void malformedTablesAreOneLineErrorsNamingTheLine(String content, String where, String what)
            throws IOException {
        Path f = write(content.replace("\\n", "\n"));
        assertThatThrownBy(() -> PredictionsCsv.read(f))
                .isInstanceOf(IchException.class)
                .satisfies(
                        e ->
                                assertThat(((IchException) e).code())
                                        .isEqualTo(ErrorCode.INVALID_TABLE))
                .hasMessageContaining(where)
                .hasMessageContaining(what)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void idsAreNeverEchoed() throws IOException {
        Path f =
                write(
                        "id,true_volume_ml,pred_volume_ml,true_outcome,pred_probability\nPATIENT-4711,1,1,0,0.5\n"
                                + "PATIENT-4711,1,1,x,0.5\n");
        assertThatThrownBy(() -> PredictionsCsv.read(f)).hasMessageNotContaining("PATIENT");
    }

    @Test
    void aMissingFileAndNonUtf8AreReported() throws IOException {
        assertThatThrownBy(() -> PredictionsCsv.read(dir.resolve("absent.csv")))
                .satisfies(
                        e ->
                                assertThat(((IchException) e).code())
                                        .isEqualTo(ErrorCode.FILE_NOT_FOUND));
        Path f = dir.resolve("latin1.csv");
        Files.write(f, new byte[] {'i', 'd', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> PredictionsCsv.read(f)).hasMessageContaining("not UTF-8");
    }

    @Test
    void trainingLogsAllowGapsButNeedIncreasingEpochs() throws IOException, IchException {
        Path f = dir.resolve("log.csv");
        Files.writeString(f, "epoch,train_loss,val_mae\n1,0.9,\n2,0.7,5.5\n");
        TrainingLog log = TrainingLog.read(f);
        assertThat(log.epochs()).containsExactly(1, 2);
        assertThat(log.get("val_mae")[0]).isNaN();
        assertThat(log.get("val_mae")[1]).isEqualTo(5.5);
        Files.writeString(f, "epoch,train_loss\n2,0.9\n1,0.7\n");
        assertThatThrownBy(() -> TrainingLog.read(f))
                .hasMessageContaining("line 3")
                .hasMessageContaining("must increase");
    }
}
