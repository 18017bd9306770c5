package io.eso4j.examples.migration;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application being migrated: nothing but {@link DatabaseSettings}. Its configuration is all in {@code
 * application-spring-cloud-aws.yaml} (before) and {@code application-eso4j.yaml} (after); the code does not change.
 */
@SpringBootApplication
public class MigrationApplication {}
