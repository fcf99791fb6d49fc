package dev.ich.core.io;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files one task writes into a folder, all or none: every name is checked before any work (none
 * may be a link or a folder, and none may exist unless replacing is allowed), each file is written
 * under a hidden temporary name in the same folder, and {@link #commit()} moves them all into place
 * at the end. Until then {@link #close()} (after a failure) and a JVM shutdown hook (SIGTERM)
 * remove the temporaries, so no lone or half-written file is left.
 *
 * <pre>{@code
 * try (OutputBatch batch = OutputBatch.prepare(folder, List.of("a.json", "b.png"), false, "Choose another folder")) {
 *     Files.write(batch.temporary("a.json"), bytes);      // or any writer that replaces its target
 *     ...
 *     batch.commit();
 * }
 * }</pre>
 */
public final class OutputBatch implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path folder;
    private final boolean replace;
    private final String whatToDoIfOneExists;

    /** Final name → temporary file, in the order given. */
    private final Map<String, Path> temporaries = new LinkedHashMap<>();

    /** Removes the temporaries when the JVM ends (SIGTERM, System.exit) before commit or close. */
    final Thread cleanupOnExit = new Thread(this::removeTemporaries, "ich-output-cleanup");

    private boolean finished;

    private OutputBatch(Path folder, boolean replace, String whatToDoIfOneExists) {
        this.folder = folder;
        this.replace = replace;
        this.whatToDoIfOneExists = whatToDoIfOneExists;
    }

    /**
     * Checks every output; nothing is written yet (the folder is created with the first temporary).
     *
     * @param names the file names the task will write into {@code folder}
     * @param replace whether existing regular files of these names may be replaced (links and
     *     folders never are)
     * @param whatToDoIfOneExists the advice in the error about an existing file (e.g. the option
     *     that allows replacing it)
     * @throws IchException {@code OUTPUT_NOT_WRITABLE} naming the first file in the way
     */
    public static OutputBatch prepare(
            Path folder, List<String> names, boolean replace, String whatToDoIfOneExists)
            throws IchException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    folder.toString(),
                    "is a file, not a folder",
                    "Give a folder for the output");
        }
        OutputBatch batch = new OutputBatch(folder, replace, whatToDoIfOneExists);
        for (String name : names) {
            batch.check(folder.resolve(name));
            batch.temporaries.put(name, null);
        }
        Runtime.getRuntime().addShutdownHook(batch.cleanupOnExit);
        return batch;
    }

    private void check(Path file) throws IchException {
        if (Files.isSymbolicLink(file)) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    file.toString(),
                    "is a link, and no output is written through a link",
                    "Remove the link or choose another output folder");
        }
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    file.toString(),
                    "a folder of that name exists",
                    "Choose another output folder");
        }
        if (!replace && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    file.toString(),
                    "the file already exists and is left as it is",
                    whatToDoIfOneExists);
        }
    }

    /**
     * The temporary file (created empty, hidden, in the output folder, ending in {@code name}, so
     * writers that look at the extension see the right one) that becomes {@code name} on commit. A
     * writer that replaces it through a temporary file of its own must name that file {@code "." +
     * temporary's name + "."…}, as {@code AtomicFileWriter} does, so a cleanup finds it.
     */
    public synchronized Path temporary(String name) throws IchException {
        if (!temporaries.containsKey(name)) {
            throw new IllegalArgumentException(
                    name + " is not one of the files this batch was prepared for");
        }
        if (finished) {
            throw new IllegalStateException("the batch is committed or closed");
        }
        Path tmp = temporaries.get(name);
        if (tmp != null) {
            return tmp;
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    folder.toString(),
                    "the output folder cannot be " + "created (" + e.getMessage() + ")",
                    "Choose a folder you can write to",
                    e);
        }
        for (int attempt = 0; ; attempt++) {
            Path candidate =
                    folder.resolve(
                            ".ich-"
                                    + Long.toUnsignedString(RANDOM.nextLong(), 36)
                                    + ".tmp."
                                    + name);
            try {
                tmp = Files.createFile(candidate);
                temporaries.put(name, tmp);
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw notWritable(folder.resolve(name), e);
                }
            } catch (IOException e) {
                throw notWritable(folder.resolve(name), e);
            }
        }
    }

    /**
     * Moves every written file into place (files never made by {@link #temporary} are skipped). A
     * file that appeared meanwhile is not replaced unless allowed; then the files this batch
     * already moved are removed again and the error names the file.
     *
     * @return the files now in place, in the order given
     */
    public synchronized List<Path> commit() throws IchException {
        if (finished) {
            throw new IllegalStateException("the batch is committed or closed");
        }
        List<Path> placed = new ArrayList<>();
        try {
            for (Map.Entry<String, Path> e : temporaries.entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                Path target = folder.resolve(e.getKey());
                check(target);
                move(e.getValue(), target);
                placed.add(target);
                e.setValue(null);
            }
        } catch (IchException | IOException e) {
            for (Path p : placed) {
                deleteQuietly(p);
            }
            if (e instanceof IchException ie) {
                throw ie;
            }
            throw notWritable(folder, (IOException) e);
        }
        finish();
        return placed;
    }

    private void move(Path tmp, Path target) throws IOException {
        if (!replace) {
            // A hard link fails atomically when the target exists; where there are none, a plain
            // move.
            try {
                Files.createLink(target, tmp);
                Files.delete(tmp);
                return;
            } catch (FileAlreadyExistsException e) {
                throw e;
            } catch (UnsupportedOperationException | IOException e) {
                Files.move(tmp, target);
                return;
            }
        }
        // A rename replaces a link that appeared meanwhile, never the file it points to.
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

    /**
     * Removes the temporaries of an uncommitted batch (after a failure); nothing else is touched.
     */
    @Override
    public synchronized void close() {
        removeTemporaries();
        finish();
    }

    private synchronized void removeTemporaries() {
        for (Map.Entry<String, Path> e : temporaries.entrySet()) {
            if (e.getValue() != null) {
                deleteQuietly(e.getValue());
                removeWritersTemporaries(e.getValue());
                e.setValue(null);
            }
        }
        finished = true;
    }

    /**
     * Removes what a writer interrupted while replacing {@code tmp} left: {@code .<tmp's name>.*}.
     */
    private void removeWritersTemporaries(Path tmp) {
        try (DirectoryStream<Path> left =
                Files.newDirectoryStream(folder, "." + tmp.getFileName() + ".*")) {
            left.forEach(OutputBatch::deleteQuietly);
        } catch (IOException | RuntimeException ignored) {
            // Nothing to remove, or the folder is gone.
        }
    }

    private void finish() {
        finished = true;
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to; it finds nothing left to remove.
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // A stray hidden temporary file is harmless; the original failure is the one to report.
        }
    }

    private static IchException notWritable(Path file, IOException e) {
        return new IchException(
                ErrorCode.OUTPUT_NOT_WRITABLE,
                file.toString(),
                "cannot be written (" + e.getMessage() + ")",
                "Check the folder's permissions and free space",
                e);
    }
}
