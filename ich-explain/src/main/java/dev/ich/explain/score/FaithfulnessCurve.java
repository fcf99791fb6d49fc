package dev.ich.explain.score;

import java.util.Arrays;

/**
 * The model output as the most salient voxels are removed (deletion) or inserted (insertion).
 *
 * @param fractions share of the input's voxels changed at each point, from 0 to 1
 * @param outputs model output at each point
 * @param auc area under the curve by the trapezoidal rule over {@code fractions}, in output units
 */
public record FaithfulnessCurve(double[] fractions, double[] outputs, double auc) {

    public FaithfulnessCurve {
        if (fractions.length != outputs.length || fractions.length < 2) {
            throw new IllegalArgumentException(
                    "a curve needs the same number (≥ 2) of fractions and outputs, got "
                            + fractions.length
                            + " and "
                            + outputs.length);
        }
        fractions = fractions.clone();
        outputs = outputs.clone();
    }

    @Override
    public double[] fractions() {
        return fractions.clone();
    }

    @Override
    public double[] outputs() {
        return outputs.clone();
    }

    /**
     * The AUC relative to the two ends: {@code (auc − min(f0, f1)) / |f1 − f0|} where {@code f0,
     * f1} are the outputs at fraction 0 and 1 (NaN when they are equal). A straight line scores
     * 0.5; for deletion lower is better, for insertion higher.
     */
    public double normalisedAuc() {
        double f0 = outputs[0];
        double f1 = outputs[outputs.length - 1];
        double span = Math.abs(f1 - f0);
        return span == 0 ? Double.NaN : (auc - Math.min(f0, f1)) / span;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaithfulnessCurve c
                && Arrays.equals(c.fractions, fractions)
                && Arrays.equals(c.outputs, outputs)
                && c.auc == auc;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(fractions) + Arrays.hashCode(outputs);
    }

    @Override
    public String toString() {
        return "FaithfulnessCurve[" + outputs.length + " points, auc=" + auc + "]";
    }
}
