package io.eso4j.spring.test;

import io.eso4j.testkit.FakeAws;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fakes of this JVM, one per distinct {@link EsoFakeAws} configuration, and the one the context being loaded
 * uses. The fakes' threads are daemon threads; they live as long as the JVM, like Spring's context cache.
 */
final class FakeAwsInstances {

    /** One {@link EsoFakeAws}'s attributes. */
    record Config(List<String> fixtures, String region, List<String> otherRegions) {

        Config {
            fixtures = List.copyOf(fixtures);
            otherRegions = List.copyOf(otherRegions);
        }

        static Config of(EsoFakeAws annotation) {
            return new Config(List.of(annotation.fixtures()), annotation.region(), List.of(annotation.otherRegions()));
        }
    }

    private static final Map<Config, FakeAws> FAKES = new ConcurrentHashMap<>();
    private static volatile FakeAws current;

    private FakeAwsInstances() {}

    /** The fake of {@code config}, started (and its baseline saved) on first use. */
    static FakeAws of(Config config) {
        return FAKES.computeIfAbsent(config, FakeAwsInstances::start);
    }

    /** Makes {@code fake} the one the next {@link EsoFakeAws} context is wired to. */
    static void use(FakeAws fake) {
        current = fake;
    }

    /** The fake of the {@link EsoFakeAws} context being loaded, or {@code null}. */
    static FakeAws current() {
        return current;
    }

    private static FakeAws start(Config config) {
        FakeAws.Builder builder = FakeAws.builder()
                .region(config.region())
                .otherRegions(config.otherRegions().toArray(String[]::new));
        config.fixtures().forEach(fixture -> builder.fixture(Path.of(fixture)));
        FakeAws fake = builder.start();
        fake.saveBaseline();
        return fake;
    }
}
