package dev.ich.core.analysis;

import dev.ich.core.geometry.VolumeGeometry;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one analysis found. Immutable and free of patient identity.
 *
 * @param prediction the network's volume and prognosis
 * @param classicalEstimatesMl classical volume estimates by estimator name (e.g. "abc2"), in ml
 * @param heatmaps explanations on the study's voxel grid, by head (empty when none were asked for)
 * @param geometry the study's voxel grid
 * @param warnings problems that leave the result usable (from reading, preprocessing and options)
 * @param timings wall-clock time of each stage
 * @param provenance what produced the result
 */
public record AnalysisResult(
        Prediction prediction,
        Map<String, Double> classicalEstimatesMl,
        Map<Head, StudyHeatmap> heatmaps,
        VolumeGeometry geometry,
        List<String> warnings,
        Map<AnalysisStage, Duration> timings,
        AnalysisProvenance provenance) {

    public AnalysisResult {
        Objects.requireNonNull(prediction, "prediction");
        Objects.requireNonNull(geometry, "geometry");
        Objects.requireNonNull(provenance, "provenance");
        classicalEstimatesMl =
                Collections.unmodifiableMap(new LinkedHashMap<>(classicalEstimatesMl));
        heatmaps =
                Collections.unmodifiableMap(
                        heatmaps.isEmpty() ? new EnumMap<>(Head.class) : new EnumMap<>(heatmaps));
        warnings = List.copyOf(warnings);
        timings =
                Collections.unmodifiableMap(
                        timings.isEmpty()
                                ? new EnumMap<>(AnalysisStage.class)
                                : new EnumMap<>(timings));
    }

    /** The network's volume estimate in ml. */
    public double volumeMl() {
        return prediction.volumeMl();
    }

    /** The network's probability of death. */
    public double probabilityOfDeath() {
        return prediction.probabilityOfDeath();
    }
}
