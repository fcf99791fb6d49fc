package dev.ich.dicom;

import java.util.List;

/**
 * Everything {@link DicomInspector} found in a file or folder.
 *
 * @param path what was inspected
 * @param fileCount files looked at
 * @param series the image series
 * @param otherSeries series of objects that are not CT images (structured reports, segmentations,
 *     secondary captures), which cannot be read as a volume
 * @param skipped objects without a Series Instance UID that are not (supported) images, each as
 *     "file: reason"
 * @param nonDicomFiles files that are not DICOM at all
 */
public record StudySummary(
        String path,
        int fileCount,
        List<SeriesSummary> series,
        List<OtherSeriesSummary> otherSeries,
        List<String> skipped,
        int nonDicomFiles) {

    public StudySummary {
        series = List.copyOf(series);
        otherSeries = List.copyOf(otherSeries);
        skipped = List.copyOf(skipped);
    }
}
