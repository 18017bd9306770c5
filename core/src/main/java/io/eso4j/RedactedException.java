package io.eso4j;

/**
 * A stand-in for a throwable eso4j did not write (an SDK or parser exception, an {@link Error} from mapping code)
 * whose message might echo a secret value: it keeps the original's class name, stack trace and a few safe
 * details chosen by whoever builds it, and drops the original's free text. Its cause is the redacted copy of the
 * original's cause (at most {@value #MAX_DEPTH} levels), so the whole chain is as safe to print as the head.
 *
 * <p>eso4j attaches one of these as the cause of its own exceptions where the original's message is not known to
 * be value-free, so that {@code getCause()}, {@code toString()} and printed stack traces never carry a value while
 * still saying what failed and where. Immutable once built.
 */
public final class RedactedException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final int MAX_DEPTH = 8;
    private static final int MAX_FRAMES = 64;

    /** The fully qualified class name of the original throwable. */
    private final String originalClass;

    private RedactedException(String originalClass, String detail, Throwable cause, StackTraceElement[] frames) {
        super(
                originalClass + (detail == null || detail.isEmpty() ? " (message withheld)" : " (" + detail + ")"),
                cause);
        this.originalClass = originalClass;
        setStackTrace(frames);
    }

    /**
     * A redacted copy of {@code original} and its cause chain.
     *
     * @param detail safe text to show instead of the original's message (say, an AWS error code and request id);
     *     {@code null} or empty for none
     */
    public static RedactedException of(Throwable original, String detail) {
        return copy(original, detail, 0);
    }

    private static RedactedException copy(Throwable original, String detail, int depth) {
        if (original instanceof RedactedException redacted && (detail == null || detail.isEmpty())) {
            return redacted;
        }
        Throwable cause = original.getCause();
        RedactedException redactedCause =
                cause == null || cause == original || depth >= MAX_DEPTH ? null : copy(cause, null, depth + 1);
        StackTraceElement[] frames = original.getStackTrace();
        if (frames.length > MAX_FRAMES) {
            frames = java.util.Arrays.copyOf(frames, MAX_FRAMES);
        }
        String name = original instanceof RedactedException redacted
                ? redacted.originalClass
                : original.getClass().getName();
        return new RedactedException(name, detail, redactedCause, frames);
    }

    /** The fully qualified class name of the original throwable. */
    public String originalClass() {
        return originalClass;
    }

    /** The simple class name of the original throwable. */
    public String originalSimpleName() {
        int dot = originalClass.lastIndexOf('.');
        String simple = dot < 0 ? originalClass : originalClass.substring(dot + 1);
        int dollar = simple.lastIndexOf('$');
        return dollar < 0 ? simple : simple.substring(dollar + 1);
    }
}
