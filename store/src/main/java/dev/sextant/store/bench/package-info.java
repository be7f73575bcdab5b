/** Store throughput/latency benchmark program ({@link dev.sextant.store.bench.StoreBenchmark}); not used at run time. */
package dev.sextant.store.bench;
