package dev.ich.cli;

import dev.ich.core.analysis.Prediction;
import dev.ich.core.error.IchException;
import dev.ich.core.preprocess.Preprocessor;
import dev.ich.core.volume.CtVolume;
import dev.ich.model.IchModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ich predict}: volume and prognosis of one study with a trained model. */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = "Predict haematoma volume and prognosis of a study.")
final class PredictCommand implements Callable<Integer> {

    @Mixin CommonOptions common;

    @Mixin SeriesChoice choice;

    @Spec CommandSpec spec;

    @Option(
            names = "--model",
            required = true,
            description = "Model directory written by 'ich train'.")
    Path model;

    @Option(
            names = "--threads",
            defaultValue = "2",
            description = "Threads (default ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 64)
    int threads;

    @Parameters(
            index = "0",
            paramLabel = "STUDY",
            description = "A DICOM folder or file, or a NIfTI file in HU.")
    Path study;

    @Override
    public Integer call() throws IchException {
        IchModel.setIntraOpThreads(Math.max(1, threads));
        try (IchModel m = IchModel.load(model)) {
            CtVolume volume = choice.reader().read(study);
            Prediction p =
                    m.predict(
                            new Preprocessor(m.preprocessing(), Math.max(1, threads))
                                    .preprocess(volume)
                                    .input());
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "volume_ml=%.2f%n", p.volumeMl());
            out.printf(Locale.ROOT, "size_mm=%.2f%n", p.sizeMm());
            out.printf(Locale.ROOT, "probability_of_death=%.4f%n", p.probabilityOfDeath());
            out.printf(Locale.ROOT, "outcome=%s%n", p.outcome().name().toLowerCase(Locale.ROOT));
        }
        return 0;
    }
}
