package dev.ich.dicom.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deflated file whose pixel data inflates far beyond what its declared 4 × 4 image needs is
 * refused once the inflated bytes pass a small multiple of that image, not after gigabytes: the
 * compression ratio (deflate's own maximum is about 1032:1) says nothing about a bomb.
 */
class InflateBombTest {

    @TempDir Path dir;

    private static final String DEFLATED = "1.2.840.10008.1.2.1.99";

    /** A Part 10 file: meta group with the deflated transfer syntax, then the deflated dataset. */
    private static byte[] deflatedFile(int rows, int columns, long pixelBytes) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(new byte[128]);
        file.write("DICM".getBytes(StandardCharsets.US_ASCII));
        byte[] ts = (DEFLATED + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] tsElement = element(0x0002, 0x0010, "UI", ts);
        file.write(element(0x0002, 0x0000, "UL", le(4).putInt(tsElement.length).array()));
        file.write(tsElement);
        DeflaterOutputStream deflated =
                new DeflaterOutputStream(file, new Deflater(9, true), 1 << 16);
        deflated.write(
                element(
                        0x0008,
                        0x0016,
                        "UI",
                        "1.2.840.10008.5.1.4.1.1.2\0".getBytes(StandardCharsets.US_ASCII)));
        deflated.write(element(0x0028, 0x0002, "US", le(2).putShort((short) 1).array()));
        deflated.write(element(0x0028, 0x0010, "US", le(2).putShort((short) rows).array()));
        deflated.write(element(0x0028, 0x0011, "US", le(2).putShort((short) columns).array()));
        deflated.write(element(0x0028, 0x0100, "US", le(2).putShort((short) 16).array()));
        deflated.write(
                le(12).putShort((short) 0x7FE0)
                        .putShort((short) 0x0010)
                        .put((byte) 'O')
                        .put((byte) 'W')
                        .putShort((short) 0)
                        .putInt((int) pixelBytes)
                        .array());
        byte[] zeros = new byte[1 << 20];
        for (long done = 0; done < pixelBytes; done += zeros.length) {
            deflated.write(zeros, 0, (int) Math.min(zeros.length, pixelBytes - done));
        }
        deflated.finish();
        return file.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] element(int group, int elem, String vr, byte[] value) {
        return le(8 + value.length)
                .putShort((short) group)
                .putShort((short) elem)
                .put(vr.getBytes(StandardCharsets.US_ASCII))
                .putShort((short) value.length)
                .put(value)
                .array();
    }

    @Test
    @Timeout(60)
    void pixelDataFarBeyondTheDeclaredImageIsRefused() throws Exception {
        byte[] bytes = deflatedFile(4, 4, 400L << 20);
        assertThat(bytes.length).isLessThan(1 << 20);
        Path file = Files.write(dir.resolve("bomb.dcm"), bytes);
        assertThatThrownBy(() -> DicomParser.parse(file))
                .isInstanceOfSatisfying(
                        IchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.IMPLAUSIBLE_LENGTH))
                .hasMessageContaining("bomb.dcm")
                .hasMessageContaining("declared image needs 32 bytes");
    }

    @Test
    void aDeflatedImageOfItsDeclaredSizeReads() throws Exception {
        Path file = Files.write(dir.resolve("fine.dcm"), deflatedFile(512, 512, 512 * 512 * 2));
        DicomFile parsed = DicomParser.parse(file);
        assertThat(parsed.pixelData()).isNotNull();
    }
}
