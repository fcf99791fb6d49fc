package dev.ich.samples.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ich.core.analysis.AnalysisResult;
import dev.ich.core.analysis.Head;
import dev.ich.core.analysis.IchAnalyzer;
import dev.ich.core.analysis.StudyHeatmap;
import dev.ich.core.preprocess.Preprocessor;
import dev.ich.core.volume.CtVolume;
import dev.ich.dicom.AnyStudyReader;
import dev.ich.eval.Evaluation;
import dev.ich.eval.estimators.ClinicalVolumeEstimator;
import dev.ich.eval.estimators.HaematomaSegmenter;
import dev.ich.eval.estimators.VolumeMethod;
import dev.ich.eval.metrics.VolumeMetric;
import dev.ich.explain.Explainer;
import dev.ich.model.IchModel;
import dev.ich.model.NetworkConfig;
import dev.ich.model.train.TrainingResult;
import dev.ich.phantom.PhantomSpec;
import dev.ich.phantom.cohort.CohortCase;
import dev.ich.phantom.cohort.CohortWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three example programs run end to end on a small phantom cohort with a tiny network, and the
 * analyzer they show is shared safely between threads and keeps memory flat.
 */
class ExamplesEndToEndTest {

    /** A network that trains in seconds; the topology is the paper's family, not its size. */
    static final NetworkConfig TINY =
            NetworkConfig.builder().depth(10).baseWidth(4).input(16, 32, 32).build();

    @TempDir static Path dir;

    private static List<CohortCase> cases;
    private static Path cohort;
    private static Path model;

    @BeforeAll
    static void trainOnAPhantomCohort() throws Exception {
        cohort = dir.resolve("cohort");
        cases =
                new CohortWriter(
                                PhantomSpec.builder()
                                        .inPlaneSize(128)
                                        .pixelSpacingMm(1.75, 1.9)
                                        .build(),
                                5,
                                3,
                                2)
                        .write(16, cohort, n -> {});
        Files.writeString(cohort.resolve("train.csv"), manifest(cases.subList(0, 10)));
        Files.writeString(cohort.resolve("validation.csv"), manifest(cases.subList(10, 13)));
        model = dir.resolve("model");
        TrainingResult r =
                TrainFromManifest.train(
                        cohort.resolve("train.csv"),
                        cohort.resolve("validation.csv"),
                        model,
                        TINY,
                        2);
        assertThat(r.history()).hasSize(2);
        assertThat(Files.exists(model.resolve("model.json"))).isTrue();
    }

    private static String manifest(List<CohortCase> rows) {
        StringBuilder csv = new StringBuilder("study,volume_ml,outcome,mask\n");
        rows.forEach(
                c ->
                        csv.append(c.study())
                                .append(',')
                                .append(c.volumeMl())
                                .append(',')
                                .append(c.outcome())
                                .append(',')
                                .append(c.mask())
                                .append('\n'));
        return csv.toString();
    }

    @Test
    void analyzeStudyReportsTheModelsPredictionABC2AndAHeatmapOnTheStudyGrid() throws Exception {
        Path study = cohort.resolve(cases.get(13).study());
        AnalysisResult result = AnalyzeStudy.analyze(model, study);
        CtVolume ct = AnyStudyReader.create().read(study);
        try (IchModel direct = IchModel.load(model)) {
            assertThat(result.prediction())
                    .isEqualTo(
                            direct.predict(
                                    new Preprocessor(direct.preprocessing())
                                            .preprocess(ct)
                                            .input()));
            assertThat(result.provenance().modelSha256())
                    .isEqualTo(direct.manifest().parametersSha256());
        }
        double abc2 =
                ClinicalVolumeEstimator.volumeMl(
                        HaematomaSegmenter.defaults().segment(ct), VolumeMethod.ABC2);
        assertThat(result.classicalEstimatesMl()).containsEntry("abc2", abc2);
        StudyHeatmap map = result.heatmaps().get(Head.VOLUME);
        assertThat(map.geometry().sameGrid(ct.geometry(), 1e-6)).isTrue();
        assertThat(result.geometry()).isEqualTo(ct.geometry());
        assertThat(result.provenance().seriesInstanceUid())
                .isEqualTo(ct.provenance().seriesInstanceUid());
    }

    @Test
    void evaluateAndPlotComputesTheTablesFromAPredictionsCsv() throws Exception {
        StringBuilder csv =
                new StringBuilder(
                        "id,true_volume_ml,pred_volume_ml,true_outcome,pred_probability,abc2\n");
        double absoluteErrors = 0;
        for (int i = 0; i < 6; i++) {
            CohortCase c = cases.get(i);
            double predicted = c.volumeMl() * (0.8 + 0.08 * i);
            absoluteErrors += Math.abs(predicted - c.volumeMl());
            csv.append(c.id())
                    .append(',')
                    .append(c.volumeMl())
                    .append(',')
                    .append(predicted)
                    .append(',')
                    .append(i % 2)
                    .append(',')
                    .append(0.2 + 0.1 * i)
                    .append(',')
                    .append(c.abc2Ml())
                    .append('\n');
        }
        Path predictions = dir.resolve("predictions.csv");
        Files.writeString(predictions, csv);
        Evaluation e = EvaluateAndPlot.evaluate(predictions, dir.resolve("evaluation"));
        assertThat(e.modelVolume().evaluation().get(VolumeMetric.MAE).value())
                .isCloseTo(absoluteErrors / 6, within(1e-9));
        // Outcomes 0,1,0,1,0,1 with rising probabilities: 6 of 9 positive–negative pairs are
        // ordered.
        assertThat(e.modelPrognosis().evaluation().auc().auc()).isCloseTo(6.0 / 9, within(1e-12));
        assertThat(Files.readString(dir.resolve("evaluation/metrics.json"), StandardCharsets.UTF_8))
                .contains("\"mape\"");
        assertThat(dir.resolve("evaluation/roc.png")).exists();
    }

    @Test
    void oneAnalyzerSharedByEightThreadsGivesTheSerialResults() throws Exception {
        List<CtVolume> studies = new ArrayList<>();
        AnyStudyReader reader = AnyStudyReader.create();
        for (CohortCase c : cases) {
            studies.add(reader.read(cohort.resolve(c.study())));
        }
        while (studies.size() < 20) {
            studies.add(studies.get(studies.size() % cases.size()));
        }
        try (IchModel net = IchModel.load(model);
                IchAnalyzer analyzer =
                        IchAnalyzer.builder()
                                .reader(reader)
                                .model(net)
                                .explainer(new Explainer(net))
                                .explain(Head.VOLUME)
                                .build()) {
            List<AnalysisResult> serial = new ArrayList<>();
            for (CtVolume ct : studies) {
                serial.add(analyzer.analyze(ct));
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<List<AnalysisResult>>> runs = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    runs.add(
                            pool.submit(
                                    () -> {
                                        List<AnalysisResult> mine = new ArrayList<>();
                                        for (CtVolume ct : studies) {
                                            mine.add(analyzer.analyze(ct));
                                        }
                                        return mine;
                                    }));
                }
                for (Future<List<AnalysisResult>> run : runs) {
                    List<AnalysisResult> parallel = run.get();
                    for (int s = 0; s < studies.size(); s++) {
                        assertThat(parallel.get(s).prediction())
                                .isEqualTo(serial.get(s).prediction());
                        assertThat(
                                        Arrays.equals(
                                                parallel.get(s).heatmaps().get(Head.VOLUME).raw(),
                                                serial.get(s).heatmaps().get(Head.VOLUME).raw()))
                                .as("heatmap of study %d", s)
                                .isTrue();
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
