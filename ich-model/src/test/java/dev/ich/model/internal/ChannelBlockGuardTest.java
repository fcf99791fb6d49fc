package dev.ich.model.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The guard against oneDNN's convolutions with a partial channel block, watched from outside: child
 * JVMs that set nothing about oneDNN run {@link ConvolutionProbe}, whose backward passes run inside
 * the guard as training's and the explainers' do, on the shapes where oneDNN's AVX2 kernels
 * (libtorch 2.7.1) return wrong or non-finite input gradients: 3×3×3 stride-1 convolutions with 4
 * or 12 output channels (a width-4 network's first stage, at training's batch 2 and integrated
 * gradients' batch 128) and the width-4 space-to-depth stem. Without the guard these lines report
 * errors of 0.3 to 1 or {@code finite false}.
 */
class ChannelBlockGuardTest {

    private static final double TOLERANCE = 1e-5;
    private static final String[] NARROW_SHAPES = {
        "2,4,4,4,8,8,3,1,1", "128,4,4,4,8,8,3,1,1", "2,8,12,4,8,8,3,1,1", "2,8,4,11,19,19,4,1,0"
    };

    @Test
    void aNetworkOfWidthFourGetsCorrectRepeatableGradientsFromLibtorchsOwnBackwardConvolutions()
            throws Exception {
        ChildJvm.Result child = run(4, NARROW_SHAPES);
        assertThat(child.exitCode()).as(child.output()).isZero();
        assertThat(child.convolutionKernels("forward")).as(child.output()).isNotEmpty();
        assertThat(child.convolutionKernels("backward")).as(child.output()).isEmpty();
        assertThat(child.output()).contains("oneDNN convolutions after the backward passes: on");
        assertCorrect(child, NARROW_SHAPES.length);
    }

    /** A preset's width fills the block: oneDNN keeps its kernels, and they are right for it. */
    @Test
    void aNetworkOfWidthEightKeepsOneDnnKernels() throws Exception {
        ChildJvm.Result child =
                run(8, "2,8,8,4,8,8,3,1,1", "128,8,8,4,8,8,3,1,1", "2,8,16,4,8,8,3,1,1");
        assertThat(child.exitCode()).as(child.output()).isZero();
        assertThat(child.convolutionKernels("backward_data"))
                .as(child.output())
                .isNotEmpty()
                .noneMatch(k -> k.contains("avx512"));
        assertCorrect(child, 3);
    }

    private static ChildJvm.Result run(int networkWidth, String... shapes) throws Exception {
        return ChildJvm.run(
                ConvolutionProbe.class, List.of("-Dprobe.network.width=" + networkWidth), shapes);
    }

    private static void assertCorrect(ChildJvm.Result child, int shapes) {
        List<String> lines = child.lines("shape ");
        assertThat(lines).as(child.output()).hasSize(shapes);
        for (String line : lines) {
            assertThat(line).contains("finite true", "repeatable true");
            for (String quantity : List.of("output ", "input-gradient ", "weight-gradient ")) {
                int at = line.indexOf(quantity) + quantity.length();
                double error = Double.parseDouble(line.substring(at, line.indexOf(' ', at)));
                assertThat(error).as(line).isLessThan(TOLERANCE);
            }
        }
    }
}
