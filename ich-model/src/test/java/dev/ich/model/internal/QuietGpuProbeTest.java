package dev.ich.model.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * DJL's CUDA probe warning, watched in child JVMs that log warnings through slf4j-simple: the
 * control calls DJL directly and shows whether this machine provokes the warning (a CUDA runtime
 * without a usable driver); where it does, the library's engine start must not show it, and a GPU
 * request still says that it falls back to the CPU.
 */
class QuietGpuProbeTest {

    private static final String WARNING = "Failed to detect GPU count";

    @Test
    void theEngineStartsWithoutTheWarningAndAGpuRequestStillShowsIt() throws Exception {
        String control = run("direct");
        assertThat(control).contains("gpus: 0").contains("logging flag after: true");
        assumeTrue(
                control.contains(WARNING),
                "this machine's CUDA probe does not warn (no CUDA runtime, or a GPU)");

        String engine = run("engine");
        assertThat(engine)
                .contains("engine: 2.7.1")
                .doesNotContain(WARNING)
                .doesNotContain("CudaUtils");
        assertThat(engine).as("the flag is restored").contains("logging flag after: true");

        String gpu = run("gpu");
        assertThat(gpu).contains("device: cpu()").contains("A GPU was requested");
    }

    private static String run(String mode) throws IOException, InterruptedException {
        List<String> command =
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        GpuProbeChild.class.getName(),
                        mode);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
