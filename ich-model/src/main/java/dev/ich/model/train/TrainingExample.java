package dev.ich.model.train;

import dev.ich.core.analysis.Outcome;
import dev.ich.core.preprocess.ModelInput;
import java.util.Objects;

/**
 * One labelled study for training or validation.
 *
 * @param input the preprocessed study
 * @param volumeMl the reference haematoma volume in ml (finite, >= 0)
 * @param outcome the observed outcome
 */
public record TrainingExample(ModelInput input, double volumeMl, Outcome outcome) {

    public TrainingExample {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(outcome, "outcome");
        if (!(volumeMl >= 0) || Double.isInfinite(volumeMl)) {
            throw new IllegalArgumentException("volumeMl must be finite and >= 0, got " + volumeMl);
        }
    }
}
