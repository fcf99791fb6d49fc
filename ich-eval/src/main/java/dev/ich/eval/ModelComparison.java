package dev.ich.eval;

import dev.ich.eval.metrics.DeLongComparison;
import java.util.Objects;

/**
 * DeLong's test of two models' AUCs on the same cases (the paper's multi- vs single-task question).
 *
 * @param modelA the first model (the main model)
 * @param modelB the model compared with it
 * @param test the test; its difference is AUC(A) − AUC(B)
 */
public record ModelComparison(String modelA, String modelB, DeLongComparison test) {

    public ModelComparison {
        Objects.requireNonNull(modelA, "modelA");
        Objects.requireNonNull(modelB, "modelB");
        Objects.requireNonNull(test, "test");
    }
}
