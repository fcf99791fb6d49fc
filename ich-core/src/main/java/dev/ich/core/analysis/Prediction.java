package dev.ich.core.analysis;

/**
 * What the network predicts for one study.
 *
 * @param volumeMl the haematoma volume in ml: the regression output (∛ml) cubed; negative outputs,
 *     which the network can produce for tiny bleeds, count as 0 ml
 * @param sizeMm the edge of a cube of that volume in mm ({@code 10 · ∛volumeMl}; the regression
 *     output {@code ∛ml} itself is this edge in cm)
 * @param probabilityOfDeath the softmax probability of {@link Outcome#DIED}
 * @param outcome {@link Outcome#DIED} when {@code probabilityOfDeath} is greater than the model's
 *     threshold (0.5 as in the paper, unless the model directory says otherwise)
 */
public record Prediction(
        double volumeMl, double sizeMm, double probabilityOfDeath, Outcome outcome) {

    public Prediction {
        if (!(volumeMl >= 0) || !(sizeMm >= 0) || Double.isInfinite(volumeMl)) {
            throw new IllegalArgumentException(
                    "volumeMl and sizeMm must be finite and >= 0, got " + volumeMl + ", " + sizeMm);
        }
        if (!(probabilityOfDeath >= 0 && probabilityOfDeath <= 1)) {
            throw new IllegalArgumentException(
                    "probabilityOfDeath must be in [0, 1], got " + probabilityOfDeath);
        }
        if (outcome == null) {
            throw new IllegalArgumentException("outcome must not be null");
        }
    }

    /** The prediction for a regression output {@code cubeRootMl} and a probability of death. */
    public static Prediction of(double cubeRootMl, double probabilityOfDeath, double threshold) {
        double edgeCm = Math.max(0, cubeRootMl);
        return new Prediction(
                edgeCm * edgeCm * edgeCm,
                10 * edgeCm,
                probabilityOfDeath,
                probabilityOfDeath > threshold ? Outcome.DIED : Outcome.SURVIVED);
    }
}
