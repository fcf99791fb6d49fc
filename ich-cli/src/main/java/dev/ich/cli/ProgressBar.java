package dev.ich.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress with counts and estimated time left, written as suits standard error: on a terminal a
 * one-line bar redrawn in place with a carriage return ({@link Style#LIVE}); in a log file or a
 * pipe one plain line per tenth of the work and at least every half minute ({@link Style#PLAIN}),
 * as Maven and Gradle do in batch mode. Not thread-safe: one bar is advanced from one thread.
 *
 * <p>Written here rather than taken from a library because the few Java progress-bar libraries on
 * Maven Central pull in a terminal library (JLine) for what is twenty lines of formatting.
 */
final class ProgressBar implements AutoCloseable {

    /** How the progress is written. */
    enum Style {
        /** A bar redrawn in place: for a terminal. */
        LIVE,
        /**
         * Plain lines, one per tenth of the work and at least every half minute: for a file or a
         * pipe.
         */
        PLAIN;

        /**
         * {@link #LIVE} when standard error is a terminal ({@link Terminal}), else {@link #PLAIN}.
         */
        static Style forStandardError() {
            return Terminal.standardErrorIsInteractive() ? LIVE : PLAIN;
        }
    }

    private static final int BAR_WIDTH = 30;

    /** Redraw at most this often, so a fast loop does not flood the terminal. */
    private static final long REDRAW_NANOS = 200_000_000L;

    /** A plain line at least this often, so a slow tenth still shows that work goes on. */
    private static final long PLAIN_LINE_NANOS = 30_000_000_000L;

    private final PrintWriter out;
    private final String task;
    private final long total;
    private final Style style;
    private final LongSupplier clock;
    private final long startNanos;
    private long done;
    private long lastDrawNanos;
    private long lastTenth = -1;
    private boolean drawn;
    private String lastLine = "";
    private String suffix = "";

    /** A bar on standard error ({@code out}), in the style that suits it. */
    ProgressBar(PrintWriter out, String task, long total) {
        this(out, task, total, Style.forStandardError(), System::nanoTime);
    }

    ProgressBar(PrintWriter out, String task, long total, Style style, LongSupplier clock) {
        if (total < 0) {
            throw new IllegalArgumentException("total must not be negative, got " + total);
        }
        this.out = out;
        this.task = task;
        this.total = total;
        this.style = style;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
    }

    /** Counts {@code steps} more units of work done and writes when due. */
    void step(long steps) {
        done = Math.min(total, done + steps);
        long now = clock.getAsLong();
        if (style == Style.LIVE) {
            redraw(now);
        } else {
            writePlainLine(now);
        }
    }

    private void redraw(long now) {
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

    private void writePlainLine(long now) {
        long tenth = total == 0 ? 10 : 10 * done / total;
        if (tenth > lastTenth || now - lastDrawNanos >= PLAIN_LINE_NANOS) {
            lastTenth = tenth;
            lastDrawNanos = now;
            String line = renderPlain(now);
            if (!line.equals(lastLine)) {
                out.println(line);
                out.flush();
                lastLine = line;
            }
        }
    }

    /**
     * Sets a short status shown after the counts (for example the current loss); a live bar redraws
     * at once, a plain one shows it in its next line.
     */
    void status(String text) {
        suffix = text;
        if (style == Style.LIVE) {
            drawn = false;
            step(0);
        }
    }

    /** Writes a line of its own (a live bar continues below it). */
    void message(String line) {
        if (style == Style.LIVE && drawn) {
            out.println();
            drawn = false;
            lastLine = "";
        }
        out.println(line);
        out.flush();
    }

    /** The line as it would be drawn now (without the carriage return). */
    String render(long nowNanos) {
        int filled = total == 0 ? BAR_WIDTH : (int) (BAR_WIDTH * done / total);
        String bar = "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled);
        Duration elapsed = Duration.ofNanos(nowNanos - startNanos);
        String eta = timeLeft(elapsed);
        return String.format(
                Locale.ROOT,
                "%s [%s] %d/%d %s%s%s",
                task,
                bar,
                done,
                total,
                format(elapsed),
                eta.isEmpty() ? "" : " " + eta,
                suffix.isEmpty() ? "" : "  " + suffix);
    }

    /** The plain line as it would be written now. */
    String renderPlain(long nowNanos) {
        long percent = total == 0 ? 100 : 100 * done / total;
        Duration elapsed = Duration.ofNanos(nowNanos - startNanos);
        String eta = timeLeft(elapsed);
        return String.format(
                Locale.ROOT,
                "%s %d/%d (%d %%) %s%s%s",
                task.strip(),
                done,
                total,
                percent,
                format(elapsed),
                eta.isEmpty() ? "" : ", " + eta,
                suffix.isEmpty() ? "" : "  " + suffix);
    }

    /** "~m:ss left" at the pace so far, or nothing before the first and after the last unit. */
    private String timeLeft(Duration elapsed) {
        return done == 0 || done == total
                ? ""
                : "~" + format(elapsed.multipliedBy(total - done).dividedBy(done)) + " left";
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    @Override
    public void close() {
        if (style == Style.LIVE) {
            drawn = false;
            step(0);
            out.println();
        } else {
            lastTenth = -1;
            step(0);
        }
        out.flush();
    }
}
