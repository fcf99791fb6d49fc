package dev.ich.dicom.internal;

/**
 * How stored pixel values are laid out and interpreted.
 *
 * @param rows rows per frame
 * @param columns columns per frame
 * @param frames frames in the object
 * @param bitsAllocated 8 or 16
 * @param bitsStored significant bits, at most {@code bitsAllocated}
 * @param highBit most significant stored bit
 * @param signed two's complement stored values (PixelRepresentation 1)
 * @param monochrome1 PhotometricInterpretation MONOCHROME1 (display only; HU are unaffected)
 */
record PixelFormat(
        int rows,
        int columns,
        int frames,
        int bitsAllocated,
        int bitsStored,
        int highBit,
        boolean signed,
        boolean monochrome1) {

    int pixelsPerFrame() {
        return rows * columns;
    }

    long bytesPerFrame() {
        return (long) rows * columns * (bitsAllocated / 8);
    }

    /** The stored value of a raw sample: the stored bits shifted down, masked and sign-extended. */
    int storedValue(int raw) {
        int shift = highBit + 1 - bitsStored;
        int v = (raw >>> shift) & ((1 << bitsStored) - 1);
        if (signed && bitsStored < 32 && (v & (1 << (bitsStored - 1))) != 0) {
            v -= 1 << bitsStored;
        }
        return v;
    }
}
