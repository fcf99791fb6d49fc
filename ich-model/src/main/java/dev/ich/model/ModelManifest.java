package dev.ich.model;

import java.util.Objects;

/**
 * The {@code model.json} of a model directory: everything needed to use the parameters correctly.
 *
 * @param architecture the network
 * @param targetTransform how regression outputs become ml
 * @param threshold the probability of death at or above which the outcome is {@link Outcome#DIED}
 * @param preprocessingFingerprint a fingerprint of the preprocessing configuration the model was
 *     trained with ("" when unknown, e.g. for imported weights)
 * @param preprocessingConfig that configuration as text (JSON), or ""
 * @param provenance how it was trained, or {@code null} for imported weights
 * @param parametersSha256 SHA-256 (hex) of the parameter file, verified on load
 */
public record ModelManifest(NetworkConfig architecture, TargetTransform targetTransform, double threshold,
                            String preprocessingFingerprint, String preprocessingConfig,
                            TrainingProvenance provenance, String parametersSha256) {

    /** The version of the directory format this library writes and reads. */
    public static final int FORMAT_VERSION = 1;

    public ModelManifest {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(targetTransform, "targetTransform");
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
        }
        preprocessingFingerprint = Objects.requireNonNullElse(preprocessingFingerprint, "");
        preprocessingConfig = Objects.requireNonNullElse(preprocessingConfig, "");
        parametersSha256 = Objects.requireNonNullElse(parametersSha256, "");
    }

    /** This manifest with another parameter hash. */
    public ModelManifest withParametersSha256(String sha256) {
        return new ModelManifest(architecture, targetTransform, threshold, preprocessingFingerprint,
            preprocessingConfig, provenance, sha256);
    }
}
