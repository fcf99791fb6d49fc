package dev.ich.dicom.internal;

import dev.ich.core.error.IchException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Top-level attribute values of one file as stored, for attributes the reader otherwise never
 * keeps. The only user is the copy of a study's patient and study identity into result objects
 * written for that study: these values are handed to no log, message or other output.
 */
public final class HeaderValues {

    private HeaderValues() {}

    /**
     * The raw values (text as stored, with its padding; byte order of the file) of those of {@code
     * tags} that {@code file} holds at its top level, in the order of {@code tags}.
     */
    public static Map<Integer, byte[]> read(Path file, Set<Integer> tags) throws IchException {
        DicomElements elements = DicomParser.parse(file, tags).elements();
        Map<Integer, byte[]> out = new LinkedHashMap<>();
        for (int tag : tags) {
            byte[] value = elements.raw(tag);
            if (value != null) {
                out.put(tag, value);
            }
        }
        return out;
    }
}
