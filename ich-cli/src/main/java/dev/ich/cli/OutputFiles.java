package dev.ich.cli;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.io.OutputBatch;
import dev.ich.dicom.nifti.NiftiWriter;
import dev.ich.dicom.write.ExistingOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Output of the commands, through an {@link OutputBatch}: every file is checked before any work,
 * written under a temporary name and moved into place at the end; a user's file is never replaced.
 */
final class OutputFiles {

    /**
     * Writes the batch's own temporary file, which a writer that refuses existing files would not.
     */
    private static final NiftiWriter NIFTI =
            NiftiWriter.builder().existingOutput(ExistingOutput.REPLACE).build();

    private OutputFiles() {}

    /**
     * Checks that none of {@code names} is in {@code folder} (nor a link or folder of that name).
     */
    static OutputBatch prepare(Path folder, List<String> names) throws IchException {
        return OutputBatch.prepare(
                folder, names, false, "Choose another --out folder or remove the file");
    }

    static void write(OutputBatch batch, String name, byte[] bytes) throws IchException {
        Path file = batch.temporary(name);
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    file.toString(),
                    "cannot be written (" + e.getMessage() + ")",
                    "Check the folder's permissions and free space",
                    e);
        }
    }

    static void write(OutputBatch batch, String name, String text) throws IchException {
        write(batch, name, text.getBytes(StandardCharsets.UTF_8));
    }

    static void writeNifti(OutputBatch batch, String name, VolumeGeometry geometry, float[] values)
            throws IchException {
        NIFTI.write(geometry, values, batch.temporary(name));
    }
}
