package dev.ich.model;

/**
 * What the network predicts for one study.
 *
 * @param volumeMl the haematoma volume in ml: the regression output cubed (negative outputs,
 *     which the network can produce for tiny bleeds, count as 0 ml)
 * @param sizeMm the edge of a cube of that volume in mm ({@code 10 · ∛volumeMl}; the regression
 *     output {@code ∛ml} itself is this edge in cm)
 * @param probabilityOfDeath the softmax probability of class {@link Outcome#DIED}
 * @param outcome {@link Outcome#DIED} when {@code probabilityOfDeath} reaches the model's threshold
 *     (0.5 unless the model directory says otherwise)
 */
public record Prediction(double volumeMl, double sizeMm, double probabilityOfDeath, Outcome outcome) {

    public Prediction {
        if (!(volumeMl >= 0) || !(sizeMm >= 0)) {
            throw new IllegalArgumentException("volumeMl and sizeMm must be >= 0, got " + volumeMl + ", " + sizeMm);
        }
        if (!(probabilityOfDeath >= 0 && probabilityOfDeath <= 1)) {
            throw new IllegalArgumentException("probabilityOfDeath must be in [0, 1], got " + probabilityOfDeath);
        }
        if (outcome == null) {
            throw new IllegalArgumentException("outcome must not be null");
        }
    }
}
