package io.cascadia.store.compute;

import java.time.Instant;
import java.util.List;

/**
 * What a server list asks for. Null fields do not filter.
 *
 * @param projectId the owner, or null for every project (admins with {@code all_tenants})
 * @param nameRegex a regular expression the name must contain a match of, as Nova's {@code name} filter
 * @param statuses API statuses, any of which matches
 * @param changesSince only servers changed at or after this time
 * @param sortKey column to sort by before the id; newest first by creation when null
 * @param markerId the id after which the page starts
 */
public record ServerQuery(String projectId, String nameRegex, List<String> statuses, String availabilityZone,
                          Instant changesSince, String host, String sortKey, boolean ascending, String markerId, int limit) {
    public ServerQuery {
        statuses = List.copyOf(statuses);
    }
}
