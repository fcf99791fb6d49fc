package dev.ich.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class BenchCommandTest {

    @Test
    void preprocessModePrintsTheMedianAndTheCropOfTheBenchHead() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = IchCli.run(new String[] {"bench", "--preprocess", "--runs", "1", "--warmup", "0"},
            new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        // The box the ellipsoid's formula gives; tools/bench/preprocess_torch.py prints the same.
        assertThat(out.toString()).contains("crop_box=[67..445]×[22..470]×[0..39]")
            .containsPattern("preprocess_ms_median=\\d+\\.\\d\\d")
            .containsPattern("peak_heap_mb=\\d+\\.\\d");
    }

    @Test
    void aModeIsRequiredAndBadCountsAreRefused() {
        StringWriter err = new StringWriter();
        assertThat(IchCli.run(new String[] {"bench"}, new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true))).isEqualTo(2);
        assertThat(err.toString()).contains("--preprocess");
        StringWriter err2 = new StringWriter();
        assertThat(IchCli.run(new String[] {"bench", "--preprocess", "--runs", "0"},
            new PrintWriter(new StringWriter(), true), new PrintWriter(err2, true))).isEqualTo(2);
        assertThat(err2.toString()).contains("--runs must be at least 1, got 0");
    }

    @Test
    void analysesModeRunsTheAnalyzerOnAPhantomAndPrintsTheMemoryFigures() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = IchCli.run(new String[] {"bench", "--analyses", "2", "--warmup", "0"},
            new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("untrained CPU-preset model ResNet-34 width 8, input 32×80×80")
            .containsPattern("analysis_ms_median=\\d+\\.\\d")
            .containsPattern("analyses=2 rss_start_mb=\\d+ rss_end_mb=\\d+ rss_growth_percent=-?\\d+\\.\\d\\d")
            .containsPattern("rss_outside_heap_growth_percent=-?\\d+\\.\\d\\d")
            .containsPattern("live_heap_growth_percent=-?\\d+\\.\\d\\d");
        StringWriter err2 = new StringWriter();
        assertThat(IchCli.run(new String[] {"bench", "--analyses", "0"}, new PrintWriter(new StringWriter(), true),
            new PrintWriter(err2, true))).isEqualTo(2);
        assertThat(err2.toString()).contains("--analyses must be at least 1, got 0");
    }
}
