package dev.ich.model;

import java.util.Objects;

/**
 * The {@code model.json} of a model directory: everything needed to use the parameters correctly.
 *
 * @param architecture the network
 * @param targetTransform how regression outputs become ml
 * @param threshold the probability of death above which the outcome is "died" (0.5)
 * @param preprocessing the preprocessing the model was trained with (its output shape is the
 *     network's input shape)
 * @param provenance how it was trained, or {@code null} for imported weights
 * @param parametersSha256 SHA-256 (hex) of the parameter file, verified on load
 */
public record ModelManifest(
        NetworkConfig architecture,
        TargetTransform targetTransform,
        double threshold,
        PreprocessingSettings preprocessing,
        TrainingProvenance provenance,
        String parametersSha256) {

    /** The version of the directory format this library writes and reads. */
    public static final int FORMAT_VERSION = 2;

    public ModelManifest {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(targetTransform, "targetTransform");
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
        }
        Objects.requireNonNull(preprocessing, "preprocessing");
        if (preprocessing.depth() != architecture.inputDepth()
                || preprocessing.height() != architecture.inputHeight()
                || preprocessing.width() != architecture.inputWidth()) {
            throw new IllegalArgumentException(
                    "preprocessing makes "
                            + preprocessing.depth()
                            + "×"
                            + preprocessing.height()
                            + "×"
                            + preprocessing.width()
                            + " inputs but the network takes "
                            + architecture.inputDepth()
                            + "×"
                            + architecture.inputHeight()
                            + "×"
                            + architecture.inputWidth());
        }
        parametersSha256 = Objects.requireNonNullElse(parametersSha256, "");
    }

    /** This manifest with another parameter hash. */
    public ModelManifest withParametersSha256(String sha256) {
        return new ModelManifest(
                architecture, targetTransform, threshold, preprocessing, provenance, sha256);
    }
}
