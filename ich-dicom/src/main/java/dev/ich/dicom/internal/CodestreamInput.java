package dev.ich.dicom.internal;

import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An in-memory image stream for the JPEG 2000 decoder whose end is an unchecked {@link
 * CodestreamInput.EndOfCodestream} rather than an {@code IOException}.
 *
 * <p>jj2000 (jai-imageio's JPEG 2000 decoder) catches an {@code IOException} from its input in two
 * places and answers it by printing a stack trace to the process-wide {@code System.err} ({@code
 * JJ2KExceptionHandler}, {@code FileBitstreamReaderAgent.setTile}) before it gives up. An embedded
 * library must not write to, or replace, the host's streams; an exception those handlers do not
 * catch reaches the reader as it is, and becomes one error line there. In memory, reading past the
 * end is the only way this stream can fail.
 */
final class CodestreamInput extends ImageInputStreamImpl {

    private final byte[] data;

    CodestreamInput(byte[] data) {
        this.data = data;
    }

    @Override
    public int read() {
        bitOffset = 0;
        if (streamPos >= data.length) {
            throw new EndOfCodestream(streamPos);
        }
        return data[(int) streamPos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off + len > b.length) {
            throw new IndexOutOfBoundsException(
                    "off " + off + ", len " + len + ", buffer " + b.length);
        }
        bitOffset = 0;
        if (len == 0) {
            return 0;
        }
        if (streamPos >= data.length) {
            throw new EndOfCodestream(streamPos);
        }
        int n = (int) Math.min(len, data.length - streamPos);
        System.arraycopy(data, (int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return data.length;
    }

    /**
     * A read at or past the end of the codestream: the data is cut short or an offset in it is
     * wrong.
     */
    static final class EndOfCodestream extends RuntimeException {

        private static final long serialVersionUID = 1L;

        EndOfCodestream(long position) {
            super(
                    "the codestream ends before its data (read at byte " + position + ")",
                    null,
                    false,
                    false);
        }
    }
}
