package dev.ich.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.dicom.DicomStudyReader;
import dev.ich.model.IchModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo end to end at a tiny size (16 phantoms, one epoch, both networks): every output the
 * issue names exists, the figures in metrics.json agree with the per-study table they summarise
 * (recomputed here from predictions.csv), the saved model reproduces the table's predictions, and a
 * second run into the same folder is refused without touching it.
 */
class DemoPipelineTest {

    private static final double TOLERANCE = 1e-9;

    @Test
    void tinyDemoWritesConsistentOutputsAndRefusesToOverwrite(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("demo");
        DemoSettings settings = new DemoSettings(out, 2023, 8, 4, 4, 1, 0.003, true, 1);
        DemoSummary summary = new DemoPipeline(settings, DemoProgress.quiet()).run();

        for (String name :
                List.of(
                        "metrics.json",
                        "report.html",
                        "predictions.csv",
                        "training_log.csv",
                        "model/model.json",
                        "prognosis-only/model/model.json",
                        "cohort/manifest.csv")) {
            assertThat(out.resolve(name)).as(name).isRegularFile();
        }
        JsonObject metrics =
                JsonParser.parseString(Files.readString(out.resolve("metrics.json")))
                        .getAsJsonObject();
        List<String> rows = Files.readAllLines(out.resolve("predictions.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        assertThat(rows).hasSize(1 + 4);
        double networkApe = 0;
        double abc2Ape = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            double truth = Double.parseDouble(f[header.indexOf("true_volume_ml")]);
            networkApe +=
                    Math.abs(Double.parseDouble(f[header.indexOf("pred_volume_ml")]) - truth)
                            / truth;
            abc2Ape += Math.abs(Double.parseDouble(f[header.indexOf("abc2")]) - truth) / truth;
        }
        double mape = metrics.getAsJsonObject("volume").get("mape").getAsDouble();
        assertThat(mape).isCloseTo(100 * networkApe / 4, within(TOLERANCE));
        assertThat(summary.modelMapePercent()).isEqualTo(mape);
        assertThat(
                        metrics.getAsJsonObject("baselines")
                                .getAsJsonObject("abc2")
                                .get("mape")
                                .getAsDouble())
                .isCloseTo(100 * abc2Ape / 4, within(TOLERANCE));
        assertThat(metrics.getAsJsonObject("prognosis").has("auc")).isTrue();
        JsonObject explain = metrics.getAsJsonObject("explain");
        assertThat(explain.get("maps_without_energy").getAsLong()).isBetween(0L, 4L);
        if (explain.get("maps_without_energy").getAsLong() < 4) {
            assertThat(explain.get("energy_in_mask").getAsDouble()).isBetween(0.0, 1.0);
        }
        assertThat(explain.get("method").getAsString())
                .isEqualTo("Integrated gradients (32 steps), volume head, model input");
        double pointing = explain.get("pointing_game").getAsDouble();
        long hits = Math.round(4 * pointing);
        assertThat(4 * pointing).isCloseTo(hits, within(1e-12));
        assertThat(summary.pointingGame()).isEqualTo(pointing);

        // The saved model gives the table's prediction for the first held-out study.
        String[] first = rows.get(1).split(",");
        try (IchModel model = IchModel.load(out.resolve("model"))) {
            var ct =
                    DicomStudyReader.create().read(out.resolve("cohort/studies").resolve(first[0]));
            var input =
                    new dev.ich.core.preprocess.Preprocessor(model.preprocessing())
                            .preprocess(ct)
                            .input();
            assertThat(model.predict(input).volumeMl())
                    .isCloseTo(
                            Double.parseDouble(first[header.indexOf("pred_volume_ml")]),
                            within(1e-6));
        }

        String report = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        assertThat(report)
                .contains("data:image/png;base64,")
                .doesNotContain("src=\"http")
                .contains("maximum inside the true haematoma</td><td>" + hits + " of 4 maps");

        byte[] before = Files.readAllBytes(out.resolve("metrics.json"));
        assertThatThrownBy(() -> new DemoPipeline(settings, DemoProgress.quiet()).run())
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.OUTPUT_NOT_WRITABLE));
        assertThat(Files.readAllBytes(out.resolve("metrics.json"))).isEqualTo(before);
    }
}
