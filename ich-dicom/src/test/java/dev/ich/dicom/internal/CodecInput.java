package dev.ich.dicom.internal;

import dev.ich.core.error.IchException;
import dev.ich.dicom.FuzzContract;
import java.util.Arrays;

/**
 * A fuzz input for one codec frame: a 4-byte header that sets the frame format the DICOM header
 * would declare (rows, columns, bits allocated and stored, signedness), then the compressed frame.
 * Seeds are made by {@code tools/fuzz/make_fuzz_seeds.py} from the corpus files.
 *
 * @param format the declared frame format (at most 64 × 64 pixels, so that every input is fast)
 * @param stream the compressed frame
 */
record CodecInput(PixelFormat format, byte[] stream) {

    /** A codec under test, fed one input. */
    @FunctionalInterface
    interface Decoder {
        void decode(CodecInput input) throws IchException;
    }

    static final int HEADER_BYTES = 4;
    static final String NAME = "fuzz-input.dcm";

    /** The input read as header + stream, or null when it is too short to hold a header. */
    static CodecInput of(byte[] data) {
        if (data.length < HEADER_BYTES) {
            return null;
        }
        int rows = 1 + (data[0] & 0x3F);
        int columns = 1 + (data[1] & 0x3F);
        int bitsAllocated = (data[2] & 1) != 0 ? 16 : 8;
        boolean signed = (data[2] & 2) != 0;
        int bitsStored = 1 + (data[3] & 0xFF) % bitsAllocated;
        PixelFormat format =
                new PixelFormat(
                        rows, columns, 1, bitsAllocated, bitsStored, bitsStored - 1, signed, false);
        return new CodecInput(format, Arrays.copyOfRange(data, HEADER_BYTES, data.length));
    }

    /** The fuzz target of a codec: inputs too short for a header are skipped, the rest decoded. */
    static void fuzz(byte[] data, Decoder decoder) {
        CodecInput in = of(data);
        if (in != null) {
            FuzzContract.resultOrIchException(() -> decoder.decode(in));
        }
    }

    /** A buffer for the decoded frame. */
    int[] output() {
        return new int[format.pixelsPerFrame()];
    }
}
