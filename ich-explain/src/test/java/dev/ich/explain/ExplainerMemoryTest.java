package dev.ich.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ich.core.analysis.Head;
import dev.ich.core.error.IchException;
import dev.ich.core.preprocess.ModelInput;
import dev.ich.core.preprocess.PreprocessingConfig;
import dev.ich.explain.cam.CamCapture;
import dev.ich.explain.cam.CamMethod;
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

    /** Calls before the first reading, so allocator pools and the JIT have settled. */
    private static final int WARM_UP = 40;

    /**
     * Allowed RSS growth over the 100 calls; keeping just each call's input and outputs alive would
     * cost ~20 MB, all its arrays far more.
     */
    private static final long MAX_GROWTH_BYTES = 12L << 20;

    private static final int BLOCK = 20;

    @Test
    void residentMemoryIsFlatAcross100Calls() throws IchException, IOException, URISyntaxException {
        // One intra-op thread: tiny tensors gain nothing from two, and the build machine is shared.
        IchModel.setIntraOpThreads(1);
        Path weights =
                Path.of(
                        ExplainerMemoryTest.class
                                .getResource("pipeline/weights_d18_w4.npz")
                                .toURI());
        try (IchModel model =
                IchModel.importPyTorch(
                        weights,
                        new NetworkConfig(18, 4, 16, 48, 48, false),
                        PreprocessingConfig.paper().toBuilder().targetShape(16, 48, 48).build(),
                        0.5)) {
            Random random = new Random(5);
            float[] x = new float[16 * 48 * 48];
            for (int n = 0; n < x.length; n++) {
                x[n] = random.nextFloat();
            }
            ModelInput input = new ModelInput(16, 48, 48, x);
            Explainer explainer = new Explainer(model);
            CamRequest[] requests = {
                CamRequest.paper(Head.VOLUME), CamRequest.paper(Head.PROGNOSIS),
                CamRequest.builder().stage(1).build(),
                        CamRequest.builder().head(Head.PROGNOSIS).stage(0).build(),
                CamRequest.builder().method(CamMethod.INTEGRATED_GRADIENTS).steps(3).build()
            };
            for (int n = 0; n < WARM_UP; n++) {
                explainer.capture(input, requests[n % requests.length]);
            }
            // Readings every 20 calls: a leak makes the last the highest; the JIT's and allocator's
            // one-off releases early on only lower the minimum.
            long[] readings = new long[CALLS / BLOCK + 1];
            long checksum = 0;
            for (int r = 0; r < readings.length; r++) {
                if (r > 0) {
                    for (int n = 0; n < BLOCK; n++) {
                        CamCapture c = explainer.capture(input, requests[n % requests.length]);
                        checksum += c.channels();
                    }
                }
                System.gc();
                readings[r] = rss();
            }
            long min = Long.MAX_VALUE;
            StringBuilder figures = new StringBuilder();
            for (long v : readings) {
                min = Math.min(min, v);
                figures.append(String.format(java.util.Locale.ROOT, " %.1f", v / 1048576.0));
            }
            long last = readings[readings.length - 1];
            System.out.printf(
                    java.util.Locale.ROOT,
                    "explain memory: RSS (MB) after %d warm-up calls and every %d calls"
                            + " of %d:%s; last − lowest = %+.1f MB%n",
                    WARM_UP,
                    BLOCK,
                    CALLS,
                    figures,
                    (last - min) / 1048576.0);
            assertThat(checksum).isPositive();
            assertThat(last - min).isLessThan(MAX_GROWTH_BYTES);
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
