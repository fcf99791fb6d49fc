package dev.ich.dicom.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ich.dicom.FuzzContract;

/** Fuzzes the own JPEG Lossless (process 14) decoder on one frame (input layout: {@link CodecInput}). */
class JpegLosslessFuzzTest {

    @FuzzTest
    void decode(byte[] data) {
        CodecInput in = CodecInput.of(data);
        if (in != null) {
            FuzzContract.resultOrIchException(() -> JpegLosslessDecoder.decode(in.stream(), in.format(), in.output(),
                CodecInput.NAME));
        }
    }
}
