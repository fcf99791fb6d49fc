package dev.ich.phantom;

/**
 * The documented model from which a phantom's outcome (1 = death) is drawn:
 *
 * <pre>
 *   logit = intercept + volumeCoefficient · ∛V + deepCoefficient · [primary bleed DEEP]
 *           + infratentorialCoefficient · [primary bleed INFRATENTORIAL] + ε,   ε ~ N(0, noiseSigma²)
 *   p     = 1 / (1 + e^(−logit)),   outcome ~ Bernoulli(p)
 * </pre>
 *
 * <p>{@code V} is the planned total haematoma volume in ml (the mask volume equals it to within
 * half a voxel per haematoma) and the primary bleed is the largest one. {@code ε} stands for what
 * the image does not show (age, consciousness, comorbidity), so volume alone is not a perfect
 * predictor. A phantom without a haematoma has {@code ∛V = 0} and no location term.
 *
 * @param intercept {@code a}
 * @param volumeCoefficient {@code b}, per unit of ∛ml (the edge in cm of a cube of the same volume:
 *     8 ml → 2, 27 ml → 3; the paper's regression target)
 * @param deepCoefficient added for a deep primary bleed
 * @param infratentorialCoefficient added for an infratentorial primary bleed
 * @param noiseSigma standard deviation of the unobserved term {@code ε}
 */
public record OutcomeModel(
        double intercept,
        double volumeCoefficient,
        double deepCoefficient,
        double infratentorialCoefficient,
        double noiseSigma) {

    public OutcomeModel {
        if (!Double.isFinite(intercept)
                || !Double.isFinite(volumeCoefficient)
                || !Double.isFinite(deepCoefficient)
                || !Double.isFinite(infratentorialCoefficient)) {
            throw new IllegalArgumentException(
                    "outcome model coefficients must be finite, got intercept="
                            + intercept
                            + ", volumeCoefficient="
                            + volumeCoefficient
                            + ", deepCoefficient="
                            + deepCoefficient
                            + ", infratentorialCoefficient="
                            + infratentorialCoefficient);
        }
        if (!(noiseSigma >= 0) || !Double.isFinite(noiseSigma)) {
            throw new IllegalArgumentException(
                    "noiseSigma must be finite and not negative, got " + noiseSigma);
        }
    }

    /**
     * The default coefficients (a = −8.2, b = 2.5, deep +0.7, infratentorial +1.5, σ = 0.6). With
     * the default volume and location distributions they give a death rate of about 30 % (lobar ≈
     * 24 %, deep ≈ 33 %, infratentorial ≈ 40 %) and an AUC of about 0.84 for volume alone.
     */
    public static OutcomeModel standard() {
        return new OutcomeModel(-8.2, 2.5, 0.7, 1.5, 0.6);
    }

    /**
     * The logit before the unobserved term.
     *
     * @param volumeMl total haematoma volume in ml (0 when there is none)
     * @param primary location of the largest haematoma, or {@code null} when there is none
     */
    public double linearPredictor(double volumeMl, Location primary) {
        if (!(volumeMl >= 0) || !Double.isFinite(volumeMl)) {
            throw new IllegalArgumentException(
                    "volumeMl must be finite and not negative, got " + volumeMl);
        }
        double logit = intercept + volumeCoefficient * StrictMath.cbrt(volumeMl);
        if (primary == Location.DEEP) {
            logit += deepCoefficient;
        } else if (primary == Location.INFRATENTORIAL) {
            logit += infratentorialCoefficient;
        }
        return logit;
    }

    /** The death probability for a logit (the logistic function). */
    public static double probability(double logit) {
        return 1 / (1 + StrictMath.exp(-logit));
    }
}
