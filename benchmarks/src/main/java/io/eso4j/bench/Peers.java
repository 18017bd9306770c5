package io.eso4j.bench;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import io.awspring.cloud.secretsmanager.SecretsManagerPropertySource;
import io.eso4j.AwsClients;
import io.eso4j.ExternalSecrets;
import io.eso4j.spec.Manifests;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * What each peer does to load a workload's secrets through a client that is already built, written the way the
 * peer does it: the plain loop a user writes by hand, the AWS caching client's {@code getSecretString} per id,
 * Spring Cloud AWS's config-data loader (one {@link SecretsManagerPropertySource#init()} per imported id, in
 * sequence, which is what {@code SecretsManagerConfigDataLoader} runs), and eso4j's {@code build()}. Stateless.
 */
final class Peers {

    static final String PLAIN = "plain SDK loop";
    static final String CACHING = "AWS caching client 2.2.0";
    static final String SPRING_CLOUD_AWS = "Spring Cloud AWS 4.1.0";
    static final String ESO4J = "eso4j core";

    private Peers() {}

    /** Sequential GetSecretValue for every id; returns the values by id. */
    static Map<String, String> plainLoop(SecretsManagerClient client, List<String> ids) {
        Map<String, String> values = new HashMap<>();
        for (String id : ids) {
            values.put(id, client.getSecretValue(r -> r.secretId(id)).secretString());
        }
        return values;
    }

    /** A caching client with its defaults (1 h TTL) except the client; the caller closes it. */
    static SecretCache cachingClient(SecretsManagerClient client) {
        return new SecretCache(new SecretCacheConfiguration().withClient(client));
    }

    /** Reads every id through a fresh caching client: DescribeSecret + GetSecretValue per secret. */
    static SecretCache cachingLoad(SecretsManagerClient client, List<String> ids) {
        SecretCache cache = cachingClient(client);
        for (String id : ids) {
            cache.getSecretString(id);
        }
        return cache;
    }

    /** Spring Cloud AWS's loading of {@code spring.config.import=aws-secretsmanager:id1;id2;...}. */
    static List<SecretsManagerPropertySource> springCloudAwsLoad(SecretsManagerClient client, List<String> ids) {
        List<SecretsManagerPropertySource> sources = new ArrayList<>(ids.size());
        for (String id : ids) {
            SecretsManagerPropertySource source = new SecretsManagerPropertySource(id, client);
            source.init();
            sources.add(source);
        }
        return sources;
    }

    /** Spring Cloud AWS reload's cycle: every source copied and re-initialised (one GetSecretValue each). */
    static List<SecretsManagerPropertySource> springCloudAwsReloadCycle(List<SecretsManagerPropertySource> sources) {
        List<SecretsManagerPropertySource> fresh = new ArrayList<>(sources.size());
        for (SecretsManagerPropertySource source : sources) {
            SecretsManagerPropertySource copy = source.copy();
            copy.init();
            fresh.add(copy);
        }
        return fresh;
    }

    /** eso4j resolving the manifests through {@code client}; the caller closes the result. */
    static ExternalSecrets eso4j(SecretsManagerClient client, Manifests manifests) {
        return ExternalSecrets.builder()
                .manifests(manifests)
                .awsClients(AwsClients.secretsManager(store -> client))
                .build();
    }
}
