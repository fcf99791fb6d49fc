package dev.ich.dicom.internal;

import java.util.List;

/**
 * Where the pixel data of a file lies, so that the header pass never loads it.
 *
 * @param offset first byte of the value (native) or of the first fragment item (encapsulated)
 * @param length value length in bytes (native only; -1 when encapsulated)
 * @param fragments encapsulated fragments as {offset, length} pairs, without the offset table item
 * @param offsetTable the Basic Offset Table (may be empty)
 */
record PixelDataRef(long offset, long length, List<long[]> fragments, long[] offsetTable) {

    PixelDataRef {
        fragments = List.copyOf(fragments);
        offsetTable = offsetTable.clone();
    }

    boolean encapsulated() {
        return length < 0;
    }

    @Override
    public long[] offsetTable() {
        return offsetTable.clone();
    }
}
