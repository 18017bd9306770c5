package io.eso4j.examples.plainjava;

import io.eso4j.ExternalSecrets;
import io.eso4j.ResolvedSecret;
import io.eso4j.SecretEvent;
import io.eso4j.auth.SecretKeyResolver;
import io.eso4j.spec.Manifests;
import io.eso4j.testkit.FakeAws;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * eso4j's core in one method: load ESO's tutorial manifests, resolve them, read a value, rotate the secret and see
 * the change arrive, close. AWS is the testkit's fake, seeded from {@code examples/fixtures/db-credentials.json}, so
 * nothing leaves the JVM. Every value is printed masked.
 *
 * <p>Not thread-safe; one run per call of {@link #run(Path, PrintStream)}.
 */
public final class PlainJavaExample {

    /** The ExternalSecret of {@code examples/manifests/external-secret.yaml}. */
    static final String EXTERNAL_SECRET = "my-external-secrets";

    /** The AWS secret it extracts. */
    static final String REMOTE_SECRET = "DB-CREDENTIALS";

    /** The rotated value the example puts into the fake. Example data, not a real credential. */
    static final String ROTATED = "{\"db-user\":\"ops_admin\",\"db-pass\":\"n3w-r0tated-Passw0rd\","
            + "\"db-host\":\"db.example.internal\",\"db-port\":\"5432\"}";

    private PlainJavaExample() {}

    /** Runs the example from the clone containing the working directory. */
    public static void main(String[] args) throws Exception {
        run(findClone(Path.of("").toAbsolutePath()), System.out);
    }

    /**
     * Runs the example with the manifests and fixture under {@code clone/examples}, printing to {@code out}.
     *
     * @throws Exception when a step fails; eso4j's messages name manifests, fields and secret ids, never values
     */
    public static void run(Path clone, PrintStream out) throws Exception {
        Path examples = clone.resolve("examples");
        try (FakeAws aws = FakeAws.builder()
                .fixture(examples.resolve("fixtures/db-credentials.json"))
                .start()) {
            out.println("fake AWS Secrets Manager + STS on " + aws.endpoint());

            // The SecretStore's auth.secretRef names the Secret aws-secret-user-secret. In a pod you would point
            // SecretKeyResolver.mountedSecrets(..) at where it is mounted; here the keys are the fake's own.
            SecretKeyResolver keys = SecretKeyResolver.fromMap(Map.of(
                    "aws-secret-user-secret/access-key", aws.accessKeyId(),
                    "aws-secret-user-secret/secret-access-key", aws.secretAccessKey()));

            BlockingQueue<SecretEvent> events = new LinkedBlockingQueue<>();
            try (ExternalSecrets secrets = ExternalSecrets.builder()
                    .manifests(Manifests.load(
                            examples.resolve("manifests/secret-store.yaml"),
                            examples.resolve("manifests/external-secret.yaml")))
                    .secretKeyResolver(keys)
                    .endpointOverride(aws.endpoint()) // without it: the SDK's endpoint for the store's region
                    .listener(events::add) // events carry key names, never values
                    .build()) {
                out.println(describe(next(events)));
                ResolvedSecret resolved = secrets.get(EXTERNAL_SECRET);
                out.println(resolved);
                print(out, resolved);

                String version = aws.secrets().rotate(REMOTE_SECRET, ROTATED);
                out.println("rotated " + REMOTE_SECRET + " in the fake AWS to version " + version);
                secrets.refreshNow().join();
                out.println(describe(next(events)));
                print(out, secrets.get(EXTERNAL_SECRET));
            }
            out.println("closed");
        }
    }

    private static void print(PrintStream out, ResolvedSecret resolved) {
        out.println("  version of " + REMOTE_SECRET + ": " + resolved.versions().get(REMOTE_SECRET));
        for (String key : resolved.keys()) {
            out.println("  " + key + " = " + mask(resolved.string(key).orElseThrow()));
        }
    }

    /** Stars and the length: tells a rotation apart in the demo without showing any character of the value. */
    static String mask(String value) {
        return "******** (" + value.length() + " chars)";
    }

    /** An event as one line, key names sorted. */
    static String describe(SecretEvent event) {
        if (event instanceof SecretEvent.Loaded loaded) {
            return "loaded " + loaded.externalSecret() + ", keys " + new TreeSet<>(loaded.keys());
        }
        if (event instanceof SecretEvent.Changed changed) {
            return "changed " + changed.externalSecret() + ", keys " + new TreeSet<>(changed.changedKeys());
        }
        return event.toString();
    }

    private static SecretEvent next(BlockingQueue<SecretEvent> events) throws InterruptedException {
        SecretEvent event = events.poll(30, TimeUnit.SECONDS);
        if (event == null) {
            throw new IllegalStateException("no event from " + EXTERNAL_SECRET + " within 30 seconds");
        }
        return event;
    }

    /** The directory holding {@code examples/manifests}: {@code start} or its nearest ancestor that does. */
    static Path findClone(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("examples/manifests/external-secret.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "examples/manifests not found in " + start + " or above; run from a clone of eso4j");
    }
}
