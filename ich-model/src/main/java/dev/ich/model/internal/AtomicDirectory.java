package dev.ich.model.internal;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes a directory so that readers see either the old complete directory or the new complete
 * one, never a half-written one: the content goes to a hidden sibling first, which is then renamed.
 */
public final class AtomicDirectory {

    /** Fills a fresh directory. */
    @FunctionalInterface
    public interface Writer {
        void write(Path directory) throws IOException, IchException;
    }

    private AtomicDirectory() {
    }

    /**
     * @param target the directory to create (or to replace, when {@code replace})
     * @param replace whether an existing {@code target} (one this library made, e.g. a checkpoint)
     *     may be replaced; when false, an existing non-empty {@code target} is an error
     */
    public static void write(Path target, boolean replace, Writer writer) throws IchException {
        Path absolute = target.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (!replace && Files.exists(absolute) && !isEmptyDirectory(absolute)) {
            throw new IchException(ErrorCode.OUTPUT_NOT_WRITABLE, absolute.toString(),
                "already exists and is not an empty directory", "Choose a new output directory or remove this one");
        }
        Path temp = parent.resolve("." + absolute.getFileName() + ".tmp-" + System.nanoTime());
        try {
            Files.createDirectories(parent);
            Files.createDirectory(temp);
            writer.write(temp);
            if (Files.exists(absolute)) {
                Path old = parent.resolve("." + absolute.getFileName() + ".old-" + System.nanoTime());
                move(absolute, old);
                move(temp, absolute);
                deleteRecursively(old);
            } else {
                move(temp, absolute);
            }
        } catch (IOException e) {
            throw new IchException(ErrorCode.OUTPUT_NOT_WRITABLE, absolute.toString(),
                "cannot be written (" + e.getMessage() + ")", "Check the free space and the permissions of "
                    + parent, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static boolean isEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes a directory tree (used for the library's own temporary and replaced directories). */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteRecursively(dir);
        } catch (IOException e) {
            // The temporary directory is hidden and harmless; the original error matters more.
        }
    }
}
