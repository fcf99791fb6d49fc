package dev.ich.model.train;

/** Which epoch's weights a training run keeps as its model. */
public enum ModelSelection {

    /**
     * The epoch with the lowest validation loss (the training loss without a validation set): the
     * usual best-model rule, and the default.
     */
    LOWEST_VALIDATION_LOSS,

    /**
     * The last epoch. With a cosine schedule the rate ends near zero and the last weights are the
     * settled ones; the validation loss of the last epochs then moves mostly with batch-norm
     * statistics and the noise of a small validation set, and picking its minimum chooses that
     * noise (docs/model.md, "Learning volume on phantoms").
     */
    LAST_EPOCH
}
