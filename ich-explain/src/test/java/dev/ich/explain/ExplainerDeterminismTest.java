package dev.ich.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ich.core.analysis.Head;
import dev.ich.core.error.IchException;
import dev.ich.core.preprocess.ModelInput;
import dev.ich.explain.cam.CamCapture;
import dev.ich.explain.cam.CamMethod;
import dev.ich.model.IchModel;
import dev.ich.model.NetworkConfig;
import dev.ich.model.Preset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The same input explained again and again in one process, on two intra-op threads, gives the same
 * map to the bit: for the paper's Grad-CAM, for Grad-CAM at the first stage and for integrated
 * gradients, at the CPU preset's size. Where a native kernel misbehaves (oneDNN's AVX-512 kernels
 * on some CPUs, docs/model.md) the repeated maps differ or hold NaN.
 */
class ExplainerDeterminismTest {

    private static final int REPEATS = 3;

    @Test
    void repeatedExplanationsAreBitIdentical() throws IchException {
        int threadsBefore = dev.ich.model.internal.Engines.intraOpThreads();
        IchModel.setIntraOpThreads(2);
        NetworkConfig c = Preset.CPU.network();
        try (IchModel model = IchModel.untrained(c, Preset.CPU.preprocessing(), 7)) {
            Random random = new Random(5);
            float[] x = new float[c.inputSize()];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextFloat();
            }
            ModelInput input = new ModelInput(c.inputDepth(), c.inputHeight(), c.inputWidth(), x);
            Explainer explainer = new Explainer(model);
            List<CamRequest> requests =
                    List.of(
                            CamRequest.paper(Head.VOLUME),
                            CamRequest.builder().stage(1).build(),
                            CamRequest.builder()
                                    .method(CamMethod.INTEGRATED_GRADIENTS)
                                    .steps(4)
                                    .build());
            for (CamRequest request : requests) {
                CamCapture first = explainer.capture(input, request);
                for (int n = 1; n < REPEATS; n++) {
                    CamCapture again = explainer.capture(input, request);
                    assertThat(again.gradients())
                            .as("%s, repeat %d", request.describe(), n)
                            .containsExactly(first.gradients());
                    assertThat(again.activations())
                            .as("%s, repeat %d", request.describe(), n)
                            .containsExactly(first.activations());
                }
            }
        } finally {
            IchModel.setIntraOpThreads(threadsBefore);
        }
    }
}
