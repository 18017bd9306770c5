/**
 * eso4j's testkit: an in-JVM fake of AWS Secrets Manager and STS that the real AWS SDK v2 clients talk to over
 * loopback HTTP, so applications can be tested without Docker or an AWS account.
 *
 * <p>{@link io.eso4j.testkit.FakeAws} is the entry point (builder, lifecycle, clients, observation);
 * {@link io.eso4j.testkit.FakeSecretsManager} and {@link io.eso4j.testkit.FakeSts} arrange state;
 * {@link io.eso4j.testkit.FaultRule} and {@link io.eso4j.testkit.DenyRule} inject failures;
 * {@link io.eso4j.testkit.FakeAwsExtension} wires it into JUnit; {@link io.eso4j.testkit.FakeAwsServerMain} runs it
 * standalone. The engines (wire protocol, SigV4 verification, state) are package-private.
 */
package io.eso4j.testkit;
