/**
 * Programs the harness starts as child processes (cold start, Boot start-up, retained heap). Each reads the fake's
 * location from the environment ({@code AWS_ENDPOINT_URL}, {@code AWS_REGION}, keys) and reports one line on
 * standard output, which is their protocol with the harness.
 */
package io.eso4j.bench.child;
