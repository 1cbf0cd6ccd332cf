/** Job workers: claiming jobs, running their handlers, retries with backoff, per-site bulkheads. */
package io.cascadia.cascade.jobs;
