package io.eso4j.provider.aws;

import io.eso4j.RedactedException;
import io.eso4j.SecretsException;
import io.eso4j.StoreConfigurationException;
import io.eso4j.TransientAwsException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns SDK exceptions into text that is safe for eso4j's messages, logs and events. The SDK copies parser messages
 * into its own ({@code Unable to unmarshall response (JsonParseException: Unrecognized token 'S3NTINEL' ...)}), so a
 * corrupted response body would put a secret value into every channel; here a parse failure anywhere in the chain
 * becomes a fixed sentence, and the exception kept as cause is a {@link RedactedException} (class names and stack
 * traces, no text). What stays: operation, secret id, AWS error code, HTTP status, request id, and the messages of
 * AWS's own error responses and of I/O failures (they never echo a response body), bounded and on one line.
 * Stateless. Public for the providers in sub-packages (Parameter Store); not meant for users.
 */
public final class SdkFailures {

    /** The longest stretch of AWS or SDK free text kept in a message. */
    static final int MAX_TEXT = 300;

    private SdkFailures() {}

    /** The AWS error code of a service exception, {@code ""} when the response carried none (an HTML 5xx, say). */
    public static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null
                ? ""
                : Objects.requireNonNullElse(e.awsErrorDetails().errorCode(), "");
    }

    /**
     * The AWS error message of a service exception, or, when the response was no AWS error at all, a sentence
     * with its HTTP status and request id.
     */
    public static String serviceMessage(AwsServiceException e) {
        String message =
                e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        if (!errorCode(e).isEmpty()) {
            return oneLine(message == null ? "" : message);
        }
        return "HTTP " + e.statusCode() + " without an AWS error code or message (the response was not an AWS error"
                + " response" + (e.requestId() == null ? "" : "; request id " + oneLine(e.requestId())) + ")";
    }

    /** What a client-side SDK failure (I/O, timeout, credentials, an unreadable response) says, safely. */
    public static String clientMessage(SdkException e) {
        if (isParseFailure(e)) {
            return "the response could not be parsed (" + parseClass(e) + "); its content is not shown";
        }
        return oneLine(Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName()));
    }

    /** The cause to attach to eso4j's exception: the SDK exception itself, or its redacted copy for a parse failure. */
    public static Throwable cause(SdkException e) {
        return isParseFailure(e) ? RedactedException.of(e, "unparseable response, content not shown") : e;
    }

    /** AWS error codes meaning "these credentials are not (or no longer) valid". */
    private static final Set<String> REJECTED_CREDENTIALS = Set.of(
            "UnrecognizedClientException",
            "InvalidSignatureException",
            "ExpiredTokenException",
            "InvalidClientTokenId",
            "SignatureDoesNotMatch",
            "ExpiredToken");

    /** Whether {@code e} (or a cause: STS fails inside credential resolution) is AWS rejecting the credentials. */
    public static boolean rejectsCredentials(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AwsServiceException service && REJECTED_CREDENTIALS.contains(errorCode(service))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The transient failure for an AWS error, or {@code null} when it is not one: throttling, 5xx and 429 are
     * transient for every AWS service.
     *
     * @param status the HTTP status, {@code 0} when unknown
     */
    public static TransientAwsException transientFailure(String code, int status, String detail, Throwable cause) {
        switch (code) {
            case "ThrottlingException":
            case "TooManyRequestsException":
            case "RequestLimitExceeded":
            case "InternalServiceError":
            case "InternalServerError":
            case "InternalFailure":
            case "ServiceUnavailable":
                return new TransientAwsException(code, status, detail, cause);
            default:
                return status >= 500 || status == 429 ? new TransientAwsException(code, status, detail, cause) : null;
        }
    }

    /** A client-side SDK failure: a timeout or I/O failure is transient, missing credentials a store problem. */
    public static SecretsException clientFailure(String what, SdkException e) {
        return clientFailure(what, e, null);
    }

    /**
     * {@link #clientFailure(String, SdkException)} whose transient (timeout, I/O) message names the endpoint called,
     * so a refused connection, an unknown host or a wrong {@code endpointOverride} reads as what it is.
     *
     * @param endpoint the endpoint the client calls, or {@code null} to name none
     */
    public static SecretsException clientFailure(String what, SdkException e, String endpoint) {
        String detail = what + " failed: " + clientMessage(e);
        Throwable cause = cause(e);
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException || causedByIo(e)) {
            return new TransientAwsException(
                    "", 0, endpoint == null ? detail : detail + " (endpoint " + endpoint + ")", cause);
        }
        if (String.valueOf(e.getMessage()).startsWith("Unable to load credentials")) {
            return new StoreConfigurationException("", StoreConfigurationException.Setting.CREDENTIALS, detail, cause);
        }
        return new SecretsException(detail, cause);
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    /** Whether a parser failed somewhere in the chain (its messages quote the offending input). */
    static boolean isParseFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName().toLowerCase(Locale.ROOT);
            String message = Objects.requireNonNullElse(t.getMessage(), "");
            if (name.contains("jackson")
                    || name.contains("json")
                    || name.contains("xml")
                    || name.contains("parse")
                    || name.contains("unmarshall")
                    || message.startsWith("Unable to unmarshall")
                    || message.startsWith("Unable to parse")) {
                return true;
            }
        }
        return false;
    }

    private static String parseClass(Throwable e) {
        String found = e.getClass().getSimpleName();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName().toLowerCase(Locale.ROOT);
            if (name.contains("jackson") || name.contains("json") || name.contains("xml") || name.contains("parse")) {
                found = t.getClass().getSimpleName();
            }
        }
        return found;
    }

    /** {@code text} on one line (control characters become spaces), at most {@value #MAX_TEXT} characters. */
    public static String oneLine(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_TEXT + 1));
        for (int i = 0; i < text.length() && out.length() < MAX_TEXT; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (text.length() > MAX_TEXT) {
            out.append('…');
        }
        return out.toString();
    }
}
