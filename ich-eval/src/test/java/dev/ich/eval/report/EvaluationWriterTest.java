package dev.ich.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.eval.Evaluation;
import dev.ich.eval.EvaluationOptions;
import dev.ich.eval.Evaluator;
import dev.ich.eval.metrics.BootstrapSettings;
import dev.ich.eval.metrics.ConfusionMatrix;
import dev.ich.eval.metrics.DeLong;
import dev.ich.eval.metrics.VolumeErrorAccumulator;
import dev.ich.eval.table.CaseTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation folder: metrics.json agrees with the metrics, tables are written, files are
 * protected.
 */
class EvaluationWriterTest {

    private static final double TOLERANCE = 1e-12;
    private static Evaluation evaluation;
    private static CaseTable cases;

    @BeforeAll
    static void evaluate() throws IchException {
        cases = Cohort.make(150, 4);
        evaluation =
                Evaluator.evaluate(
                        cases, new EvaluationOptions(0.5, new BootstrapSettings(300, 7, 0.95), 10));
    }

    @Test
    void writesEveryFileAndMetricsJsonHoldsTheMetrics(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("eval");
        List<Path> files = new EvaluationWriter(false).write(evaluation, out);
        assertThat(files).hasSize(7).allSatisfy(f -> assertThat(f).exists().isNotEmptyFile());
        JsonObject m =
                JsonParser.parseString(Files.readString(out.resolve("metrics.json")))
                        .getAsJsonObject();
        VolumeErrorAccumulator acc = new VolumeErrorAccumulator();
        acc.addAll(cases.trueVolumeMl(), cases.predictedVolumeMl());
        JsonObject volume = m.getAsJsonObject("volume");
        assertThat(volume.get("mae").getAsDouble())
                .isCloseTo(acc.mae(), org.assertj.core.data.Offset.offset(TOLERANCE));
        assertThat(volume.get("mse").getAsDouble())
                .isCloseTo(acc.mse(), org.assertj.core.data.Offset.offset(TOLERANCE));
        assertThat(volume.get("mape").getAsDouble())
                .isCloseTo(acc.mape(), org.assertj.core.data.Offset.offset(TOLERANCE));
        assertThat(volume.getAsJsonObject("ci").getAsJsonArray("mae")).hasSize(2);
        JsonObject prognosis = m.getAsJsonObject("prognosis");
        ConfusionMatrix cm = ConfusionMatrix.at(cases.outcome(), cases.probability(), 0.5);
        assertThat(prognosis.get("accuracy").getAsDouble()).isEqualTo(cm.accuracy());
        assertThat(prognosis.get("auc").getAsDouble())
                .isCloseTo(
                        DeLong.auc(cases.outcome(), cases.probability(), 0.95).auc(),
                        org.assertj.core.data.Offset.offset(TOLERANCE));
        assertThat(m.getAsJsonArray("comparisons")).hasSize(1);
        assertThat(m.getAsJsonArray("volume_estimates")).hasSize(3);
        assertThat(
                        m.getAsJsonArray("volume_estimates")
                                .get(1)
                                .getAsJsonObject()
                                .get("n")
                                .getAsInt())
                .isEqualTo(135);

        String table1 = Files.readString(out.resolve("table1_volume.csv"));
        assertThat(table1.lines()).hasSize(4);
        assertThat(table1.lines().findFirst().orElseThrow())
                .startsWith("method,n,mae,mae_lower,mae_upper,mse");
        assertThat(Files.readString(out.resolve("table2_prognosis.md")))
                .contains("| single_task | 150 |");
        String ids = String.join("\n", cases.ids());
        for (Path f : files) {
            assertThat(Files.readString(f)).as("no case id in " + f).doesNotContain("case-17");
        }
        assertThat(ids).contains("case-17");
    }

    @Test
    void refusesToOverwriteUnlessForced(@TempDir Path dir) throws IOException, IchException {
        Files.writeString(dir.resolve("table2_prognosis.md"), "mine");
        assertThatThrownBy(() -> new EvaluationWriter(false).write(evaluation, dir))
                .isInstanceOf(IchException.class)
                .satisfies(
                        e ->
                                assertThat(((IchException) e).code())
                                        .isEqualTo(ErrorCode.OUTPUT_NOT_WRITABLE))
                .hasMessageContaining("table2_prognosis.md")
                .hasMessageContaining("--force");
        assertThat(Files.readString(dir.resolve("table2_prognosis.md"))).isEqualTo("mine");
        assertThat(dir.resolve("metrics.json")).doesNotExist();
        new EvaluationWriter(true).write(evaluation, dir);
        assertThat(dir.resolve("metrics.json")).exists();
        assertThat(Files.readString(dir.resolve("table2_prognosis.md"))).startsWith("# Table 2");
    }

    @Test
    void markdownTablesShowTheRowsWithIntervals() {
        String t1 = VolumeTable.of(evaluation).toMarkdown();
        assertThat(t1)
                .contains("| model | 150 |")
                .contains("| abc2 | 135 |")
                .contains("300 resamples, seed 7");
        String t2 = PrognosisTable.of(evaluation).toMarkdown();
        assertThat(t2).contains("| model | 150 |").contains("| — | — |");
    }
}
