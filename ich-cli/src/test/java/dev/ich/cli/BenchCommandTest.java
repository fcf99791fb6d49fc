package dev.ich.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

    @Test
    void preprocessModePrintsTheMedianAndTheCropOfTheBenchHead() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                IchCli.run(
                        new String[] {"bench", "--preprocess", "--runs", "1", "--warmup", "0"},
                        new PrintWriter(out, true),
                        new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        // The box the ellipsoid's formula gives; tools/bench/preprocess_torch.py prints the same.
        assertThat(out.toString())
                .contains("crop_box=[67..445]×[22..470]×[0..39]")
                .containsPattern("preprocess_ms_median=\\d+\\.\\d\\d")
                .containsPattern("peak_heap_mb=\\d+\\.\\d");
    }

    @Test
    void aModeIsRequiredAndBadCountsAreRefused() {
        StringWriter err = new StringWriter();
        assertThat(
                        IchCli.run(
                                new String[] {"bench"},
                                new PrintWriter(new StringWriter(), true),
                                new PrintWriter(err, true)))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--preprocess");
        StringWriter err2 = new StringWriter();
        assertThat(
                        IchCli.run(
                                new String[] {"bench", "--preprocess", "--runs", "0"},
                                new PrintWriter(new StringWriter(), true),
                                new PrintWriter(err2, true)))
                .isEqualTo(2);
        assertThat(err2.toString()).contains("--runs must be from 1 to 10000, got 0");
    }

    @Test
    void batchModeMeasuresOnlyThePresetsAskedFor() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                IchCli.run(
                        new String[] {"bench", "--batch", "4", "--preset", "cpu"},
                        new PrintWriter(out, true),
                        new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("bench batch: 4 studies (a pool of 4 256² phantoms")
                .containsPattern("preset=cpu single_study_stage_ms .* sum=\\d+\\.\\d")
                .containsPattern(
                        "preset=cpu workers=1 threads_per_worker=\\d+ studies=4 failed=0"
                                + " studies_per_hour=\\d+ .* batch_to_single_study_sum=\\d\\.\\d{3}"
                                + " wall_to_own_stage_sum=\\d\\.\\d{3}")
                .containsPattern("preset=cpu workers=2 threads_per_worker=\\d+ studies=4 failed=0")
                .containsPattern(
                        "preset=cpu workers=2 rss_after_2_studies_mb=\\d+ rss_end_mb=\\d+"
                                + " rss_growth_percent=-?\\d+\\.\\d\\d outside_heap_growth_percent=-?\\d+\\.\\d\\d")
                .containsPattern("preset=cpu speedup_1_to_2_workers=\\d+\\.\\d\\d")
                .doesNotContain("preset=paper");
    }

    @Test
    void analysesModeRunsTheAnalyzerOnAPhantomAndPrintsTheMemoryFigures() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                IchCli.run(
                        new String[] {"bench", "--analyses", "2", "--warmup", "0"},
                        new PrintWriter(out, true),
                        new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("untrained CPU-preset model ResNet-34 width 8, input 32×80×80")
                .containsPattern("analysis_ms_median=\\d+\\.\\d")
                .containsPattern(
                        "analyses=2 rss_start_mb=\\d+ rss_end_mb=\\d+ rss_growth_percent=-?\\d+\\.\\d\\d")
                .containsPattern("rss_outside_heap_growth_percent=-?\\d+\\.\\d\\d")
                .containsPattern("live_heap_growth_percent=-?\\d+\\.\\d\\d");
        StringWriter err2 = new StringWriter();
        assertThat(
                        IchCli.run(
                                new String[] {"bench", "--analyses", "0"},
                                new PrintWriter(new StringWriter(), true),
                                new PrintWriter(err2, true)))
                .isEqualTo(2);
        assertThat(err2.toString()).contains("--analyses must be from 1 to 10000, got 0");
    }

    @Test
    void explainModeTimesGradCamAndThenIntegratedGradients(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model");
        TinyModel.train(model);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                IchCli.run(
                        new String[] {
                            "bench",
                            "--explain",
                            model.toString(),
                            "--runs",
                            "1",
                            "--warmup",
                            "0",
                            "--ig-steps",
                            "3"
                        },
                        new PrintWriter(out, true),
                        new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .containsPattern("gradcam_over_inference=\\d+\\.\\d\\d")
                .contains("integrated_gradients_steps=3")
                .containsPattern("integrated_gradients_ms=\\d+\\.\\d")
                .containsPattern("integrated_gradients_over_inference=\\d+\\.\\d\\d")
                .containsPattern("peak_rss_after_integrated_gradients_mb=\\d+");
        StringWriter err2 = new StringWriter();
        assertThat(
                        IchCli.run(
                                new String[] {
                                    "bench", "--explain", model.toString(), "--ig-steps", "-1"
                                },
                                new PrintWriter(new StringWriter(), true),
                                new PrintWriter(err2, true)))
                .isEqualTo(2);
        assertThat(err2.toString()).contains("--ig-steps must be from 0 to 1024, got -1");
    }

    /**
     * With a partner that answers every pass in 40 ms (a stand-in for tools/bench/model_torch.py
     * --serve), each of ich's warm-up and timed runs is followed by one of the partner's, and the
     * ratio is ich's median over 40 ms.
     */
    @Test
    void modelModeAlternatesItsRunsWithThePartnersAndDividesPairByPair(@TempDir Path dir)
            throws IOException {
        Path requests = dir.resolve("requests.txt");
        Path partner =
                fakePython(
                        dir,
                        "echo torch_version=fake\necho ready\n"
                                + "while read r; do echo \"$r\" >> '"
                                + requests
                                + "'; case $r in\n"
                                + "  rss) echo peak_rss_mb=321 ;;\n"
                                + "  train) echo ms=40.0 cpu_ms=80.0 forward_ms=12.0 backward_ms=25.0 update_ms=3.0 ;;\n"
                                + "  *) echo ms=40.0 cpu_ms=80.0 ;;\n"
                                + "esac; done\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                IchCli.run(
                        new String[] {
                            "bench",
                            "--shape",
                            "8x16x16",
                            "--width",
                            "2",
                            "--depth",
                            "10",
                            "--runs",
                            "3",
                            "--warmup",
                            "2",
                            "--threads",
                            "1",
                            "--python",
                            partner.toString()
                        },
                        new PrintWriter(out, true),
                        new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        // 2 + 3 inference pairs; training warms up once (a step takes seconds at the paper's size).
        assertThat(Files.readAllLines(requests))
                .containsExactly(
                        "inference",
                        "inference",
                        "inference",
                        "inference",
                        "inference",
                        "rss",
                        "train",
                        "train",
                        "train",
                        "train",
                        "rss");
        String text = out.toString();
        assertThat(text)
                .contains(
                        "torch_version=fake",
                        "torch_train_step_ms_median=40.0",
                        "torch_peak_rss_mb=321",
                        "torch_train_step_backward_ms_median=25.0");
        // ich's parts are timed inside its step: their medians add up to about the step's median.
        assertThat(
                        value(text, "train_step_forward_ms_median")
                                + value(text, "train_step_backward_ms_median")
                                + value(text, "train_step_update_ms_median"))
                .isLessThanOrEqualTo(value(text, "train_step_ms_median") * 1.5);
        // Within the rounding of the printed figures (0.05 ms over 40 ms, and the ratio's third
        // decimal).
        assertThat(value(text, "train_step_ratio_to_torch"))
                .isCloseTo(value(text, "train_step_ms_median") / 40, within(2e-3));
        assertThat(value(text, "inference_cpu_ratio_to_torch"))
                .isCloseTo(value(text, "inference_cpu_ms_median") / 80, within(2e-3));
    }

    @Test
    void aPartnerThatStopsIsAnErrorWithItsLastWords(@TempDir Path dir) throws IOException {
        Path partner =
                fakePython(dir, "echo \"ModuleNotFoundError: No module named 'torch'\"\nexit 1\n");
        StringWriter err = new StringWriter();
        int code =
                IchCli.run(
                        new String[] {
                            "bench",
                            "--shape",
                            "8x16x16",
                            "--width",
                            "2",
                            "--depth",
                            "10",
                            "--runs",
                            "1",
                            "--python",
                            partner.toString()
                        },
                        new PrintWriter(new StringWriter(), true),
                        new PrintWriter(err, true));
        assertThat(code).isNotZero();
        assertThat(err.toString())
                .contains(
                        "the PyTorch benchmark ended early (last output: ModuleNotFoundError: "
                                + "No module named 'torch')")
                .doesNotContain("Exception");
    }

    /** An executable standing in for python: it ignores its arguments and runs {@code body}. */
    private static Path fakePython(Path dir, String body) throws IOException {
        Path script = dir.resolve("python");
        Files.writeString(script, "#!/bin/sh\n" + body);
        assertThat(script.toFile().setExecutable(true)).isTrue();
        return script;
    }

    private static double value(String text, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + "=([0-9.]+)$").matcher(text);
        assertThat(m.find()).as(key).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
