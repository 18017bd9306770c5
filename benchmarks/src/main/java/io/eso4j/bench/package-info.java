/** Side-by-side benchmarks of eso4j and its peers on the testkit's fake AWS; run by {@code benchmarks/run.sh}. */
package io.eso4j.bench;
