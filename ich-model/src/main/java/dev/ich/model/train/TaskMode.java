package dev.ich.model.train;

/**
 * Which heads are trained: both (the paper's multi-task model) or one (the paper's single-task
 * ablation).
 */
public enum TaskMode {
    /** {@code w_reg · MSE + w_cls · BCE}. */
    MULTI,
    /** The regression head only ({@code MSE}); the classification head is left untouched. */
    VOLUME_ONLY,
    /** The classification head only ({@code BCE}); the regression head is left untouched. */
    PROGNOSIS_ONLY;

    boolean trainsVolume() {
        return this != PROGNOSIS_ONLY;
    }

    boolean trainsPrognosis() {
        return this != VOLUME_ONLY;
    }
}
