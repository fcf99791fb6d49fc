package dev.ich.dicom;

/**
 * A series of objects that {@link DicomInspector} found but that cannot be read as a CT volume: a
 * structured report, a segmentation, secondary captures. No patient identity.
 *
 * @param seriesInstanceUid the SeriesInstanceUID
 * @param studyInstanceUid the StudyInstanceUID (empty when absent)
 * @param modality the Modality (e.g. {@code SR}, {@code SEG}; empty when absent)
 * @param sopClassUid the SOPClassUID of its first object (empty when absent)
 * @param fileCount files of the series
 * @param reason why its first object is not read as a CT image
 */
public record OtherSeriesSummary(
        String seriesInstanceUid,
        String studyInstanceUid,
        String modality,
        String sopClassUid,
        int fileCount,
        String reason) {}
