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
        analyze(Path.of(args[0]), Path.of(args[1]));
    }

    static AnalysisResult analyze(Path modelDir, Path study) throws Exception {
        // README:begin
        IchModel model = IchModel.load(modelDir);                      // volume + prognosis network
        try (IchAnalyzer analyzer = IchAnalyzer.builder()
                .reader(AnyStudyReader.create())                       // a DICOM folder or a NIfTI file
                .model(model)
                .explainer(new Explainer(model)).explain(Head.VOLUME)  // Grad-CAM on the study's grid
                .estimators(SegmentationVolumeEstimator.of(VolumeMethod.ABC2))
                .build()) {
            AnalysisResult result = analyzer.analyze(study);
            System.out.printf("%.1f ml, P(death) %.2f%n", result.volumeMl(), result.probabilityOfDeath());
            return result;
        }
        // README:end
    }
}
