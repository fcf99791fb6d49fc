package dev.ich.dicom.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ich.dicom.FuzzContract;

/** Fuzzes JPEG 2000 decoding through jai-imageio on one frame (input layout: {@link CodecInput}). */
class Jpeg2000FuzzTest {

    @FuzzTest
    void decode(byte[] data) {
        CodecInput in = CodecInput.of(data);
        if (in != null) {
            FuzzContract.resultOrIchException(() -> ImageIoDecoder.decode(in.stream(), Syntax.JPEG2000, in.format(),
                in.output(), CodecInput.NAME));
        }
    }
}
