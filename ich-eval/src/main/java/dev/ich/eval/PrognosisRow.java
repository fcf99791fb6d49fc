package dev.ich.eval;

import dev.ich.eval.metrics.PrognosisEvaluation;
import java.util.Objects;

/**
 * One Table 2 row: a model's prognosis metrics.
 *
 * @param name the model's name ({@code model} for the main one)
 * @param evaluation its metrics
 */
public record PrognosisRow(String name, PrognosisEvaluation evaluation) {

    public PrognosisRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(evaluation, "evaluation");
    }
}
