package io.cascadia.core.sites;

/**
 * An availability zone as users see it at the top, and where it is: the site (Keystone region) and the AZ's
 * name inside that site.
 */
public record AvailabilityZone(String topName, String region, String siteName) {
}
