package dev.ich.dicom.result;

import java.util.List;
import java.util.Objects;

/**
 * The files {@link DicomResultWriter} wrote, by name, all in the source's study.
 *
 * @param studyInstanceUid the source's study
 * @param segmentation the file name of the DICOM Segmentation
 * @param report the file name of the TID 1500 Structured Report
 * @param overlay the file names of the overlay series' images in slice order (empty when no overlay
 *     was asked for)
 */
public record WrittenResults(
        String studyInstanceUid, String segmentation, String report, List<String> overlay) {

    public WrittenResults {
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        Objects.requireNonNull(segmentation, "segmentation");
        Objects.requireNonNull(report, "report");
        overlay = List.copyOf(overlay);
    }
}
