package dev.ich.model.internal;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Writes a directory so that readers see either the old complete directory or the new complete one,
 * never a half-written one: the content goes to a hidden sibling first, which is then renamed.
 * Nothing a user has is replaced: a new directory may take the place of an empty one only, and an
 * existing directory is replaced only when its owner recognises it as one it made.
 */
public final class AtomicDirectory {

    /** Fills a fresh directory. */
    @FunctionalInterface
    public interface Writer {
        void write(Path directory) throws IOException, IchException;
    }

    private AtomicDirectory() {}

    /**
     * Writes a new directory.
     *
     * @param target the directory to create; it may exist as an empty directory (not a link)
     * @throws IchException {@code OUTPUT_NOT_WRITABLE} when {@code target} exists as anything else
     *     (it is left as it was) or cannot be written
     */
    public static void write(Path target, Writer writer) throws IchException {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !isEmptyDirectory(absolute)) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    absolute.toString(),
                    "already exists and is not an empty directory",
                    "Choose a new output directory or remove this one");
        }
        writeAndSwap(absolute, writer);
    }

    /**
     * Writes {@code target} anew, replacing the directory there only when {@code isOwn} recognises
     * it as one the caller made (e.g. a checkpoint of the same run).
     *
     * @param isOwn tells whether an existing directory (never a link) is the caller's own
     * @throws IchException {@code OUTPUT_NOT_WRITABLE} when something else is at {@code target} (it
     *     is left as it was) or the directory cannot be written
     */
    public static void replace(Path target, Predicate<Path> isOwn, Writer writer)
            throws IchException {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)
                && !isEmptyDirectory(absolute)
                && !(Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)
                        && isOwn.test(absolute))) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    absolute.toString(),
                    "exists and was not made by this library, so it is left as it is",
                    "Move it away or choose another output name");
        }
        writeAndSwap(absolute, writer);
    }

    private static void writeAndSwap(Path absolute, Writer writer) throws IchException {
        Path parent = absolute.getParent();
        Path temp = parent.resolve("." + absolute.getFileName() + ".tmp-" + System.nanoTime());
        try {
            Files.createDirectories(parent);
            Files.createDirectory(temp);
            writer.write(temp);
            if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
                Path old =
                        parent.resolve("." + absolute.getFileName() + ".old-" + System.nanoTime());
                move(absolute, old);
                move(temp, absolute);
                deleteRecursively(old);
            } else {
                move(temp, absolute);
            }
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    absolute.toString(),
                    "cannot be written (" + e.getMessage() + ")",
                    "Check the free space and the permissions of " + parent,
                    e);
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
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes the replaced or temporary directory (links inside are removed, never followed). */
    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
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
