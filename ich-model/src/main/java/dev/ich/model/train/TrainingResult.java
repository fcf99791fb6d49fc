package dev.ich.model.train;

import dev.ich.model.ModelManifest;
import java.nio.file.Path;
import java.util.List;

/**
 * A finished training run.
 *
 * @param modelDirectory the model directory written (load it with {@code IchModel.load})
 * @param manifest its manifest
 * @param history the metrics of every epoch, first to last (including epochs before a resume)
 * @param bestEpoch the epoch whose weights were kept (1-based)
 */
public record TrainingResult(
        Path modelDirectory, ModelManifest manifest, List<EpochMetrics> history, int bestEpoch) {

    public TrainingResult {
        history = List.copyOf(history);
    }
}
