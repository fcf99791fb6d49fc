package dev.ich.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ich.core.analysis.Prediction;
import dev.ich.model.IchModel;
import dev.ich.model.NetworkConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few minutes of CPU training on a seeded synthetic cohort bring the validation volume MAE well
 * below the predict-the-training-mean baseline; the saved model reproduces the trainer's figures.
 */
class LearningTest {

    /**
     * The kept epoch's validation MAE must be below 65 % of the predict-the-training-mean MAE. On
     * this cohort (48 training, 16 validation studies, 15 epochs of ResNet-18 width 8, cosine
     * schedule after one warm-up epoch, the demo's recipe) it is 47–52 % (3.2–3.6 ml against 6.9
     * ml, on AVX2 and on AVX-512 kernels). At a constant rate the validation MAE of neighbouring
     * epochs jumped by several ml, so which epoch was kept depended on the CPU's kernels; the
     * annealed rate settles it.
     */
    private static final double MAX_MAE_RATIO = 0.65;

    @Test
    void learnsVolumes(@TempDir Path dir) throws Exception {
        int d = 16;
        int h = 32;
        int w = 32;
        List<TrainingExample> train = SyntheticCohort.make(48, 1, d, h, w);
        List<TrainingExample> validation = SyntheticCohort.make(16, 2, d, h, w);
        double mean = train.stream().mapToDouble(TrainingExample::volumeMl).average().orElseThrow();
        double baseline =
                validation.stream()
                        .mapToDouble(e -> Math.abs(e.volumeMl() - mean))
                        .average()
                        .orElseThrow();
        NetworkConfig config =
                NetworkConfig.cpu().toBuilder().depth(18).baseWidth(8).input(d, h, w).build();
        long start = System.nanoTime();
        TrainingResult result =
                IchTrainer.builder()
                        .network(config)
                        .seed(3)
                        .epochs(Integer.getInteger("ich.learning.epochs", 15))
                        .batchSize(4)
                        .taskMode(TaskMode.VOLUME_ONLY)
                        .learningRate(0.003)
                        .learningRateSchedule(LearningRateSchedule.COSINE)
                        .warmupEpochs(1)
                        .regressionStartsAtMean(true)
                        .threads(2)
                        .trainingSet(train)
                        .validationSet(validation)
                        .listener(
                                new TrainingListener() {
                                    @Override
                                    public void onEpoch(EpochMetrics m, int epochs) {
                                        System.out.printf(
                                                "epoch %d/%d loss %.3f val_loss %.3f val_mae %.2f ml (baseline %.2f) mape %.0f%% "
                                                        + "acc %.2f auc %.2f %.1fs%n",
                                                m.epoch(),
                                                epochs,
                                                m.trainLoss(),
                                                m.validationLoss(),
                                                m.validationMaeMl(),
                                                baseline,
                                                m.validationMapePercent(),
                                                m.validationAccuracy(),
                                                m.validationAuc(),
                                                m.seconds());
                                    }
                                })
                        .build()
                        .train(dir.resolve("model"));
        double seconds = (System.nanoTime() - start) / 1e9;
        EpochMetrics best = result.history().get(result.bestEpoch() - 1);
        System.out.printf(
                "learning: baseline MAE %.2f ml, best epoch %d MAE %.2f ml, %.0f s%n",
                baseline, result.bestEpoch(), best.validationMaeMl(), seconds);
        assertThat(best.validationMaeMl()).isLessThan(MAX_MAE_RATIO * baseline);

        try (IchModel model = IchModel.load(result.modelDirectory())) {
            List<Prediction> p =
                    model.predictAll(validation.stream().map(TrainingExample::input).toList());
            double mae = 0;
            for (int i = 0; i < validation.size(); i++) {
                mae += Math.abs(p.get(i).volumeMl() - validation.get(i).volumeMl());
            }
            assertThat(mae / validation.size())
                    .isCloseTo(best.validationMaeMl(), org.assertj.core.data.Offset.offset(1e-3));
            assertThat(model.manifest().provenance().finalMetrics().get("val_mae_ml"))
                    .isEqualTo(best.validationMaeMl());
        }
    }
}
