package dev.ich.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether standard error, where the progress bars go, is an interactive terminal.
 *
 * <p>{@code System.console()} answers for standard input and output only (non-null when both are
 * terminals), so {@code ./ich demo 2> log} would still look interactive. On Linux the target of
 * {@code /proc/self/fd/2} says it exactly: a terminal device ({@code /dev/pts/N}, {@code
 * /dev/ttyN}) or anything else (a file, a pipe). Elsewhere {@code System.console()} is the best the
 * JDK offers. {@code TERM=dumb} (Emacs shells, some CI runners) counts as no terminal, as it does
 * for Gradle.
 */
final class Terminal {

    private static final Path STANDARD_ERROR = Path.of("/proc/self/fd/2");

    private Terminal() {}

    /** Whether this process's standard error is an interactive terminal. */
    static boolean standardErrorIsInteractive() {
        return isInteractive(STANDARD_ERROR, System.console() != null, System.getenv("TERM"));
    }

    /**
     * @param descriptor the {@code /proc} link of the stream, where the system has one
     * @param console whether {@code System.console()} is there (the answer where no link is)
     * @param term the {@code TERM} variable, or null
     */
    static boolean isInteractive(Path descriptor, boolean console, String term) {
        if ("dumb".equals(term)) {
            return false;
        }
        if (Files.isSymbolicLink(descriptor)) {
            try {
                String target = Files.readSymbolicLink(descriptor).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return console;
            }
        }
        return console;
    }
}
