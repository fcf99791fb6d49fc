package dev.ich.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The final metrics keep one order in every JVM (their names sorted): the model directory's
 * checksum is taken over their JSON, so an order that changed between JVMs (as {@code Map.copyOf}'s
 * does) would make a model trained in one process fail to load in the next.
 */
class TrainingProvenanceTest {

    @Test
    void finalMetricsAreInNameOrderWhateverOrderTheyWereGiven() {
        Map<String, Double> given = new LinkedHashMap<>();
        for (String name :
                new String[] {
                    "val_mae_ml", "val_auc", "train_loss", "val_loss", "epoch_s", "lr", "val_acc"
                }) {
            given.put(name, (double) name.length());
        }
        TrainingProvenance p = new TrainingProvenance(1, 2, 2, "MULTI", "ab", "0.1", given);
        assertThat(p.finalMetrics().keySet())
                .containsExactly(
                        "epoch_s",
                        "lr",
                        "train_loss",
                        "val_acc",
                        "val_auc",
                        "val_loss",
                        "val_mae_ml");
        assertThat(p.finalMetrics()).isEqualTo(given);
    }
}
