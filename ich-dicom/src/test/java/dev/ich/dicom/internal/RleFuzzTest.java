package dev.ich.dicom.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ich.dicom.FuzzContract;

/** Fuzzes the RLE Lossless decoder on one frame (see {@link CodecInput} for the input layout). */
class RleFuzzTest {

    @FuzzTest
    void decode(byte[] data) {
        CodecInput in = CodecInput.of(data);
        if (in != null) {
            FuzzContract.resultOrIchException(() -> RleDecoder.decode(in.stream(), in.format(), in.output(),
                CodecInput.NAME));
        }
    }
}
