package dev.ich.explain;

import dev.ich.core.analysis.Head;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ich.core.error.IchException;
import dev.ich.core.preprocess.ModelInput;
import dev.ich.explain.cam.CamCapture;
import dev.ich.model.IchModel;
import dev.ich.model.NetworkConfig;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Memory stays flat across 100 explanations: the process's resident set (printed) may not grow by
 * more than a bound far below what keeping one call's arrays per call would cost.
 */
class ExplainerMemoryTest {

    private static final int CALLS = 100;
    /** Allowed RSS growth over the 100 calls; retaining each call's forward/backward arrays would cost ~100 MB. */
    private static final long MAX_GROWTH_BYTES = 30L << 20;

    @Test
    void residentMemoryIsFlatAcross100Calls() throws IchException, IOException, URISyntaxException {
        // One intra-op thread: tiny tensors gain nothing from two, and the build machine is shared.
        IchModel.setIntraOpThreads(1);
        Path weights = Path.of(ExplainerMemoryTest.class.getResource("pipeline/weights_d18_w4.npz").toURI());
        try (IchModel model = IchModel.importPyTorch(weights, new NetworkConfig(18, 4, 16, 48, 48, false), 0.5)) {
            Random random = new Random(5);
            float[] x = new float[16 * 48 * 48];
            for (int n = 0; n < x.length; n++) {
                x[n] = random.nextFloat();
            }
            ModelInput input = new ModelInput(16, 48, 48, x);
            Explainer explainer = new Explainer(model);
            CamRequest[] requests = {
                CamRequest.paper(Head.VOLUME), CamRequest.paper(Head.PROGNOSIS),
                CamRequest.builder().stage(1).build(), CamRequest.builder().head(Head.PROGNOSIS).stage(0).build()};
            for (int n = 0; n < 10; n++) {
                explainer.capture(input, requests[n % requests.length]);
            }
            System.gc();
            long before = rss();
            long beforeNative = before - Runtime.getRuntime().totalMemory();
            long checksum = 0;
            for (int n = 0; n < CALLS; n++) {
                CamCapture c = explainer.capture(input, requests[n % requests.length]);
                checksum += c.channels();
            }
            System.gc();
            long after = rss();
            long afterNative = after - Runtime.getRuntime().totalMemory();
            System.out.printf("explain memory: RSS %.1f MB after warm-up, %.1f MB after %d more calls (%+.1f MB); "
                    + "outside the Java heap %.1f MB → %.1f MB (%+.1f MB)%n",
                before / 1048576.0, after / 1048576.0, CALLS, (after - before) / 1048576.0, beforeNative / 1048576.0,
                afterNative / 1048576.0, (afterNative - beforeNative) / 1048576.0);
            assertThat(checksum).isPositive();
            // libtorch's memory is outside the Java heap, whose own size the collector changes at will.
            assertThat(afterNative - beforeNative).isLessThan(MAX_GROWTH_BYTES);
            assertThat(after - before).isLessThan(MAX_GROWTH_BYTES);
        }
    }

    /** Resident set size of this process from /proc (Linux), in bytes. */
    static long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }
}
