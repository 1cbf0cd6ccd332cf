package io.cascadia.emulator.compute;

import io.cascadia.core.error.OpenStackException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Nova's quotas: limits per project (defaults, overridden by administrators) and the instances, cores and RAM each
 * project uses. Instances, cores and RAM default to unlimited (-1) on emulated sites, so tests and benchmarks can
 * fill them; set limits with {@code PUT /os-quota-sets/{project}} to see {@code 403 Quota exceeded}. Thread-safe.
 */
final class ComputeQuotas {
    /** Every quota Nova knows, with its default, and the microversions that still show it. */
    enum Quota {
        INSTANCES("instances", -1, 0, Integer.MAX_VALUE),
        CORES("cores", -1, 0, Integer.MAX_VALUE),
        RAM("ram", -1, 0, Integer.MAX_VALUE),
        FLOATING_IPS("floating_ips", 10, 0, 35),
        FIXED_IPS("fixed_ips", -1, 0, 35),
        METADATA_ITEMS("metadata_items", 128, 0, Integer.MAX_VALUE),
        INJECTED_FILES("injected_files", 5, 0, 56),
        INJECTED_FILE_CONTENT_BYTES("injected_file_content_bytes", 10240, 0, 56),
        INJECTED_FILE_PATH_BYTES("injected_file_path_bytes", 255, 0, 56),
        KEY_PAIRS("key_pairs", 100, 0, Integer.MAX_VALUE),
        SECURITY_GROUPS("security_groups", 10, 0, 35),
        SECURITY_GROUP_RULES("security_group_rules", 20, 0, 35),
        SERVER_GROUPS("server_groups", 10, 0, Integer.MAX_VALUE),
        SERVER_GROUP_MEMBERS("server_group_members", 10, 0, Integer.MAX_VALUE);

        final String key;
        final int defaultLimit;
        private final int fromMinor;
        private final int untilMinor;

        Quota(String key, int defaultLimit, int fromMinor, int untilMinor) {
            this.key = key;
            this.defaultLimit = defaultLimit;
            this.fromMinor = fromMinor;
            this.untilMinor = untilMinor;
        }

        boolean shownAt(NovaRequest request) {
            int minor = request.version().minor();
            return minor >= fromMinor && minor <= untilMinor;
        }
    }

    /** What a project uses. */
    record Usage(int instances, int cores, long ram) {
        static final Usage NONE = new Usage(0, 0, 0);

        Usage plus(Flavor flavor, int sign) {
            return new Usage(instances + sign, cores + sign * flavor.vcpus(), ram + (long) sign * flavor.ramMb());
        }
    }

    private final Map<String, Map<Quota, Integer>> overrides = new ConcurrentHashMap<>();
    private final Map<String, Usage> usage = new ConcurrentHashMap<>();

    int limit(String projectId, Quota quota) {
        Map<Quota, Integer> project = overrides.get(projectId);
        Integer value = project == null ? null : project.get(quota);
        return value != null ? value : quota.defaultLimit;
    }

    Usage usage(String projectId) {
        return usage.getOrDefault(projectId, Usage.NONE);
    }

    /**
     * Counts {@code count} servers of the flavor against the project's quota, or refuses them all.
     *
     * @throws OpenStackException 403 "Quota exceeded" naming the first exceeded resource
     */
    synchronized void claim(String projectId, Flavor flavor, int count) {
        Usage current = usage(projectId);
        check(projectId, Quota.INSTANCES, count, current.instances());
        check(projectId, Quota.CORES, (long) count * flavor.vcpus(), current.cores());
        check(projectId, Quota.RAM, (long) count * flavor.ramMb(), current.ram());
        Usage updated = current;
        for (int i = 0; i < count; i++) {
            updated = updated.plus(flavor, 1);
        }
        usage.put(projectId, updated);
    }

    synchronized void release(String projectId, Flavor flavor) {
        usage.put(projectId, usage(projectId).plus(flavor, -1));
    }

    private void check(String projectId, Quota quota, long requested, long used) {
        int limit = limit(projectId, quota);
        if (limit >= 0 && used + requested > limit) {
            throw OpenStackException.forbidden("Quota exceeded for " + quota.key + ": Requested " + requested
                    + ", but already used " + used + " of " + limit + " " + quota.key);
        }
    }

    void set(String projectId, Map<Quota, Integer> limits) {
        overrides.computeIfAbsent(projectId, p -> new ConcurrentHashMap<>()).putAll(limits);
    }

    void reset(String projectId) {
        overrides.remove(projectId);
    }

    static Map<String, Quota> byKey() {
        Map<String, Quota> map = new LinkedHashMap<>();
        for (Quota quota : List.of(Quota.values())) {
            map.put(quota.key, quota);
        }
        return map;
    }
}
