package dev.ich.dicom;

import dev.ich.core.geometry.Vec3;
import java.util.List;

/**
 * What {@link DicomInspector} found about one image series. No patient identity.
 *
 * @param seriesInstanceUid the SeriesInstanceUID
 * @param studyInstanceUid the StudyInstanceUID (empty when absent)
 * @param modality the Modality (e.g. {@code CT})
 * @param fileCount files holding the series' images
 * @param frameCount images (frames) in the series, localizers included
 * @param sliceCount distinct slice positions, or 0 when the series cannot be assembled
 * @param columns pixels per row
 * @param rows rows per image
 * @param spacing column, row and slice spacing in mm (null when the series cannot be assembled)
 * @param rowDirection ImageOrientationPatient row cosines (null when absent)
 * @param columnDirection ImageOrientationPatient column cosines (null when absent)
 * @param orientation {@code axial}, {@code coronal}, {@code sagittal} or {@code oblique}
 * @param tiltDegrees angle between slice axis and image normal (gantry tilt)
 * @param localizer every image is a localizer
 * @param transferSyntaxes the transfer syntaxes used, as {@code UID (name)}
 * @param chosen the series {@link DicomStudyReader} reads by default
 * @param warnings findings that leave the volume usable
 * @param problem why the series cannot be read as a volume or decoded, or null (found without
 *     decoding pixels: an unusable slice, an unsupported transfer syntax, a damaged stream)
 */
public record SeriesSummary(
        String seriesInstanceUid,
        String studyInstanceUid,
        String modality,
        int fileCount,
        int frameCount,
        int sliceCount,
        int columns,
        int rows,
        Vec3 spacing,
        Vec3 rowDirection,
        Vec3 columnDirection,
        String orientation,
        double tiltDegrees,
        boolean localizer,
        List<String> transferSyntaxes,
        boolean chosen,
        List<String> warnings,
        String problem) {

    public SeriesSummary {
        transferSyntaxes = List.copyOf(transferSyntaxes);
        warnings = List.copyOf(warnings);
    }
}
