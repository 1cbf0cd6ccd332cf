/**
 * {@code ./cascadia bench top-list}: server lists served from a top database holding a million servers, measured
 * over HTTP as a client sees them.
 */
package io.cascadia.bench.toplist;
