package dev.ich.explain.score;

import dev.ich.core.error.IchException;
import dev.ich.core.preprocess.ModelInput;

/**
 * A model output as a function of the model input, e.g. {@code in -> explainer.output(in,
 * request)}.
 */
@FunctionalInterface
public interface ModelFunction {
    double apply(ModelInput input) throws IchException;
}
