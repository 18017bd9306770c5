package io.eso4j.spec;

import java.util.List;

/** {@code auth.jwt.serviceAccountRef}: the service account whose token is exchanged for AWS credentials. */
public record ServiceAccountSelector(String name, String namespace, List<String> audiences) {

    public ServiceAccountSelector {
        name = Specs.text(name);
        namespace = Specs.text(namespace);
        audiences = Specs.list(audiences);
    }
}
