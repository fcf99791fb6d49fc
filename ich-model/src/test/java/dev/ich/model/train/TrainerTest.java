package dev.ich.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ich.core.analysis.Outcome;
import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.preprocess.ModelInput;
import dev.ich.model.NetworkConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checkpoint/resume equality, best-model bookkeeping and the trainer's errors, on a tiny network.
 */
class TrainerTest {

    private static final NetworkConfig TINY =
            NetworkConfig.builder().depth(10).baseWidth(4).input(16, 32, 32).build();
    private static final List<TrainingExample> DATA = SyntheticCohort.make(10, 5, 16, 32, 32);
    private static final List<TrainingExample> VALIDATION = SyntheticCohort.make(4, 6, 16, 32, 32);

    private static IchTrainer.Builder trainer(int epochs) {
        return trainer(epochs, LearningRateSchedule.CONSTANT);
    }

    private static IchTrainer.Builder trainer(int epochs, LearningRateSchedule schedule) {
        return IchTrainer.builder()
                .network(TINY)
                .epochs(epochs)
                .batchSize(4)
                .learningRate(0.01)
                .seed(11)
                .learningRateSchedule(schedule)
                .regressionStartsAtMean(schedule == LearningRateSchedule.COSINE)
                .augmentation(new Augmentation(true, 2))
                .trainingSet(DATA)
                .validationSet(VALIDATION);
    }

    /** Fails once {@code epoch}'s checkpoint is written, as a killed run would stop. */
    private static TrainingListener crashAfterEpoch(int epoch) {
        return new TrainingListener() {
            @Override
            public void onEpoch(EpochMetrics metrics, int epochs) {
                if (metrics.epoch() == epoch) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
    }

    /** A crash after epoch 1, then --resume, gives the same weights as an uninterrupted run. */
    @ParameterizedTest
    @EnumSource(LearningRateSchedule.class)
    void resumeIsBitIdentical(LearningRateSchedule schedule, @TempDir Path dir) throws Exception {
        TrainingResult straight = trainer(3, schedule).build().train(dir.resolve("a"));

        Path crashed = dir.resolve("b");
        IchTrainer crashing = trainer(3, schedule).listener(crashAfterEpoch(1)).build();
        assertThatThrownBy(() -> crashing.train(crashed)).hasMessageContaining("simulated crash");
        assertThat(crashed).doesNotExist();
        assertThat(IchTrainer.checkpointDirectory(crashed).resolve("state.json")).exists();

        TrainingResult resumed = trainer(3, schedule).build().resume(crashed);
        assertThat(Files.readAllBytes(resumed.modelDirectory().resolve("parameters.params")))
                .isEqualTo(
                        Files.readAllBytes(straight.modelDirectory().resolve("parameters.params")));
        assertThat(resumed.history()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(resumed.history().get(i).trainLoss())
                    .isEqualTo(straight.history().get(i).trainLoss());
            assertThat(resumed.history().get(i).validationMaeMl())
                    .isEqualTo(straight.history().get(i).validationMaeMl());
        }
        assertThat(resumed.bestEpoch()).isEqualTo(straight.bestEpoch());
        assertThat(IchTrainer.checkpointDirectory(crashed)).doesNotExist();
        assertThat(IchTrainer.checkpointDirectory(straight.modelDirectory())).doesNotExist();
        double bestLoss =
                straight.history().stream()
                        .mapToDouble(EpochMetrics::validationLoss)
                        .min()
                        .orElseThrow();
        assertThat(straight.history().get(straight.bestEpoch() - 1).validationLoss())
                .isEqualTo(bestLoss);
        assertThat(straight.manifest().provenance().epochs()).isEqualTo(3);
        assertThat(straight.manifest().provenance().seed()).isEqualTo(11);

        assertThatThrownBy(() -> trainer(3).build().train(dir.resolve("a")))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.OUTPUT_NOT_WRITABLE));
    }

