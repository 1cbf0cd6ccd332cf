package io.cascadia.sites;

/**
 * A site call that did not succeed. {@link Unreachable}: the site did not answer (refused, timed out, reset); the
 * caller should wait for the site, not give up on the work. {@link Rejected}: the site answered with an error
 * status; {@code message} is the fault message from its body.
 */
public sealed abstract class SiteException extends RuntimeException permits SiteException.Unreachable, SiteException.Rejected {
    private final String region;

    SiteException(String region, String message, Throwable cause) {
        super(message, cause, false, false);
        this.region = region;
    }

    public String region() {
        return region;
    }

    /** The site did not answer at all. */
    public static final class Unreachable extends SiteException {
        public Unreachable(String region, String message, Throwable cause) {
            super(region, "site " + region + " unreachable: " + message, cause);
        }
    }

    /** The site answered with a 4xx or 5xx. */
    public static final class Rejected extends SiteException {
        private final int status;
        private final String faultMessage;
        private final String siteRequestId;

        public Rejected(String region, String call, int status, String faultMessage, String siteRequestId) {
            super(region, "site " + region + " answered " + status + " to " + call + ": " + faultMessage, null);
            this.status = status;
            this.faultMessage = faultMessage;
            this.siteRequestId = siteRequestId;
        }

        public int status() {
            return status;
        }

        /** The message of the site's fault body (Nova's, Neutron's, Keystone's or Glance's form). */
        public String faultMessage() {
            return faultMessage;
        }

        public String siteRequestId() {
            return siteRequestId;
        }

        public boolean isNotFound() {
            return status == 404;
        }

        public boolean isConflict() {
            return status == 409;
        }

        /** Whether retrying the same call later may succeed (the site is overloaded or briefly failing). */
        public boolean isTransient() {
            return status == 429 || status >= 500;
        }
    }
}
