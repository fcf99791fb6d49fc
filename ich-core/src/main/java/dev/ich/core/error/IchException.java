package dev.ich.core.error;

import java.util.Objects;

/**
 * A problem with the input the user gave: a file, a study, a table or a model directory.
 *
 * <p>The message always says where ({@link #source()}), what is wrong and what to do, and never
 * contains patient-identifying values. Programmer mistakes are reported with unchecked exceptions
 * instead ({@link IllegalArgumentException}, {@link IllegalStateException}).
 */
public final class IchException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String source;
    private final String problem;
    private final String remedy;

    /**
     * @param code the stable error code
     * @param source the file, folder or item the problem is in (a path, "row 7 of m.csv", ...)
     * @param problem what is wrong, in one sentence without a final full stop
     * @param remedy what the user can do about it, in one sentence without a final full stop
     */
    public IchException(ErrorCode code, String source, String problem, String remedy) {
        this(code, source, problem, remedy, null);
    }

    /** As {@link #IchException(ErrorCode, String, String, String)}, keeping the low-level cause. */
    public IchException(
            ErrorCode code, String source, String problem, String remedy, Throwable cause) {
        super(format(source, problem, remedy), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.source = Objects.requireNonNull(source, "source");
        this.problem = Objects.requireNonNull(problem, "problem");
        this.remedy = Objects.requireNonNull(remedy, "remedy");
    }

    private static String format(String source, String problem, String remedy) {
        return source + ": " + problem + ". " + remedy + ".";
    }

    public ErrorCode code() {
        return code;
    }

    /** Where the problem is: a path, or a description such as "row 7 of manifest.csv". */
    public String source() {
        return source;
    }

    /** What is wrong. */
    public String problem() {
        return problem;
    }

    /** What the user can do about it. */
    public String remedy() {
        return remedy;
    }
}
