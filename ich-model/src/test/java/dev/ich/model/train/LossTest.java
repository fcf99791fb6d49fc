package dev.ich.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.ich.model.internal.Engines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Both regression losses against ich_net.py's, computed by tools/reference/make_loss_reference.py.
 */
class LossTest {

    private static final double TOLERANCE = 1e-5;

    @Test
    void paperAndRelativeLossesEqualPyTorch() throws Exception {
        List<String> rows =
                Files.readAllLines(
                        Path.of(
                                getClass()
                                        .getResource("/dev/ich/model/reference/losses.csv")
                                        .toURI()));
        assertThat(rows).hasSize(7);
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            for (String row : rows.subList(1, rows.size())) {
                String[] f = row.split(";");
                float[] size = floats(f[0]);
                float[] scores = floats(f[1]);
                float[] volume = floats(f[2]);
                float[] outcome = floats(f[3]);
                double wReg = Double.parseDouble(f[4]);
                double wCls = Double.parseDouble(f[5]);
                double reference = Double.parseDouble(f[6]);
                int n = size.length;
                float[] targets = new float[n];
                int[] outcomes = new int[n];
                for (int i = 0; i < n; i++) {
                    targets[i] = (float) Math.cbrt(volume[i]);
                    outcomes[i] = (int) outcome[i];
                }
                NDArray s = manager.create(size).reshape(n, 1);
                NDArray c = manager.create(scores).reshape(n, 2);
                double mse =
                        Loss.paper(TaskMode.MULTI, wReg, wCls)
                                .compute(manager, s, c, targets, outcomes)
                                .getFloat();
                double relative =
                        new Loss(TaskMode.MULTI, wReg, wCls, RegressionLoss.RELATIVE_MSE, reference)
                                .compute(manager, s, c, targets, outcomes)
                                .getFloat();
                double expectedMse = Double.parseDouble(f[7]);
                double expectedRelative = Double.parseDouble(f[8]);
                assertThat(mse)
                        .as("MSE loss, n=%d", n)
                        .isCloseTo(expectedMse, within(TOLERANCE * Math.max(1, expectedMse)));
                assertThat(relative)
                        .as("relative loss, n=%d", n)
                        .isCloseTo(
                                expectedRelative,
                                within(TOLERANCE * Math.max(1, expectedRelative)));
            }
        }
    }

    private static float[] floats(String text) {
        String[] parts = text.trim().split(" ");
        float[] values = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Float.parseFloat(parts[i]);
        }
        return values;
    }
}
