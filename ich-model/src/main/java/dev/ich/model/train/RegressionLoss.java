package dev.ich.model.train;

/** The regression part of the loss, on the ∛volume target. */
public enum RegressionLoss {
    /** The paper's: the mean squared error of the ∛volume. */
    MSE,
    /**
     * The squared error relative to the target, {@code mean(((ŝ − s) / s)²)}, scaled by the squared
     * mean target of the training set so that its size matches {@link #MSE}'s. A small bleed then
     * counts as much as a large one in relative terms (an error of 0.1 in ∛volume is 24 % of 1 ml
     * but 2 % of 100 ml), which is what a relative measure such as MAPE rewards.
     */
    RELATIVE_MSE
}
