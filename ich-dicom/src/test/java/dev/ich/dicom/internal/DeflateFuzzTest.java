package dev.ich.dicom.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ich.dicom.FuzzContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the Deflated Explicit VR Little Endian path: the input is the raw deflate stream of the
 * dataset, placed after the preamble and file meta group of a deflated corpus file, then parsed and
 * decoded. Seeds are the deflate streams of the deflated corpus files.
 */
class DeflateFuzzTest {

    /** Preamble + {@code DICM} + the (0002,0000) element header before its 4-byte value. */
    private static final int GROUP_LENGTH_VALUE = 128 + 4 + 8;

    private static final byte[] META =
            fileMeta(Path.of("src/test/resources/dicom/corpus/deflated/slice000.dcm"));

    @TempDir static Path tmp;

    @FuzzTest
    void inflateAndDecode(byte[] deflated) {
        byte[] file = Arrays.copyOf(META, META.length + deflated.length);
        System.arraycopy(deflated, 0, file, META.length, deflated.length);
        Path path = FuzzContract.write(tmp.resolve("deflated.dcm"), file);
        FuzzContract.resultOrIchException(() -> DicomFileFuzzTest.readFile(path));
    }

    /**
     * The bytes of {@code file} up to the end of its file meta group (its group length says where).
     */
    static byte[] fileMeta(Path file) {
        try {
            byte[] all = Files.readAllBytes(file);
            int groupLength =
                    ByteBuffer.wrap(all, GROUP_LENGTH_VALUE, 4)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .getInt();
            return Arrays.copyOf(all, GROUP_LENGTH_VALUE + 4 + groupLength);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
