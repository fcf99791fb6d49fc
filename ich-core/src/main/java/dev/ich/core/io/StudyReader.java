package dev.ich.core.io;

import dev.ich.core.error.IchException;
import dev.ich.core.volume.CtVolume;
import java.nio.file.Path;

/**
 * Reads one study (a DICOM file or folder, a NIfTI file, ...) into a {@link CtVolume} in HU.
 * Implementations live in other modules (ich-dicom) and are passed to the analyzer explicitly.
 */
@FunctionalInterface
public interface StudyReader {

    /**
     * @param study a file or folder
     * @return the volume in HU, with provenance and warnings but no patient identity
     * @throws IchException when the study cannot be read into a safe volume
     */
    CtVolume read(Path study) throws IchException;
}
