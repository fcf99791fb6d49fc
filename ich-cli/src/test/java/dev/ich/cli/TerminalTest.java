package dev.ich.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where standard error goes decides the progress style, whatever System.console() says. */
class TerminalTest {

    @Test
    void aTerminalDeviceIsInteractiveAFileOrPipeIsNot(@TempDir Path dir) throws Exception {
        Path pts = Files.createSymbolicLink(dir.resolve("pts"), Path.of("/dev/pts/3"));
        Path tty = Files.createSymbolicLink(dir.resolve("tty"), Path.of("/dev/tty1"));
        Path file = Files.createSymbolicLink(dir.resolve("file"), dir.resolve("demo.log"));
        Path pipe = Files.createSymbolicLink(dir.resolve("pipe"), Path.of("pipe:[123456]"));
        assertThat(Terminal.isInteractive(pts, false, "xterm")).isTrue();
        assertThat(Terminal.isInteractive(tty, false, null)).isTrue();
        assertThat(Terminal.isInteractive(file, true, "xterm")).isFalse();
        assertThat(Terminal.isInteractive(pipe, true, "xterm")).isFalse();
        assertThat(Terminal.isInteractive(pts, true, "dumb")).isFalse();
    }

    @Test
    void withoutADescriptorLinkTheConsoleDecides(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-link");
        assertThat(Terminal.isInteractive(missing, true, "xterm")).isTrue();
        assertThat(Terminal.isInteractive(missing, false, "xterm")).isFalse();
    }

    @Test
    void thisTestsStandardErrorIsNoTerminal() {
        // Surefire captures the forked JVM's standard error through a pipe or a file.
        assertThat(Terminal.standardErrorIsInteractive()).isFalse();
        assertThat(ProgressBar.Style.forStandardError()).isEqualTo(ProgressBar.Style.PLAIN);
    }
}
