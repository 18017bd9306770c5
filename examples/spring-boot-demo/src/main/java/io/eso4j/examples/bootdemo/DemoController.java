package io.eso4j.examples.bootdemo;

import io.eso4j.ExternalSecrets;
import io.eso4j.ResolvedSecret;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /demo}: the ExternalSecret's keys, {@code db-pass} as the {@code @Value} got it at start and as the
 * environment has it now, and the version of {@code DB-CREDENTIALS} it came from. Values are masked.
 *
 * <p>Stateless, thread-safe.
 */
@RestController
class DemoController {

    /** The ExternalSecret of {@code examples/manifests/external-secret.yaml}. */
    static final String EXTERNAL_SECRET = "my-external-secrets";

    /** The AWS secret it extracts. */
    static final String REMOTE_SECRET = "DB-CREDENTIALS";

    private final ExternalSecrets secrets;
    private final Environment environment;
    private final DatabaseClient database;

    DemoController(ExternalSecrets secrets, Environment environment, DatabaseClient database) {
        this.secrets = secrets;
        this.environment = environment;
        this.database = database;
    }

    @GetMapping("/demo")
    Map<String, Object> demo() {
        ResolvedSecret resolved = secrets.get(EXTERNAL_SECRET);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("externalSecret", EXTERNAL_SECRET);
        body.put("keys", new TreeSet<>(resolved.keys()));
        body.put("dbPassNow", Masks.mask(environment.getRequiredProperty("db-pass")));
        body.put("dbPassAtStart", database.maskedPassword());
        body.put("version", resolved.versions().get(REMOTE_SECRET));
        body.put("fetchedAt", resolved.fetchedAt().toString());
        return body;
    }
}
