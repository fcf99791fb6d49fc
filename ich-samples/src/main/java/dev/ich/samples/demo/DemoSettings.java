package dev.ich.samples.demo;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code ich demo} does, sized for a two-core machine.
 *
 * @param out the output folder (new or empty)
 * @param seed seeds the cohort, the split and the training
 * @param trainCases phantoms to train on
 * @param validationCases phantoms to select the best epoch on
 * @param testCases held-out phantoms every figure is computed on
 * @param epochs training epochs
 * @param learningRate SGD learning rate (the paper's 1e-4 needs its 300 epochs; the demo has
 *     minutes)
 * @param prognosisOnlyAblation also train a prognosis-only network (the paper's Table 2 comparison)
 * @param montages held-out studies shown as Grad-CAM montages in the report
 */
public record DemoSettings(
        Path out,
        long seed,
        int trainCases,
        int validationCases,
        int testCases,
        int epochs,
        double learningRate,
        boolean prognosisOnlyAblation,
        int montages) {

    /** The defaults, as constants so the command line's help can quote them. */
    public static final long DEFAULT_SEED = 2023;

    public static final int DEFAULT_TRAIN_CASES = 384;
    public static final int DEFAULT_VALIDATION_CASES = 48;
    public static final int DEFAULT_TEST_CASES = 48;
    public static final int DEFAULT_EPOCHS = 32;
    public static final double DEFAULT_LEARNING_RATE = 0.003;

    public DemoSettings {
        Objects.requireNonNull(out, "out");
        require(trainCases >= 8, "trainCases", trainCases, "at least 8");
        require(validationCases >= 4, "validationCases", validationCases, "at least 4");
        require(testCases >= 4, "testCases", testCases, "at least 4");
        require(epochs >= 1, "epochs", epochs, "at least 1");
        require(
                montages >= 0 && montages <= testCases,
                "montages",
                montages,
                "between 0 and testCases");
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException(
                    "learningRate must be positive, got " + learningRate);
        }
    }

    private static void require(boolean ok, String name, int value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(name + " must be " + rule + ", got " + value);
        }
    }

    /**
     * The README's demo: minutes on two cores. The prognosis-only network (the paper's Table 2)
     * doubles the training time, so it is asked for, not default.
     */
    public static DemoSettings defaults(Path out) {
        return new DemoSettings(
                out,
                DEFAULT_SEED,
                DEFAULT_TRAIN_CASES,
                DEFAULT_VALIDATION_CASES,
                DEFAULT_TEST_CASES,
                DEFAULT_EPOCHS,
                DEFAULT_LEARNING_RATE,
                false,
                4);
    }

    public int totalCases() {
        return trainCases + validationCases + testCases;
    }
}
