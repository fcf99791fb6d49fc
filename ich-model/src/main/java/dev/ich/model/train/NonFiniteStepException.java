package dev.ich.model.train;

/** A training step whose loss or gradient is not finite; the step did not update the weights. */
final class NonFiniteStepException extends Exception {

    private static final long serialVersionUID = 1L;

    NonFiniteStepException(String what) {
        super(what);
    }
}
