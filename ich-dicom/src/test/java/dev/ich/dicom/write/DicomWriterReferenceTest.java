package dev.ich.dicom.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regenerates the reference series when asked ({@code -Dich.regenerate=true}); checks them
 * otherwise.
 */
class DicomWriterReferenceTest {

    @TempDir Path dir;

    @Test
    void writerStillProducesTheCommittedBytes() throws Exception {
        if (Boolean.getBoolean("ich.regenerate")) {
            ReferenceSeries.writeAll(Path.of("src/test/resources/dev/ich/dicom/write/series"));
        }
        ReferenceSeries.writeAll(dir);
        for (String name : ReferenceSeries.all().keySet()) {
            Path committed = WriterReference.resource("series/" + name);
            try (var files = Files.list(dir.resolve(name))) {
                for (Path f : files.sorted().toList()) {
                    assertThat(Files.readAllBytes(f))
                            .as(
                                    name
                                            + "/"
                                            + f.getFileName()
                                            + " differs from the committed file; if intended, rerun with -Dich.regenerate=true and "
                                            + "tools/reference/check_dicom_writer.py")
                            .isEqualTo(
                                    Files.readAllBytes(
                                            committed.resolve(f.getFileName().toString())));
                }
            }
        }
    }
}
