/** Benchmarks and their reporting: a table on stdout and JSON under bench-results/. */
package io.cascadia.bench;