    /**
     * Two runs with the same seed on two intra-op threads give the same losses and the same
     * weights, to the bit (no kernel of the step may depend on the threads' timing).
     */
    @Test
    void twoRunsWithTheSameSeedAreBitIdentical(@TempDir Path dir) throws Exception {
        TrainingResult first = trainer(2).threads(2).build().train(dir.resolve("first"));
        TrainingResult second = trainer(2).threads(2).build().train(dir.resolve("second"));
        assertThat(Files.readAllBytes(second.modelDirectory().resolve("parameters.params")))
                .isEqualTo(Files.readAllBytes(first.modelDirectory().resolve("parameters.params")));
        for (int i = 0; i < 2; i++) {
            assertThat(second.history().get(i).trainLoss())
                    .isEqualTo(first.history().get(i).trainLoss());
            assertThat(second.history().get(i).validationLoss())
                    .isEqualTo(first.history().get(i).validationLoss());
        }
    }

    /**
     * A step whose loss or gradient is not finite stops the run with the epoch and batch; no model
     * is written.
     */
    @Test
    void aDivergingRunStopsWithTheEpochAndBatchAndWritesNoModel(@TempDir Path dir) {
        Path model = dir.resolve("m");
        assertThatThrownBy(() -> trainer(3).learningRate(1e12).build().train(model))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.NON_FINITE_RESULT);
                            assertThat(e.getMessage())
                                    .containsPattern("diverged at epoch \\d+, batch \\d+ of 3")
                                    .contains("no model was written");
                        });
        assertThat(model).doesNotExist();
    }

    /**
     * The cosine schedule's rate depends on the run's length, so a resumed run may not change it.
     */
    @Test
    void aCosineRunCannotBeResumedWithAnotherLength(@TempDir Path dir) throws Exception {
        IchTrainer crashing =
                trainer(2, LearningRateSchedule.COSINE)
                        .listener(
                                new TrainingListener() {
                                    @Override
                                    public void onEpoch(EpochMetrics metrics, int epochs) {
                                        throw new IllegalStateException("simulated crash");
                                    }
                                })
                        .build();
        assertThatThrownBy(() -> crashing.train(dir.resolve("m")))
                .hasMessageContaining("simulated crash");
        assertThatThrownBy(
                        () ->
                                trainer(4, LearningRateSchedule.COSINE)
                                        .build()
                                        .resume(dir.resolve("m")))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRAINING_DATA))
                .hasMessageContaining("other settings");
    }

    /**
     * LAST_EPOCH keeps the last weights whatever the validation loss did: the saved parameters are
     * the last epoch's checkpoint's (kept here by a run that stops after its last checkpoint),
     * which equal the lowest-loss run's only when its best epoch is the last.
     */
    @Test
    void lastEpochSelectionKeepsTheLastWeights(@TempDir Path dir) throws Exception {
        TrainingResult last =
                trainer(3)
                        .modelSelection(ModelSelection.LAST_EPOCH)
                        .build()
                        .train(dir.resolve("last"));
        assertThat(last.bestEpoch()).isEqualTo(3);
        assertThat(last.manifest().provenance().bestEpoch()).isEqualTo(3);
        Path stopped = dir.resolve("stopped");
        IchTrainer stopping =
                trainer(3)
                        .modelSelection(ModelSelection.LAST_EPOCH)
                        .listener(crashAfterEpoch(3))
                        .build();
        assertThatThrownBy(() -> stopping.train(stopped)).hasMessageContaining("simulated crash");
        assertThat(Files.readAllBytes(last.modelDirectory().resolve("parameters.params")))
                .isEqualTo(
                        Files.readAllBytes(
                                IchTrainer.checkpointDirectory(stopped)
                                        .resolve("parameters.params")));
        TrainingResult lowest = trainer(3).build().train(dir.resolve("lowest"));
        assertThat(lowest.history())
                .extracting(EpochMetrics::validationLoss)
                .containsExactlyElementsOf(
                        last.history().stream().map(EpochMetrics::validationLoss).toList());
        double bestLoss =
                lowest.history().stream()
                        .mapToDouble(EpochMetrics::validationLoss)
                        .min()
                        .orElseThrow();
        assertThat(lowest.history().get(lowest.bestEpoch() - 1).validationLoss())
                .isEqualTo(bestLoss);
    }

    /**
     * The checkpoint's place beside the output may hold something of the user's (a folder, a file,
     * a link): training refuses before any work and leaves it exactly as it was.
     */
    @Test
    void aForeignCheckpointPlaceIsLeftAlone(@TempDir Path dir) throws Exception {
        Path folder = IchTrainer.checkpointDirectory(dir.resolve("a"));
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("notes.txt"), "mine");
        Path file = IchTrainer.checkpointDirectory(dir.resolve("b"));
        Files.writeString(file, "mine too");
        Path victim = Files.createDirectories(dir.resolve("victim"));
        Files.writeString(victim.resolve("state.json"), "{}");
        Path link =
                Files.createSymbolicLink(IchTrainer.checkpointDirectory(dir.resolve("c")), victim);
        for (String out : List.of("a", "b", "c")) {
            assertThatThrownBy(() -> trainer(1).build().train(dir.resolve(out)))
                    .isInstanceOfSatisfying(
                            IchException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.OUTPUT_NOT_WRITABLE))
                    .hasMessageContaining(".checkpoint")
                    .hasMessageContaining("not a checkpoint of ich train");
            assertThatThrownBy(() -> trainer(1).build().resume(dir.resolve(out)))
                    .isInstanceOfSatisfying(
                            IchException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.OUTPUT_NOT_WRITABLE));
            assertThat(dir.resolve(out)).doesNotExist();
        }
        assertThat(folder.resolve("notes.txt")).hasContent("mine");
        assertThat(file).hasContent("mine too");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(victim.resolve("state.json")).hasContent("{}");
    }

    /**
     * Starting the regression at the mean: the untrained network predicts about the mean ∛volume.
     */
    @Test
    void regressionCanStartAtTheMeanTarget(@TempDir Path dir) throws Exception {
        double mean =
                DATA.stream().mapToDouble(e -> Math.cbrt(e.volumeMl())).average().orElseThrow();
        // One epoch at a negligible rate leaves the start as it was.
        TrainingResult atMean =
                trainer(1)
                        .learningRate(1e-12)
                        .regressionStartsAtMean(true)
                        .build()
                        .train(dir.resolve("mean"));
        TrainingResult uniform =
                trainer(1).learningRate(1e-12).build().train(dir.resolve("uniform"));
        try (var model = dev.ich.model.IchModel.load(atMean.modelDirectory());
                var other = dev.ich.model.IchModel.load(uniform.modelDirectory())) {
            double bias =
                    model.withNetwork(
                            s ->
                                    s.network()
                                            .torchParameters()
                                            .get("fc_reg.bias")
                                            .getArray()
                                            .getFloat());
            double otherBias =
                    other.withNetwork(
                            s ->
                                    s.network()
                                            .torchParameters()
                                            .get("fc_reg.bias")
                                            .getArray()
                                            .getFloat());
            assertThat(bias).isCloseTo(mean, within(1e-6));
            assertThat(otherBias).isNotCloseTo(mean, within(1e-3));
        }
    }

    @Test
    void badDataIsRefusedWithTheReason(@TempDir Path dir) {
        assertThatThrownBy(() -> trainer(1).trainingSet(List.of()).build().train(dir.resolve("m")))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRAINING_DATA))
                .hasMessageContaining("training set")
                .hasMessageContaining("empty");
        List<TrainingExample> survivors = new ArrayList<>();
        for (TrainingExample e : DATA) {
            survivors.add(new TrainingExample(e.input(), e.volumeMl(), Outcome.SURVIVED));
        }
        assertThatThrownBy(() -> trainer(1).trainingSet(survivors).build().train(dir.resolve("m")))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRAINING_DATA))
                .hasMessageContaining("one outcome");
        List<TrainingExample> wrongShape = new ArrayList<>(DATA);
        wrongShape.set(
                3,
                new TrainingExample(
                        new ModelInput(8, 32, 32, new float[8 * 32 * 32]), 1, Outcome.DIED));
        assertThatThrownBy(() -> trainer(1).trainingSet(wrongShape).build().train(dir.resolve("m")))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRAINING_DATA))
                .hasMessageContaining("example 3")
                .hasMessageContaining("8×32×32");
        assertThat(dir.resolve("m")).doesNotExist();
        assertThatThrownBy(() -> IchTrainer.builder().batchSize(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchSize")
                .hasMessageContaining("0");
    }
}
