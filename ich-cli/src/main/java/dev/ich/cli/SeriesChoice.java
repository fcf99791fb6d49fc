package dev.ich.cli;

import dev.ich.dicom.AnyStudyReader;
import dev.ich.dicom.DicomStudyReader;
import picocli.CommandLine.Option;

/**
 * {@code --study} and {@code --series}: which DICOM series a command reads when its input holds
 * several studies or series; mixed in with {@code @Mixin}. Without them the reader picks the axial
 * CT series with the most slices of the one study in the input, and refuses several studies.
 */
final class SeriesChoice {

    @Option(
            names = "--study",
            paramLabel = "UID",
            description =
                    "The StudyInstanceUID to read when the DICOM input holds several studies (see 'ich info').")
    String studyUid;

    @Option(
            names = "--series",
            paramLabel = "UID",
            description =
                    "The SeriesInstanceUID to read (default: the axial CT series with the most slices; see 'ich info').")
    String seriesUid;

    /** A DICOM reader set to the chosen study and series, for further options. */
    DicomStudyReader.Builder dicomReader() {
        return DicomStudyReader.builder().studyInstanceUid(studyUid).seriesInstanceUid(seriesUid);
    }

    /** A reader of DICOM (the chosen series) or NIfTI. */
    AnyStudyReader reader() {
        return AnyStudyReader.withDicomReader(dicomReader().build());
    }
}
