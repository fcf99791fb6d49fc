package dev.ich.core.analysis;

import java.util.Objects;

/**
 * What produced a result, without any patient identity.
 *
 * @param seriesInstanceUid the analysed series
 * @param sliceCount slices read
 * @param transferSyntaxUid how the pixels were encoded
 * @param modelSha256 SHA-256 of the network's parameters
 * @param preprocessingFingerprint the preprocessing configuration's fingerprint
 * @param libraryVersion the ich version that produced the result
 */
public record AnalysisProvenance(
        String seriesInstanceUid,
        int sliceCount,
        String transferSyntaxUid,
        String modelSha256,
        String preprocessingFingerprint,
        String libraryVersion) {

    public AnalysisProvenance {
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(transferSyntaxUid, "transferSyntaxUid");
        Objects.requireNonNull(modelSha256, "modelSha256");
        Objects.requireNonNull(preprocessingFingerprint, "preprocessingFingerprint");
        Objects.requireNonNull(libraryVersion, "libraryVersion");
    }
}
