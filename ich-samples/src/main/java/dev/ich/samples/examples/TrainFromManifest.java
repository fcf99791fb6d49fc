package dev.ich.samples.examples;

import dev.ich.core.preprocess.PreprocessingConfig;
import dev.ich.core.preprocess.Preprocessor;
import dev.ich.dicom.AnyStudyReader;
import dev.ich.model.NetworkConfig;
import dev.ich.model.Preset;
import dev.ich.model.train.IchTrainer;
import dev.ich.model.train.InputPreparer;
import dev.ich.model.train.ManifestDataset;
import dev.ich.model.train.TrainingExample;
import dev.ich.model.train.TrainingResult;
import java.nio.file.Path;
import java.util.List;

/**
 * Example: train the multi-task network from manifests ({@code study,volume_ml,outcome[,mask]}).
 * Arguments: training manifest, validation manifest, model directory to create.
 */
public final class TrainFromManifest {

    private TrainFromManifest() {}

    public static void main(String[] args) throws Exception {
        TrainingResult r =
                train(
                        Path.of(args[0]),
                        Path.of(args[1]),
                        Path.of(args[2]),
                        Preset.CPU.network(),
                        20);
        System.out.println(
                "kept epoch " + r.bestEpoch() + ": " + r.history().get(r.bestEpoch() - 1));
    }

    static TrainingResult train(
            Path trainManifest,
            Path validationManifest,
            Path modelDir,
            NetworkConfig network,
            int epochs)
            throws Exception {
        // The CPU preset's preprocessing (the paper's plus anti-aliasing), sized to this network.
        PreprocessingConfig preprocessing =
                Preset.CPU.preprocessing().toBuilder()
                        .targetShape(
                                network.inputDepth(), network.inputHeight(), network.inputWidth())
                        .build();
        InputPreparer preparer = InputPreparer.of(new Preprocessor(preprocessing));
        Path cache = modelDir.resolveSibling(modelDir.getFileName() + ".cache");
        List<TrainingExample> train =
                ManifestDataset.load(trainManifest, AnyStudyReader.create(), preparer, cache);
        List<TrainingExample> validation =
                ManifestDataset.load(validationManifest, AnyStudyReader.create(), preparer, cache);
        return IchTrainer.builder()
                .network(network)
                .preprocessing(preprocessing)
                .epochs(epochs)
                .learningRate(0.01)
                .seed(7) // the paper: 300 epochs at 1e-4
                .trainingSet(train)
                .validationSet(validation)
                .build()
                .train(modelDir);
    }
}
