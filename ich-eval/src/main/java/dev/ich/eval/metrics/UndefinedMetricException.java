package dev.ich.eval.metrics;

/**
 * The data make a metric undefined or are not valid input for it: a NaN, a label that is not 0/1, a
 * zero true volume for MAPE, a single class for an AUC, a constant column for a correlation.
 *
 * <p>Unchecked, like {@link IllegalArgumentException}, because the arrays come from the calling
 * program; applications that read the values from a user's file (such as {@code ich evaluate})
 * check them first and report the file, row and column, and can use {@link #index()} to map a late
 * failure back to a row.
 */
public final class UndefinedMetricException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int index;

    /**
     * @param message what is wrong, naming the metric and the value
     * @param index the zero-based case index the problem is at, or -1 when it concerns all cases
     */
    public UndefinedMetricException(String message, int index) {
        super(message);
        this.index = index;
    }

    /** The zero-based index of the offending case, or -1 when the problem concerns all cases. */
    public int index() {
        return index;
    }
}
