package dev.ich.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line text progress bar with counts and estimated time left, redrawn in place with a carriage
 * return. Not thread-safe: one bar is advanced from one thread.
 *
 * <p>Written here rather than taken from a library because the few Java progress-bar libraries on
 * Maven Central pull in a terminal library (JLine) for what is twenty lines of formatting.
 */
final class ProgressBar implements AutoCloseable {

    private static final int BAR_WIDTH = 30;
    /** Redraw at most this often, so a fast loop does not flood a log file. */
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter out;
    private final String task;
    private final long total;
    private final LongSupplier clock;
    private final long startNanos;
    private long done;
    private long lastDrawNanos;
    private boolean drawn;
    private String lastLine = "";
    private String suffix = "";

    ProgressBar(PrintWriter out, String task, long total) {
        this(out, task, total, System::nanoTime);
    }

    ProgressBar(PrintWriter out, String task, long total, LongSupplier clock) {
        if (total < 0) {
            throw new IllegalArgumentException("total must not be negative, got " + total);
        }
        this.out = out;
        this.task = task;
        this.total = total;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
    }

    /** Counts {@code steps} more units of work done and redraws when due. */
    void step(long steps) {
        done = Math.min(total, done + steps);
        long now = clock.getAsLong();
        if (!drawn || done == total || now - lastDrawNanos >= REDRAW_NANOS) {
            drawn = true;
            lastDrawNanos = now;
            String line = render(now);
            if (!line.equals(lastLine)) {
                out.print('\r' + line);
                out.flush();
                lastLine = line;
            }
        }
    }

    /** Sets a short status shown after the bar (for example the current loss), then redraws. */
    void status(String text) {
        suffix = text;
        drawn = false;
        step(0);
    }

    /** The line as it would be drawn now (without the carriage return). */
    String render(long nowNanos) {
        int filled = total == 0 ? BAR_WIDTH : (int) (BAR_WIDTH * done / total);
        String bar = "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled);
        Duration elapsed = Duration.ofNanos(nowNanos - startNanos);
        String eta = done == 0 || done == total ? ""
            : " ~" + format(elapsed.multipliedBy(total - done).dividedBy(done)) + " left";
        return String.format(Locale.ROOT, "%s [%s] %d/%d %s%s%s", task, bar, done, total, format(elapsed), eta,
            suffix.isEmpty() ? "" : "  " + suffix);
    }

    private static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
            : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    @Override
    public void close() {
        drawn = false;
        step(0);
        out.println();
        out.flush();
    }
}
