package dev.ich.dicom.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ich.core.error.IchException;

/**
 * Fuzzes the own JPEG Lossless (process 14) decoder on one frame (input layout: {@link
 * CodecInput}).
 */
class JpegLosslessFuzzTest {

    @FuzzTest
    void decode(byte[] data) {
        CodecInput.fuzz(data, JpegLosslessFuzzTest::decode);
    }

    static void decode(CodecInput in) throws IchException {
        JpegLosslessDecoder.decode(in.stream(), in.format(), in.output(), CodecInput.NAME);
    }
}
