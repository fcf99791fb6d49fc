package dev.ich.dicom.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Random-access bytes of one DICOM file: a file on disk or an in-memory (inflated) copy. */
abstract class ByteSource implements Closeable {

    /** Total number of bytes. */
    abstract long size();

    /** Reads exactly {@code len} bytes at {@code pos}; the caller checked the bounds. */
    abstract void readFully(long pos, byte[] dst, int off, int len) throws IOException;

    @Override
    public void close() throws IOException {}

    static ByteSource open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new FileSource(ch, ch.size());
        } catch (RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    static ByteSource of(byte[] data, int length) {
        return new ArraySource(data, length);
    }

    private static final class FileSource extends ByteSource {
        private final FileChannel channel;
        private final long size;

        FileSource(FileChannel channel, long size) {
            this.channel = channel;
            this.size = size;
        }

        @Override
        long size() {
            return size;
        }

        @Override
        void readFully(long pos, byte[] dst, int off, int len) throws IOException {
            ByteBuffer bb = ByteBuffer.wrap(dst, off, len);
            long p = pos;
            while (bb.hasRemaining()) {
                int n = channel.read(bb, p);
                if (n < 0) {
                    throw new java.io.EOFException("the file shrank while it was read");
                }
                p += n;
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private static final class ArraySource extends ByteSource {
        private final byte[] data;
        private final int length;

        ArraySource(byte[] data, int length) {
            this.data = data;
            this.length = length;
        }

        @Override
        long size() {
            return length;
        }

        @Override
        void readFully(long pos, byte[] dst, int off, int len) {
            System.arraycopy(data, (int) pos, dst, off, len);
        }
    }
}
