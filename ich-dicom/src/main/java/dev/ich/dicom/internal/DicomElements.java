package dev.ich.dicom.internal;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The attributes kept from one dataset or sequence item: raw values of the tags in {@link
 * Tags#VALUES} and the items of the sequences in {@link Tags#SEQUENCES}.
 */
final class DicomElements {

    private final Map<Integer, byte[]> values = new HashMap<>();
    private final Map<Integer, List<DicomElements>> sequences = new HashMap<>();
    private final boolean bigEndian;
    private final String source;

    DicomElements(boolean bigEndian, String source) {
        this.bigEndian = bigEndian;
        this.source = source;
    }

    void put(int tag, byte[] value) {
        values.put(tag, value);
    }

    void putSequence(int tag, List<DicomElements> items) {
        sequences.put(tag, List.copyOf(items));
    }

    /** The raw value of {@code tag} as stored (a copy), or null when absent. */
    byte[] raw(int tag) {
        byte[] v = values.get(tag);
        return v == null ? null : v.clone();
    }

    boolean has(int tag) {
        return values.containsKey(tag);
    }

    List<DicomElements> sequence(int tag) {
        return sequences.getOrDefault(tag, List.of());
    }

    /** The first item of a sequence, or null. */
    DicomElements item(int tag) {
        List<DicomElements> items = sequence(tag);
        return items.isEmpty() ? null : items.get(0);
    }

    /** A text value with padding removed, or null when absent. */
    String string(int tag) {
        byte[] v = values.get(tag);
        if (v == null) {
            return null;
        }
        String s = new String(v, StandardCharsets.ISO_8859_1);
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        int start = 0;
        while (start < end && s.charAt(start) == ' ') {
            start++;
        }
        return s.substring(start, end);
    }

    /**
     * A code string fit to be shown in a message: the value when it is one of the {@code known}
     * terms, else {@code "invalid"} (null when absent). Text attributes can hold identifying free
     * text in a damaged or odd file (a name in Modality), so nothing else is ever echoed.
     */
    String shownTerm(int tag, Set<String> known) {
        String s = string(tag);
        return s == null ? null : known.contains(s) ? s : "invalid";
    }

    /**
     * A UID value as the reader uses and shows it: empty when absent, the value when it has the
     * form of a UID, else a stand-in of that form ({@code 0.0.<hash>}), so that a damaged value,
     * which could hold any text, is never shown while files that share it still group together.
     */
    String uid(int tag) {
        String s = string(tag);
        return s == null
                ? ""
                : s.matches("[0-9.]{1,64}") ? s : "0.0." + Integer.toUnsignedString(s.hashCode());
    }

    /** The backslash-separated parts of a text value (empty when absent). */
    String[] strings(int tag) {
        String s = string(tag);
        if (s == null || s.isEmpty()) {
            return new String[0];
        }
        String[] parts = s.split("\\\\", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].trim();
        }
        return parts;
    }

    /** A decimal (DS) or integer (IS) string value as numbers, or null when absent or empty. */
    double[] doubles(int tag) throws IchException {
        String[] parts = strings(tag);
        if (parts.length == 0) {
            return null;
        }
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw invalid(
                        tag,
                        "value " + (i + 1) + " of " + parts.length + " is not a decimal string");
            }
            if (!Double.isFinite(out[i])) {
                throw invalid(tag, "value " + (i + 1) + " of " + parts.length + " is not finite");
            }
        }
        return out;
    }

    /** One number, or {@code fallback} when the attribute is absent or empty. */
    double number(int tag, double fallback) throws IchException {
        double[] v = doubles(tag);
        return v == null ? fallback : v[0];
    }

    /** An unsigned 16-bit binary value (US), or {@code fallback} when absent. */
    int us(int tag, int fallback) throws IchException {
        byte[] v = values.get(tag);
        if (v == null) {
            return fallback;
        }
        if (v.length < 2) {
            throw invalid(tag, "the value has " + v.length + " bytes instead of 2");
        }
        int a = v[0] & 0xFF;
        int b = v[1] & 0xFF;
        return bigEndian ? (a << 8) | b : (b << 8) | a;
    }

    IchException invalid(int tag, String why) {
        return new IchException(
                ErrorCode.MISSING_OR_INVALID_ATTRIBUTE,
                source,
                "attribute " + Tags.format(tag) + " is invalid: " + why,
                "the file is not a valid DICOM image; re-export it from the scanner or PACS");
    }
}
