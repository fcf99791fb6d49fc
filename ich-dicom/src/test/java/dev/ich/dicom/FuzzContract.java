package dev.ich.dicom;

import dev.ich.core.error.IchException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The contract every fuzz target checks: reading any input either returns a result or throws the
 * project's checked {@link IchException}. Any other exception, an {@code OutOfMemoryError} (the
 * fuzz runs use a small heap) and a hang (Jazzer's per-input timeout) escape and are findings.
 */
public final class FuzzContract {

    /** A read of fuzzed input: it may only fail with {@link IchException}. */
    @FunctionalInterface
    public interface Read {
        void run() throws IchException;
    }

    private FuzzContract() {}

    /**
     * Runs {@code read}; an {@link IchException} is an accepted outcome, everything else escapes.
     */
    public static void resultOrIchException(Read read) {
        try {
            read.run();
        } catch (IchException expected) {
            // The input was refused with a coded error: what the contract asks for.
        }
    }

    /**
     * Writes the fuzzed bytes to {@code file}; failing to write is a fault of the harness, not a
     * finding.
     */
    public static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("the fuzz harness cannot write its input " + file, e);
        }
    }
}
