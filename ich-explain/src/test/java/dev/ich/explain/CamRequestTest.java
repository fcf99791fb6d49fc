package dev.ich.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ich.core.analysis.Head;
import dev.ich.explain.cam.CamMethod;
import org.junit.jupiter.api.Test;

class CamRequestTest {

    @Test
    void thePaperRequestIsLastStageGradCamWithTheDefaultSteps() {
        CamRequest r = CamRequest.paper(Head.VOLUME);
        assertThat(r.method()).isEqualTo(CamMethod.GRAD_CAM);
        assertThat(r.stage()).isEqualTo(4);
        assertThat(r.steps()).isEqualTo(CamRequest.DEFAULT_STEPS);
        assertThat(r.describe()).isEqualTo("Grad-CAM, volume head, stage 4");
    }

    @Test
    void integratedGradientsAreDescribedByTheirStepsAndNotByAStage() {
        CamRequest r =
                CamRequest.builder()
                        .head(Head.PROGNOSIS)
                        .method(CamMethod.INTEGRATED_GRADIENTS)
                        .steps(12)
                        .stage(2)
                        .build();
        assertThat(r.describe())
                .isEqualTo(
                        "Integrated gradients (12 steps), prognosis head, class death, model input");
        assertThat(r.toBuilder().build()).isEqualTo(r);
    }

    @Test
    void stepsOutsideTheirRangeAreRefusedWithTheValue() {
        assertThatThrownBy(() -> CamRequest.builder().steps(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("steps must be in [1, 1024], got 0");
        assertThatThrownBy(() -> CamRequest.builder().steps(1025).build())
                .hasMessage("steps must be in [1, 1024], got 1025");
    }

    @Test
    void cliNamesRoundTripAndAnUnknownNameListsTheKnownOnes() {
        for (CamMethod m : CamMethod.values()) {
            assertThat(CamMethod.fromCliName(m.cliName().toUpperCase(java.util.Locale.ROOT)))
                    .isEqualTo(m);
        }
        assertThatThrownBy(() -> CamMethod.fromCliName("ig"))
                .hasMessage(
                        "unknown heatmap method 'ig'; use one of gradcam, gradcam++, hirescam, layercam, integrated-gradients");
    }
}
