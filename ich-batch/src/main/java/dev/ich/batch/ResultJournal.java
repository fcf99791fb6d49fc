package dev.ich.batch;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a run so far, one CSV line each, appended and forced to the disk as each study
 * completes. A run started again reads it and skips the studies in it. A line cut short by a crash
 * (no line break at its end) is dropped on reading, so no half row is ever used.
 */
public final class ResultJournal implements AutoCloseable {

    /** The journal's file name in the output folder; it is removed once the tables are written. */
    public static final String FILE = "results.journal.csv";

    private final Path file;
    private final FileChannel channel;
    private final Map<String, List<String>> rows;

    private ResultJournal(Path file, FileChannel channel, Map<String, List<String>> rows) {
        this.file = file;
        this.channel = channel;
        this.rows = rows;
    }

    /**
     * Opens the journal in {@code folder} (created if needed), reading the rows of an earlier run.
     *
     * @throws IchException {@link ErrorCode#OUTPUT_NOT_WRITABLE} when the journal is a link or
     *     cannot be written, another run holds it, or it was written for other columns (another
     *     manifest or estimators)
     */
    public static ResultJournal open(Path folder, ResultSchema schema) throws IchException {
        Path file = folder.resolve(FILE);
        try {
            Files.createDirectories(folder);
            if (Files.isSymbolicLink(file)
                    || Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                            && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IchException(
                        ErrorCode.OUTPUT_NOT_WRITABLE,
                        file.toString(),
                        "is not a regular file",
                        "Remove it or choose another output folder");
            }
            boolean fresh = !Files.exists(file, LinkOption.NOFOLLOW_LINKS);
            FileChannel channel =
                    FileChannel.open(
                            file,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.READ,
                            StandardOpenOption.WRITE,
                            LinkOption.NOFOLLOW_LINKS);
            try {
                lock(channel, folder);
                Map<String, List<String>> rows =
                        fresh ? new LinkedHashMap<>() : read(channel, file, schema);
                if (channel.size() == 0) {
                    write(channel, CsvRows.line(schema.names()));
                    if (fresh) {
                        forceFolder(folder);
                    }
                }
                channel.position(channel.size());
                return new ResultJournal(file, channel, rows);
            } catch (IchException | IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    file.toString(),
                    "cannot be written (" + e.getMessage() + ")",
                    "Check the folder's permissions and free space",
                    e);
        }
    }

    /**
     * Takes the journal for this run, before it is read: a second run into the same folder (in this
     * process or another) would analyse the same studies again and interleave its rows. The
     * operating system releases the lock when the channel closes or the process dies, so a killed
     * run never leaves the folder locked.
     */
    private static void lock(FileChannel channel, Path folder) throws IOException, IchException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    folder.toString(),
                    "another run is writing into this folder (its journal " + FILE + " is locked)",
                    "Wait for that run to end, or choose another output folder");
        }
    }

    /**
     * Rows whose line is complete, by study; the tail of a line cut short is removed from the file.
     */
    private static Map<String, List<String>> read(
            FileChannel channel, Path file, ResultSchema schema) throws IOException, IchException {
        // Through the locked channel: closing any other descriptor of the file would release the
        // lock (POSIX record locks belong to the process and the file, not to the descriptor).
        byte[] bytes = new byte[Math.toIntExact(channel.size())];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, buffer.position()) < 0) {
                throw new IOException("the journal shrank while it was read");
            }
        }
        int complete = bytes.length;
        while (complete > 0 && bytes[complete - 1] != '\n') {
            complete--;
        }
        if (complete < bytes.length) {
            channel.truncate(complete);
            channel.force(true);
        }
        List<List<String>> records =
                CsvRows.parse(
                        new String(bytes, 0, complete, StandardCharsets.UTF_8), file.toString());
        Map<String, List<String>> rows = new LinkedHashMap<>();
        if (records.isEmpty()) {
            return rows;
        }
        if (!records.get(0).equals(schema.names())) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    file.toString(),
                    "holds the rows of a run with other columns (another manifest or other estimates)",
                    "Run again with the same studies and options, or choose another output folder");
        }
        for (List<String> row : records.subList(1, records.size())) {
            if (row.size() != schema.columns().size()) {
                throw new IchException(
                        ErrorCode.INVALID_TABLE,
                        file.toString(),
                        "a row has "
                                + row.size()
                                + " fields where the header has "
                                + schema.columns().size(),
                        "Remove the journal to start the run again");
            }
            rows.putIfAbsent(row.get(0), row);
        }
        return rows;
    }

    /** The rows of complete studies, by study key, in the order they were recorded. */
    public Map<String, List<String>> rows() {
        return Collections.unmodifiableMap(rows);
    }

    /** Records one row and forces it to the disk before returning. */
    public synchronized void append(List<String> row) throws IchException {
        try {
            write(channel, CsvRows.line(row));
            channel.force(false);
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    file.toString(),
                    "cannot be written (" + e.getMessage() + ")",
                    "Check the free space, then run again to go on where it stopped",
                    e);
        }
        rows.putIfAbsent(row.get(0), row);
    }

    /** The journal's path. */
    public Path file() {
        return file;
    }

    private static void write(FileChannel channel, String text) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** A new file's name is durable only once its folder is forced too (POSIX). */
    private static void forceFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some file systems cannot open a folder; the next row's force covers the data.
        }
    }

    /** Closes the file; the rows stay. */
    @Override
    public void close() throws IchException {
        try {
            channel.close();
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    file.toString(),
                    "cannot be closed (" + e.getMessage() + ")",
                    "Check the disk",
                    e);
        }
    }
}
