package dev.ich.dicom;

import dev.ich.core.error.IchException;
import dev.ich.core.io.StudyReader;
import dev.ich.core.volume.CtVolume;
import dev.ich.dicom.nifti.NiftiStudyReader;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads a study whatever its format: a {@code .nii}/{@code .nii.gz} file with the NIfTI reader,
 * anything else (a DICOM file or folder) with the DICOM reader.
 */
public final class AnyStudyReader implements StudyReader {

    private final StudyReader dicom;
    private final StudyReader nifti;

    private AnyStudyReader(StudyReader dicom, StudyReader nifti) {
        this.dicom = dicom;
        this.nifti = nifti;
    }

    /** With the default DICOM reader. */
    public static AnyStudyReader create() {
        return new AnyStudyReader(DicomStudyReader.create(), new NiftiStudyReader());
    }

    /** With a configured DICOM reader (for example one that names a series UID). */
    public static AnyStudyReader withDicomReader(DicomStudyReader dicomReader) {
        return new AnyStudyReader(
                Objects.requireNonNull(dicomReader, "dicomReader"), new NiftiStudyReader());
    }

    @Override
    public CtVolume read(Path study) throws IchException {
        return NiftiStudyReader.isNiftiName(study) ? nifti.read(study) : dicom.read(study);
    }
}
