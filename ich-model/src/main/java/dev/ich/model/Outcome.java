package dev.ich.model;

/** The prognosis classes; the class index of the network's scores is the ordinal. */
public enum Outcome {
    /** Class 0. */
    SURVIVED,
    /** Class 1. */
    DIED;

    /** The outcome of class index 0 or 1. */
    public static Outcome ofIndex(int index) {
        if (index != 0 && index != 1) {
            throw new IllegalArgumentException("outcome index must be 0 or 1, got " + index);
        }
        return values()[index];
    }
}
