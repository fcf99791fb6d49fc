package dev.ich.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.preprocess.ModelInput;
import dev.ich.core.preprocess.PreprocessingConfig;
import dev.ich.core.preprocess.Preprocessor;
import dev.ich.core.volume.CtVolume;
import dev.ich.core.volume.HuWindow;
import dev.ich.core.volume.Provenance;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The facade's own behaviour: composition, validation, timings, warnings and ownership. The network
 * here is a transparent function of the input (its mean intensity), so every number the analyzer
 * reports can be recomputed; the real network is exercised end to end in ich-samples and ich-cli.
 */
class IchAnalyzerTest {

    private static final PreprocessingConfig SMALL =
            PreprocessingConfig.paper().toBuilder().targetShape(4, 8, 8).build();

    /** Predicts ∛ml = 10 × mean input intensity, and P(death) = mean intensity. */
    static final class MeanPredictor implements IchPredictor, AutoCloseable {
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public PreprocessingConfig preprocessing() {
            return SMALL;
        }

        @Override
        public Prediction predict(ModelInput input) {
            double sum = 0;
            for (float v : input.data()) {
                sum += v;
            }
            double mean = sum / input.size();
            return Prediction.of(10 * mean, mean, 0.5);
        }

        @Override
        public String parametersSha256() {
            return "ab".repeat(32);
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    private static CtVolume headWithBleed() {
        VolumeGeometry g = VolumeGeometry.axial(16, 16, 6, new Vec3(1, 1, 5), Vec3.ZERO);
        float[] hu = new float[g.voxelCount()];
        for (int k = 0; k < 6; k++) {
            for (int j = 0; j < 16; j++) {
                for (int i = 0; i < 16; i++) {
                    boolean head = i >= 2 && i < 14 && j >= 2 && j < 14;
                    boolean bleed = i >= 6 && i < 9 && j >= 6 && j < 9 && k >= 2 && k < 4;
                    hu[g.index(i, j, k)] = bleed ? 75 : head ? 35 : -1000;
                }
            }
        }
        return new CtVolume(
                g,
                hu,
                new Provenance(
                        "1.2.3.4",
                        6,
                        6,
                        "1.2.840.10008.1.2.1",
                        List.of("slice 3 was duplicated and dropped")));
    }

    @Test
    void analysesAVolumeAndReportsProvenanceTimingsAndWarnings() throws Exception {
        MeanPredictor model = new MeanPredictor();
        CtVolume ct = headWithBleed();
        VolumeEstimator voxelsAbove60 =
                new VolumeEstimator() {
                    @Override
                    public String name() {
                        return "above60";
                    }

                    @Override
                    public double estimateMl(CtVolume volume) {
                        int n = 0;
                        for (int v = 0; v < volume.geometry().voxelCount(); v++) {
                            n += volume.huAt(v) > 60 ? 1 : 0;
                        }
                        return n * volume.geometry().voxelVolumeMm3() / 1000;
                    }
                };
        try (IchAnalyzer analyzer =
                IchAnalyzer.builder()
                        .reader(path -> ct)
                        .model(model)
                        .estimators(voxelsAbove60)
                        .build()) {
            AnalysisResult result = analyzer.analyze(Path.of("study"));
            Prediction direct = model.predict(new Preprocessor(SMALL).preprocess(ct).input());
            assertThat(result.prediction()).isEqualTo(direct);
            // 3 × 3 × 2 voxels of 5 mm³ above 60 HU.
            assertThat(result.classicalEstimatesMl()).containsEntry("above60", 0.09);
            assertThat(result.warnings()).containsExactly("slice 3 was duplicated and dropped");
            assertThat(result.timings()).containsOnlyKeys(AnalysisStage.values());
            assertThat(result.heatmaps()).isEmpty();
            assertThat(result.provenance().seriesInstanceUid()).isEqualTo("1.2.3.4");
            assertThat(result.provenance().modelSha256()).isEqualTo("ab".repeat(32));
            assertThat(result.provenance().preprocessingFingerprint())
                    .isEqualTo(SMALL.fingerprint());
            assertThat(result.provenance().libraryVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
        }
        assertThat(model.closed.get()).as("the caller closes the model it made").isZero();
    }

    @Test
    void aWindowOverrideChangesTheInputAndIsAWarning() throws Exception {
        CtVolume ct = headWithBleed();
        try (IchAnalyzer plain =
                        IchAnalyzer.builder().reader(p -> ct).model(new MeanPredictor()).build();
                IchAnalyzer wide =
                        IchAnalyzer.builder()
                                .reader(p -> ct)
                                .model(new MeanPredictor())
                                .window(new HuWindow(0, 80))
                                .build()) {
            AnalysisResult a = plain.analyze(ct);
            AnalysisResult b = wide.analyze(ct);
            assertThat(b.probabilityOfDeath()).isGreaterThan(a.probabilityOfDeath());
            assertThat(b.warnings()).anyMatch(w -> w.contains("window overridden to [0.0, 80.0]"));
            assertThat(wide.preprocessing().window()).isEqualTo(new HuWindow(0, 80));
        }
    }

    @Test
    void buildNamesWhatIsMissingOrWrong() {
        MeanPredictor model = new MeanPredictor();
        assertThatThrownBy(() -> IchAnalyzer.builder().model(model).build())
                .hasMessageContaining("reader must be set");
        assertThatThrownBy(() -> IchAnalyzer.builder().reader(p -> null).build())
                .hasMessageContaining("model must be set");
        assertThatThrownBy(
                        () ->
                                IchAnalyzer.builder()
                                        .reader(p -> null)
                                        .model(model)
                                        .explain(Head.VOLUME)
                                        .build())
                .hasMessageContaining("explain([VOLUME]) needs an explainer");
        assertThatThrownBy(
                        () ->
                                IchAnalyzer.builder()
                                        .reader(p -> null)
                                        .model(model)
                                        .threads(0)
                                        .build())
                .hasMessageContaining("threads must be at least 1, got 0");
    }

    @Test
    void closingTheAnalyzerLeavesTheModelToTheCaller() throws Exception {
        CtVolume ct = headWithBleed();
        MeanPredictor model = new MeanPredictor();
        AnalysisResult first;
        try (IchAnalyzer analyzer = IchAnalyzer.builder().reader(p -> ct).model(model).build()) {
            first = analyzer.analyze(ct);
        }
        try (IchAnalyzer again = IchAnalyzer.builder().reader(p -> ct).model(model).build()) {
            assertThat(again.analyze(ct).prediction()).isEqualTo(first.prediction());
        }
        assertThat(model.closed.get()).isZero();
    }

    @Test
    void aClosedAnalyzerRefusesWork() {
        IchAnalyzer analyzer =
                IchAnalyzer.builder()
                        .reader(p -> headWithBleed())
                        .model(new MeanPredictor())
                        .build();
        analyzer.close();
        assertThatThrownBy(() -> analyzer.analyze(Path.of("x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
