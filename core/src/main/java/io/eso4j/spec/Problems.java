package io.eso4j.spec;

import io.eso4j.InvalidSpecException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems and warnings of one load or validation, each rendered as
 * {@code <origin> <field path>: <reason>}, for example
 * {@code external-secret.yaml#2 spec.data[1].remoteRef.key: must not be empty}. Not thread-safe; one per run.
 */
final class Problems {

    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    /** A view that prefixes every entry with {@code origin} ({@code file.yaml#2}, {@code <code>}). */
    Sink at(String origin) {
        return new Sink(origin);
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    int warningCount() {
        return warnings.size();
    }

    /** Inserts a warning at {@code index} (a warning decided later than where it belongs, such as a count). */
    void insertWarning(int index, String origin, String path, String reason) {
        warnings.add(index, line(origin, path, reason));
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidSpecException(errors);
        }
    }

    static String line(String origin, String path, String reason) {
        StringBuilder out = new StringBuilder(origin);
        if (!path.isEmpty()) {
            out.append(' ').append(path);
        }
        return out.append(": ").append(reason).toString();
    }

    /** Problems of one document (or one record built in code). */
    final class Sink {

        private final String origin;
        private final List<String> reported = new ArrayList<>();

        private Sink(String origin) {
            this.origin = origin;
        }

        String origin() {
            return origin;
        }

        /**
         * Records a problem, unless a problem was already recorded for an enclosing field (a field reported as
         * missing or of the wrong type is not reported again for what it lacks).
         */
        void error(String path, String reason) {
            for (String earlier : reported) {
                if (!earlier.isEmpty()
                        && path.startsWith(earlier)
                        && (path.length() == earlier.length()
                                || path.charAt(earlier.length()) == '.'
                                || path.charAt(earlier.length()) == '[')) {
                    return;
                }
            }
            reported.add(path);
            errors.add(line(origin, path, reason));
        }

        void warn(String path, String reason) {
            warnings.add(line(origin, path, reason));
        }
    }
}
