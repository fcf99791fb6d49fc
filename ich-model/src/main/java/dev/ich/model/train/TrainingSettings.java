package dev.ich.model.train;

import dev.ich.model.ComputeDevice;
import dev.ich.model.NetworkConfig;
import dev.ich.model.PreprocessingSettings;

/**
 * How a run trains: everything {@link IchTrainer.Builder} sets except the data and the listener,
 * checked by the builder. A {@link TrainingRun} receives it; a resumed run must have the same
 * {@link #fingerprint()}.
 *
 * @param network the network's shape
 * @param learningRate the base learning rate
 * @param schedule how the rate changes over the run
 * @param warmupEpochs epochs of linear warm-up before the schedule
 * @param regressionStartsAtMean whether the regression bias starts at the mean ∛volume
 * @param regressionLoss the regression part of the loss
 * @param selection which epoch becomes the model
 * @param momentum SGD momentum
 * @param weightDecay SGD weight decay (PyTorch's rule)
 * @param epochs the epochs of the whole run
 * @param batchSize studies per step
 * @param regressionWeight {@code w_reg} of the loss
 * @param classificationWeight {@code w_cls} of the loss
 * @param taskMode which heads are trained
 * @param seed the seed of the initial weights, batch order and augmentation
 * @param augmentation the augmentation of training inputs
 * @param device where the run computes
 * @param threads libtorch intra-op threads (0 = leave as is)
 * @param threshold the probability of death at or above which the outcome is "died"
 * @param preprocessing the preprocessing recorded in the model directory
 */
record TrainingSettings(
        NetworkConfig network,
        double learningRate,
        LearningRateSchedule schedule,
        int warmupEpochs,
        boolean regressionStartsAtMean,
        RegressionLoss regressionLoss,
        ModelSelection selection,
        double momentum,
        double weightDecay,
        int epochs,
        int batchSize,
        double regressionWeight,
        double classificationWeight,
        TaskMode taskMode,
        long seed,
        Augmentation augmentation,
        ComputeDevice device,
        int threads,
        double threshold,
        PreprocessingSettings preprocessing) {

    /** The learning rate of step {@code step} of {@code stepsPerEpoch}-step epochs. */
    double learningRateAt(long step, long stepsPerEpoch) {
        return learningRate
                * schedule.factor(step, epochs * stepsPerEpoch, warmupEpochs * stepsPerEpoch);
    }

    /**
     * The settings a resumed run must share with the original one (everything but the epoch count).
     */
    String fingerprint() {
        // A schedule other than CONSTANT depends on the run's length, so resuming may not change
        // it.
        String length = schedule == LearningRateSchedule.CONSTANT ? "" : schedule + "/" + epochs;
        if (warmupEpochs > 0) {
            length += "/warmup " + warmupEpochs;
        }
        return String.join(
                "|",
                network.toString(),
                Double.toString(learningRate),
                length,
                Boolean.toString(regressionStartsAtMean),
                regressionLoss.name(),
                selection.name(),
                Double.toString(momentum),
                Double.toString(weightDecay),
                Integer.toString(batchSize),
                Double.toString(regressionWeight),
                Double.toString(classificationWeight),
                taskMode.name(),
                Long.toString(seed),
                augmentation.toString(),
                Double.toString(threshold),
                preprocessing.fingerprint());
    }
}
