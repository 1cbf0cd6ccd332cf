/** The site registry: sites (Keystone regions), their health and availability zones. */
package io.cascadia.store.sites;
