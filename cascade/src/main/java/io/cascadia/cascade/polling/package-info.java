/**
 * Status pull: per-site pollers with changes-since deltas, overlap windows, marker paging and full resyncs. Pollers
 * record what they observe and enqueue jobs; deciding what to adopt or delete in a site is the proxies' job.
 */
package io.cascadia.cascade.polling;
