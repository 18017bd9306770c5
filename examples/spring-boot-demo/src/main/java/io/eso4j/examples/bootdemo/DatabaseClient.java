package io.eso4j.examples.bootdemo;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The tutorial's consumer of the secret: where ESO's NGINX container got {@code DB_PASSWORD} from the Kubernetes
 * Secret, this service gets {@code @Value("${db-pass}")} from the ExternalSecret's property source. Like any
 * {@code @Value}, it is injected once, at start; {@link DemoController} also shows the live value.
 *
 * <p>Immutable, thread-safe.
 */
@Service
class DatabaseClient {

    private final String user;
    private final String password;

    DatabaseClient(@Value("${db-user}") String user, @Value("${db-pass}") String password) {
        this.user = user;
        this.password = password;
    }

    /** The password as injected at start, masked. */
    String maskedPassword() {
        return Masks.mask(password);
    }

    /** The user as injected at start, masked. */
    String maskedUser() {
        return Masks.mask(user);
    }

    @Override
    public String toString() {
        return "DatabaseClient[credentials redacted]";
    }
}
