package dev.ich.core.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of ich, recorded in results and model directories. */
public final class LibraryVersion {

    private static final String VERSION = load();

    private LibraryVersion() {}

    /** The Maven project version this library was built as. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in =
                LibraryVersion.class.getResourceAsStream("/dev/ich/core/version.properties")) {
            if (in == null) {
                throw new IllegalStateException(
                        "version.properties is missing from the ich-core jar");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
