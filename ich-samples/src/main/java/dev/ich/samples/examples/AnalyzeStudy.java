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

/**
 * Analyses one study. Arguments: a model directory and a study (a DICOM folder or a NIfTI file).
 */
public final class AnalyzeStudy {

    private AnalyzeStudy() {}

    /**
     * Prints the volume and the probability of death of {@code args[1]} by the model in {@code
     * args[0]}.
     */
    public static void main(String[] args) throws Exception {
        AnalysisResult result = analyze(Path.of(args[0]), Path.of(args[1]));
        System.out.printf(
                "%.1f ml, P(death) %.2f%n", result.volumeMl(), result.probabilityOfDeath());
    }

    /** The network's volume and prognosis, ABC/2 and a volume heatmap on the study's own grid. */
    public static AnalysisResult analyze(Path modelDir, Path study) throws Exception {
        // The caller closes the model it loads, after the analyzer, which only borrows it.
        try (IchModel model = IchModel.load(modelDir);
                IchAnalyzer analyzer =
                        IchAnalyzer.builder()
                                .reader(AnyStudyReader.create()) // a DICOM folder or NIfTI file
                                .model(model)
                                .explainer(Explainer.forModel(model)) // localises for this model
                                .explain(Head.VOLUME)
                                .estimators(SegmentationVolumeEstimator.of(VolumeMethod.ABC2))
                                .build()) {
            return analyzer.analyze(study);
        }
    }
}
