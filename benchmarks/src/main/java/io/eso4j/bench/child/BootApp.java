package io.eso4j.bench.child;

import io.eso4j.ExternalSecrets;
import io.eso4j.ResolvedSecret;
import io.eso4j.spec.Manifests;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.MapPropertySource;

/**
 * Whole application start-up: a minimal non-web Boot 4 app (auto-configuration on, no beans of its own) that
 * prints {@code READY <property>} on {@link ApplicationReadyEvent} and exits. Modes: {@code baseline} (no
 * secrets), {@code spring-cloud-aws} ({@code spring.config.import=aws-secretsmanager:id;id;…}), {@code
 * eso4j-starter} (the eso4j starter's short form {@code spring.config.import=eso:aws:id;id;…}) and {@code
 * eso4j-core} (eso4j core resolved in {@code main} and added as a property source by hand). The class path is the
 * same in every mode.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class BootApp {

    /**
     * Starts the app.
     *
     * @param args {@code baseline|spring-cloud-aws|eso4j-starter|eso4j-core n}
     */
    public static void main(String[] args) {
        String mode = args[0];
        int n = Integer.parseInt(args[1]);
        List<String> ids = ids(n);
        Map<String, Object> properties = properties(mode, ids);
        String probe = mode.equals("spring-cloud-aws") || mode.equals("eso4j-starter") ? "password" : "none";
        SpringApplication app = new SpringApplication(BootApp.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(properties);
        if (mode.equals("eso4j-core")) {
            probe = "es-" + String.format("%04d", n - 1) + ".password";
            app.addInitializers(context ->
                    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("eso4j", eso4j(ids))));
        }
        String key = probe;
        app.addListeners((ApplicationListener<ApplicationReadyEvent>) event -> Report.line("READY "
                + (event.getApplicationContext().getEnvironment().containsProperty(key) ? "found" : "absent")));
        app.run().close();
    }

    /** The harness's secret ids {@code bench/secret-0000} … for {@code n} secrets. */
    static List<String> ids(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(String.format("bench/secret-%04d", i));
        }
        return ids;
    }

    /**
     * The app's default properties in {@code mode}: Spring Cloud AWS's settings for the fake (every mode has it on the
     * class path), and the import of {@code ids} for {@code spring-cloud-aws} and {@code eso4j-starter}.
     */
    static Map<String, Object> properties(String mode, List<String> ids) {
        String endpoint = System.getenv("AWS_ENDPOINT_URL");
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.cloud.aws.region.static", System.getenv("AWS_REGION"));
        properties.put("spring.cloud.aws.credentials.access-key", System.getenv("AWS_ACCESS_KEY_ID"));
        properties.put("spring.cloud.aws.credentials.secret-key", System.getenv("AWS_SECRET_ACCESS_KEY"));
        properties.put("spring.cloud.aws.secretsmanager.endpoint", endpoint);
        if (mode.equals("spring-cloud-aws")) {
            properties.put("spring.config.import", "aws-secretsmanager:" + String.join(";", ids));
        }
        if (mode.equals("eso4j-starter")) {
            properties.put("spring.config.import", "eso:aws:" + String.join(";", ids));
            properties.put("eso4j.endpoint", endpoint);
            properties.put("eso4j.store.region", System.getenv("AWS_REGION"));
            properties.put("eso4j.store.auth.access-key-id", System.getenv("AWS_ACCESS_KEY_ID"));
            properties.put("eso4j.store.auth.secret-access-key", System.getenv("AWS_SECRET_ACCESS_KEY"));
        }
        return properties;
    }

    /** Resolves the ExternalSecrets (one per id) and flattens them to {@code name.key} properties. */
    private static Map<String, Object> eso4j(List<String> ids) {
        StringBuilder yaml =
                new StringBuilder("apiVersion: external-secrets.io/v1\nkind: SecretStore\nmetadata:\n  name: s\nspec:\n"
                        + "  provider:\n    aws:\n      service: SecretsManager\n      region: us-east-1\n");
        for (int i = 0; i < ids.size(); i++) {
            yaml.append(String.format(
                    "---\napiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: es-%04d\n"
                            + "spec:\n  refreshInterval: 1h\n  secretStoreRef:\n    name: s\n    kind: SecretStore\n"
                            + "  dataFrom:\n    - extract:\n        key: %s\n",
                    i, ids.get(i)));
        }
        Map<String, Object> values = new HashMap<>();
        try (ExternalSecrets secrets = ExternalSecrets.builder()
                .manifests(Manifests.parse("boot.yaml", yaml.toString()))
                .build()) {
            for (ResolvedSecret secret : secrets.all()) {
                secret.data()
                        .forEach((k, v) -> values.put(secret.name() + "." + k, new String(v, StandardCharsets.UTF_8)));
            }
        }
        return values;
    }
}
