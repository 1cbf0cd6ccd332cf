/** Status pull: per-site pollers with changes-since deltas, overlap windows, marker paging and full resyncs. */
package io.cascadia.cascade.polling;
