package dev.ich.model.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ich.model.CpuKernelCap;
import dev.ich.model.IchModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The guard on libtorch's CPU kernels, watched from outside: child JVMs whose environment sets
 * nothing about oneDNN (nor about DJL's offline mode) run {@link GuardProbe} with oneDNN's verbose
 * log on, and the log names the kernel of every convolution. On a CPU with AVX-512 the unguarded
 * reproducer crashes the JVM, hangs or returns garbage (docs/model.md); with the guard it must pass
 * and use no AVX-512 kernel.
 */
class NativeGuardTest {

    private static final double TOLERANCE = 1e-5;

    @Test
    void capsTheKernelsInThisJvm() {
        CpuKernelCap cap = IchModel.cpuKernelCap();
        assertThat(cap.capsAvx512()).as(cap.describe()).isTrue();
        assertThat(cap.cpuHasAvx512()).isEqualTo(NativeGuard.cpuHasAvx512());
    }

    @Test
    void aJvmThatSetsNothingRunsTheUpstreamReproducerOnAvx2Kernels() throws Exception {
        ChildJvm.Result child = run("crash");
        assertThat(child.exitCode()).as(child.output()).isZero();
        assertThat(child.output()).contains("cap: oneDNN kernels capped at AVX2 by ich");
        assertThat(child.output())
                .as("DJL kept offline without the JVM being told")
                .contains("offline: true");
        assertThat(child.convolutionKernels())
                .as(child.output())
                .isNotEmpty()
                .noneMatch(k -> k.contains("avx512"));
        assertThat(maxRelativeError(child.output())).isLessThan(TOLERANCE);
    }

    /**
     * The control: the same check sees AVX-512 kernels where the CPU has them and the cap is off.
     */
    @Test
    void optingOutUsesWhatTheCpuHas() throws Exception {
        ChildJvm.Result child = run("safe", "-D" + CpuKernelCap.PROPERTY + "=native");
        assertThat(child.exitCode()).as(child.output()).isZero();
        assertThat(child.output()).contains("cap: oneDNN kernels not capped");
        assertThat(child.convolutionKernels().stream().anyMatch(k -> k.contains("avx512")))
                .as(child.output())
                .isEqualTo(NativeGuard.cpuHasAvx512());
        assertThat(maxRelativeError(child.output())).isLessThan(TOLERANCE);
    }

    private static ChildJvm.Result run(String shape, String... jvmOptions) throws Exception {
        return ChildJvm.run(GuardProbe.class, List.of(jvmOptions), shape);
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
