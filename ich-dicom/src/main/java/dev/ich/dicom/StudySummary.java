package dev.ich.dicom;

import java.util.List;

/**
 * Everything {@link DicomInspector} found in a file or folder.
 *
 * @param path what was inspected
 * @param fileCount files looked at
 * @param series the image series
 * @param skipped objects that are not (supported) images, each as "file: reason"
 * @param nonDicomFiles files that are not DICOM at all
 */
public record StudySummary(String path, int fileCount, List<SeriesSummary> series, List<String> skipped,
                           int nonDicomFiles) {

    public StudySummary {
        series = List.copyOf(series);
        skipped = List.copyOf(skipped);
    }
}
