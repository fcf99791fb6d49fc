package dev.ich.dicom.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regenerates the reference result objects when asked ({@code -Dich.regenerate=true}); otherwise
 * checks that the writer still produces exactly the bytes that
 * tools/reference/check_dicom_results.py validated.
 */
class ResultObjectsReferenceTest {

    static final Path COMMITTED = Path.of("src/test/resources/dev/ich/dicom/result");

    @TempDir Path dir;

    @Test
    void writerStillProducesTheValidatedBytes() throws Exception {
        if (Boolean.getBoolean("ich.regenerate")) {
            for (String sub : new String[] {"source", "results"}) {
                if (Files.isDirectory(COMMITTED.resolve(sub))) {
                    try (var old = Files.list(COMMITTED.resolve(sub))) {
                        for (Path f : old.toList()) {
                            Files.delete(f);
                        }
                    }
                }
            }
            writeAll(COMMITTED);
        }
        writeAll(dir);
        for (String sub : new String[] {"source", "results"}) {
            try (var files = Files.list(dir.resolve(sub))) {
                for (Path f : files.sorted().toList()) {
                    assertThat(Files.readAllBytes(f))
                            .as(
                                    sub
                                            + "/"
                                            + f.getFileName()
                                            + " differs from the committed "
                                            + "file; if intended (a new library version changes the bytes too), rerun with "
                                            + "-Dich.regenerate=true and tools/reference/check_dicom_results.py")
                            .isEqualTo(
                                    Files.readAllBytes(
                                            COMMITTED.resolve(sub).resolve(f.getFileName())));
                }
            }
        }
    }

    private static void writeAll(Path folder) throws Exception {
        ResultFixture f = ResultFixture.create(folder.resolve("source"));
        ResultFixture.writer().write(f.input(), folder.resolve("results"));
    }
}
