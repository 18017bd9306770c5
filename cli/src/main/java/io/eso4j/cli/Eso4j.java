package io.eso4j.cli;

import io.eso4j.InvalidSpecException;
import io.eso4j.SecretsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point of the {@code eso4j} command. Exit codes: {@value #OK} success, {@value #RESOLUTION_ERROR} a
 * resolution or AWS error, {@value #INVALID} an invalid manifest or usage. Errors go to standard error and never
 * carry a secret value.
 *
 * <p>Not meant to be used as a library: call {@link #main(String[])}.
 */
@Command(
        name = "eso4j",
        mixinStandardHelpOptions = true,
        versionProvider = Eso4j.Version.class,
        description =
                "Resolves External Secrets Operator manifests against AWS Secrets Manager and Parameter Store, offline.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:a secret could not be resolved (AWS or mapping error)",
            "2:invalid manifest or usage"
        })
public final class Eso4j implements Runnable {

    /** Everything worked. */
    public static final int OK = 0;

    /** A secret could not be resolved: AWS, credentials or mapping error. */
    public static final int RESOLUTION_ERROR = 1;

    /** A manifest is invalid, or the command line is. */
    public static final int INVALID = 2;

    @Spec
    private CommandSpec spec;

    private Eso4j() {}

    /** Runs the command and exits the JVM with its exit code. */
    public static void main(String[] args) {
        // Core and the SDK log through SLF4J; a command prints only warnings unless told otherwise.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.exit(execute(commandLine(FakeAwsCommand.Lifetime.UNTIL_JVM_STOPS), args));
    }

    /**
     * Runs {@code commandLine} and returns its exit code, also when a command ends with an {@link Error} (an
     * {@link OutOfMemoryError} reading a huge file, a {@link StackOverflowError}): that is reported on the command's
     * standard error by class name only and gives {@value #RESOLUTION_ERROR}, so the caller (and {@link #main}'s
     * {@code System.exit}) always gets an exit code instead of a thread dying with the JVM left running.
     */
    static int execute(CommandLine commandLine, String... args) {
        try {
            return commandLine.execute(args);
        } catch (VirtualMachineError e) {
            PrintWriter err = commandLine.getErr();
            err.println("error: the command stopped: " + e.getClass().getSimpleName()
                    + " (an input too large or too deeply nested for this JVM?)");
            err.flush();
            return RESOLUTION_ERROR;
        } catch (Error e) {
            PrintWriter err = commandLine.getErr();
            err.println("error: the command stopped: " + e.getClass().getSimpleName());
            err.flush();
            return RESOLUTION_ERROR;
        }
    }

    /** The command tree; {@code lifetime} decides how long {@code fake-aws} serves. */
    static CommandLine commandLine(FakeAwsCommand.Lifetime lifetime) {
        CommandLine commandLine = new CommandLine(new Eso4j())
                .addSubcommand(new RenderCommand())
                .addSubcommand(new ValidateCommand())
                .addSubcommand(new FakeAwsCommand(lifetime))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(Eso4j::handle);
        return commandLine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Exceptions that escape a command: reported by message only (messages never carry values). */
    private static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (e instanceof InvalidSpecException) {
            ((InvalidSpecException) e).problems().forEach(problem -> err.println("error: " + Printable.line(problem)));
            err.flush();
            return INVALID;
        }
        if (e instanceof UsageException) {
            err.println("error: " + Printable.line(e.getMessage()));
            err.flush();
            return INVALID;
        }
        if (e instanceof SecretsException) {
            err.println("error: " + Printable.line(String.valueOf(e.getMessage())));
            err.flush();
            return RESOLUTION_ERROR;
        }
        err.println("error: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + Printable.line(e.getMessage())));
        err.flush();
        return RESOLUTION_ERROR;
    }

    /** A usage problem found after parsing (a missing file, an unknown ExternalSecret): exit code 2. */
    static final class UsageException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }

        UsageException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The version the build wrote into {@code version.properties}. */
    static final class Version implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() {
            Properties properties = new Properties();
            try (InputStream in = Eso4j.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {
                "eso4j " + properties.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
            };
        }
    }
}
