package io.eso4j.examples.aot;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * An application with an {@code eso:} import (application.yaml) that is processed ahead of time by {@code
 * spring-boot:process-aot} without AWS: eso4j fetches nothing during the processing, and the processed application
 * (started with {@code -Dspring.aot.enabled=true}) resolves the import as usual.
 */
@SpringBootApplication
public class AotApplication {

    /** Starts the application. */
    public static void main(String[] args) {
        SpringApplication.run(AotApplication.class, args);
    }

    /** What the application reads from the secret: its database user (never print a password). */
    @Bean
    Greeting greeting(@Value("${db-user:none}") String user) {
        return new Greeting(user);
    }

    /**
     * The value read from the {@code eso:} import.
     *
     * @param user the database user of the secret, {@code none} without it
     */
    public record Greeting(String user) {}
}
