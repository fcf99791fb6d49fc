package dev.ich.core.volume;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a volume came from, without any patient identity: never a name, patient ID, birth date or
 * accession number.
 *
 * @param seriesInstanceUid the DICOM SeriesInstanceUID, or a synthetic identifier such as {@code
 *     "phantom:seed=7"} or {@code "nifti"}
 * @param sliceCount slices in the volume
 * @param fileCount files the volume was read from
 * @param transferSyntaxUid the DICOM transfer syntax UID, or a description such as {@code "nifti"}
 * @param warnings problems found that leave the volume safe to use (for example a slice gap that
 *     was resampled); shown to the user with every result
 */
public record Provenance(
        String seriesInstanceUid,
        int sliceCount,
        int fileCount,
        String transferSyntaxUid,
        List<String> warnings) {

    public Provenance {
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(transferSyntaxUid, "transferSyntaxUid");
        if (sliceCount < 0 || fileCount < 0) {
            throw new IllegalArgumentException(
                    "counts must not be negative: sliceCount="
                            + sliceCount
                            + ", fileCount="
                            + fileCount);
        }
        warnings = List.copyOf(warnings);
    }

    /** Provenance of a volume made in memory (no files). */
    public static Provenance synthetic(String description, int sliceCount) {
        return new Provenance(description, sliceCount, 0, "none", List.of());
    }

    /** A copy with one more warning. */
    public Provenance withWarning(String warning) {
        List<String> more = new ArrayList<>(warnings);
        more.add(Objects.requireNonNull(warning, "warning"));
        return new Provenance(seriesInstanceUid, sliceCount, fileCount, transferSyntaxUid, more);
    }
}
