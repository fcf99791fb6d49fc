package dev.ich.samples.demo;

import dev.ich.core.analysis.IchPredictor;
import dev.ich.core.analysis.Outcome;
import dev.ich.core.analysis.Prediction;
import dev.ich.core.error.IchException;
import dev.ich.core.preprocess.ModelInput;
import dev.ich.core.preprocess.PreprocessingConfig;
import dev.ich.model.IchModel;
import dev.ich.model.PreprocessingJson;

/** An {@link IchModel} as the analyzer's {@link IchPredictor}. */
final class LoadedModel implements IchPredictor, AutoCloseable {

    private final IchModel model;
    private final PreprocessingConfig preprocessing;

    LoadedModel(IchModel model) {
        this.model = model;
        this.preprocessing = PreprocessingJson.of(model.manifest());
    }

    IchModel model() {
        return model;
    }

    @Override
    public PreprocessingConfig preprocessing() {
        return preprocessing;
    }

    @Override
    public Prediction predict(ModelInput input) throws IchException {
        dev.ich.model.Prediction p = model.predict(input);
        return new Prediction(p.volumeMl(), p.sizeMm(), p.probabilityOfDeath(), Outcome.valueOf(p.outcome().name()));
    }

    @Override
    public String parametersSha256() {
        return model.manifest().parametersSha256();
    }

    @Override
    public void close() {
        model.close();
    }
}
