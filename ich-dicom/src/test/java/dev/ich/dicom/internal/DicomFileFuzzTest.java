package dev.ich.dicom.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ich.core.error.IchException;
import dev.ich.dicom.FuzzContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the Part 10 parser and everything a single file drives: the header, the image attributes,
 * the geometry values and the decoding of every frame in whatever transfer syntax the file
 * declares. Each input is read twice: as given, and with its 128-byte preamble + {@code DICM}
 * removed (or added, when it has none), so that both file layouts are reached from every seed.
 */
class DicomFileFuzzTest {

    private static final int PREAMBLE = 128;
    private static final byte[] MAGIC = "DICM".getBytes(StandardCharsets.US_ASCII);

    @TempDir static Path tmp;

    @FuzzTest
    void parseAndDecode(byte[] data) {
        Path asGiven = FuzzContract.write(tmp.resolve("as-given.dcm"), data);
        FuzzContract.resultOrIchException(() -> readFile(asGiven));
        Path other = FuzzContract.write(tmp.resolve("other-layout.dcm"), otherLayout(data));
        FuzzContract.resultOrIchException(() -> readFile(other));
    }

    /** Parses {@code file} and decodes every frame to HU, as a series read does for each slice. */
    static void readFile(Path file) throws IchException {
        DicomImage image = DicomImage.of(DicomParser.parse(file));
        image.gantryTilt();
        image.sliceThickness();
        image.spacingBetweenSlices();
        image.localizer();
        float[] hu = new float[image.format().pixelsPerFrame()];
        try (PixelReader reader = new PixelReader(image)) {
            for (FrameInfo frame : image.frames()) {
                frame.normal();
                reader.readHu(frame, hu, 0);
            }
        }
    }

    private static byte[] otherLayout(byte[] data) {
        boolean hasPreamble =
                data.length >= PREAMBLE + MAGIC.length
                        && Arrays.equals(
                                data, PREAMBLE, PREAMBLE + MAGIC.length, MAGIC, 0, MAGIC.length);
        if (hasPreamble) {
            return Arrays.copyOfRange(data, PREAMBLE + MAGIC.length, data.length);
        }
        byte[] out = new byte[PREAMBLE + MAGIC.length + data.length];
        System.arraycopy(MAGIC, 0, out, PREAMBLE, MAGIC.length);
        System.arraycopy(data, 0, out, PREAMBLE + MAGIC.length, data.length);
        return out;
    }
}
