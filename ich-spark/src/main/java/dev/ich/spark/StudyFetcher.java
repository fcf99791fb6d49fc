package dev.ich.spark;

import dev.ich.core.analysis.IchAnalyzer;
import dev.ich.core.analysis.batch.BatchResult;
import dev.ich.core.analysis.batch.BatchStudy;
import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Where the studies of a DataFrame are read from. A study named by a local path (or a {@code file:}
 * URI) is read where it is. A study named by the URI of another file system Hadoop reads ({@code
 * hdfs://}, {@code s3a://}, {@code abfs://}, …) is copied, file or folder, to a folder of the
 * executor's local disk, analysed there and removed; its row names the URI, never the copy. The
 * driver's Hadoop configuration travels with this object, so the executors reach the file systems
 * the driver was configured for ({@code spark.hadoop.*}).
 */
final class StudyFetcher implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final Pattern URI_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:/.*");

    private final String base;
    private final HashMap<String, String> hadoopSettings;

    /**
     * @param base the folder (a local path or a Hadoop URI) that relative study paths are resolved
     *     against; null to take them as they are
     * @param hadoop the driver's Hadoop configuration
     */
    StudyFetcher(String base, Configuration hadoop) {
        this.base = base;
        this.hadoopSettings = new HashMap<>();
        hadoop.forEach(e -> hadoopSettings.put(e.getKey(), e.getValue()));
    }

    /** Whether {@code location} is the URI of a file system other than the local one. */
    static boolean isRemote(String location) {
        return URI_SCHEME.matcher(location).matches() && !location.startsWith("file:");
    }

    /**
     * The location of the study named {@code text}: a remote URI, or a local path (absolute as
     * given, a {@code file:} URI's path, or resolved against the base).
     */
    String resolve(String text) {
        if (isRemote(text) || base == null && !text.startsWith("file:")) {
            return text;
        }
        if (text.startsWith("file:")) {
            return Path.of(URI.create(text)).toString();
        }
        if (isRemote(base)) {
            return new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(base), text)
                    .toString();
        }
        return Path.of(text).isAbsolute()
                ? text
                : Path.of(base).resolve(text).normalize().toString();
    }

    /**
     * Analyses the study named {@code text}; never throws for a study's fault: a study that cannot
     * be found or fetched is an error row, as one that cannot be read.
     *
     * @param analyzer the executor's analyzer
     * @param index the study's position in the task's partition
     * @param text the study column's value
     * @param columns the carried columns
     * @param localRoot where remote studies are copied to (a folder of the executor's disk)
     */
    BatchResult analyse(
            IchAnalyzer analyzer,
            long index,
            String text,
            Map<String, String> columns,
            Path localRoot) {
        long start = System.nanoTime();
        String location;
        try {
            location = resolve(text);
            if (!isRemote(location)) {
                return BatchResult.analyse(
                        analyzer, index, new BatchStudy(text, Path.of(location), columns));
            }
        } catch (IllegalArgumentException e) {
            return BatchResult.failed(
                    index,
                    unfetched(text, columns),
                    new IchException(
                            ErrorCode.FILE_NOT_FOUND,
                            "study '" + text + "'",
                            "is not a valid path or URI (" + e.getMessage() + ")",
                            "Correct the study column"),
                    since(start));
        }
        Path folder = null;
        try {
            folder = Files.createTempDirectory(localRoot, "ich-study-");
            Path copy = copy(location, folder);
            BatchResult r =
                    BatchResult.analyse(analyzer, index, new BatchStudy(text, copy, columns));
            if (r.succeeded()) {
                return r;
            }
            // The message names the file at fault: name it where the user keeps it.
            String message = r.errorMessage().replace(copy.toString(), trimmed(location));
            return new BatchResult(index, r.study(), null, r.errorCode(), message, r.elapsed());
        } catch (IchException e) {
            return BatchResult.failed(index, unfetched(text, columns), e, since(start));
        } catch (IOException e) {
            return BatchResult.failed(
                    index,
                    unfetched(text, columns),
                    new IchException(
                            ErrorCode.IO_ERROR,
                            localRoot.toString(),
                            "the executor cannot make a local copy of a study (" + e + ")",
                            "Give the executors a writable local disk with room for one study"
                                    + " per task",
                            e),
                    since(start));
        } finally {
            deleteTree(folder);
        }
    }

    /** A study that was not fetched: its row names it, and no local path is read. */
    private static BatchStudy unfetched(String text, Map<String, String> columns) {
        return new BatchStudy(text, Path.of(""), columns);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Copies the file or folder at {@code location} into {@code folder}; the copy's path. */
    private Path copy(String location, Path folder) throws IchException {
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(trimmed(location));
        try {
            FileSystem fs = source.getFileSystem(configuration());
            FileStatus status = fs.getFileStatus(source);
            Path target = folder.resolve(localName(source.getName()));
            if (!status.isDirectory()) {
                copyFile(fs, source, target);
                return target;
            }
            Files.createDirectories(target);
            URI root = status.getPath().toUri();
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(status.getPath(), true);
            while (files.hasNext()) {
                LocatedFileStatus file = files.next();
                String relative = root.relativize(file.getPath().toUri()).getPath();
                Path local = target.resolve(relative).normalize();
                if (!local.startsWith(target) || relative.isEmpty()) {
                    throw new IOException(file.getPath() + " is not inside " + source);
                }
                Files.createDirectories(local.getParent());
                copyFile(fs, file.getPath(), local);
            }
            return target;
        } catch (FileNotFoundException e) {
            throw new IchException(
                    ErrorCode.FILE_NOT_FOUND,
                    trimmed(location),
                    "does not exist on its file system",
                    "Check the study column's path",
                    e);
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: a URI Hadoop cannot parse or route.
            throw new IchException(
                    ErrorCode.IO_ERROR,
                    trimmed(location),
                    "cannot be read from its file system (" + e.getMessage() + ")",
                    "Check that the executors reach it and that Spark's Hadoop configuration"
                            + " (spark.hadoop.*) holds its file system's settings and credentials",
                    e);
        }
    }

    /** Copies one file of a Hadoop file system to a new local file. */
    static void copyFile(FileSystem fs, org.apache.hadoop.fs.Path from, Path to)
            throws IOException {
        try (InputStream in = fs.open(from)) {
            Files.copy(in, to);
        }
    }

    private Configuration configuration() {
        Configuration conf = new Configuration(false);
        hadoopSettings.forEach(conf::set);
        return conf;
    }

    /** A URI without the trailing slash a folder may be given with. */
    private static String trimmed(String location) {
        return location.endsWith("/") && location.length() > 1
                ? trimmed(location.substring(0, location.length() - 1))
                : location;
    }

    /** A file name for the local copy: the remote name, or "study" for a bucket's root. */
    private static String localName(String name) {
        return name.isEmpty() || name.equals("..") ? "study" : name;
    }

    /** Removes {@code folder} and what it holds, as far as it can; nothing for null. */
    static void deleteTree(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: what is left lies under Spark's per-executor root or the temporary
            // folder, which are cleaned without us.
        }
    }
}
