/** The scheduler: which site a new server goes to, by zone, health and capacity. */
package io.cascadia.cascade.scheduling;
