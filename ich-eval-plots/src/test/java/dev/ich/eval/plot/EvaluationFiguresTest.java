package dev.ich.eval.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.eval.Evaluation;
import dev.ich.eval.EvaluationOptions;
import dev.ich.eval.Evaluator;
import dev.ich.eval.metrics.BootstrapSettings;
import dev.ich.eval.report.EvaluationWriter;
import dev.ich.eval.table.CaseTable;
import dev.ich.eval.table.TrainingLog;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures written beside the tables: every PNG is a readable image, in the same all-or-none
 * batch.
 */
class EvaluationFiguresTest {

    private static Evaluation evaluation;

    @BeforeAll
    static void evaluate() throws IchException {
        Random rng = new Random(4);
        CaseTable.Builder cases = CaseTable.builder("synthetic cohort");
        for (int i = 0; i < 80; i++) {
            double volume = Math.round(Math.pow(1 + 4 * rng.nextDouble(), 3) * 100) / 100.0;
            double predicted = Math.max(0.1, volume * (1 + 0.2 * rng.nextGaussian()));
            double risk = 1 / (1 + Math.exp(-(volume - 40) / 12));
            double p =
                    Math.round(Math.min(1, Math.max(0, risk + 0.2 * rng.nextGaussian())) * 1000)
                            / 1000.0;
            cases.addCase("case-" + i, volume, predicted, rng.nextDouble() < risk ? 1 : 0, p);
        }
        evaluation =
                Evaluator.evaluate(
                        cases.build(),
                        new EvaluationOptions(0.5, new BootstrapSettings(100, 7, 0.95), 10));
    }

    private static TrainingLog log() {
        double[] epochs = {1, 2, 3, 4, 5};
        double[] loss = {1.5, 1.1, 0.8, 0.7, 0.65};
        return new TrainingLog(epochs, Map.of("train_loss", loss, "val_loss", loss.clone()));
    }

    @Test
    void writesEveryFigureBesideTheTables(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("eval");
        List<Path> files =
                new EvaluationWriter(false, List.of(new EvaluationFigures(log())))
                        .write(evaluation, out);
        assertThat(files).hasSize(13).allSatisfy(f -> assertThat(f).exists().isNotEmptyFile());
        List<Path> pngs = files.stream().filter(f -> f.toString().endsWith(".png")).toList();
        assertThat(pngs)
                .extracting(f -> f.getFileName().toString())
                .containsExactly(
                        "roc.png",
                        "calibration.png",
                        "bland_altman.png",
                        "scatter.png",
                        "volume_histogram.png",
                        "training_curves.png");
        for (Path f : pngs) {
            BufferedImage image = ImageIO.read(f.toFile());
            assertThat(image.getWidth()).as(f.toString()).isGreaterThanOrEqualTo(900);
        }
        assertThat(new EvaluationFigures().fileNames())
                .doesNotContain("training_curves.png")
                .hasSize(5);
    }

    @Test
    void aFigureInTheWayStopsTheWholeFolder(@TempDir Path dir) throws IOException, IchException {
        Files.writeString(dir.resolve("roc.png"), "mine");
        EvaluationWriter writer = new EvaluationWriter(false, List.of(new EvaluationFigures()));
        assertThatThrownBy(() -> writer.write(evaluation, dir))
                .isInstanceOf(IchException.class)
                .satisfies(
                        e ->
                                assertThat(((IchException) e).code())
                                        .isEqualTo(ErrorCode.OUTPUT_NOT_WRITABLE))
                .hasMessageContaining("roc.png");
        assertThat(Files.readString(dir.resolve("roc.png"))).isEqualTo("mine");
        assertThat(dir.resolve("metrics.json")).doesNotExist();
        new EvaluationWriter(true, List.of(new EvaluationFigures())).write(evaluation, dir);
        assertThat(ImageIO.read(dir.resolve("roc.png").toFile())).isNotNull();
    }
}
