package dev.ich.model.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ich.model.CpuKernelCap;
import dev.ich.model.IchModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The guard on libtorch's CPU kernels, watched from outside: child JVMs whose environment sets
 * nothing about oneDNN (nor about DJL's offline mode) run {@link GuardProbe} with oneDNN's verbose
 * log on, and the log names the kernel of every convolution. On a CPU with AVX-512 the unguarded
 * reproducer crashes the JVM, hangs or returns garbage (docs/model.md); with the guard it must pass
 * and use no AVX-512 kernel.
 */
class NativeGuardTest {

    private static final long CHILD_TIMEOUT_SECONDS = 180;
    private static final double TOLERANCE = 1e-5;

    @Test
    void capsTheKernelsInThisJvm() {
        CpuKernelCap cap = IchModel.cpuKernelCap();
        assertThat(cap.capsAvx512()).as(cap.describe()).isTrue();
        assertThat(cap.cpuHasAvx512()).isEqualTo(NativeGuard.cpuHasAvx512());
    }

    @Test
    void aJvmThatSetsNothingRunsTheUpstreamReproducerOnAvx2Kernels() throws Exception {
        Child child = run("crash");
        assertThat(child.exitCode).as(child.output).isZero();
        assertThat(child.output).contains("cap: oneDNN kernels capped at AVX2 by ich");
        assertThat(child.output)
                .as("DJL kept offline without the JVM being told")
                .contains("offline: true");
        assertThat(convolutionKernels(child.output))
                .as(child.output)
                .isNotEmpty()
                .noneMatch(k -> k.contains("avx512"));
        assertThat(maxRelativeError(child.output)).isLessThan(TOLERANCE);
    }

    /**
     * The control: the same check sees AVX-512 kernels where the CPU has them and the cap is off.
     */
    @Test
    void optingOutUsesWhatTheCpuHas() throws Exception {
        Child child = run("safe", "-D" + CpuKernelCap.PROPERTY + "=native");
        assertThat(child.exitCode).as(child.output).isZero();
        assertThat(child.output).contains("cap: oneDNN kernels not capped");
        assertThat(convolutionKernels(child.output).stream().anyMatch(k -> k.contains("avx512")))
                .as(child.output)
                .isEqualTo(NativeGuard.cpuHasAvx512());
        assertThat(maxRelativeError(child.output)).isLessThan(TOLERANCE);
    }

    private record Child(int exitCode, String output) {}

    private static Child run(String shape, String... jvmOptions)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(
                List.of(
                        "-cp",
                        System.getProperty("java.class.path"),
                        GuardProbe.class.getName(),
                        shape));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove(NativeGuard.VARIABLE);
        builder.environment().remove("DNNL_MAX_CPU_ISA");
        builder.environment().put("ONEDNN_VERBOSE", "1");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Child(-1, "timed out\n" + new String(output, StandardCharsets.UTF_8));
        }
        return new Child(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /**
     * The implementation column of every convolution oneDNN ran ("jit:avx2",
     * "brg_conv_fwd:avx512_core", ...).
     */
    private static List<String> convolutionKernels(String output) {
        List<String> kernels = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] fields = line.split(",");
            int exec = List.of(fields).indexOf("exec");
            if (line.startsWith("onednn_verbose")
                    && exec >= 0
                    && fields.length > exec + 3
                    && fields[exec + 2].equals("convolution")) {
                kernels.add(fields[exec + 3]);
            }
        }
        return kernels;
    }

    private static double maxRelativeError(String output) {
        for (String line : output.split("\n")) {
            if (line.startsWith("max relative error: ")) {
                return Double.parseDouble(line.substring("max relative error: ".length()).trim());
            }
        }
        throw new AssertionError("the probe printed no error:\n" + output);
    }
}
