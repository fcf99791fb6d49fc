package dev.ich.dicom.result;

import dev.ich.dicom.write.DecimalStrings;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A data set under construction, encoded in explicit VR little endian with defined lengths.
 * Attributes are kept sorted by tag, so the result objects can set them in the order of the modules
 * that define them; sequences hold nested data sets.
 */
final class DataSet {

    private final Map<Long, Element> elements = new TreeMap<>();

    /** One attribute: a value, or the items of a sequence. */
    private record Element(String vr, byte[] value, List<DataSet> items) {}

    /**
     * A text value (ASCII, or the source's bytes for copied identity); padded as the VR requires.
     */
    DataSet text(int tag, String vr, String value) {
        return raw(tag, vr, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Decimal strings, separated by backslashes. */
    DataSet ds(int tag, double... values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : "\\").append(DecimalStrings.format(v));
        }
        return text(tag, "DS", sb.toString());
    }

    DataSet us(int tag, int... values) {
        ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putShort((short) v);
        }
        return raw(tag, "US", b.array());
    }

    DataSet ul(int tag, long... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putInt((int) v);
        }
        return raw(tag, "UL", b.array());
    }

    /** Attribute tags (VR AT): each tag as group then element. */
    DataSet at(int tag, int... tags) {
        ByteBuffer b = ByteBuffer.allocate(4 * tags.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int t : tags) {
            b.putShort((short) (t >>> 16)).putShort((short) t);
        }
        return raw(tag, "AT", b.array());
    }

    DataSet fd(int tag, double value) {
        return raw(
                tag,
                "FD",
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(value).array());
    }

    DataSet raw(int tag, String vr, byte[] value) {
        Objects.requireNonNull(
                vr, () -> String.format("VR of (%04X,%04X)", tag >>> 16, tag & 0xFFFF));
        elements.put(key(tag), new Element(vr, value.clone(), null));
        return this;
    }

    /** A sequence of the given items (none: an empty, present sequence). */
    DataSet sequence(int tag, List<DataSet> items) {
        elements.put(key(tag), new Element("SQ", null, List.copyOf(items)));
        return this;
    }

    /** A sequence of one item. */
    DataSet sequence(int tag, DataSet item) {
        return sequence(tag, List.of(item));
    }

    /** Unsigned order of tags, as DICOM sorts them. */
    private static long key(int tag) {
        return Integer.toUnsignedLong(tag);
    }

    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out);
        return out.toByteArray();
    }

    private void write(ByteArrayOutputStream out) {
        for (Map.Entry<Long, Element> e : elements.entrySet()) {
            int tag = (int) (long) e.getKey();
            Element el = e.getValue();
            byte[] value = el.items == null ? padded(el.vr, el.value) : items(el.items);
            boolean longLength =
                    switch (el.vr) {
                        case "OB", "OW", "SQ", "UT", "UN", "UC", "UR", "OF", "OD", "OL" -> true;
                        default -> false;
                    };
            ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            head.putShort((short) (tag >>> 16))
                    .putShort((short) tag)
                    .put((byte) el.vr.charAt(0))
                    .put((byte) el.vr.charAt(1));
            if (longLength) {
                head.putShort((short) 0).putInt(value.length);
            } else {
                if (value.length > 0xFFFF) {
                    throw new IllegalArgumentException(
                            String.format(
                                    "value of (%04X,%04X) is too long for %s",
                                    tag >>> 16, tag & 0xFFFF, el.vr));
                }
                head.putShort((short) value.length);
            }
            out.write(head.array(), 0, head.position());
            out.write(value, 0, value.length);
        }
    }

    private static byte[] items(List<DataSet> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (DataSet item : items) {
            byte[] body = item.encode();
            byte[] head =
                    ByteBuffer.allocate(8)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .putShort((short) 0xFFFE)
                            .putShort((short) 0xE000)
                            .putInt(body.length)
                            .array();
            out.write(head, 0, head.length);
            out.write(body, 0, body.length);
        }
        return out.toByteArray();
    }

    /** Odd values padded to even length: NUL for UI and OB, a space for text. */
    private static byte[] padded(String vr, byte[] value) {
        if ((value.length & 1) == 0) {
            return value;
        }
        byte[] out = Arrays.copyOf(value, value.length + 1);
        out[value.length] = vr.equals("UI") || vr.equals("OB") ? (byte) 0 : (byte) ' ';
        return out;
    }
}
