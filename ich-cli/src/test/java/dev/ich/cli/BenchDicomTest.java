package dev.ich.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code ich bench --dicom} prints its figures as name=value lines (on a tiny corpus series). */
class BenchDicomTest {

    @Test
    void printsThroughputAndPeakHeap() {
        IchCliTest.Run run =
                IchCliTest.run(
                        "bench",
                        "--dicom",
                        InfoConvertCommandTest.CORPUS.resolve("explicit_le_signed").toString(),
                        "--warmup",
                        "0",
                        "--runs",
                        "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("24×24×5")
                .contains("throughput_mb_s=")
                .contains("read_peak_heap_mb=")
                .contains("slices=5");
    }
}
