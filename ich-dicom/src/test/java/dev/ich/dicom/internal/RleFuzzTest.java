package dev.ich.dicom.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ich.core.error.IchException;

/** Fuzzes the RLE Lossless decoder on one frame (see {@link CodecInput} for the input layout). */
class RleFuzzTest {

    @FuzzTest
    void decode(byte[] data) {
        CodecInput.fuzz(data, RleFuzzTest::decode);
    }

    static void decode(CodecInput in) throws IchException {
        RleDecoder.decode(in.stream(), in.format(), in.output(), CodecInput.NAME);
    }
}
