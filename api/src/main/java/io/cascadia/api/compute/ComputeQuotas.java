package io.cascadia.api.compute;

import io.cascadia.core.error.OpenStackException;
import io.cascadia.store.compute.Keypairs;
import io.cascadia.store.compute.Servers;
import io.cascadia.store.quota.QuotaLimits;
import io.cascadia.store.quota.QuotaLocks;
import java.util.LinkedHashMap;
import java.util.Map;

/** Nova's quotas: its defaults, per-project overrides, and the checks a create makes (a 403, as Nova answers). */
final class ComputeQuotas {
    static final String SERVICE = "compute";
    static final Map<String, Integer> DEFAULTS;

    static {
        Map<String, Integer> defaults = new LinkedHashMap<>();
        defaults.put("instances", 10);
        defaults.put("cores", 20);
        defaults.put("ram", 51200);
        defaults.put("key_pairs", 100);
        defaults.put("metadata_items", 128);
        defaults.put("server_groups", 10);
        defaults.put("server_group_members", 10);
        defaults.put("injected_files", 5);
        defaults.put("injected_file_content_bytes", 10240);
        defaults.put("injected_file_path_bytes", 255);
        defaults.put("floating_ips", 10);
        defaults.put("fixed_ips", -1);
        defaults.put("security_groups", 10);
        defaults.put("security_group_rules", 20);
        DEFAULTS = java.util.Collections.unmodifiableMap(defaults);
    }

    private final QuotaLimits limits;
    private final QuotaLocks locks;
    private final Servers servers;
    private final Keypairs keypairs;

    ComputeQuotas(QuotaLimits limits, QuotaLocks locks, Servers servers, Keypairs keypairs) {
        this.limits = limits;
        this.locks = locks;
        this.servers = servers;
        this.keypairs = keypairs;
    }

    Map<String, Integer> limits(String projectId) {
        Map<String, Integer> result = new LinkedHashMap<>(DEFAULTS);
        result.putAll(limits.overrides(SERVICE, projectId));
        return result;
    }

    /**
     * Refuses {@code count} more servers of the given size when instances, cores or RAM would exceed the limits. Called
     * in the transaction that inserts them: it takes the project's quota lock, so concurrent creates are counted one
     * after the other.
     */
    void checkServers(String projectId, int count, int vcpus, int ramMb) {
        Map<String, Integer> limit = limits(projectId);
        if (limit.get("instances") < 0 && limit.get("cores") < 0 && limit.get("ram") < 0) {
            return; // unlimited: no need to add up the project's servers
        }
        locks.lock(SERVICE, projectId);
        Servers.Usage usage = servers.usage(projectId);
        check("instances", count, usage.instances(), limit.get("instances"));
        check("cores", (long) count * vcpus, usage.cores(), limit.get("cores"));
        check("ram", (long) count * ramMb, usage.ramMb(), limit.get("ram"));
    }

    void checkMetadata(String projectId, int items) {
        int limit = limits(projectId).get("metadata_items");
        if (limit >= 0 && items > limit) {
            throw OpenStackException.forbidden("Quota exceeded for metadata_items: Requested " + items + ", but already used 0 of "
                    + limit + " metadata_items");
        }
    }

    /** Refuses one more keypair of the user; in the inserting transaction, under the project's quota lock. */
    void checkKeypairs(String projectId, String userId) {
        int limit = limits(projectId).get("key_pairs");
        if (limit < 0) {
            return;
        }
        locks.lock(SERVICE, projectId);
        if (keypairs.count(userId) + 1 > limit) {
            throw OpenStackException.forbidden("Quota exceeded, too many key pairs.");
        }
    }

    private static void check(String resource, long requested, long used, int limit) {
        if (limit >= 0 && used + requested > limit) {
            throw OpenStackException.forbidden("Quota exceeded for " + resource + ": Requested " + requested
                    + ", but already used " + used + " of " + limit + " " + resource);
        }
    }
}
