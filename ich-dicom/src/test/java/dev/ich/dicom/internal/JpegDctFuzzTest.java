package dev.ich.dicom.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ich.core.error.IchException;

/**
 * Fuzzes the JPEG DCT decoders on one frame (input layout: {@link CodecInput}): 12-bit sequential
 * streams go to the own decoder, 8-bit baseline to TwelveMonkeys, as {@link PixelReader} chooses.
 */
class JpegDctFuzzTest {

    @FuzzTest
    void decode(byte[] data) {
        CodecInput.fuzz(data, JpegDctFuzzTest::decode);
    }

    static void decode(CodecInput in) throws IchException {
        if (JpegDctDecoder.isTwelveBitSequential(in.stream())) {
            JpegDctDecoder.decode(in.stream(), in.format(), in.output(), CodecInput.NAME);
        } else {
            ImageIoDecoder.decode(
                    in.stream(), Syntax.JPEG_BASELINE, in.format(), in.output(), CodecInput.NAME);
        }
    }
}
