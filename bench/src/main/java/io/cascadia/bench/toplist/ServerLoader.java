package io.cascadia.bench.toplist;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import io.cascadia.core.compute.ServerAddress;
import io.cascadia.store.JsonText;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Bulk-loads servers into the top database as the API would have stored them: each with a port holding one
 * address of the bench network, a flavor copy, a zone and a status, created a second apart, every tenth with
 * metadata. Inserts go in batches, one transaction per batch.
 */
final class ServerLoader {
    static final String[] ZONES = {"az1", "az2", "az3", "az4"};
    private static final int BATCH = 5_000;

    private final Jdbi jdbi;

    ServerLoader(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** What the loaded servers look like, for queries that must find some of them. */
    record Loaded(int servers, Instant firstCreated, Instant lastCreated) {
    }

    /**
     * Inserts {@code count} servers of the project, with ports on the network and addresses from its subnet
     * (10.0.0.0/8, so a million fit). Status: 1 in 20 ERROR, 1 in 20 BUILD, the rest ACTIVE.
     */
    Loaded load(String projectId, String userId, String networkId, String subnetId, String flavorId, String imageId, int count,
                java.util.function.IntConsumer progress) {
        Instant start = Instant.now().minus(count + 60L, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
        for (int from = 0; from < count; from += BATCH) {
            int to = Math.min(count, from + BATCH);
            int first = from;
            jdbi.useTransaction(h -> insertBatch(h, projectId, userId, networkId, subnetId, flavorId, imageId, start, first, to));
            progress.accept(to);
        }
        return new Loaded(count, start, start.plusSeconds(count - 1));
    }

    private static void insertBatch(Handle h, String projectId, String userId, String networkId, String subnetId,
                                    String flavorId, String imageId, Instant start, int from, int to) {
        PreparedBatch servers = h.prepareBatch("""
                insert into server (id, project_id, user_id, name, description, status, vm_state, task_state, power_state,
                  availability_zone, flavor_id, flavor_name, vcpus, ram_mb, disk_gb, ephemeral_gb, swap_mb, flavor_extra_specs,
                  image_id, key_name, user_data, access_ipv4, access_ipv6, config_drive, host, hostname, locked, security_groups,
                  preserved_ports, addresses, metadata, tags, created_at, updated_at, launched_at)
                values (:id, :project, :user, :name, null, :status, :vmState, null, :power, :zone, :flavor, 'bench.small', 1,
                  512, 1, 0, 0, '{}', :image, null, null, null, null, false, :host, :name, false, '["default"]', '[]', :addresses,
                  :metadata, '[]', :created, :created, :launched)""");
        PreparedBatch ports = h.prepareBatch("""
                insert into port (id, project_id, network_id, name, description, admin_state_up, status, mac_address, device_id,
                  device_owner, port_security_enabled, revision_number, created_at, updated_at)
                values (:id, :project, :network, '', '', true, 'ACTIVE', :mac, :device, :owner, true, 1, :created, :created)""");
        PreparedBatch addresses = h.prepareBatch("""
                insert into ip_allocation (network_id, ip_address, subnet_id, port_id) values (:network, :ip, :subnet, :port)""");
        for (int i = from; i < to; i++) {
            String server = UUID.randomUUID().toString();
            String port = UUID.randomUUID().toString();
            String zone = ZONES[i % ZONES.length];
            String status = i % 20 == 0 ? "ERROR" : i % 20 == 1 ? "BUILD" : "ACTIVE";
            Instant created = start.plusSeconds(i);
            int address = i + 2;
            String ip = "10.%d.%d.%d".formatted((address >> 16) & 0xff, (address >> 8) & 0xff, address & 0xff);
            String mac = "fa:16:3e:%02x:%02x:%02x".formatted((i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
            servers.bind("id", server).bind("project", projectId).bind("user", userId).bind("name", "server-" + i)
                    .bind("status", status)
                    .bind("vmState", status.equals("ACTIVE") ? "active" : status.equals("ERROR") ? "error" : "building")
                    .bind("power", status.equals("ACTIVE") ? 1 : 0).bind("zone", zone).bind("flavor", flavorId)
                    .bind("image", imageId).bind("host", status.equals("BUILD") ? null : "host-" + (i % 500))
                    .bind("created", created).bind("launched", status.equals("ACTIVE") ? created : null)
                    .bind("addresses", JsonText.write(List.of(new ServerAddress(networkId, "bench-net", mac, ip))))
                    .bind("metadata", i % 10 == 0 ? "{\"role\":\"role-" + (i % 7) + "\"}" : "{}")
                    .add();
            ports.bind("id", port).bind("project", projectId).bind("network", networkId)
                    .bind("mac", mac)
                    .bind("device", server).bind("owner", "compute:" + zone).bind("created", created)
                    .add();
            addresses.bind("network", networkId)
                    .bind("ip", ip)
                    .bind("subnet", subnetId).bind("port", port)
                    .add();
        }
        servers.execute();
        ports.execute();
        addresses.execute();
    }
}
