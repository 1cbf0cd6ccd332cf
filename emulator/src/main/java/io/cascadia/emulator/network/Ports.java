package io.cascadia.emulator.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.id.Ids;
import io.cascadia.emulator.network.IpAddresses.Address;
import io.cascadia.web.AuthContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ports: addresses and MACs (chosen by the caller or allocated), bindings, and the status that follows from them.
 * A port is ACTIVE when it is administratively up and bound, and either its device is plugged on a host of this
 * site (servers' interfaces; router ports are plugged by the L3 agent as soon as they are bound) or its binding
 * profile names a remote tunnel endpoint ({@code tunnel_ip}, the remote ports of cross-site L2). A binding to a host
 * that is neither local nor remote fails ({@code binding:vif_type binding_failed}).
 *
 * <p>The public methods are the calls Nova makes when it gives a server its interfaces.
 */
public final class Ports {
    static final Set<String> CREATE_ATTRIBUTES = Set.of("network_id", "name", "description", "admin_state_up",
            "mac_address", "fixed_ips", "device_id", "device_owner", "binding:host_id", "binding:profile",
            "binding:vnic_type", "security_groups", "allowed_address_pairs", "port_security_enabled", "project_id",
            "tenant_id");
    static final Set<String> UPDATE_ATTRIBUTES = Set.of("name", "description", "admin_state_up", "mac_address",
            "fixed_ips", "device_id", "device_owner", "binding:host_id", "binding:profile", "binding:vnic_type",
            "security_groups", "allowed_address_pairs", "port_security_enabled");
    static final String VIF_OVS = "ovs";
    static final String OWNER_ROUTER_INTERFACE = "network:router_interface";
    static final String OWNER_ROUTER_GATEWAY = "network:router_gateway";
    private static final Set<String> VNIC_TYPES = Set.of("normal", "direct", "macvtap", "baremetal", "direct-physical",
            "virtio-forwarder", "smart-nic", "vdpa", "accelerator-direct", "accelerator-direct-physical", "remote-managed");

    private final NeutronState state;
    private final Networks networks;
    private final SecurityGroups securityGroups;
    private final PortAddresses addressing;

    Ports(NeutronState state, Networks networks, SecurityGroups securityGroups) {
        this.state = state;
        this.networks = networks;
        this.securityGroups = securityGroups;
        this.addressing = new PortAddresses(state);
    }

    /** A server's view of one of its ports: what Nova shows as the server's addresses and security groups. */
    public record ServerPort(String id, String networkId, String networkName, String macAddress, List<String> ipAddresses,
                             List<String> securityGroupNames, boolean active) {
    }

    Port visible(AuthContext auth, String id) {
        return state.ports.find(id)
                .filter(port -> NeutronPolicy.canSee(auth, port, state.networks.find(port.networkId()).orElse(null)))
                .orElseThrow(() -> NeutronErrors.portNotFound(id));
    }

    // the API

    Port create(AuthContext auth, ObjectNode body) {
        String networkId = NeutronBodies.string(body, "network_id")
                .orElseThrow(() -> NeutronErrors.badRequest("Failed to parse request. Required attribute 'network_id' not specified"));
        String projectId = NeutronPolicy.targetProject(auth, NeutronBodies.string(body, "project_id")
                .or(() -> NeutronBodies.string(body, "tenant_id")), "port");
        String name = NeutronBodies.limitedString(body, "name", 255).orElse("");
        String description = NeutronBodies.limitedString(body, "description", 255).orElse("");
        boolean adminStateUp = NeutronBodies.bool(body, "admin_state_up").orElse(true);
        Optional<String> mac = NeutronBodies.string(body, "mac_address").map(PortAddresses::normalizeMac);
        Optional<List<ObjectNode>> fixedIps = NeutronBodies.objectList(body, "fixed_ips");
        String deviceId = NeutronBodies.limitedString(body, "device_id", 255).orElse("");
        String deviceOwner = NeutronBodies.limitedString(body, "device_owner", 255).orElse("");
        PortBinding binding = binding(auth, body, PortBinding.UNBOUND);
        Optional<List<String>> groups = NeutronBodies.stringList(body, "security_groups");
        List<Port.AddressPair> pairs = addressPairs(body).orElse(List.of());
        Optional<Boolean> portSecurity = NeutronBodies.bool(body, "port_security_enabled");
        return state.write(() -> {
            Network network = networks.visible(auth, networkId);
            boolean networkOwner = NeutronPolicy.owns(auth, network.projectId());
            if (!networkOwner && !network.shared()) {
                throw NeutronErrors.networkNotFound(networkId);
            }
            if (mac.isPresent() && !networkOwner) {
                throw NeutronErrors.policy("create_port:mac_address");
            }
            boolean security = portSecurity.orElse(network.portSecurityEnabled());
            List<String> groupIds = groups(projectId, groups, security, deviceOwner);
            if (!security && !pairs.isEmpty()) {
                throw NeutronErrors.conflict("AddressPairAndPortSecurityRequired",
                        "Port Security must be enabled in order to have allowed address pairs on a port.");
            }
            List<FixedIp> addresses = fixedIps.isPresent()
                    ? addressing.requested(auth, network, fixedIps.get(), networkOwner, List.of())
                    : addressing.defaultAddresses(network);
            String macAddress;
            try {
                macAddress = addressing.takeMac(network.id(), mac);
            } catch (OpenStackException e) {
                addressing.release(addresses);
                throw e;
            }
            Instant now = state.now();
            Port port = settle(new Port(Ids.uuid(), state.strings.of(projectId), network.id(), name, description,
                    macAddress, addresses, deviceId, deviceOwner, adminStateUp, PortStatus.DOWN, binding, "unbound",
                    false, groupIds, pairs, security, List.of(), now, now, 1));
            state.putPort(port);
            return port;
        });
    }

    /** Creates every port of a bulk request, or none: a failure removes the ones already made, under one lock. */
    List<Port> createAll(AuthContext auth, List<ObjectNode> bodies) {
        return state.write(() -> {
            List<Port> created = new ArrayList<>();
            try {
                for (ObjectNode body : bodies) {
                    created.add(create(auth, body));
                }
            } catch (RuntimeException e) {
                created.forEach(state::removePort);
                throw e;
            }
            return List.copyOf(created);
        });
    }

    Port update(AuthContext auth, String id, ObjectNode body) {
        Optional<String> mac = NeutronBodies.string(body, "mac_address").map(PortAddresses::normalizeMac);
        Optional<List<ObjectNode>> fixedIps = NeutronBodies.objectList(body, "fixed_ips");
        Optional<List<String>> groups = NeutronBodies.stringList(body, "security_groups");
        Optional<List<Port.AddressPair>> pairs = addressPairs(body);
        return state.write(() -> {
            Port current = visible(auth, id);
            Network network = state.networks.find(current.networkId()).orElseThrow();
            boolean networkOwner = NeutronPolicy.owns(auth, network.projectId());
            if (!NeutronPolicy.owns(auth, current.projectId()) && !networkOwner) {
                throw NeutronErrors.policy("update_port");
            }
            PortBinding binding = binding(auth, body, current.binding());
            boolean security = NeutronBodies.bool(body, "port_security_enabled").orElse(current.portSecurityEnabled());
            String deviceOwner = NeutronBodies.limitedString(body, "device_owner", 255).orElse(current.deviceOwner());
            List<String> groupIds = groups.isPresent()
                    ? groups(current.projectId(), groups, security, deviceOwner)
                    : security ? current.securityGroupIds() : List.of();
            if (!security && !groupIds.isEmpty()) {
                throw NeutronErrors.conflict("PortSecurityPortHasSecurityGroup",
                        "Port has security group associated. Cannot disable port security or ip address until security group is removed");
            }
            List<FixedIp> addresses = current.fixedIps();
            if (fixedIps.isPresent()) {
                addresses = addressing.requested(auth, network, fixedIps.get(), networkOwner, current.fixedIps());
                List<FixedIp> dropped = new ArrayList<>(current.fixedIps());
                dropped.removeAll(addresses);
                addressing.release(dropped);
            }
            if (mac.isPresent() && !mac.get().equals(current.macAddress())) {
                NeutronPolicy.requireAdmin(auth, "update_port:mac_address");
                if (current.binding().isBound()) {
                    throw NeutronErrors.conflict("PortBound", "Unable to complete operation on port " + id
                            + ", port is already bound, port type: " + current.vifType() + ", old_mac "
                            + current.macAddress() + ", new_mac " + mac.get() + ".");
                }
                addressing.takeMac(network.id(), mac);
                state.releaseMac(network.id(), current.macAddress());
            }
            Port updated = current.with(
                    NeutronBodies.limitedString(body, "name", 255).orElse(current.name()),
                    NeutronBodies.limitedString(body, "description", 255).orElse(current.description()),
                    addresses,
                    NeutronBodies.limitedString(body, "device_id", 255).orElse(current.deviceId()),
                    deviceOwner,
                    NeutronBodies.bool(body, "admin_state_up").orElse(current.adminStateUp()),
                    binding, groupIds, pairs.orElse(current.allowedAddressPairs()), security, state.now());
            if (mac.isPresent()) {
                updated = updated.withMac(mac.get());
            }
            updated = settle(updated);
            state.putPort(updated);
            return updated;
        });
    }

    void delete(AuthContext auth, String id) {
        state.writeVoid(() -> {
            Port port = visible(auth, id);
            Network network = state.networks.find(port.networkId()).orElse(null);
            if (!NeutronPolicy.owns(auth, port.projectId()) && (network == null || !NeutronPolicy.owns(auth, network.projectId()))) {
                throw NeutronErrors.policy("delete_port");
            }
            if (port.deviceOwner().equals(OWNER_ROUTER_INTERFACE) || port.deviceOwner().equals(OWNER_ROUTER_GATEWAY)) {
                throw NeutronErrors.conflict("ServicePortInUse", "Port " + id
                        + " cannot be deleted directly via the port API: has device owner " + port.deviceOwner() + ".");
            }
            state.removePort(port);
        });
    }

    // what Nova calls

    /**
     * Creates the port of a server on a network (with a requested address, or an allocated one), owned by the
     * server's project and bound to its host. It stays DOWN until {@link #setDeviceUp} plugs it.
     *
     * @throws OpenStackException 400 when the network is unknown to the project or has no subnet, 409 when the
     *         requested address is taken or none is left
     */
    public ServerPort createForServer(String projectId, String networkId, String fixedIp, String serverId,
                                      String host, String zone, List<String> securityGroupNames) {
        return state.write(() -> {
            Network network = state.networks.find(networkId)
                    .filter(n -> n.projectId().equals(projectId) || n.shared() || n.external())
                    .orElseThrow(() -> OpenStackException.badRequest("Network " + networkId + " could not be found."));
            if (network.subnetIds().isEmpty()) {
                throw OpenStackException.badRequest("Network " + networkId + " requires a subnet in order to boot instances on.");
            }
            List<FixedIp> addresses;
            if (fixedIp == null) {
                addresses = addressing.defaultAddresses(network);
            } else {
                Address address = IpAddresses.parse(fixedIp)
                        .orElseThrow(() -> OpenStackException.badRequest("Invalid fixed IP address (" + fixedIp + ")"));
                Subnet subnet = addressing.subnetFor(network, address)
                        .orElseThrow(() -> OpenStackException.badRequest("Fixed IP address " + fixedIp
                                + " is not a valid IP for any subnet of network " + networkId + "."));
                if (!state.addressPool(subnet.id()).take(address)) {
                    throw OpenStackException.badRequest("Fixed IP address " + fixedIp + " is already in use on instance.");
                }
                addresses = List.of(new FixedIp(subnet.id(), address.text()));
            }
            List<String> groupIds = network.portSecurityEnabled()
                    ? securityGroups.resolve(projectId, securityGroupNames.isEmpty() ? List.of(SecurityGroup.DEFAULT_NAME) : securityGroupNames)
                    : List.of();
            Instant now = state.now();
            Port port = settle(new Port(Ids.uuid(), state.strings.of(projectId), network.id(), "", "",
                    addressing.takeMac(network.id(), Optional.empty()), addresses, serverId, state.strings.of("compute:" + zone), true,
                    PortStatus.DOWN, bindingTo(host), "unbound", false, groupIds, List.of(),
                    network.portSecurityEnabled(), List.of(), now, now, 1));
            state.putPort(port);
            return serverPort(port);
        });
    }

    /**
     * Binds a port the caller created to a server and its host, as Nova does with {@code networks: [{"port": id}]}.
     *
     * @throws OpenStackException 400 when the port is not the project's, 409 when it is in use by another device
     */
    public ServerPort bindToServer(String projectId, String portId, String serverId, String host, String zone) {
        return state.write(() -> {
            Port port = state.ports.find(portId)
                    .filter(p -> p.projectId().equals(projectId) || state.networks.find(p.networkId())
                            .map(n -> n.projectId().equals(projectId)).orElse(false))
                    .orElseThrow(() -> OpenStackException.badRequest("Port " + portId + " could not be found."));
            if (!port.deviceId().isEmpty() && !port.deviceId().equals(serverId)) {
                throw OpenStackException.conflict("Port " + portId + " is still in use.");
            }
            Port bound = settle(port.with(port.name(), port.description(), port.fixedIps(), serverId,
                    port.deviceOwner().isEmpty() ? state.strings.of("compute:" + zone) : port.deviceOwner(),
                    port.adminStateUp(), bindingTo(host), port.securityGroupIds(), port.allowedAddressPairs(),
                    port.portSecurityEnabled(), state.now()));
            state.putPort(bound);
            return serverPort(bound);
        });
    }

    /** Plugs or unplugs a server's port (the server started or stopped); no-op for a port that is gone. */
    public void setDeviceUp(String portId, boolean up) {
        state.writeVoid(() -> state.ports.find(portId).ifPresent(port -> {
            if (port.deviceUp() != up) {
                Port changed = port.withState(port.status(), port.vifType(), up, state.now());
                state.putPort(settle(changed));
            }
        }));
    }

    /**
     * Takes a port away from a deleted server: a port Nova created is deleted, one the caller gave is unbound and
     * kept. No-op for a port that is gone.
     */
    public void releaseFromServer(String portId, boolean delete) {
        state.writeVoid(() -> state.ports.find(portId).ifPresent(port -> {
            if (delete) {
                state.removePort(port);
            } else {
                state.putPort(settle(port.with(port.name(), port.description(), port.fixedIps(), "", "",
                        port.adminStateUp(), PortBinding.UNBOUND, port.securityGroupIds(), port.allowedAddressPairs(),
                        port.portSecurityEnabled(), state.now()).unplugged()));
            }
        }));
    }

    /** A server's port as Nova shows it; empty when the port is gone. */
    public Optional<ServerPort> serverPort(String portId) {
        return state.ports.find(portId).map(this::serverPort);
    }

    /** The site's networks a project may boot servers on (its own and shared ones), for Nova's default network. */
    public List<String> bootableNetworks(String projectId) {
        List<String> ids = new ArrayList<>();
        for (Network network : state.networks.all()) {
            if ((network.projectId().equals(projectId) || network.shared()) && !network.external()) {
                ids.add(network.id());
            }
        }
        return ids;
    }

    private ServerPort serverPort(Port port) {
        String networkName = state.networks.find(port.networkId()).map(Network::name).orElse("");
        List<String> groupNames = port.securityGroupIds().stream()
                .map(id -> state.securityGroups.find(id).map(SecurityGroup::name).orElse(id))
                .toList();
        return new ServerPort(port.id(), port.networkId(), networkName, port.macAddress(),
                port.fixedIps().stream().map(FixedIp::ipAddress).toList(), groupNames, port.status() == PortStatus.ACTIVE);
    }

    // what routers need

    /** Creates a router port with the given addresses, bound to the L3 agent's host. Runs under the write lock. */
    Port createRouterPort(String projectId, Network network, List<FixedIp> addresses, String routerId, String owner) {
        Instant now = state.now();
        Port port = settle(new Port(Ids.uuid(), state.strings.of(projectId), network.id(), "", "",
                addressing.takeMac(network.id(), Optional.empty()), addresses, routerId, owner, true, PortStatus.DOWN,
                bindingTo(state.l3Host().name()), "unbound", false, List.of(), List.of(), false, List.of(), now, now, 1));
        state.putPort(port);
        return port;
    }

    /** Hands a caller's port to a router as an interface. Runs under the write lock. */
    Port attachToRouter(Port port, String routerId) {
        Port attached = settle(port.with(port.name(), port.description(), port.fixedIps(), routerId,
                OWNER_ROUTER_INTERFACE, port.adminStateUp(), bindingTo(state.l3Host().name()), List.of(),
                port.allowedAddressPairs(), port.portSecurityEnabled(), state.now()));
        state.putPort(attached);
        return attached;
    }

    // helpers, all under the write lock

    /** Fills in status and VIF type from the binding and device state, without counting a new revision. */
    private Port settle(Port port) {
        PortBinding binding = port.binding();
        String vifType;
        PortStatus status;
        if (!binding.isBound()) {
            vifType = "unbound";
            status = PortStatus.DOWN;
        } else if (state.hosts().containsKey(binding.hostId())) {
            vifType = VIF_OVS;
            boolean plugged = port.deviceOwner().startsWith("network:") || port.deviceUp();
            status = port.adminStateUp() && plugged ? PortStatus.ACTIVE : PortStatus.DOWN;
        } else if (binding.remoteTunnelIp() != null) {
            vifType = VIF_OVS;
            status = port.adminStateUp() ? PortStatus.ACTIVE : PortStatus.DOWN;
        } else {
            vifType = "binding_failed";
            status = PortStatus.DOWN;
        }
        if (status == port.status() && vifType.equals(port.vifType())) {
            return port;
        }
        return port.settled(status, vifType);
    }

    private PortBinding bindingTo(String host) {
        return new PortBinding(state.strings.of(host), PortBinding.UNBOUND.profile(), "normal");
    }

    private PortBinding binding(AuthContext auth, ObjectNode body, PortBinding current) {
        boolean hostGiven = body.has("binding:host_id");
        boolean profileGiven = body.has("binding:profile");
        if (hostGiven || profileGiven) {
            NeutronPolicy.requireAdmin(auth, hostGiven ? "create_port:binding:host_id" : "create_port:binding:profile");
        }
        String host = hostGiven ? NeutronBodies.nullableString(body, "binding:host_id").flatMap(v -> v).orElse("")
                : current.hostId();
        ObjectNode profile = current.profile();
        if (profileGiven) {
            JsonNode given = body.get("binding:profile");
            if (given.isNull()) {
                profile = PortBinding.UNBOUND.profile();
            } else if (!given.isObject()) {
                throw NeutronErrors.invalidAttribute("binding:profile", "'" + NeutronBodies.shorten(given.toString())
                        + "' is not a dictionary");
            } else {
                profile = ((ObjectNode) given).deepCopy();
                JsonNode tunnel = profile.get(PortBinding.TUNNEL_IP);
                if (tunnel != null && !(tunnel.isTextual() && IpAddresses.parse(tunnel.textValue()).isPresent())) {
                    throw NeutronErrors.invalidAttribute("binding:profile", "tunnel_ip '"
                            + NeutronBodies.shorten(tunnel.toString()) + "' is not a valid IP address");
                }
            }
        }
        String vnicType = NeutronBodies.string(body, "binding:vnic_type").orElse(current.vnicType());
        if (!VNIC_TYPES.contains(vnicType)) {
            throw NeutronErrors.invalidAttribute("binding:vnic_type", "'" + NeutronBodies.shorten(vnicType) + "' is not in "
                    + new TreeSet<>(VNIC_TYPES));
        }
        if (host.equals(current.hostId()) && profile == current.profile() && vnicType.equals(current.vnicType())) {
            return current;
        }
        return new PortBinding(state.strings.of(host), profile, vnicType);
    }

    private List<String> groups(String projectId, Optional<List<String>> requested, boolean security, String deviceOwner) {
        if (requested.isPresent() && !requested.get().isEmpty()) {
            if (!security) {
                throw NeutronErrors.conflict("PortSecurityAndIPRequiredForSecurityGroups",
                        "Port security must be enabled and port must have an IP address in order to use security groups.");
            }
            return securityGroups.resolve(projectId, requested.get());
        }
        if (requested.isPresent() || !security || deviceOwner.startsWith("network:")) {
            return List.of();
        }
        return List.of(securityGroups.ensureDefault(projectId).id());
    }

    private static Optional<List<Port.AddressPair>> addressPairs(ObjectNode body) {
        return NeutronBodies.objectList(body, "allowed_address_pairs").map(list -> list.stream().map(pair -> {
            NeutronBodies.checkAttributes(pair, Set.of("ip_address", "mac_address"));
            String ip = NeutronBodies.string(pair, "ip_address")
                    .orElseThrow(() -> NeutronErrors.badRequest("AllowedAddressPair must contain ip_address"));
            String text = IpAddresses.parse(ip).map(Address::text)
                    .or(() -> Cidr.parse(ip).map(Cidr::text))
                    .orElseThrow(() -> NeutronErrors.invalidAttribute("allowed_address_pairs",
                            "'" + NeutronBodies.shorten(ip) + "' is not a valid IP address"));
            String mac = NeutronBodies.string(pair, "mac_address").map(PortAddresses::normalizeMac).orElse(null);
            return new Port.AddressPair(text, mac);
        }).toList());
    }

}
