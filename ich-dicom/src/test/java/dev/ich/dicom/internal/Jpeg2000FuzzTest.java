package dev.ich.dicom.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ich.core.error.IchException;

/**
 * Fuzzes JPEG 2000 decoding through jai-imageio on one frame (input layout: {@link CodecInput}).
 */
class Jpeg2000FuzzTest {

    @FuzzTest
    void decode(byte[] data) {
        CodecInput.fuzz(data, Jpeg2000FuzzTest::decode);
    }

    static void decode(CodecInput in) throws IchException {
        ImageIoDecoder.decode(
                in.stream(), Syntax.JPEG2000, in.format(), in.output(), CodecInput.NAME);
    }
}
