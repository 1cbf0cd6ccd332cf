package io.cascadia.core.compute;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Nova server as the top holds it. {@code status} is the API status (BUILD, ACTIVE, ERROR, ...);
 * {@code vmState}, {@code taskState} and {@code powerState} are Nova's finer states; {@code host} is null until a
 * site has placed it. {@code imageId} is null for a server booted from a volume. {@code preservedPortIds} are the
 * ports the user brought to the create: deleting the server detaches them instead of deleting them, as Nova does.
 * {@code userData} is the base64 text given at create, for the site's copy (cloud-init), or null. {@code addresses}
 * is the server's network information cache, as Nova keeps one: rewritten whenever the server's ports change, so a
 * list of servers reads one row per server.
 */
public record Server(String id, String projectId, String userId, String name, String description, String status,
                     String vmState, String taskState, int powerState, String availabilityZone, ServerFlavor flavor,
                     String imageId, String keyName, String userData, String accessIpv4, String accessIpv6, boolean configDrive,
                     String host, String hostname, boolean locked,
                     List<String> securityGroups, List<String> preservedPortIds, List<ServerAddress> addresses,
                     Map<String, String> metadata, List<String> tags,
                     Instant createdAt, Instant updatedAt, Instant launchedAt) {
    public Server {
        securityGroups = List.copyOf(securityGroups);
        preservedPortIds = List.copyOf(preservedPortIds);
        addresses = List.copyOf(addresses);
        metadata = Map.copyOf(metadata);
        tags = List.copyOf(tags);
    }

    public Server withMetadata(Map<String, String> metadata) {
        return new Server(id, projectId, userId, name, description, status, vmState, taskState, powerState,
                availabilityZone, flavor, imageId, keyName, userData, accessIpv4, accessIpv6, configDrive, host, hostname,
                locked, securityGroups, preservedPortIds, addresses, metadata, tags, createdAt, updatedAt, launchedAt);
    }
}
