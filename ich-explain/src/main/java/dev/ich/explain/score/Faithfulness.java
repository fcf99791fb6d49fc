package dev.ich.explain.score;

import dev.ich.core.error.IchException;
import dev.ich.core.preprocess.ModelInput;
import java.util.Arrays;
import java.util.Objects;

/**
 * Deletion and insertion (Petsiuk et al. 2018) on the model input: rank the input voxels by
 * saliency (the map upsampled to the model input), then in {@code steps} equal steps set the most
 * salient ones to a baseline (deletion, starting from the input) or copy them from the input into
 * the baseline (insertion, starting from the baseline), recording the model output at each step. A
 * faithful map for the volume head makes the deletion curve fall early (small AUC) and the
 * insertion curve rise early (large AUC). The model is any {@link ModelFunction} {@code ModelInput
 * → double}, so the scores are independent of the engine.
 */
public final class Faithfulness {

    /** Default number of steps: 17 model calls per curve. */
    public static final int DEFAULT_STEPS = 16;

    private Faithfulness() {}

    /** Both curves. */
    public record Result(FaithfulnessCurve deletion, FaithfulnessCurve insertion) {}

    /**
     * @param input the model input that was explained
     * @param saliency one value per input voxel (same order), larger = more salient
     * @param model the output to follow, e.g. the predicted size
     * @param steps number of steps (≥ 1); the curves have {@code steps + 1} points
     * @param baseline the value of a removed voxel (0 is "below the window", i.e. no blood, after
     *     the paper's preprocessing)
     * @throws IchException when the model function fails
     */
    public static Result deletionAndInsertion(
            ModelInput input, float[] saliency, ModelFunction model, int steps, float baseline)
            throws IchException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(model, "model");
        if (saliency.length != input.size()) {
            throw new IllegalArgumentException(
                    "saliency has "
                            + saliency.length
                            + " values but the input has "
                            + input.size());
        }
        if (steps < 1 || steps > input.size()) {
            throw new IllegalArgumentException(
                    "steps must be in [1, " + input.size() + "], got " + steps);
        }
        int[] order = Ranking.descending(saliency);
        float[] original = input.data();
        float[] deleted = original.clone();
        float[] inserted = new float[original.length];
        Arrays.fill(inserted, baseline);
        double[] fractions = new double[steps + 1];
        double[] del = new double[steps + 1];
        double[] ins = new double[steps + 1];
        int done = 0;
        for (int s = 0; s <= steps; s++) {
            int upTo = (int) Math.round((double) s * order.length / steps);
            for (; done < upTo; done++) {
                int v = order[done];
                deleted[v] = baseline;
                inserted[v] = original[v];
            }
            fractions[s] = (double) upTo / order.length;
            del[s] =
                    model.apply(
                            new ModelInput(input.depth(), input.height(), input.width(), deleted));
            ins[s] =
                    model.apply(
                            new ModelInput(input.depth(), input.height(), input.width(), inserted));
        }
        return new Result(
                new FaithfulnessCurve(fractions, del, trapezoid(fractions, del)),
                new FaithfulnessCurve(fractions, ins, trapezoid(fractions, ins)));
    }

    static double trapezoid(double[] x, double[] y) {
        double a = 0;
        for (int n = 1; n < x.length; n++) {
            a += (x[n] - x[n - 1]) * (y[n] + y[n - 1]) / 2;
        }
        return a;
    }
}
