package dev.ich.cli;

import dev.ich.core.analysis.Outcome;
import dev.ich.core.preprocess.ModelInput;
import dev.ich.model.NetworkConfig;
import dev.ich.model.train.IchTrainer;
import dev.ich.model.train.TrainingExample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A real model directory made in a second: one epoch of a tiny network on random inputs. */
final class TinyModel {

    static final NetworkConfig NETWORK = new NetworkConfig(10, 4, 16, 32, 32, false);

    private TinyModel() {}

    static void train(Path model) throws Exception {
        Random rng = new Random(4);
        List<TrainingExample> examples = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            float[] x = new float[16 * 32 * 32];
            for (int v = 0; v < x.length; v++) {
                x[v] = rng.nextFloat();
            }
            examples.add(
                    new TrainingExample(
                            new ModelInput(16, 32, 32, x),
                            5 + 10 * n,
                            n % 2 == 0 ? Outcome.SURVIVED : Outcome.DIED));
        }
        IchTrainer.builder()
                .network(NETWORK)
                .epochs(1)
                .batchSize(2)
                .seed(1)
                .threads(1)
                .trainingSet(examples)
                .validationSet(examples)
                .build()
                .train(model);
    }
}
