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
import dev.ich.eval.table.TrainingLog;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation folder: metrics.json agrees with the metrics, tables and figures are written, files are protected. */
class EvaluationWriterTest {

    private static final double TOLERANCE = 1e-12;
    private static Evaluation evaluation;
    private static CaseTable cases;

    @BeforeAll
    static void evaluate() throws IchException {
        cases = Cohort.make(150, 4);
        evaluation = Evaluator.evaluate(cases, new EvaluationOptions(0.5, new BootstrapSettings(300, 7, 0.95), 10));
    }

    private static TrainingLog log() {
        int epochs = 60;
        double[] e = new double[epochs];
        double[] train = new double[epochs];
        double[] val = new double[epochs];
        double[] mae = new double[epochs];
        double[] auc = new double[epochs];
        for (int i = 0; i < epochs; i++) {
            e[i] = i + 1;
            train[i] = 1.5 * Math.exp(-i / 12.0) + 0.1;
            val[i] = 1.6 * Math.exp(-i / 14.0) + 0.18 + 0.02 * Math.sin(i);
            mae[i] = i % 5 == 4 ? 12 * Math.exp(-i / 20.0) + 4.5 : Double.NaN;
            auc[i] = 0.95 - 0.4 * Math.exp(-i / 10.0);
        }
        return new TrainingLog(e, Map.of("train_loss", train, "val_loss", val, "val_mae", mae, "val_auc", auc));
    }

    @Test
    void writesEveryFileAndMetricsJsonHoldsTheMetrics(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("eval");
        List<Path> files = new EvaluationWriter(false, Optional.of(log())).write(evaluation, out);
        assertThat(files).hasSize(13).allSatisfy(f -> assertThat(f).exists().isNotEmptyFile());
        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        VolumeErrorAccumulator acc = new VolumeErrorAccumulator();
        acc.addAll(cases.trueVolumeMl(), cases.predictedVolumeMl());
        JsonObject volume = m.getAsJsonObject("volume");
        assertThat(volume.get("mae").getAsDouble()).isCloseTo(acc.mae(), org.assertj.core.data.Offset.offset(TOLERANCE));
        assertThat(volume.get("mse").getAsDouble()).isCloseTo(acc.mse(), org.assertj.core.data.Offset.offset(TOLERANCE));
        assertThat(volume.get("mape").getAsDouble()).isCloseTo(acc.mape(), org.assertj.core.data.Offset.offset(TOLERANCE));
        assertThat(volume.getAsJsonObject("ci").getAsJsonArray("mae")).hasSize(2);
        JsonObject prognosis = m.getAsJsonObject("prognosis");
        ConfusionMatrix cm = ConfusionMatrix.at(cases.outcome(), cases.probability(), 0.5);
        assertThat(prognosis.get("accuracy").getAsDouble()).isEqualTo(cm.accuracy());
        assertThat(prognosis.get("auc").getAsDouble()).isCloseTo(
            DeLong.auc(cases.outcome(), cases.probability(), 0.95).auc(), org.assertj.core.data.Offset.offset(TOLERANCE));
        assertThat(m.getAsJsonArray("comparisons")).hasSize(1);
        assertThat(m.getAsJsonArray("volume_estimates")).hasSize(3);
        assertThat(m.getAsJsonArray("volume_estimates").get(1).getAsJsonObject().get("n").getAsInt()).isEqualTo(135);

        String table1 = Files.readString(out.resolve("table1_volume.csv"));
        assertThat(table1.lines()).hasSize(4);
        assertThat(table1.lines().findFirst().orElseThrow()).startsWith("method,n,mae,mae_lower,mae_upper,mse");
        assertThat(Files.readString(out.resolve("table2_prognosis.md"))).contains("| single_task | 150 |");
        String ids = String.join("\n", cases.ids());
        for (Path f : files) {
            if (!f.toString().endsWith(".png")) {
                assertThat(Files.readString(f)).as("no case id in " + f).doesNotContain("case-17");
            }
        }
        assertThat(ids).contains("case-17");
        for (Path f : files) {
            if (f.toString().endsWith(".png")) {
                BufferedImage image = ImageIO.read(f.toFile());
                assertThat(image.getWidth()).isGreaterThanOrEqualTo(900);
            }
        }
        String preview = System.getProperty("ich.eval.preview");
        if (preview != null) {
            Files.createDirectories(Path.of(preview));
            new EvaluationWriter(true, Optional.of(log())).write(evaluation, Path.of(preview));
        }
    }

    @Test
    void refusesToOverwriteUnlessForced(@TempDir Path dir) throws IOException, IchException {
        Files.writeString(dir.resolve("roc.png"), "mine");
        assertThatThrownBy(() -> new EvaluationWriter(false, Optional.empty()).write(evaluation, dir))
            .isInstanceOf(IchException.class)
            .satisfies(e -> assertThat(((IchException) e).code()).isEqualTo(ErrorCode.OUTPUT_NOT_WRITABLE))
            .hasMessageContaining("roc.png").hasMessageContaining("--force");
        assertThat(Files.readString(dir.resolve("roc.png"))).isEqualTo("mine");
        assertThat(dir.resolve("metrics.json")).doesNotExist();
        new EvaluationWriter(true, Optional.empty()).write(evaluation, dir);
        assertThat(dir.resolve("metrics.json")).exists();
        assertThat(ImageIO.read(dir.resolve("roc.png").toFile())).isNotNull();
    }

    @Test
    void markdownTablesShowTheRowsWithIntervals() {
        String t1 = VolumeTable.of(evaluation).toMarkdown();
        assertThat(t1).contains("| model | 150 |").contains("| abc2 | 135 |").contains("300 resamples, seed 7");
        String t2 = PrognosisTable.of(evaluation).toMarkdown();
        assertThat(t2).contains("| model | 150 |").contains("| — | — |");
    }
}
