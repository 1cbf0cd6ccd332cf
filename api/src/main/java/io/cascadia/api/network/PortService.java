package io.cascadia.api.network;

import io.cascadia.core.id.Ids;
import io.cascadia.core.network.FixedIp;
import io.cascadia.core.network.Network;
import io.cascadia.core.network.Port;
import io.cascadia.core.network.Subnet;
import io.cascadia.store.Constraints;
import io.cascadia.web.AuthContext;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Creating, binding and removing ports with central IPAM, for the port API and for the rest of the top (router
 * interfaces, floating IPs, servers). Every method runs in the caller's transaction when one is open, so a port and
 * the change that needs it are committed together.
 */
public final class PortService {
    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}([:-][0-9a-fA-F]{2}){5}");
    private static final String MAC_PREFIX = "fa:16:3e";
    /** What Nova puts in {@code device_owner} of a server's port: {@code compute:<zone>}. */
    public static final String COMPUTE_OWNER = "compute:";
    private static final int MAX_ALLOCATION_ATTEMPTS = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final NetworkStore store;
    private final Ipam ipam;
    private final NetworkQuotas quotas;

    PortService(NetworkStore store, NetworkQuotas quotas) {
        this.store = store;
        this.ipam = new Ipam(store.repositories().ports());
        this.quotas = quotas;
    }

    /**
     * What a new port should be. {@code macAddress} null draws one; {@code fixedIps} empty gets one address per IP
     * version; {@code securityGroupIds} null means the project's default group (which the caller has ensured).
     */
    public record NewPort(String projectId, Network network, String name, String description, boolean adminStateUp,
                          String macAddress, List<AddressRequest> fixedIps, String deviceId, String deviceOwner,
                          Boolean portSecurityEnabled, List<String> securityGroupIds) {
    }

    /** A requested address: a subnet, an address, or both. */
    public record AddressRequest(String subnetId, String ipAddress) {
    }

    /**
     * Allocates MAC and addresses and stores the port. An address or MAC the top chose that a concurrent request
     * takes first is chosen again (a few times); one the caller named fails.
     *
     * @throws io.cascadia.core.error.OpenStackException CONFLICT (MacAddressInUse, IpAddressAlreadyAllocated,
     *     IpAddressGenerationFailure, OverQuota) or BAD_REQUEST for addresses outside the network
     */
    public Port create(NewPort request) {
        return store.jdbi().inTransaction(h -> {
            store.repositories().networks().lockForAllocation(request.network().id());
            if (!request.projectId().isEmpty()) {
                quotas.check(request.projectId(), "port");
            }
            String id = Ids.uuid();
            List<Subnet> subnets = store.repositories().subnets().listForNetwork(request.network().id());
            boolean security = request.portSecurityEnabled() != null ? request.portSecurityEnabled()
                    : request.network().portSecurityEnabled();
            List<String> groups = !security || request.deviceOwner().startsWith("network:") ? List.of()
                    : request.securityGroupIds() != null ? request.securityGroupIds()
                    : store.repositories().securityGroups().defaultGroupId(request.projectId()).map(List::of).orElse(List.of());
            boolean chosenByCaller = request.macAddress() != null || request.fixedIps().stream().anyMatch(r -> r.ipAddress() != null);
            for (int attempt = 1; ; attempt++) {
                String mac = request.macAddress() == null ? freeMac(request.network().id())
                        : checkedMac(request.network().id(), request.macAddress());
                List<FixedIp> ips = ipam.allocate(request.network().id(), id, subnets, request.fixedIps().stream()
                        .map(r -> new Ipam.Request(r.subnetId(), r.ipAddress())).toList(), attempt);
                Instant now = store.now();
                Port port = new Port(id, request.projectId(), request.network().id(), request.name(), request.description(),
                        request.adminStateUp(), "DOWN", mac, request.deviceId(), request.deviceOwner(), security, ips, groups,
                        1, now, now);
                String savepoint = "port_allocation_" + attempt;
                h.savepoint(savepoint);
                try {
                    store.repositories().ports().insert(port);
                    h.release(savepoint);
                    refreshServers(port.deviceOwner(), port.deviceId());
                    return port;
                } catch (RuntimeException e) {
                    if (!Constraints.isUniqueViolation(e)) {
                        throw e;
                    }
                    // a concurrent request committed the address or MAC between our read and our insert: what we
                    // chose is drawn again (it now sees that request's rows); what the caller named is refused
                    h.rollbackToSavepoint(savepoint);
                    if (chosenByCaller || attempt == MAX_ALLOCATION_ATTEMPTS) {
                        throw Neutron.conflict("IpAddressAlreadyAllocated", "IP address already allocated on network "
                                + request.network().id() + " by a concurrent request");
                    }
                }
            }
        });
    }

    /** Re-allocates a port's addresses as asked, keeping those it already holds. */
    public List<FixedIp> reallocate(Port port, List<AddressRequest> requests) {
        List<Subnet> subnets = store.repositories().subnets().listForNetwork(port.networkId());
        return ipam.allocate(port.networkId(), port.id(), subnets,
                requests.stream().map(r -> new Ipam.Request(r.subnetId(), r.ipAddress())).toList(), 1);
    }

    /** Gives the port to a device (a server or router), as Nova and the L3 plugin do; "" for both frees it. */
    public Port bind(Port port, String deviceId, String deviceOwner) {
        Port bound = new Port(port.id(), port.projectId(), port.networkId(), port.name(), port.description(),
                port.adminStateUp(), port.status(), port.macAddress(), deviceId, deviceOwner, port.portSecurityEnabled(),
                port.fixedIps(), port.securityGroupIds(), port.revisionNumber() + 1, port.createdAt(), store.now());
        store.repositories().ports().update(bound);
        refreshServers(port.deviceOwner(), port.deviceId());
        refreshServers(deviceOwner, deviceId);
        return bound;
    }

    /** Records a change made to a port's addresses or device elsewhere, so servers' address caches follow it. */
    void changed(Port before, Port after) {
        refreshServers(before.deviceOwner(), before.deviceId());
        if (!after.deviceId().equals(before.deviceId()) || !after.fixedIps().equals(before.fixedIps())) {
            refreshServers(after.deviceOwner(), after.deviceId());
        }
    }

    /** A server's address cache is rebuilt from its ports whenever one of them changes. */
    private void refreshServers(String deviceOwner, String deviceId) {
        if (deviceOwner.startsWith(COMPUTE_OWNER) && !deviceId.isEmpty()) {
            store.serverAddresses().refresh(deviceId);
        }
    }

    /** Removes a port: its addresses return to the pools and floating IPs on it are disassociated. */
    public void delete(Port port) {
        store.jdbi().useTransaction(h -> {
            store.repositories().floatingIps().disassociatePort(port.id());
            store.repositories().tags().removeAll(port.id());
            store.repositories().ports().delete(port.id());
            refreshServers(port.deviceOwner(), port.deviceId());
        });
    }

    public Optional<Port> find(String id) {
        return store.repositories().ports().find(id);
    }

    /** The ports of the devices (routers), with addresses, in one query. */
    public List<Port> portsOf(List<String> deviceIds) {
        return store.repositories().ports().listForDevices(deviceIds);
    }

    /** The ports of a server: only those of the server's own project. */
    public List<Port> portsOfServer(String serverId) {
        return store.repositories().ports().listForServers(List.of(serverId));
    }

    /**
     * Refuses a {@code device_id} that names a server or router of another project than the port's, unless an
     * administrator sets it, as Neutron refuses a device it does not own ({@code DeviceIDNotOwnedByTenant}).
     */
    void checkDevice(AuthContext auth, String projectId, String deviceId) {
        if (auth.isAdmin() || deviceId.isEmpty()) {
            return;
        }
        Optional<String> owner = store.repositories().ports().deviceProject(deviceId);
        if (owner.isPresent() && !owner.get().equals(projectId)) {
            throw Neutron.conflict("DeviceIDNotOwnedByTenant", "The following device_id " + deviceId
                    + " is not owned by your tenant or matches another tenants router.");
        }
    }

    static Optional<String> normalizedMac(String text) {
        if (text == null || !MAC.matcher(text).matches()) {
            return Optional.empty();
        }
        String mac = text.toLowerCase(java.util.Locale.ROOT).replace('-', ':');
        int first = Integer.parseInt(mac.substring(0, 2), 16);
        boolean multicast = (first & 1) == 1;
        return multicast || mac.equals("00:00:00:00:00:00") ? Optional.empty() : Optional.of(mac);
    }

    private String checkedMac(String networkId, String text) {
        String mac = normalizedMac(text)
                .orElseThrow(() -> Neutron.invalid("mac_address", "'" + Neutron.show(text) + "' is not a valid MAC address"));
        if (store.repositories().ports().macInUse(networkId, mac)) {
            throw Neutron.conflict("MacAddressInUse", "Unable to complete operation for network " + networkId
                    + ". The mac address " + mac + " is in use.");
        }
        return mac;
    }

    private String freeMac(String networkId) {
        for (int attempt = 0; attempt < 16; attempt++) {
            byte[] tail = new byte[3];
            RANDOM.nextBytes(tail);
            String mac = MAC_PREFIX + ":" + HexFormat.ofDelimiter(":").formatHex(tail);
            if (!store.repositories().ports().macInUse(networkId, mac)) {
                return mac;
            }
        }
        throw Neutron.conflict("MacAddressGenerationFailure", "Unable to generate unique mac on network " + networkId + ".");
    }
}
