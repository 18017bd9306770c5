/**
 * eso4j testkit: a fake of AWS Secrets Manager, Parameter Store and STS on one loopback endpoint, the AWS SDK clients
 * that talk to it, a JUnit 5 extension, and the manual scheduler and mutable clock for tests that never sleep. Its one
 * package is exported; JUnit is needed only by {@link io.eso4j.testkit.FakeAwsExtension}.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.eso4j.testkit {
    exports io.eso4j.testkit;

    // Types of these appear in the exported API (the SDK clients and builders it hands out, request bodies).
    requires transitive com.fasterxml.jackson.databind;
    requires jdk.httpserver;
    requires transitive software.amazon.awssdk.auth;
    requires transitive software.amazon.awssdk.identity.spi;
    requires transitive software.amazon.awssdk.regions;
    requires transitive software.amazon.awssdk.services.secretsmanager;
    requires transitive software.amazon.awssdk.services.sts;
    requires transitive static org.junit.jupiter.api;
    requires com.fasterxml.jackson.core;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.http.urlconnection;
    requires software.amazon.awssdk.utils;
}
