package io.cascadia.emulator.compute;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.json.Json;
import io.cascadia.emulator.runtime.Host;
import io.cascadia.web.Responses;
import io.cascadia.web.VersionedRoutes;
import io.javalin.http.Context;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code /os-hypervisors} (administrators): every host with its capacity and what its servers use, integer ids
 * before microversion 2.53 and UUIDs from it, and {@code /os-hypervisors/statistics}.
 */
final class HypervisorHandlers {
    private final ComputeHosts hosts;

    HypervisorHandlers(ComputeHosts hosts) {
        this.hosts = hosts;
    }

    void register(VersionedRoutes<NovaRequest> routes) {
        routes.get("/os-hypervisors", (ctx, request) -> list(ctx, request, false));
        routes.get("/os-hypervisors/detail", (ctx, request) -> list(ctx, request, true));
        routes.get("/os-hypervisors/statistics", this::statistics);
        routes.get("/os-hypervisors/{id}", this::show);
        routes.get("/os-hypervisors/{pattern}/search", this::search);
    }

    /** Before 2.53: hypervisors whose name contains the pattern; 404 when none does. */
    private void search(Context ctx, NovaRequest request) {
        NovaPolicy.requireAdmin(request, "os_compute_api:os-hypervisors:search");
        if (request.atLeast(53)) {
            throw OpenStackException.notFound("The resource could not be found.");
        }
        String pattern = ctx.pathParam("pattern");
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("hypervisors");
        for (ComputeHosts.Usage usage : hosts.all()) {
            if (usage.host.name().contains(pattern)) {
                array.add(summary(request, usage));
            }
        }
        if (array.isEmpty()) {
            throw OpenStackException.notFound("No hypervisor matching '" + NovaSchema.shorten(pattern) + "' could be found.");
        }
        Responses.json(ctx, 200, body);
    }

    private void list(Context ctx, NovaRequest request, boolean detail) {
        NovaPolicy.requireAdmin(request, "os_compute_api:os-hypervisors:list");
        String pattern = ctx.queryParam("hypervisor_hostname_pattern");
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("hypervisors");
        for (ComputeHosts.Usage usage : hosts.all()) {
            if (pattern != null && !Pattern.compile(Pattern.quote(pattern)).matcher(usage.host.name()).find()) {
                continue;
            }
            array.add(detail ? view(request, usage) : summary(request, usage));
        }
        Responses.json(ctx, 200, body);
    }

    private void show(Context ctx, NovaRequest request) {
        NovaPolicy.requireAdmin(request, "os_compute_api:os-hypervisors:show");
        String id = ctx.pathParam("id");
        ComputeHosts.Usage usage = hosts.all().stream()
                .filter(u -> id(request, u.host).equals(id))
                .findFirst()
                .orElseThrow(() -> OpenStackException.notFound("Hypervisor with ID " + NovaSchema.shorten(id) + " could not be found."));
        Responses.json(ctx, 200, Json.object().set("hypervisor", view(request, usage)));
    }

    private void statistics(Context ctx, NovaRequest request) {
        NovaPolicy.requireAdmin(request, "os_compute_api:os-hypervisors:statistics");
        List<ComputeHosts.Usage> all = hosts.all();
        long vcpus = 0;
        long memory = 0;
        long disk = 0;
        long vcpusUsed = 0;
        long memoryUsed = 0;
        long diskUsed = 0;
        long servers = 0;
        for (ComputeHosts.Usage usage : all) {
            vcpus += usage.host.capacity().vcpus();
            memory += usage.host.capacity().memoryMb();
            disk += usage.host.capacity().diskGb();
            vcpusUsed += usage.vcpusUsed();
            memoryUsed += usage.memoryMbUsed();
            diskUsed += usage.diskGbUsed();
            servers += usage.servers();
        }
        ObjectNode statistics = Json.object()
                .put("count", all.size())
                .put("vcpus", vcpus)
                .put("memory_mb", memory)
                .put("local_gb", disk)
                .put("vcpus_used", vcpusUsed)
                .put("memory_mb_used", memoryUsed)
                .put("local_gb_used", diskUsed)
                .put("free_ram_mb", memory - memoryUsed)
                .put("free_disk_gb", disk - diskUsed)
                .put("current_workload", 0)
                .put("running_vms", servers)
                .put("disk_available_least", disk - diskUsed);
        Responses.json(ctx, 200, Json.object().set("hypervisor_statistics", statistics));
    }

    private static String id(NovaRequest request, Host host) {
        return request.atLeast(53) ? host.uuid() : Integer.toString(host.index());
    }

    private static ObjectNode summary(NovaRequest request, ComputeHosts.Usage usage) {
        ObjectNode node = Json.object().put("hypervisor_hostname", usage.host.name());
        putId(node, request, usage.host);
        return node.put("state", "up").put("status", "enabled");
    }

    private static void putId(ObjectNode node, NovaRequest request, Host host) {
        if (request.atLeast(53)) {
            node.put("id", host.uuid());
        } else {
            node.put("id", host.index());
        }
    }

    private static ObjectNode view(NovaRequest request, ComputeHosts.Usage usage) {
        Host host = usage.host;
        long freeRam = host.capacity().memoryMb() - usage.memoryMbUsed();
        long freeDisk = host.capacity().diskGb() - usage.diskGbUsed();
        ObjectNode node = Json.object();
        if (request.atLeast(28)) {
            ObjectNode cpu = node.putObject("cpu_info").put("arch", "x86_64").put("model", "Nehalem").put("vendor", "Intel");
            cpu.putArray("features");
            cpu.putObject("topology").put("cores", host.capacity().vcpus()).put("threads", 1).put("sockets", 1);
        } else {
            node.put("cpu_info", "{\"arch\": \"x86_64\", \"model\": \"Nehalem\", \"vendor\": \"Intel\", \"features\": [], "
                    + "\"topology\": {\"cores\": " + host.capacity().vcpus() + ", \"threads\": 1, \"sockets\": 1}}");
        }
        node.put("current_workload", 0)
                .put("status", "enabled")
                .put("state", "up")
                .put("disk_available_least", freeDisk)
                .put("host_ip", host.tunnelIp())
                .put("free_disk_gb", freeDisk)
                .put("free_ram_mb", freeRam)
                .put("hypervisor_hostname", host.name())
                .put("hypervisor_type", "QEMU")
                .put("hypervisor_version", 8002000);
        putId(node, request, host);
        node.put("local_gb", host.capacity().diskGb())
                .put("local_gb_used", usage.diskGbUsed())
                .put("memory_mb", host.capacity().memoryMb())
                .put("memory_mb_used", usage.memoryMbUsed())
                .put("running_vms", usage.servers());
        ObjectNode service = node.putObject("service").put("host", host.name());
        if (request.atLeast(53)) {
            service.put("id", host.serviceUuid());
        } else {
            service.put("id", host.index());
        }
        service.putNull("disabled_reason");
        node.put("vcpus", host.capacity().vcpus()).put("vcpus_used", usage.vcpusUsed());
        return node;
    }
}
