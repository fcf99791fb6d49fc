package dev.ich.samples.examples;

import dev.ich.core.analysis.AnalysisResult;
import dev.ich.core.analysis.Head;
import dev.ich.core.analysis.IchAnalyzer;
import dev.ich.dicom.AnyStudyReader;
import dev.ich.eval.estimators.SegmentationVolumeEstimator;
import dev.ich.eval.estimators.VolumeMethod;
import dev.ich.explain.Explainer;
import dev.ich.model.IchModel;
import java.nio.file.Path;

/** Example: analyse one study with the builder. Arguments: a model directory and a study. */
public final class AnalyzeStudy {

    private AnalyzeStudy() {
    }

    public static void main(String[] args) throws Exception {
        AnalysisResult result = analyze(Path.of(args[0]), Path.of(args[1]));
        System.out.println(result.volumeMl() + " ml, P(death) = " + result.probabilityOfDeath());
    }

    static AnalysisResult analyze(Path modelDir, Path study) throws Exception {
        // README:begin
        IchModel model = IchModel.load(modelDir);
        try (IchAnalyzer analyzer = IchAnalyzer.builder()
                .reader(AnyStudyReader.create())                 // DICOM folder or NIfTI
                .model(model)                                    // volume + prognosis network
                .explainer(new Explainer(model)).explain(Head.VOLUME)  // Grad-CAM in the study grid
                .estimators(SegmentationVolumeEstimator.of(VolumeMethod.ABC2))
                .build()) {
            AnalysisResult result = analyzer.analyze(study);     // volume, P(death), heatmap, ...
            return result;
        }
        // README:end
    }
}
