/**
 * JMH benchmarks of the read path (eso4j snapshot, the AWS caching client, a ConcurrentHashMap floor) and of the Go
 * regexp matcher on hostile patterns ({@code RegexpBench}).
 */
package io.eso4j.bench.jmh;
