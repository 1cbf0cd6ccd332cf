package io.cascadia.emulator.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.id.Ids;
import io.cascadia.core.json.Json;
import io.cascadia.web.AuthContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Networks and their segments: create (with provider attributes or one {@code segments} entry), update, delete,
 * and the VNI allocation of tenant networks. A network's subnets are managed by {@link Subnets}.
 */
final class Networks {
    static final Set<String> CREATE_ATTRIBUTES = Set.of("name", "description", "admin_state_up", "shared",
            "router:external", "provider:network_type", "provider:physical_network", "provider:segmentation_id",
            "segments", "port_security_enabled", "availability_zone_hints", "project_id", "tenant_id");
    static final Set<String> UPDATE_ATTRIBUTES = Set.of("name", "description", "admin_state_up", "shared",
            "router:external", "port_security_enabled", "provider:network_type", "provider:physical_network",
            "provider:segmentation_id", "segments");
    private static final Set<String> NETWORK_TYPES = Set.of("vxlan", "geneve", "vlan", "flat", "local");

    private final NeutronState state;

    Networks(NeutronState state) {
        this.state = state;
    }

    Optional<Network> find(String id) {
        return state.networks.find(id);
    }

    /** The network, if the caller may see it; 404 otherwise, as Neutron hides what a caller may not see. */
    Network visible(AuthContext auth, String id) {
        return state.networks.find(id)
                .filter(network -> NeutronPolicy.canSee(auth, network))
                .orElseThrow(() -> NeutronErrors.networkNotFound(id));
    }

    Network create(AuthContext auth, ObjectNode body) {
        String projectId = NeutronPolicy.targetProject(auth, NeutronBodies.string(body, "project_id")
                .or(() -> NeutronBodies.string(body, "tenant_id")), "network");
        String name = NeutronBodies.limitedString(body, "name", 255).orElse("");
        String description = NeutronBodies.limitedString(body, "description", 255).orElse("");
        boolean adminStateUp = NeutronBodies.bool(body, "admin_state_up").orElse(true);
        boolean shared = NeutronBodies.bool(body, "shared").orElse(false);
        boolean external = NeutronBodies.bool(body, "router:external").orElse(false);
        if (shared) {
            NeutronPolicy.requireAdmin(auth, "create_network:shared");
        }
        if (external) {
            NeutronPolicy.requireAdmin(auth, "create_network:router:external");
        }
        boolean portSecurity = NeutronBodies.bool(body, "port_security_enabled").orElse(true);
        List<String> zoneHints = NeutronBodies.stringList(body, "availability_zone_hints").orElse(List.of());
        ObjectNode provider = providerAttributes(auth, body);
        return state.write(() -> {
            Segment segment = segment(provider);
            if (!state.takeSegment(segment)) {
                throw segmentInUse(segment);
            }
            var now = state.now();
            Network network = new Network(Ids.uuid(), state.strings.of(projectId), name, description, adminStateUp,
                    shared, external, segment, List.of(), portSecurity, zoneHints, List.of(), now, now, 1);
            state.networks.put(network);
            return network;
        });
    }

    /** The provider attributes of the request, from {@code provider:*} or a single {@code segments} entry. */
    private static ObjectNode provider(ObjectNode body) {
        ObjectNode provider = Json.object();
        for (String key : List.of("provider:network_type", "provider:physical_network", "provider:segmentation_id")) {
            if (body.has(key) && !body.get(key).isNull()) {
                provider.set(key, body.get(key));
            }
        }
        if (body.has("segments") && !body.get("segments").isNull()) {
            if (!provider.isEmpty()) {
                throw NeutronErrors.invalidInput("Segments and provider values cannot both be set");
            }
            List<ObjectNode> segments = NeutronBodies.objectList(body, "segments").orElse(List.of());
            if (segments.size() > 1) {
                throw NeutronErrors.invalidInput("this site supports networks of one segment only, got " + segments.size());
            }
            if (segments.size() == 1) {
                NeutronBodies.checkAttributes(segments.getFirst(),
                        Set.of("provider:network_type", "provider:physical_network", "provider:segmentation_id"));
                segments.getFirst().fields().forEachRemaining(e -> {
                    if (!e.getValue().isNull()) {
                        provider.set(e.getKey(), e.getValue());
                    }
                });
            }
        }
        return provider;
    }

    private static ObjectNode providerAttributes(AuthContext auth, ObjectNode body) {
        ObjectNode provider = provider(body);
        if (!provider.isEmpty()) {
            NeutronPolicy.requireAdmin(auth, "create_network:provider:network_type");
        }
        return provider;
    }

