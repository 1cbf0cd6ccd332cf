/** The site registry: URL mapping by region, site clients, availability zones and health. */
package io.cascadia.cascade.sites;
