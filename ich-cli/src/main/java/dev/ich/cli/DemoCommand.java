package dev.ich.cli;

import dev.ich.core.error.IchException;
import dev.ich.samples.demo.DemoPipeline;
import dev.ich.samples.demo.DemoProgress;
import dev.ich.samples.demo.DemoSettings;
import dev.ich.samples.demo.DemoSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ich demo}: the main job, end to end on synthetic phantoms. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "The main job: phantoms, training, evaluation, heatmaps, report.html.")
final class DemoCommand implements Callable<Integer> {

    @Mixin CommonOptions common;

    @Spec CommandSpec spec;

    @Option(
            names = "--out",
            defaultValue = "demo-out",
            description = "A new or empty folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--seed",
            description =
                    "Seed of the cohort and the training (default: "
                            + DemoSettings.DEFAULT_SEED
                            + ").")
    @Range(min = Long.MIN_VALUE, max = Long.MAX_VALUE)
    Long seed;

    @Option(
            names = "--epochs",
            description = "Training epochs (default: " + DemoSettings.DEFAULT_EPOCHS + ").")
    @Range(min = 1, max = 10_000)
    Integer epochs;

    @Option(
            names = "--train",
            description = "Training phantoms (default: " + DemoSettings.DEFAULT_TRAIN_CASES + ").")
    @Range(min = 2, max = 100_000)
    Integer train;

    @Option(
            names = "--validation",
            description =
                    "Validation phantoms (default: " + DemoSettings.DEFAULT_VALIDATION_CASES + ").")
    @Range(min = 1, max = 100_000)
    Integer validation;

    @Option(
            names = "--test",
            description =
                    "Held-out test phantoms (default: " + DemoSettings.DEFAULT_TEST_CASES + ").")
    @Range(min = 1, max = 100_000)
    Integer test;

    @Option(
            names = "--lr",
            description =
                    "Peak SGD learning rate, annealed to 0 (default: "
                            + DemoSettings.DEFAULT_LEARNING_RATE
                            + "; the paper: 1e-4 over 300 epochs).")
    @Range(min = 1e-12, max = 10)
    Double learningRate;

    @Option(
            names = "--ablation",
            description =
                    "Also train the prognosis-only network for the paper's Table 2 (doubles the training time).")
    boolean ablation;

    @Override
    public Integer call() throws IchException {
        DemoSettings d = DemoSettings.defaults(out);
        int testCases = test == null ? d.testCases() : test;
        DemoSettings settings =
                new DemoSettings(
                        out,
                        seed == null ? d.seed() : seed,
                        train == null ? d.trainCases() : train,
                        validation == null ? d.validationCases() : validation,
                        testCases,
                        epochs == null ? d.epochs() : epochs,
                        learningRate == null ? d.learningRate() : learningRate,
                        d.prognosisOnlyAblation() || ablation,
                        Math.min(d.montages(), testCases));
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outText = spec.commandLine().getOut();
        DemoSummary s = new DemoPipeline(settings, progressBars(err)).run();
        outText.printf(Locale.ROOT, "held-out phantoms: %d%n", s.testCases());
        outText.printf(
                Locale.ROOT,
                "volume MAPE: network %.1f %%, ABC/2 %.1f %% (MAE %.2f ml)%n",
                s.modelMapePercent(),
                s.abc2MapePercent(),
                s.modelMaeMl());
        outText.printf(
                Locale.ROOT,
                "prognosis: AUC %.3f, accuracy %.1f %%%n",
                s.auc(),
                100 * s.accuracy());
        outText.printf(
                Locale.ROOT,
                "heatmaps (%s): energy inside the haematoma %.2f, maximum inside in %.0f %%%n",
                DemoPipeline.EXPLANATION.describe(),
                s.energyInMask(),
                100 * s.pointingGame());
        outText.printf("report: %s%n", out.resolve("report.html"));
        return 0;
    }

    private static DemoProgress progressBars(PrintWriter err) {
        return new DemoProgress() {
            @Override
            public Task begin(String name, int total) {
                ProgressBar bar =
                        new ProgressBar(err, String.format(Locale.ROOT, "%-18s", name), total);
                return new Task() {
                    @Override
                    public void advance(int units) {
                        bar.step(units);
                    }

                    @Override
                    public void status(String text) {
                        bar.status(text);
                    }

                    @Override
                    public void close() {
                        bar.close();
                    }
                };
            }

            @Override
            public void say(String line) {
                err.println(line);
            }
        };
    }
}
