package dev.ich.samples.cli;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Output of the commands: folders are created, files are new, a user's file is never replaced. */
final class OutputFiles {

    private OutputFiles() {
    }

    /** Creates {@code folder} (and its parents) when missing. */
    static void createFolder(Path folder) throws IchException {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IchException(ErrorCode.OUTPUT_NOT_WRITABLE, folder.toString(), "the output folder cannot be created ("
                + e.getMessage() + ")", "Choose a folder you can write to", e);
        }
    }

    /** Writes a new file; an existing one is an error and is left as it was. */
    static void writeNew(Path file, byte[] bytes) throws IchException {
        try {
            Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new IchException(ErrorCode.OUTPUT_NOT_WRITABLE, file.toString(), "the file exists already",
                "Choose another --out folder or remove the file", e);
        } catch (IOException e) {
            throw new IchException(ErrorCode.OUTPUT_NOT_WRITABLE, file.toString(), "cannot be written ("
                + e.getMessage() + ")", "Check the folder's permissions and free space", e);
        }
    }

    static void writeNew(Path file, String text) throws IchException {
        writeNew(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
