package dev.ich.dicom.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileWriterTest {

    @TempDir Path dir;

    @Test
    void writesWithOrdinaryPermissionsAndLeavesNoTemporaries() throws Exception {
        Path target = dir.resolve("sub/out.bin");
        AtomicFileWriter.write(
                target, ExistingOutput.REFUSE, out -> out.write(new byte[] {1, 2, 3}));
        assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
        Path plain = Files.createFile(dir.resolve("plain"));
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
            assertThat(Files.getPosixFilePermissions(target)).isEqualTo(expected);
        }
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aFailingWriterLeavesNeitherTargetNorTemporary() throws Exception {
        Path target = dir.resolve("out.bin");
        assertThatThrownBy(
                        () ->
                                AtomicFileWriter.write(
                                        target,
                                        ExistingOutput.REPLACE,
                                        out -> {
                                            out.write(1);
                                            throw new IOException("disk full");
                                        }))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.OUTPUT_NOT_WRITABLE);
                            assertThat(e.getMessage()).contains("disk full");
                        });
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void refusesOrReplacesAnExistingFile() throws Exception {
        Path target = dir.resolve("out.bin");
        Files.write(target, new byte[] {9});
        assertThatThrownBy(
                        () ->
                                AtomicFileWriter.write(
                                        target, ExistingOutput.REFUSE, out -> out.write(1)))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.OUTPUT_NOT_WRITABLE));
        assertThat(Files.readAllBytes(target)).containsExactly(9);
        AtomicFileWriter.write(target, ExistingOutput.REPLACE, out -> out.write(1));
        assertThat(Files.readAllBytes(target)).containsExactly(1);
    }

    /**
     * Even with REPLACE a link is refused: neither the file it points to nor the link is changed.
     */
    @Test
    void refusesALinkEvenWhenReplacing() throws Exception {
        Path victim = Files.write(dir.resolve("victim.bin"), new byte[] {7});
        Path link = Files.createSymbolicLink(dir.resolve("out.bin"), victim);
        for (ExistingOutput mode : ExistingOutput.values()) {
            assertThatThrownBy(() -> AtomicFileWriter.write(link, mode, out -> out.write(1)))
                    .isInstanceOfSatisfying(
                            IchException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.OUTPUT_NOT_WRITABLE))
                    .hasMessageContaining("link");
        }
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readAllBytes(victim)).containsExactly(7);
    }
}
