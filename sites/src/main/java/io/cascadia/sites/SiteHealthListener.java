package io.cascadia.sites;

/** Told about every site call's outcome, so the registry can mark a site degraded or up. Must not block. */
public interface SiteHealthListener {
    void answered(String region);

    void unreachable(String region, String error);

    SiteHealthListener NONE = new SiteHealthListener() {
        @Override
        public void answered(String region) {
        }

        @Override
        public void unreachable(String region, String error) {
        }
    };
}
