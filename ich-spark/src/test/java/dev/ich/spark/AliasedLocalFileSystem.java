package dev.ich.spark;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under the scheme {@code ichtest:}, a stand-in for HDFS or S3 in the tests: a study
 * named {@code ichtest:/…} can only be read through Hadoop's {@code FileSystem} API, never with
 * Java's file system, so a passing test shows the Hadoop path is taken.
 */
public final class AliasedLocalFileSystem extends RawLocalFileSystem {

    /** The scheme; register with {@code fs.ichtest.impl}. */
    static final String SCHEME = "ichtest";

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public File pathToFile(Path path) {
        checkPath(path);
        return new File(
                (path.isAbsolute() ? path : new Path(getWorkingDirectory(), path))
                        .toUri()
                        .getPath());
    }

    /**
     * Plain statuses: the local file system's own read permissions through {@code new File(URI)},
     * which takes only {@code file:} URIs.
     */
    @Override
    public FileStatus[] listStatus(Path folder) throws IOException {
        FileStatus[] local = super.listStatus(folder);
        FileStatus[] plain = new FileStatus[local.length];
        for (int i = 0; i < local.length; i++) {
            FileStatus s = local[i];
            plain[i] =
                    new FileStatus(
                            s.getLen(),
                            s.isDirectory(),
                            1,
                            s.getBlockSize(),
                            s.getModificationTime(),
                            s.getPath());
        }
        return plain;
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }
}
