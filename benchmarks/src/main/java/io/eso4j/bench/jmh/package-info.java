/** JMH benchmarks of the read path (eso4j snapshot, the AWS caching client, a ConcurrentHashMap floor). */
package io.eso4j.bench.jmh;
