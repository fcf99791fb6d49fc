package dev.ich.dicom.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Keeps third-party decoders from writing to {@code System.err}. jj2000 (the JPEG 2000 decoder in
 * jai-imageio) reports a damaged codestream by printing a stack trace there and throwing
 * {@code ThreadDeath} ({@code JJ2KExceptionHandler}), outside any logger it lets us replace; the
 * failure itself reaches us as that throwable and becomes one error line. Output from threads
 * marked {@link #quiet} is dropped; every other thread writes through unchanged.
 */
final class QuietDecoderThreads {

    private static final ThreadLocal<Boolean> QUIET = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private QuietDecoderThreads() {
    }

    /** Wraps the current {@code System.err} once (again if an application replaced it since). */
    static synchronized void install() {
        if (!(System.err instanceof Filtered)) {
            System.setErr(new Filtered(System.err));
        }
    }

    /** Drops what the calling thread writes to {@code System.err} from now on. */
    static void quiet() {
        QUIET.set(Boolean.TRUE);
    }

    private static final class Filtered extends PrintStream {

        Filtered(PrintStream target) {
            super(new FilterOutputStream(target) {
                @Override
                public void write(int b) throws IOException {
                    if (!QUIET.get()) {
                        out.write(b);
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (!QUIET.get()) {
                        out.write(b, off, len);
                    }
                }
            }, true);
        }
    }
}
