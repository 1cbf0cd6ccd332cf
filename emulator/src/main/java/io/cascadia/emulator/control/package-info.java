/**
 * The emulator's own endpoints under {@code /emulator} (administrators only): the fault plan (latency, share of
 * failing creates), outages that close the site's listener for a while, and each L2 agent's l2 population table.
 */
package io.cascadia.emulator.control;
