package dev.ich.dicom.internal;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.io.IOException;

/**
 * A cursor over a {@link ByteSource} with a small read-ahead window and a byte order. Every read is
 * checked against the end of the data first, so a damaged length becomes {@link
 * ErrorCode#TRUNCATED_FILE}, never an allocation or an exception from deep inside.
 */
final class DicomInput {

    private static final int WINDOW = 16 * 1024;

    private final ByteSource source;
    private final String name;
    private final byte[] window = new byte[WINDOW];
    private long windowStart = -1;
    private int windowLength;
    private long pos;
    private boolean bigEndian;

    DicomInput(ByteSource source, String name) {
        this.source = source;
        this.name = name;
    }

    String name() {
        return name;
    }

    ByteSource source() {
        return source;
    }

    long position() {
        return pos;
    }

    void seek(long newPos) {
        pos = newPos;
    }

    long size() {
        return source.size();
    }

    long remaining() {
        return source.size() - pos;
    }

    void bigEndian(boolean big) {
        bigEndian = big;
    }

    boolean bigEndian() {
        return bigEndian;
    }

    /** Throws {@link ErrorCode#TRUNCATED_FILE} unless {@code n} more bytes exist. */
    void require(long n) throws IchException {
        if (n < 0 || n > remaining()) {
            throw truncated(n);
        }
    }

    IchException truncated(long wanted) {
        return new IchException(
                ErrorCode.TRUNCATED_FILE,
                name,
                "the file ends at byte "
                        + size()
                        + " but a value of "
                        + wanted
                        + " bytes starts at byte "
                        + pos,
                "copy the file again from the scanner or PACS; the file is incomplete");
    }

    private int byteAt(long p) throws IchException {
        if (p < windowStart || p >= windowStart + windowLength) {
            fill(p);
        }
        return window[(int) (p - windowStart)] & 0xFF;
    }

    private void fill(long p) throws IchException {
        int len = (int) Math.min(WINDOW, size() - p);
        try {
            source.readFully(p, window, 0, len);
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.IO_ERROR,
                    name,
                    "the file cannot be read (" + e.getMessage() + ")",
                    "check that the file is readable",
                    e);
        }
        windowStart = p;
        windowLength = len;
    }

    int u8() throws IchException {
        require(1);
        return byteAt(pos++);
    }

    int u16() throws IchException {
        require(2);
        int a = byteAt(pos);
        int b = byteAt(pos + 1);
        pos += 2;
        return bigEndian ? (a << 8) | b : (b << 8) | a;
    }

    long u32() throws IchException {
        require(4);
        long a = byteAt(pos);
        long b = byteAt(pos + 1);
        long c = byteAt(pos + 2);
        long d = byteAt(pos + 3);
        pos += 4;
        return bigEndian
                ? (a << 24) | (b << 16) | (c << 8) | d
                : (d << 24) | (c << 16) | (b << 8) | a;
    }

    /** The byte at an absolute position without moving the cursor, or -1 past the end. */
    int peek(long at) throws IchException {
        return at < 0 || at >= size() ? -1 : byteAt(at);
    }

    byte[] bytes(int n) throws IchException {
        require(n);
        byte[] out = new byte[n];
        readAt(pos, out, 0, n);
        pos += n;
        return out;
    }

    /**
     * Copies {@code len} bytes at an absolute position (bounds checked) without moving the cursor.
     */
    void readAt(long at, byte[] dst, int off, int len) throws IchException {
        if (at < 0 || len < 0 || at + len > size()) {
            long saved = pos;
            pos = at;
            IchException e = truncated(len);
            pos = saved;
            throw e;
        }
        try {
            source.readFully(at, dst, off, len);
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.IO_ERROR,
                    name,
                    "the file cannot be read (" + e.getMessage() + ")",
                    "check that the file is readable",
                    e);
        }
    }

    void skip(long n) throws IchException {
        require(n);
        pos += n;
    }
}
