package dev.ich.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ich.core.analysis.AnalysisResult;
import dev.ich.core.analysis.Head;
import dev.ich.core.analysis.IchAnalyzer;
import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.preprocess.PreprocessingConfig;
import dev.ich.core.preprocess.Preprocessor;
import dev.ich.core.volume.CtVolume;
import dev.ich.core.volume.Provenance;
import dev.ich.explain.cam.CamMethod;
import dev.ich.model.IchModel;
import dev.ich.model.NetworkConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Explainer#forModel} chooses by the model's input size, and an {@link IchAnalyzer} borrows
 * the model and explainer it is given: they work on after the analyzer is closed.
 */
class ExplainerForModelTest {

    private static IchModel untrained(int depth, int plane) {
        NetworkConfig network =
                NetworkConfig.builder().depth(10).baseWidth(2).input(depth, plane, plane).build();
        PreprocessingConfig preprocessing =
                PreprocessingConfig.paper().toBuilder().targetShape(depth, plane, plane).build();
        return IchModel.untrained(network, preprocessing, 3);
    }

    @Test
    void belowThePapersInputSizeItChoosesIntegratedGradients() {
        try (IchModel cpuSized = untrained(8, 80)) {
            CamRequest volume = Explainer.forModel(cpuSized).requestFor(Head.VOLUME);
            assertThat(volume.method()).isEqualTo(CamMethod.INTEGRATED_GRADIENTS);
            assertThat(volume.steps()).isEqualTo(CamRequest.DEFAULT_STEPS);
            assertThat(Explainer.forModel(cpuSized).requestFor(Head.PROGNOSIS).classIndex())
                    .isEqualTo(CamRequest.DEATH);
            assertThat(new Explainer(cpuSized).requestFor(Head.VOLUME))
                    .isEqualTo(CamRequest.paper(Head.VOLUME));
        }
    }

    @Test
    void atThePapersInputSizeItChoosesThePapersGradCam() {
        try (IchModel paperSized = untrained(8, Explainer.GRAD_CAM_MIN_PLANE)) {
            assertThat(Explainer.forModel(paperSized).requestFor(Head.VOLUME))
                    .isEqualTo(CamRequest.paper(Head.VOLUME));
        }
    }

    @Test
    void theModelAndExplainerWorkOnAfterTheAnalyzerIsClosed() throws Exception {
        CtVolume ct = head();
        try (IchModel model = untrained(8, 32)) {
            Explainer explainer = Explainer.forModel(model);
            AnalysisResult result;
            try (IchAnalyzer analyzer =
                    IchAnalyzer.builder()
                            .reader(path -> ct)
                            .model(model)
                            .explainer(explainer)
                            .explain(Head.VOLUME)
                            .build()) {
                result = analyzer.analyze(ct);
            }
            var study = new Preprocessor(model.preprocessing()).preprocess(ct);
            assertThat(model.predict(study.input())).isEqualTo(result.prediction());
            assertThat(explainer.explain(study, Head.VOLUME))
                    .isEqualTo(result.heatmaps().get(Head.VOLUME));
        }
    }

    private static CtVolume head() {
        VolumeGeometry g = VolumeGeometry.axial(40, 40, 10, new Vec3(1, 1, 5), Vec3.ZERO);
        float[] hu = new float[g.voxelCount()];
        for (int k = 0; k < 10; k++) {
            for (int j = 0; j < 40; j++) {
                for (int i = 0; i < 40; i++) {
                    boolean head = i >= 4 && i < 36 && j >= 4 && j < 36;
                    boolean bleed = i >= 14 && i < 20 && j >= 14 && j < 20 && k >= 3 && k < 6;
                    hu[g.index(i, j, k)] = bleed ? 75 : head ? 35 : -1000;
                }
            }
        }
        return new CtVolume(
                g, hu, new Provenance("1.2.3.4", 10, 10, "1.2.840.10008.1.2.1", List.of()));
    }
}
