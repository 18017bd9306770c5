package io.eso4j;

import java.util.List;

/**
 * One or more manifests (or specs built in code) are invalid. Carries every problem found, each with its source,
 * document and field path, so a user fixes all of them in one go.
 */
public class InvalidSpecException extends SecretsException {

    private static final long serialVersionUID = 1L;

    /** An array, not a {@code List}: the field must be serializable as declared (javac's {@code serial} lint). */
    private final String[] problems;

    public InvalidSpecException(List<String> problems) {
        super(message(problems));
        this.problems = problems.toArray(String[]::new);
    }

    private InvalidSpecException(String message, String[] problems, Throwable cause) {
        super(message, cause);
        this.problems = problems;
    }

    /** The same problems, {@code context} in front of the message. */
    @Override
    public InvalidSpecException withContext(String context) {
        return new InvalidSpecException(context + getMessage(), problems, this);
    }

    /**
     * Each problem as one line, for example {@code external-secret.yaml#2 spec.data[1].remoteRef.key: must not be
     * empty}.
     */
    public List<String> problems() {
        return List.of(problems);
    }

    private static String message(List<String> problems) {
        if (problems.size() == 1) {
            return problems.get(0);
        }
        return problems.size() + " problems:\n  " + String.join("\n  ", problems);
    }
}
