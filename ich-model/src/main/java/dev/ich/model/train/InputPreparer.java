package dev.ich.model.train;

import dev.ich.core.error.IchException;
import dev.ich.core.preprocess.ModelInput;
import dev.ich.core.preprocess.Preprocessor;
import dev.ich.core.volume.CtVolume;

/**
 * Turns a CT volume into a network input: the paper's preprocessing (ich-core's {@code
 * Preprocessor}) or any other. The fingerprint identifies the configuration; cached inputs made
 * with another fingerprint are not reused.
 */
public interface InputPreparer {

    ModelInput prepare(CtVolume volume) throws IchException;

    /** A short text that changes whenever the output for the same volume would change. */
    String fingerprint();

    /** The paper's preprocessing (or another configuration of it) from ich-core. */
    static InputPreparer of(Preprocessor preprocessor) {
        return new InputPreparer() {
            @Override
            public ModelInput prepare(CtVolume volume) throws IchException {
                return preprocessor.preprocess(volume).input();
            }

            @Override
            public String fingerprint() {
                return preprocessor.config().fingerprint();
            }
        };
    }
}
