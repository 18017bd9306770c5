package io.eso4j.bench.jmh;

import io.eso4j.spring.EsoImportPropertySource;
import io.eso4j.spring.ExternalSecretPropertySource;
import io.eso4j.testkit.FakeAws;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Issue #16 item 2: what users call on the starter's properties. A minimal Boot app imports N secrets from the
 * testkit's fake and the benchmark reads <em>that started app's own environment</em> ({@code
 * context.getEnvironment()}, Boot's {@code ApplicationEnvironment}, whose resolver goes through the attached
 * {@code configurationProperties} source and Boot's relaxed-name adapters, as a user's {@code
 * environment.getProperty("db-pass")} does). The environment holds, in order: {@code configurationProperties}
 * (Boot's attached source), {@code systemProperties}, {@code systemEnvironment}, {@code random}, the imported
 * source(s), {@code applicationInfo} and {@code defaultProperties}. Shapes ({@code shape}):
 *
 * <ul>
 *   <li>{@code eso4j}: {@code spring.config.import=eso:aws:id;id;…}, the starter's one {@link
 *       EsoImportPropertySource} for the import;
 *   <li>{@code perExternalSecret}: the same app with that source replaced by its members, one {@link
 *       ExternalSecretPropertySource} per ExternalSecret (the starter's earlier shape);
 *   <li>{@code map}: the same app with that source replaced by one {@link MapPropertySource} holding the same data
 *       (the floor the target is read against);
 *   <li>{@code springCloudAws}: {@code spring.config.import=aws-secretsmanager:id;id;…} through Spring Cloud AWS
 *       4.1's config-data loader against the same fake (one {@code SecretsManagerPropertySource} per id).
 * </ul>
 *
 * <p>Rows: {@code getProperty("db-pass")} (held by the last secret), a miss ({@code getProperty} of a name no source
 * has, which asks every source) and binding {@code db.*} to a small properties class with Boot's {@link Binder}, as
 * {@code @ConfigurationProperties("db")} does. A lookup that passes a mutable enumerable source (system properties,
 * any {@link MapPropertySource}, the starter's source) makes Boot's adapter re-read that source's property names to
 * see whether its name cache is stale, so a hit costs microseconds, not the nanoseconds of a hash lookup, in every
 * shape alike. Public because JMH's generated code extends it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EnvironmentReadBench {

    /** ExternalSecrets in the import. */
    @Param({"1", "50", "200"})
    public int n;

    /** {@code eso4j}, {@code perExternalSecret}, {@code map} or {@code springCloudAws}. */
    @Param({"eso4j", "perExternalSecret", "map", "springCloudAws"})
    public String shape;

    private FakeAws fake;
    private ConfigurableApplicationContext context;
    private ConfigurableEnvironment environment;
    private Binder binder;

    /** The target of the binding row. */
    public static class Db {
        private String url;
        private String user;

        /** The URL. */
        public String getUrl() {
            return url;
        }

        /** Sets the URL. */
        public void setUrl(String url) {
            this.url = url;
        }

        /** The user. */
        public String getUser() {
            return user;
        }

        /** Sets the user. */
        public void setUser(String user) {
            this.user = user;
        }
    }

    /** The empty application. */
    @Configuration(proxyBeanMethods = false)
    public static class App {}

    /** Starts the fake and the app, and builds the environment of the chosen shape. */
    @Setup(Level.Trial)
    public void setUp() {
        fake = FakeAws.builder().start();
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = String.format("bench/env-%04d", i);
            ids.add(id);
            // Distinct property names per ExternalSecret; the last one holds what the benchmark reads.
            fake.secrets()
                    .createSecret(
                            id,
                            i == n - 1
                                    ? "{\"db-pass\":\"pw\",\"db.url\":\"jdbc:postgresql://db/app\",\"db.user\":\"app\"}"
                                    : String.format("{\"k-%04d\":\"v-%04d\",\"k-%04d-b\":\"w\"}", i, i, i));
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.main.banner-mode", "off");
        // Spring Cloud AWS is on the class path in every shape (as in child.BootApp): its auto-configuration builds a
        // client, so it gets the fake's coordinates in every shape too.
        properties.put("spring.cloud.aws.region.static", fake.region().id());
        properties.put("spring.cloud.aws.credentials.access-key", fake.accessKeyId());
        properties.put("spring.cloud.aws.credentials.secret-key", fake.secretAccessKey());
        properties.put(
                "spring.cloud.aws.secretsmanager.endpoint", fake.endpoint().toString());
        if (shape.equals("springCloudAws")) {
            properties.put("spring.config.import", "aws-secretsmanager:" + String.join(";", ids));
        } else {
            properties.put("spring.config.import", "eso:aws:" + String.join(";", ids));
            properties.put("eso4j.endpoint", fake.endpoint().toString());
            properties.put("eso4j.store.region", fake.region().id());
            properties.put("eso4j.store.auth.access-key-id", fake.accessKeyId());
            properties.put("eso4j.store.auth.secret-access-key", fake.secretAccessKey());
        }
        SpringApplication app = new SpringApplication(App.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(properties);
        context = app.run();

        // The started app's own environment: Boot's resolver and attached source stay as the app has them; only the
        // import's source is swapped for the comparison shapes.
        environment = context.getEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        if (!shape.equals("springCloudAws")) {
            EsoImportPropertySource item = sources.stream()
                    .filter(EsoImportPropertySource.class::isInstance)
                    .map(EsoImportPropertySource.class::cast)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no eso: import source in the environment"));
            switch (shape) {
                case "eso4j" -> {
                    // as the starter builds it
                }
                case "perExternalSecret" -> {
                    // Spring put the later sources of one config-data item first.
                    List<ExternalSecretPropertySource> members = new ArrayList<>(item.members());
                    Collections.reverse(members);
                    members.forEach(member -> sources.addBefore(item.getName(), member));
                    sources.remove(item.getName());
                }
                case "map" -> sources.replace(item.getName(), new MapPropertySource(item.getName(), copy(item)));
                default -> throw new IllegalArgumentException("shape " + shape);
            }
        }
        binder = Binder.get(environment);
        if (!"pw".equals(environment.getProperty("db-pass"))
                || !"app".equals(bind().getUser())
                || environment.getProperty("no.such.property") != null) {
            throw new IllegalStateException("the environment does not hold the imported properties: " + describe());
        }
    }

    /** The environment's property sources in order, {@code name (type)}, for checking what a row measured. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (PropertySource<?> source : environment.getPropertySources()) {
            String name = source.getName();
            out.append(out.isEmpty() ? "" : ", ")
                    .append(name.length() > 40 ? name.substring(0, 40) + "…" : name)
                    .append(" (")
                    .append(source.getClass().getSimpleName())
                    .append(')');
        }
        return out.toString();
    }

    private static Map<String, Object> copy(EnumerablePropertySource<?> source) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (String name : source.getPropertyNames()) {
            copy.put(name, source.getProperty(name));
        }
        return copy;
    }

    /** Stops the app and the fake. */
    @TearDown(Level.Trial)
    public void tearDown() {
        context.close();
        fake.close();
    }

    /** {@code Environment.getProperty} of a property the last ExternalSecret holds. */
    @Benchmark
    public String getProperty() {
        return environment.getProperty("db-pass");
    }

    /** {@code Environment.getProperty} of a name no property source has. */
    @Benchmark
    public String getPropertyMiss() {
        return environment.getProperty("no.such.property");
    }

    /** Binding {@code db.*} as {@code @ConfigurationProperties("db")} would. */
    @Benchmark
    public Db bind() {
        return binder.bind("db", Db.class).get();
    }
}
