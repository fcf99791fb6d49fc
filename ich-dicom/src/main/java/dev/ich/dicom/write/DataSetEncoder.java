package dev.ich.dicom.write;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Encodes data elements in one transfer syntax (PS3.5 §7.1): tag, VR when explicit, length, value
 * padded to even length (UI with NUL, text with a space, binary with a zero byte). The caller
 * writes elements in ascending tag order.
 */
final class DataSetEncoder {

    /** The value representations this writer uses. */
    enum Vr {
        AE,
        CS,
        DA,
        DS,
        IS,
        LO,
        OB,
        OW,
        PN,
        SH,
        TM,
        UI,
        UL,
        US;

        /** VRs with a 2-byte reserved field and a 4-byte length in explicit syntaxes. */
        boolean longLength() {
            return this == OB || this == OW;
        }

        byte pad() {
            if (this == UI || this == OB) {
                return 0;
            }
            return ' ';
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean explicitVr;
    private final ByteOrder order;

    DataSetEncoder(boolean explicitVr, ByteOrder order) {
        this.explicitVr = explicitVr;
        this.order = order;
    }

    /** A text value; UTF-8 (ASCII unless the writer declared ISO_IR 192). */
    DataSetEncoder text(int tag, Vr vr, String value) {
        return raw(tag, vr, value.getBytes(StandardCharsets.UTF_8));
    }

    DataSetEncoder us(int tag, int value) {
        return raw(tag, Vr.US, ByteBuffer.allocate(2).order(order).putShort((short) value).array());
    }

    DataSetEncoder ul(int tag, long value) {
        return raw(tag, Vr.UL, ByteBuffer.allocate(4).order(order).putInt((int) value).array());
    }

    /** 16-bit words, each written in this encoder's byte order. */
    DataSetEncoder ow(int tag, short[] words) {
        ByteBuffer b = ByteBuffer.allocate(words.length * 2).order(order);
        b.asShortBuffer().put(words);
        return raw(tag, Vr.OW, b.array());
    }

    DataSetEncoder raw(int tag, Vr vr, byte[] value) {
        int length = value.length + (value.length & 1);
        ByteBuffer head = ByteBuffer.allocate(12).order(order);
        head.putShort((short) (tag >>> 16)).putShort((short) tag);
        if (explicitVr) {
            head.put((byte) vr.name().charAt(0)).put((byte) vr.name().charAt(1));
            if (vr.longLength()) {
                head.putShort((short) 0).putInt(length);
            } else {
                if (length > 0xFFFF) {
                    throw new IllegalArgumentException(
                            "value of " + Integer.toHexString(tag) + " is too long for " + vr);
                }
                head.putShort((short) length);
            }
        } else {
            head.putInt(length);
        }
        out.write(head.array(), 0, head.position());
        out.write(value, 0, value.length);
        if ((value.length & 1) == 1) {
            out.write(vr.pad());
        }
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
