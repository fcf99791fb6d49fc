package dev.ich.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * All or none: checked before any work, nothing through a link, no temporaries after failure or
 * SIGTERM.
 */
class OutputBatchTest {

    @TempDir Path dir;

    private String[] names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void writesAllFilesAtCommitAndNothingBefore() throws Exception {
        Path out = dir.resolve("out");
        try (OutputBatch batch =
                OutputBatch.prepare(out, List.of("a.txt", "b.txt"), false, "advice")) {
            Files.writeString(batch.temporary("a.txt"), "A");
            Files.writeString(batch.temporary("b.txt"), "B");
            assertThat(out.resolve("a.txt")).doesNotExist();
            assertThat(batch.commit()).containsExactly(out.resolve("a.txt"), out.resolve("b.txt"));
        }
        assertThat(names(out)).containsExactly("a.txt", "b.txt");
        assertThat(out.resolve("b.txt")).hasContent("B");
    }

    @Test
    void refusesAnExistingFileBeforeWritingAnything() throws Exception {
        Files.writeString(dir.resolve("b.txt"), "mine");
        assertThatThrownBy(
                        () ->
                                OutputBatch.prepare(
                                        dir, List.of("a.txt", "b.txt"), false, "pass --force"))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.OUTPUT_NOT_WRITABLE))
                .hasMessageContaining("b.txt")
                .hasMessageContaining("pass --force");
        assertThat(names(dir)).containsExactly("b.txt");
    }

    @Test
    void neverWritesThroughOrOverALinkEvenWhenReplacing() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious");
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.createSymbolicLink(out.resolve("a.txt"), victim);
        assertThatThrownBy(() -> OutputBatch.prepare(out, List.of("a.txt"), true, "advice"))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.OUTPUT_NOT_WRITABLE))
                .hasMessageContaining("a.txt")
                .hasMessageContaining("link");
        assertThat(victim).hasContent("precious");

        // A link that appears while the batch works is refused at commit too.
        Path late = Files.createDirectories(dir.resolve("late"));
        try (OutputBatch batch = OutputBatch.prepare(late, List.of("a.txt"), true, "advice")) {
            Files.writeString(batch.temporary("a.txt"), "new");
            Files.createSymbolicLink(late.resolve("a.txt"), victim);
            assertThatThrownBy(batch::commit)
                    .isInstanceOf(IchException.class)
                    .hasMessageContaining("link");
        }
        assertThat(victim).hasContent("precious");
        assertThat(names(late)).containsExactly("a.txt");
    }

    @Test
    void closingWithoutCommitLeavesNoFile() throws Exception {
        try (OutputBatch batch = OutputBatch.prepare(dir, List.of("a.nii.gz"), false, "advice")) {
            Path tmp = batch.temporary("a.nii.gz");
            assertThat(tmp.getFileName().toString()).startsWith(".").endsWith(".a.nii.gz");
            Files.writeString(tmp, "half");
            Files.writeString(
                    tmp.resolveSibling("." + tmp.getFileName() + ".123.tmp"), "a writer's own");
        }
        assertThat(names(dir)).isEmpty();
    }

    /**
     * SIGTERM in the middle of writing: the JVM's shutdown hook removes the batch's temporaries.
     */
    @Test
    void sigtermLeavesNoFile() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child =
                new ProcessBuilder(
                                java.toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                WritingForever.class.getName(),
                                dir.toString())
                        .redirectErrorStream(true)
                        .start();
        try (BufferedReader lines =
                new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo("writing");
            assertThat(names(dir)).hasSize(2);
            child.destroy(); // SIGTERM
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(names(dir)).isEmpty();
    }

    /**
     * The child of {@link #sigtermLeavesNoFile}: starts a file and a writer's temporary, then waits
     * to be killed.
     */
    static final class WritingForever {
        public static void main(String[] args) throws Exception {
            OutputBatch batch =
                    OutputBatch.prepare(
                            Path.of(args[0]), List.of("heatmap.nii.gz"), false, "advice");
            Path tmp = batch.temporary("heatmap.nii.gz");
            Files.writeString(tmp.resolveSibling("." + tmp.getFileName() + ".7.tmp"), "half");
            System.out.println("writing");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
