package dev.ich.dicom.internal;

import java.nio.file.Path;

/**
 * The parsed header of one Part 10 file (or raw dataset): the attributes this library uses and
 * where the pixel data lies. For a deflated file the inflated dataset is kept in memory, because
 * offsets refer to it.
 *
 * @param path the file
 * @param syntax how the dataset is encoded
 * @param transferSyntaxUid the UID as written (it may be one this reader does not support)
 * @param elements the kept attributes
 * @param pixelData where the pixels are, or null when the object has none
 * @param inflated the inflated dataset of a deflated file, else null
 * @param inflatedLength number of valid bytes in {@code inflated}
 */
public record DicomFile(
        Path path,
        Syntax syntax,
        String transferSyntaxUid,
        DicomElements elements,
        PixelDataRef pixelData,
        byte[] inflated,
        int inflatedLength) {

    public String name() {
        return path.toString();
    }
}
