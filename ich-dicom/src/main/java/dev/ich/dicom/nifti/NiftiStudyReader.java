package dev.ich.dicom.nifti;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.io.StudyReader;
import dev.ich.core.volume.CtVolume;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The {@link StudyReader} for studies stored as one NIfTI-1 file ({@code .nii} or {@code .nii.gz})
 * holding a CT volume in HU. See {@link NiftiReader#readCtVolume(Path)}.
 */
public final class NiftiStudyReader implements StudyReader {

    /** True when the path names a NIfTI file by its extension. */
    public static boolean isNiftiName(Path path) {
        Path name = path.getFileName();
        String s = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        return s.endsWith(".nii") || s.endsWith(".nii.gz");
    }

    @Override
    public CtVolume read(Path study) throws IchException {
        if (!isNiftiName(study)) {
            throw new IchException(
                    ErrorCode.INVALID_NIFTI,
                    study.toString(),
                    "the name does not end in .nii or .nii.gz",
                    "Give a NIfTI-1 file, or use the DICOM reader for DICOM");
        }
        return NiftiReader.readCtVolume(study);
    }
}
