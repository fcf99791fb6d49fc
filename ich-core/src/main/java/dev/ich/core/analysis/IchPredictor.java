package dev.ich.core.analysis;

import dev.ich.core.error.IchException;
import dev.ich.core.preprocess.ModelInput;
import dev.ich.core.preprocess.PreprocessingConfig;

/**
 * A trained network as the analyzer sees it. ich-model's {@code IchModel} implements it.
 * Implementations must be safe to call from several threads at once.
 */
public interface IchPredictor {

    /** The preprocessing the network was trained with; inputs must be made with it. */
    PreprocessingConfig preprocessing();

    /** Volume and prognosis for one preprocessed study. */
    Prediction predict(ModelInput input) throws IchException;

    /** SHA-256 of the network's parameters, hex; identifies the model in every result. */
    String parametersSha256();
}
