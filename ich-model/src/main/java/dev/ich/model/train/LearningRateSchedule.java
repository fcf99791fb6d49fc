package dev.ich.model.train;

/** How the learning rate changes over a run, step by step (one step = one batch). */
public enum LearningRateSchedule {
    /** The paper's: the same rate at every step. */
    CONSTANT {
        @Override
        double factor(long step, long steps) {
            return 1;
        }
    },
    /**
     * Cosine annealing from the rate to zero over the whole run, updated every step: PyTorch's
     * {@code CosineAnnealingLR(T_max = steps, eta_min = 0)} stepped after every batch. A short run
     * ends at a small rate, so its last epochs settle instead of oscillating.
     */
    COSINE {
        @Override
        double factor(long step, long steps) {
            return 0.5 * (1 + Math.cos(Math.PI * step / steps));
        }
    };

    /**
     * The multiplier of the base rate at {@code step} (0-based) of a run of {@code steps} steps.
     */
    abstract double factor(long step, long steps);

    /**
     * The multiplier with a linear warm-up: (step + 1) / warmupSteps over the first {@code
     * warmupSteps} steps, then this schedule over the remaining steps, as PyTorch's {@code
     * SequentialLR([LinearLR(start_factor=1/w, total_iters=w-1), <schedule>(T_max=steps-w)],
     * milestones=[w])} and MONAI's {@code WarmupCosineSchedule}. A large rate on the untrained
     * network's first batches can push batch-norm and ReLU units where they no longer learn; in the
     * demo's runs with the relative loss, rising to it over the first epoch avoided that.
     */
    double factor(long step, long steps, long warmupSteps) {
        if (step < warmupSteps) {
            return (step + 1) / (double) warmupSteps;
        }
        return factor(step - warmupSteps, steps - warmupSteps);
    }
}
