package dev.ich.dicom.write;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that no reader ever sees it half-written and no existing file is lost by
 * accident: the content goes to a temporary file in the same folder, which is then moved into place
 * (linked, for {@link ExistingOutput#REFUSE}, so that even a file appearing meanwhile is not
 * replaced). A link at the target is refused, so nothing is ever written through one.
 */
public final class AtomicFileWriter {

    /** Produces the content of a file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private AtomicFileWriter() {}

    /**
     * Writes {@code target}, creating missing parent folders.
     *
     * @throws IchException {@code OUTPUT_NOT_WRITABLE} when the target exists and {@code existing}
     *     is {@link ExistingOutput#REFUSE}, when it is a link (whatever {@code existing} says), or
     *     when it cannot be written
     */
    public static void write(Path target, ExistingOutput existing, Content content)
            throws IchException {
        Path absolute = target.toAbsolutePath();
        String source = target.toString();
        if (Files.isSymbolicLink(absolute)) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    source,
                    "the output is a link, and nothing is "
                            + "written through a link or in its place",
                    "Remove the link or give another output name");
        }
        if (existing == ExistingOutput.REFUSE
                && Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw exists(source, null);
        }
        if (Files.isDirectory(absolute)) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    source,
                    "a folder of that name exists",
                    "Give a file name");
        }
        Path parent = absolute.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = createTemporary(parent, absolute.getFileName().toString());
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                content.writeTo(out);
            }
            if (existing == ExistingOutput.REFUSE) {
                moveWithoutReplacing(tmp, absolute);
            } else {
                moveReplacing(tmp, absolute);
            }
            tmp = null;
        } catch (FileAlreadyExistsException e) {
            throw exists(source, e);
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    source,
                    "the file cannot be written (" + e.getMessage() + ")",
                    "Check that the folder exists, is writable and that the disk has space",
                    e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The original failure is the one to report; a stray temporary file is
                    // harmless.
                }
            }
        }
    }

    /**
     * A new hidden file next to the target. Not Files.createTempFile: that makes the file readable
     * by its owner only, and the output would keep those permissions; this one gets the usual
     * umask.
     */
    private static Path createTemporary(Path parent, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path candidate =
                    parent.resolve(
                            "."
                                    + name
                                    + "."
                                    + Long.toUnsignedString(RANDOM.nextLong(), 36)
                                    + ".tmp");
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    private static void moveWithoutReplacing(Path tmp, Path target) throws IOException {
        boolean linked;
        try {
            Files.createLink(target, tmp); // fails atomically if the target exists
            linked = true;
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | IOException e) {
            linked = false; // no hard links on this file system
        }
        if (linked) {
            Files.delete(tmp);
        } else {
            Files.move(tmp, target); // refuses an existing target, with a tiny race
        }
    }

    private static void moveReplacing(Path tmp, Path target) throws IOException {
        try {
            Files.move(
                    tmp,
                    target,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static IchException exists(String source, Throwable cause) {
        return new IchException(
                ErrorCode.OUTPUT_NOT_WRITABLE,
                source,
                "the file already exists",
                "Choose another output name, or allow replacing it explicitly",
                cause);
    }
}
