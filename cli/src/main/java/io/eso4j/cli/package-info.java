/**
 * The {@code eso4j} command: {@code render} prints the Kubernetes Secrets ESO would write for a set of manifests,
 * {@code validate} checks manifests without calling AWS, and {@code fake-aws} runs the testkit's fake AWS server.
 * Only {@link io.eso4j.cli.Eso4j} (the entry point) is public; the commands are package-private.
 */
package io.eso4j.cli;
