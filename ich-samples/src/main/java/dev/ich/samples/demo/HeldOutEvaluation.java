package dev.ich.samples.demo;

import dev.ich.core.analysis.AnalysisResult;
import dev.ich.core.analysis.IchAnalyzer;
import dev.ich.core.error.IchException;
import dev.ich.core.volume.BinaryMask;
import dev.ich.core.volume.CtVolume;
import dev.ich.dicom.DicomStudyReader;
import dev.ich.dicom.nifti.NiftiReader;
import dev.ich.eval.estimators.SegmentationVolumeEstimator;
import dev.ich.eval.estimators.VolumeMethod;
import dev.ich.model.IchModel;
import dev.ich.samples.cohort.CohortCase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Analyses every held-out study the way an application would: through {@link IchAnalyzer}. */
final class HeldOutEvaluation {

    private final Path cohort;
    private final DemoProgress progress;

    HeldOutEvaluation(Path cohort, DemoProgress progress) {
        this.cohort = cohort;
        this.progress = progress;
    }

    /**
     * @param modelDir the multi-task model
     * @param prognosisOnlyDir the prognosis-only model, or null
     */
    List<HeldOutCase> evaluate(List<CohortCase> test, Path modelDir, Path prognosisOnlyDir) throws IchException {
        DicomStudyReader reader = DicomStudyReader.create();
        List<HeldOutCase> cases = new ArrayList<>();
        try (IchAnalyzer analyzer = IchAnalyzer.builder().reader(reader)
                .model(IchModel.load(modelDir))
                .estimators(SegmentationVolumeEstimator.of(VolumeMethod.ABC2),
                    SegmentationVolumeEstimator.of(VolumeMethod.PLANIMETRY))
                .build();
             IchAnalyzer ablation = prognosisOnlyDir == null ? null : IchAnalyzer.builder().reader(reader)
                .model(IchModel.load(prognosisOnlyDir)).build();
             DemoProgress.Task task = progress.begin("evaluation", test.size())) {
            for (CohortCase c : test) {
                CtVolume ct = reader.read(cohort.resolve(c.study()));
                AnalysisResult result = analyzer.analyze(ct);
                double ablationProbability = ablation == null ? Double.NaN : ablation.analyze(ct).probabilityOfDeath();
                BinaryMask mask = NiftiReader.readMask(cohort.resolve(c.mask()), ct.geometry(), 1e-3);
                cases.add(new HeldOutCase(c, result, ablationProbability, Double.NaN, maskShare(mask, ct)));
                task.advance(1);
            }
        }
        return cases;
    }

    /** The mask's share of the head (voxels above −300 HU): the energy share of a uniform map. */
    private static double maskShare(BinaryMask mask, CtVolume ct) {
        int head = 0;
        for (int n = 0; n < ct.geometry().voxelCount(); n++) {
            head += ct.huAt(n) > -300 ? 1 : 0;
        }
        return head == 0 ? Double.NaN : (double) mask.count() / head;
    }
}
