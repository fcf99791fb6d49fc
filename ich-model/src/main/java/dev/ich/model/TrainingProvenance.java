package dev.ich.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a model was made, recorded in its directory.
 *
 * @param seed the training seed
 * @param epochs the number of epochs trained
 * @param bestEpoch the epoch (1-based) whose weights were kept
 * @param taskMode MULTI, VOLUME_ONLY or PROGNOSIS_ONLY
 * @param dataSha256 a SHA-256 over the training inputs and labels (to tell data sets apart)
 * @param libraryVersion the version of ich-model that trained it
 * @param finalMetrics metric name → value at the kept epoch (e.g. {@code val_mae_ml})
 */
public record TrainingProvenance(
        long seed,
        int epochs,
        int bestEpoch,
        String taskMode,
        String dataSha256,
        String libraryVersion,
        Map<String, Double> finalMetrics) {

    public TrainingProvenance {
        // Sorted, not Map.copyOf: that map's order changes from one JVM to the next, and the model
        // directory's checksum is taken over this record's JSON, so another JVM could not load it.
        finalMetrics = Collections.unmodifiableMap(new TreeMap<>(finalMetrics));
    }
}
