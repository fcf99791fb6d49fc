package dev.ich.explain;

/**
 * Integrated gradients' completeness check (Captum calls the difference the "convergence delta"):
 * the signed map sums to the output's change from the baseline, up to the error of the path's
 * midpoint rule, which shrinks as the steps grow.
 *
 * @param attributionSum the sum of the signed map on the model grid
 * @param outputChange {@code y(x) − y(x')}, by two forward passes
 */
public record Completeness(double attributionSum, double outputChange) {

    /**
     * {@code |attributionSum − outputChange| / |outputChange|}; NaN when the output did not change.
     */
    public double relativeGap() {
        return outputChange == 0
                ? Double.NaN
                : Math.abs(attributionSum - outputChange) / Math.abs(outputChange);
    }
}
