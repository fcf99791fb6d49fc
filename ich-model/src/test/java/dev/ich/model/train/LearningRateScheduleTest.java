package dev.ich.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schedules against torch.optim.lr_scheduler (tools/reference/make_schedule_reference.py). */
class LearningRateScheduleTest {

    /**
     * PyTorch updates the rate recursively, which differs from the closed form in the last bits.
     */
    private static final double TOLERANCE = 1e-12;

    private static final double BASE_RATE = 0.003;

    @Test
    void cosineEqualsPyTorchCosineAnnealingSteppedPerBatch() throws Exception {
        assertEqualsReference("cosine_schedule.csv", 0);
    }

    @Test
    void warmupThenCosineEqualsPyTorchLinearThenCosineAnnealing() throws Exception {
        assertEqualsReference("warmup_cosine_schedule.csv", 5);
    }

    @Test
    void warmupRisesLinearlyToTheFullRate() {
        assertThat(LearningRateSchedule.CONSTANT.factor(0, 10, 4)).isEqualTo(0.25);
        assertThat(LearningRateSchedule.CONSTANT.factor(3, 10, 4)).isEqualTo(1);
        assertThat(LearningRateSchedule.COSINE.factor(4, 10, 4)).isEqualTo(1);
        assertThat(LearningRateSchedule.COSINE.factor(7, 10, 0))
                .isEqualTo(LearningRateSchedule.COSINE.factor(7, 10));
    }

    private void assertEqualsReference(String file, int warmupSteps) throws Exception {
        List<String> rows =
                Files.readAllLines(
                        Path.of(
                                getClass()
                                        .getResource("/dev/ich/model/reference/" + file)
                                        .toURI()));
        int steps = rows.size() - 1;
        assertThat(steps).isEqualTo(37);
        for (int i = 1; i <= steps; i++) {
            String[] row = rows.get(i).split(",");
            int step = Integer.parseInt(row[0]);
            double expected = Double.parseDouble(row[1]);
            assertThat(BASE_RATE * LearningRateSchedule.COSINE.factor(step, steps, warmupSteps))
                    .as("step %d", step)
                    .isCloseTo(expected, within(TOLERANCE));
        }
    }

    @Test
    void constantKeepsTheRate() {
        assertThat(LearningRateSchedule.CONSTANT.factor(0, 10)).isEqualTo(1);
        assertThat(LearningRateSchedule.CONSTANT.factor(9, 10)).isEqualTo(1);
    }
}
