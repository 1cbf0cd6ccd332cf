/**
 * The schedulers: which site a new server goes to (by zone, health and capacity), and which a new volume goes to (by
 * zone and health).
 */
package io.cascadia.cascade.scheduling;
