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
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Issue #16 item 2: what users call on the starter's properties. A minimal Boot app imports N ExternalSecrets
 * ({@code spring.config.import=eso:aws:id;id;…} against the testkit's fake); the benchmark then reads a copy of its
 * environment (same property sources, Boot's relaxed-name source attached) in one of three shapes ({@code shape}):
 * {@code eso4j} as the starter builds it (one {@link EsoImportPropertySource} for the import), {@code
 * perExternalSecret} (each member as a property source of its own, the starter's earlier shape), and {@code map}
 * (the same data in one {@link MapPropertySource}, the floor). Rows: {@code getProperty("db-pass")} (held by the
 * last ExternalSecret), a miss ({@code getProperty} of a name no source has, which walks every source) and binding
 * {@code db.*} to a small properties class with Boot's {@link Binder}. Public because JMH's generated code extends
 * it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EnvironmentReadBench {

    /** ExternalSecrets in the import. */
    @Param({"1", "50", "200"})
    public int n;

    /** {@code eso4j}, {@code perExternalSecret} or {@code map}. */
    @Param({"eso4j", "perExternalSecret", "map"})
    public String shape;

    private FakeAws fake;
    private ConfigurableApplicationContext context;
    private StandardEnvironment environment;
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
        properties.put("spring.config.import", "eso:aws:" + String.join(";", ids));
        properties.put("eso4j.endpoint", fake.endpoint().toString());
        properties.put("eso4j.store.region", fake.region().id());
        properties.put("eso4j.store.auth.access-key-id", fake.accessKeyId());
        properties.put("eso4j.store.auth.secret-access-key", fake.secretAccessKey());
        SpringApplication app = new SpringApplication(App.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(properties);
        context = app.run();

        environment = new StandardEnvironment();
        var sources = environment.getPropertySources();
        sources.forEach(source -> sources.remove(source.getName()));
        for (PropertySource<?> source : context.getEnvironment().getPropertySources()) {
            if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
                continue;
            }
            if (source instanceof EsoImportPropertySource item) {
                switch (shape) {
                    case "eso4j" -> sources.addLast(item);
                    case "perExternalSecret" -> {
                        // Spring put the later sources of one config-data item first.
                        List<ExternalSecretPropertySource> members = new ArrayList<>(item.members());
                        Collections.reverse(members);
                        members.forEach(sources::addLast);
                    }
                    case "map" -> sources.addLast(new MapPropertySource(item.getName(), copy(item)));
                    default -> throw new IllegalArgumentException("shape " + shape);
                }
            } else {
                sources.addLast(source);
            }
        }
        ConfigurationPropertySources.attach(environment);
        binder = Binder.get(environment);
        if (!"pw".equals(environment.getProperty("db-pass"))
                || !"app".equals(bind().getUser())
                || environment.getProperty("no.such.property") != null) {
            throw new IllegalStateException("the environment does not hold the imported properties");
        }
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
