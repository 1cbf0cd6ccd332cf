/**
 * What every emulated service of a site runs on: the site's hosts, the in-memory tables that hold resources with
 * the indexes that make paging and change polling cheap, the scheduler of delayed state transitions, and the fault
 * plan that makes a site slow or failing on purpose.
 */
package io.cascadia.emulator.runtime;
