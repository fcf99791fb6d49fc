package dev.ich.dicom.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Inputs the fuzz targets found that escaped with an exception other than {@link IchException}:
 * each now gives a coded error. The inputs are the committed crash files of the targets, which
 * Jazzer also replays.
 */
class FuzzFindingsTest {

    private static final Path INPUTS = Path.of("src/test/resources/dev/ich/dicom/internal");

    @Test
    void oversubscribedHuffmanTableIsDamage() throws IOException {
        CodecInput in =
                codecInput("JpegLosslessFuzzTestInputs/decode/crash-oversubscribed-huffman-table");
        assertThatThrownBy(() -> JpegLosslessFuzzTest.decode(in))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_DATA);
                            assertThat(e.getMessage()).contains("Huffman table");
                        });
    }

    private static CodecInput codecInput(String name) throws IOException {
        return CodecInput.of(Files.readAllBytes(INPUTS.resolve(name)));
    }
}
