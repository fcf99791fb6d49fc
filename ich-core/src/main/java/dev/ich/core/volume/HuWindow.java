package dev.ich.core.volume;

/**
 * An intensity window: clips HU to {@code [lower, upper]} and scales linearly to {@code [0, 1]}.
 *
 * @param lower HU mapped to 0
 * @param upper HU mapped to 1
 */
public record HuWindow(double lower, double upper) {

    public HuWindow {
        if (!Double.isFinite(lower) || !Double.isFinite(upper)) {
            throw new IllegalArgumentException(
                    "window bounds must be finite, got lower=" + lower + ", upper=" + upper);
        }
        if (lower >= upper) {
            throw new IllegalArgumentException(
                    "window lower bound must be below the upper bound, got lower="
                            + lower
                            + ", upper="
                            + upper);
        }
    }

    /** The paper's brain window: [40, 110] HU. */
    public static HuWindow brain() {
        return new HuWindow(40, 110);
    }

    /** A window given as radiologists state it: centre (level) and width. */
    public static HuWindow ofCenterWidth(double center, double width) {
        return new HuWindow(center - width / 2, center + width / 2);
    }

    /** {@code hu} clipped to the window and scaled to [0, 1]. */
    public float apply(float hu) {
        // Clip first, as numpy.clip followed by scaling does, so 0 and 1 are exact at the bounds.
        double clipped = Math.min(Math.max(hu, lower), upper);
        return (float) ((clipped - lower) / (upper - lower));
    }

    public double width() {
        return upper - lower;
    }

    public double center() {
        return (lower + upper) / 2;
    }
}
