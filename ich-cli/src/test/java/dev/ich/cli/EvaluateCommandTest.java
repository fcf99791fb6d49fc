package dev.ich.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ich evaluate --predictions}: outputs, summary, refusal to overwrite, one-line errors. */
class EvaluateCommandTest {

    @TempDir Path dir;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = IchCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private Path predictions() throws IOException {
        Random rng = new Random(3);
        StringBuilder sb =
                new StringBuilder(
                        "id,true_volume_ml,pred_volume_ml,true_outcome,pred_probability,abc2,prob_single_task\n");
        for (int i = 0; i < 80; i++) {
            double v = 1 + 80 * rng.nextDouble() * rng.nextDouble();
            int outcome = rng.nextDouble() < v / 90 ? 1 : 0;
            double p = Math.min(1, Math.max(0, 0.25 + 0.5 * outcome + 0.3 * rng.nextGaussian()));
            double q = Math.min(1, Math.max(0, 0.35 + 0.3 * outcome + 0.3 * rng.nextGaussian()));
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "s%03d,%.2f,%.2f,%d,%.3f,%.2f,%.3f%n",
                            i,
                            v,
                            v * (1 + 0.15 * rng.nextGaussian()),
                            outcome,
                            p,
                            v * 1.2,
                            q));
        }
        Path f = dir.resolve("preds.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    @Test
    void writesMetricsTablesAndFigures() throws IOException {
        Path out = dir.resolve("eval");
        Run r =
                run(
                        "evaluate",
                        "--predictions",
                        predictions().toString(),
                        "--out",
                        out.toString(),
                        "--bootstrap",
                        "200");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("80 cases")
                .contains("volume:    MAE")
                .contains("prognosis: accuracy")
                .contains("DeLong:    AUC model − single_task");
        JsonObject m =
                JsonParser.parseString(Files.readString(out.resolve("metrics.json")))
                        .getAsJsonObject();
        for (String key : new String[] {"mae", "mse", "mape"}) {
            assertThat(m.getAsJsonObject("volume").get(key).getAsDouble()).as(key).isPositive();
        }
        assertThat(m.getAsJsonObject("prognosis").get("accuracy").getAsDouble())
                .isBetween(0.0, 1.0);
        assertThat(m.getAsJsonObject("prognosis").get("auc").getAsDouble()).isBetween(0.5, 1.0);
        assertThat(
                        m.getAsJsonObject("settings")
                                .getAsJsonObject("bootstrap")
                                .get("resamples")
                                .getAsInt())
                .isEqualTo(200);
        for (String f :
                new String[] {
                    "table1_volume.csv",
                    "table1_volume.md",
                    "table1_volume.json",
                    "table2_prognosis.csv",
                    "table2_prognosis.md",
                    "table2_prognosis.json",
                    "roc.png",
                    "bland_altman.png",
                    "scatter.png",
                    "volume_histogram.png",
                    "calibration.png"
                }) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
        assertThat(Files.readString(out.resolve("table1_volume.md"))).contains("| abc2 | 80 |");
    }

    @Test
    void refusesToOverwriteWithoutForce() throws IOException {
        Path csv = predictions();
        Path out = dir.resolve("eval");
        assertThat(
                        run(
                                        "evaluate",
                                        "--predictions",
                                        csv.toString(),
                                        "--out",
                                        out.toString(),
                                        "--bootstrap",
                                        "100")
                                .code())
                .isZero();
        Run again =
                run(
                        "evaluate",
                        "--predictions",
                        csv.toString(),
                        "--out",
                        out.toString(),
                        "--bootstrap",
                        "100");
        assertThat(again.code()).isEqualTo(IchCli.EXIT_BAD_INPUT);
        assertThat(again.err())
                .startsWith("ich evaluate: error: ")
                .contains("metrics.json")
                .contains("--force");
        assertThat(
                        run(
                                        "evaluate",
                                        "--predictions",
                                        csv.toString(),
                                        "--out",
                                        out.toString(),
                                        "--bootstrap",
                                        "100",
                                        "--force")
                                .code())
                .isZero();
    }

    /**
     * The bootstrap, the bulk of the work on a large table, shows its progress: 100 resamples ×
     * (model, abc2), as plain lines since the test's standard error is no terminal.
     */
    @Test
    void theBootstrapShowsItsProgress() throws IOException {
        Run r =
                run(
                        "evaluate",
                        "--predictions",
                        predictions().toString(),
                        "--out",
                        dir.resolve("eval").toString(),
                        "--bootstrap",
                        "100");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err())
                .contains("bootstrap 100/200 (50 %)")
                .contains("bootstrap 200/200 (100 %)")
                .doesNotContain("\r");
    }

    /**
     * Not even --force writes through a link: the file it points to, outside --out, keeps its
     * content.
     */
    @Test
    void neverWritesThroughALink() throws IOException {
        Path csv = predictions();
        Path out = Files.createDirectories(dir.resolve("eval"));
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious");
        Files.createSymbolicLink(out.resolve("table1_volume.csv"), victim);
        Run r =
                run(
                        "evaluate",
                        "--predictions",
                        csv.toString(),
                        "--out",
                        out.toString(),
                        "--bootstrap",
                        "100",
                        "--force");
        assertThat(r.code()).isEqualTo(IchCli.EXIT_BAD_INPUT);
        assertThat(r.err()).contains("table1_volume.csv").contains("is a link");
        assertThat(victim).hasContent("precious");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactly("table1_volume.csv");
        }
    }

    @Test
    void aMalformedTableIsOneLineNamingTheRow() throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(
                csv,
                "id,true_volume_ml,pred_volume_ml,true_outcome,pred_probability\na,1,2,0,0.3\nb,1,x,1,0.7\n");
        Run r =
                run(
                        "evaluate",
                        "--predictions",
                        csv.toString(),
                        "--out",
                        dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(IchCli.EXIT_BAD_INPUT);
        assertThat(r.err().lines().findFirst().orElseThrow())
                .isEqualTo(
                        "ich evaluate: error: line 3 of bad.csv: column pred_volume_ml holds 'x', which is not a number. "
                                + "Fix the table; see docs/evaluation.md for its format.");
        assertThat(r.err()).doesNotContain("at dev.ich");
        assertThat(dir.resolve("o")).doesNotExist();
    }
}
