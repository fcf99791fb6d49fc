package dev.ich.samples.cli;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.io.StudyReader;
import dev.ich.core.volume.CtVolume;
import dev.ich.dicom.nifti.NiftiStudyReader;
import java.nio.file.Path;

/**
 * The study reader of the model commands: NIfTI files ({@code .nii}, {@code .nii.gz}) through
 * ich-dicom's reader. DICOM series are refused with a clear message until ich-dicom's DICOM
 * study reader is wired in here (one line).
 */
final class CliStudyReader implements StudyReader {

    private final NiftiStudyReader nifti = new NiftiStudyReader();

    @Override
    public CtVolume read(Path study) throws IchException {
        if (NiftiStudyReader.isNiftiName(study)) {
            return nifti.read(study);
        }
        throw new IchException(ErrorCode.UNSUPPORTED_ENCODING, study.toString(),
            "the model commands of this build read NIfTI studies (.nii, .nii.gz) only",
            "Convert the DICOM series to NIfTI (e.g. dcm2niix) or use a build with the DICOM reader wired in");
    }
}