    /** The segment the provider attributes ask for, validated; a VXLAN segment with the next free VNI when empty. */
    private Segment segment(ObjectNode provider) {
        String type = NeutronBodies.string(provider, "provider:network_type").orElse(Segment.VXLAN);
        if (!NETWORK_TYPES.contains(type)) {
            throw NeutronErrors.invalidInput("network_type value '" + NeutronBodies.shorten(type) + "' not supported");
        }
        String physical = NeutronBodies.string(provider, "provider:physical_network").orElse(null);
        Integer id = NeutronBodies.integer(provider, "provider:segmentation_id").orElse(null);
        String segmentId = Ids.uuid();
        return switch (type) {
            case "vxlan", "geneve" -> {
                if (physical != null) {
                    throw NeutronErrors.invalidInput("provider:physical_network specified for " + type + " network");
                }
                if (id != null && (id < 1 || id > 16_777_215)) {
                    throw NeutronErrors.invalidInput(type.toUpperCase(Locale.ROOT) + " ID " + id
                            + " is not in valid range 1 to 16777215");
                }
                yield new Segment(segmentId, type, null, id != null ? id : state.allocateVni());
            }
            case "vlan" -> {
                if (physical == null) {
                    throw NeutronErrors.invalidInput("provider:physical_network required for VLAN provider network");
                }
                if (id == null || id < 1 || id > 4094) {
                    throw NeutronErrors.invalidInput("provider:segmentation_id out of range (1 through 4094)");
                }
                yield new Segment(segmentId, type, physical, id);
            }
            case "flat" -> {
                if (physical == null) {
                    throw NeutronErrors.invalidInput("provider:physical_network required for flat provider network");
                }
                if (id != null) {
                    throw NeutronErrors.invalidInput("provider:segmentation_id specified for flat network");
                }
                yield new Segment(segmentId, type, physical, null);
            }
            default -> {
                if (physical != null || id != null) {
                    throw NeutronErrors.invalidInput("provider attributes specified for local network");
                }
                yield new Segment(segmentId, type, null, null);
            }
        };
    }

    private static RuntimeException segmentInUse(Segment segment) {
        return switch (segment.networkType()) {
            case "vlan" -> NeutronErrors.conflict("VlanIdInUse", "Unable to create the network. The VLAN "
                    + segment.segmentationId() + " on physical network " + segment.physicalNetwork() + " is in use.");
            case "flat" -> NeutronErrors.conflict("FlatNetworkInUse", "Unable to create the flat network. Physical network "
                    + segment.physicalNetwork() + " is in use.");
            default -> NeutronErrors.conflict("TunnelIdInUse", "Unable to create the network. The tunnel ID "
                    + segment.segmentationId() + " is in use.");
        };
    }

    Network update(AuthContext auth, String id, ObjectNode body) {
        if (!provider(body).isEmpty()) {
            throw NeutronErrors.invalidInput("Plugin does not support updating provider attributes");
        }
        return state.write(() -> {
            Network current = visible(auth, id);
            if (!NeutronPolicy.owns(auth, current.projectId())) {
                throw NeutronErrors.policy("update_network");
            }
            Optional<Boolean> shared = NeutronBodies.bool(body, "shared");
            Optional<Boolean> external = NeutronBodies.bool(body, "router:external");
            if (shared.isPresent() && shared.get() != current.shared()) {
                NeutronPolicy.requireAdmin(auth, "update_network:shared");
            }
            if (external.isPresent() && external.get() != current.external()) {
                NeutronPolicy.requireAdmin(auth, "update_network:router:external");
            }
            Network updated = current.with(
                    NeutronBodies.limitedString(body, "name", 255).orElse(current.name()),
                    NeutronBodies.limitedString(body, "description", 255).orElse(current.description()),
                    NeutronBodies.bool(body, "admin_state_up").orElse(current.adminStateUp()),
                    shared.orElse(current.shared()), external.orElse(current.external()),
                    NeutronBodies.bool(body, "port_security_enabled").orElse(current.portSecurityEnabled()), state.now());
            state.networks.put(updated);
            return updated;
        });
    }

    /**
     * Deletes the network and its subnets.
     *
     * @throws io.cascadia.core.error.OpenStackException 409 NetworkInUse while ports other than the network's own
     *         remain
     */
    void delete(AuthContext auth, String id) {
        state.writeVoid(() -> {
            Network network = visible(auth, id);
            if (!NeutronPolicy.owns(auth, network.projectId())) {
                throw NeutronErrors.policy("delete_network");
            }
            if (!state.portIdsOnNetwork(id).isEmpty()) {
                throw NeutronErrors.conflict("NetworkInUse", "Unable to complete operation on network " + id
                        + ". There are one or more ports still in use on the network.");
            }
            for (String subnetId : new ArrayList<>(network.subnetIds())) {
                state.subnets.remove(subnetId);
                state.removeAddressPool(subnetId);
            }
            state.networks.remove(id);
            state.releaseSegment(network.segment());
            state.forgetNetwork(id);
        });
    }
}
