package io.cascadia.emulator.volume;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.json.Json;
import io.cascadia.web.AuthContext;
import io.cascadia.web.Responses;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Cinder's {@code /limits} and {@code /os-quota-sets/{project}}: the site does not limit volumes, so every limit
 * reads -1 (unlimited), with the project's real usage.
 */
final class LimitHandlers {
    private static final String[] QUOTAS = {"volumes", "gigabytes", "snapshots", "backups", "backup_gigabytes",
        "groups", "per_volume_gigabytes", "volumes___DEFAULT__", "gigabytes___DEFAULT__", "snapshots___DEFAULT__"};

    private final Volumes volumes;

    LimitHandlers(Volumes volumes) {
        this.volumes = volumes;
    }

    void limits(Context ctx, AuthContext auth) {
        long count = 0;
        long gigabytes = 0;
        for (Volume volume : volumes.table.ordered(auth.projectId()).values()) {
            count++;
            gigabytes += volume.size();
        }
        ObjectNode limits = Json.object();
        limits.putArray("rate");
        limits.putObject("absolute")
                .put("maxTotalVolumes", -1)
                .put("maxTotalSnapshots", -1)
                .put("maxTotalVolumeGigabytes", -1)
                .put("maxTotalBackups", -1)
                .put("maxTotalBackupGigabytes", -1)
                .put("totalVolumesUsed", count)
                .put("totalGigabytesUsed", gigabytes)
                .put("totalSnapshotsUsed", 0)
                .put("totalBackupsUsed", 0)
                .put("totalBackupGigabytesUsed", 0);
        Responses.json(ctx, 200, Json.object().set("limits", limits));
    }

    void quotas(Context ctx, AuthContext auth, boolean defaults) {
        String target = ctx.pathParam("target");
        if (!target.equals(auth.projectId()) && !auth.isAdmin()) {
            throw OpenStackException.forbidden("Policy doesn't allow volume_extension:quotas:show to be performed.");
        }
        boolean usage = !defaults && "true".equalsIgnoreCase(ctx.queryParam("usage"));
        Map<String, Long> used = Map.of("volumes", (long) volumes.table.count(target), "gigabytes",
                volumes.table.ordered(target).values().stream().mapToLong(Volume::size).sum());
        ObjectNode set = Json.object().put("id", target);
        for (String quota : QUOTAS) {
            if (usage) {
                set.putObject(quota).put("limit", -1).put("in_use", used.getOrDefault(quota, 0L)).put("reserved", 0)
                        .put("allocated", 0);
            } else {
                set.put(quota, -1);
            }
        }
        Responses.json(ctx, 200, Json.object().set("quota_set", set));
    }
}
