package dev.ich.samples.demo;

import dev.ich.core.analysis.AnalysisResult;
import dev.ich.core.analysis.IchAnalyzer;
import dev.ich.core.analysis.StudyHeatmap;
import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.preprocess.Preprocessor;
import dev.ich.core.volume.BinaryMask;
import dev.ich.core.volume.CtVolume;
import dev.ich.dicom.DicomStudyReader;
import dev.ich.dicom.nifti.NiftiReader;
import dev.ich.eval.estimators.HaematomaSegmenter;
import dev.ich.eval.estimators.SegmentationVolumeEstimator;
import dev.ich.eval.estimators.VolumeMethod;
import dev.ich.explain.CamProjection;
import dev.ich.explain.Explainer;
import dev.ich.explain.render.Montage;
import dev.ich.explain.render.MontageOptions;
import dev.ich.explain.score.Localisation;
import dev.ich.explain.score.LocalisationScores;
import dev.ich.model.IchModel;
import dev.ich.phantom.cohort.CohortCase;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Analyses every held-out study the way an application would, through {@link IchAnalyzer}, then
 * explains the volume head ({@link DemoPipeline#EXPLANATION}) and scores the map against the true
 * mask inside the intracranial region.
 */
final class HeldOutEvaluation {

    /** Masks and studies share a grid to within this distance. */
    private static final double GRID_TOLERANCE_MM = 1e-3;

    private final Path cohort;
    private final Path montages;
    private final int montageCount;
    private final DemoProgress progress;

    HeldOutEvaluation(Path cohort, Path montages, int montageCount, DemoProgress progress) {
        this.cohort = cohort;
        this.montages = montages;
        this.montageCount = montageCount;
        this.progress = progress;
    }

    /**
     * @param modelDir the multi-task model
     * @param prognosisOnlyDir the prognosis-only model, or null
     */
    List<HeldOutCase> evaluate(List<CohortCase> test, Path modelDir, Path prognosisOnlyDir)
            throws IchException {
        DicomStudyReader reader = DicomStudyReader.create();
        HaematomaSegmenter segmenter = HaematomaSegmenter.defaults();
        List<HeldOutCase> cases = new ArrayList<>();
        try (IchModel model = IchModel.load(modelDir);
                IchModel prognosisOnly =
                        prognosisOnlyDir == null ? null : IchModel.load(prognosisOnlyDir);
                IchAnalyzer analyzer =
                        IchAnalyzer.builder()
                                .reader(reader)
                                .model(model)
                                .estimators(
                                        SegmentationVolumeEstimator.of(
                                                VolumeMethod.ABC2, segmenter),
                                        SegmentationVolumeEstimator.of(
                                                VolumeMethod.PLANIMETRY, segmenter))
                                .build();
                IchAnalyzer ablation =
                        prognosisOnly == null
                                ? null
                                : IchAnalyzer.builder()
                                        .reader(reader)
                                        .model(prognosisOnly)
                                        .build();
                DemoProgress.Task task = progress.begin("evaluation", test.size())) {
            Explainer explainer = new Explainer(model);
            Preprocessor preprocessor = new Preprocessor(model.preprocessing());
            for (int n = 0; n < test.size(); n++) {
                CohortCase c = test.get(n);
                CtVolume ct = reader.read(cohort.resolve(c.study()));
                AnalysisResult result = analyzer.analyze(ct);
                double ablationProbability =
                        ablation == null ? Double.NaN : ablation.analyze(ct).probabilityOfDeath();
                BinaryMask mask =
                        NiftiReader.readMask(
                                cohort.resolve(c.mask()), ct.geometry(), GRID_TOLERANCE_MM);
                StudyHeatmap heatmap =
                        explainer.explain(preprocessor.preprocess(ct), DemoPipeline.EXPLANATION);
                LocalisationScores scores =
                        Localisation.score(
                                heatmap,
                                mask,
                                segmenter.intracranialRegion(ct),
                                Localisation.DEFAULT_TOP_FRACTION);
                if (n < montageCount) {
                    writeMontage(c, ct, heatmap, mask, result.volumeMl());
                }
                cases.add(
                        new HeldOutCase(
                                c,
                                result,
                                ablationProbability,
                                scores.energyInside(),
                                scores.chanceEnergy(),
                                scores.pointingHit()));
                task.advance(1);
            }
        }
        return cases;
    }

    /** The heatmap montage beside the same slices with the true mask, in one PNG. */
    private void writeMontage(
            CohortCase c, CtVolume ct, StudyHeatmap heatmap, BinaryMask mask, double predictedMl)
            throws IchException {
        MontageOptions options = DemoPipeline.MONTAGE;
        String caseLine =
                String.format(
                        Locale.ROOT,
                        "%s (%s): true %.1f ml, predicted %.1f ml",
                        c.id(),
                        c.location(),
                        c.volumeMl(),
                        predictedMl);
        BufferedImage cam =
                Montage.render(
                        ct,
                        heatmap,
                        DemoPipeline.EXPLANATION.describe() + " — " + caseLine,
                        options);
        StudyHeatmap truthMap =
                CamProjection.heatmap(DemoPipeline.EXPLANATION, ct.geometry(), mask.toFloats());
        BufferedImage truth =
                Montage.render(ct, truthMap, "true haematoma mask — " + c.id(), options);
        BufferedImage pair =
                new BufferedImage(
                        cam.getWidth() + truth.getWidth(),
                        Math.max(cam.getHeight(), truth.getHeight()),
                        BufferedImage.TYPE_INT_RGB);
        Graphics2D g = pair.createGraphics();
        g.drawImage(cam, 0, 0, null);
        g.drawImage(truth, cam.getWidth(), 0, null);
        g.dispose();
        try {
            Files.createDirectories(montages);
            Files.write(montages.resolve(c.id() + ".png"), Montage.png(pair));
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    montages.toString(),
                    "cannot write a montage: " + e,
                    "Check the folder's permissions and free space",
                    e);
        }
    }
}
