package dev.ich.model.train;

/** Follows a training run (e.g. a progress bar). Called on the training thread; keep it quick. */
public interface TrainingListener {

    /** After each batch. */
    default void onBatch(int epoch, int batch, int batches, double loss) {}

    /** After each epoch, once its checkpoint is safely on disk. */
    default void onEpoch(EpochMetrics metrics, int epochs) {}
}
