package dev.ich.dicom.write;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link DicomSeriesWriter} wrote.
 *
 * @param studyInstanceUid the study UID
 * @param seriesInstanceUid the series UID
 * @param frameOfReferenceUid the frame of reference UID
 * @param transferSyntax the transfer syntax of every file
 * @param files one file per slice, in slice order ({@code k = 0} first)
 * @param maxQuantisationErrorHu the largest |HU written − HU a reader computes from stored pixels
 *     and rescale values|; 0 when every value round-trips exactly
 */
public record WrittenSeries(
        String studyInstanceUid,
        String seriesInstanceUid,
        String frameOfReferenceUid,
        DicomTransferSyntax transferSyntax,
        List<Path> files,
        double maxQuantisationErrorHu) {

    public WrittenSeries {
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(frameOfReferenceUid, "frameOfReferenceUid");
        Objects.requireNonNull(transferSyntax, "transferSyntax");
        files = List.copyOf(files);
    }
}
