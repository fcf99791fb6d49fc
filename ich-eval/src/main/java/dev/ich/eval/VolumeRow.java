package dev.ich.eval;

import dev.ich.eval.metrics.VolumeEvaluation;
import java.util.Objects;

/**
 * One Table 1 row: a volume estimate against the reference volume.
 *
 * @param name the estimate's name ({@code model} for the network)
 * @param evaluation its metrics with bootstrap intervals, on the cases it estimated
 */
public record VolumeRow(String name, VolumeEvaluation evaluation) {

    public VolumeRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(evaluation, "evaluation");
    }
}
