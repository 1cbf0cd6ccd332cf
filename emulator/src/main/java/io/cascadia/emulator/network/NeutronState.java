package io.cascadia.emulator.network;

import io.cascadia.emulator.runtime.Host;
import io.cascadia.emulator.runtime.ResourceTable;
import io.cascadia.emulator.runtime.StringPool;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Everything one site's Neutron holds, in memory: the resource tables, the secondary indexes (ports by network, by
 * device and by host; rules by group), each subnet's address pool, the MACs in use per network and the segment ids
 * in use. Writes run one at a time under {@link #write}; reads go to the concurrent tables without locking.
 */
final class NeutronState {
    final ResourceTable<String, Network> networks = new ResourceTable<>(Network::id);
    final ResourceTable<String, Subnet> subnets = new ResourceTable<>(Subnet::id);
    final ResourceTable<String, Port> ports = new ResourceTable<>(Port::id);
    final ResourceTable<String, Router> routers = new ResourceTable<>(Router::id);
    final ResourceTable<String, SecurityGroup> securityGroups = new ResourceTable<>(SecurityGroup::id);
    final ResourceTable<String, SecurityGroupRule> rules = new ResourceTable<>(SecurityGroupRule::id);

    private final Map<String, NavigableSet<String>> portsByNetwork = new ConcurrentHashMap<>();
    private final Map<String, NavigableSet<String>> portsByDevice = new ConcurrentHashMap<>();
    private final Map<String, NavigableSet<String>> portsByHost = new ConcurrentHashMap<>();
    private final Map<String, NavigableSet<String>> rulesByGroup = new ConcurrentHashMap<>();
    private final Map<String, AddressPool> addressPools = new HashMap<>();
    private final Map<String, Set<String>> macsByNetwork = new HashMap<>();
    private final Set<String> segmentKeys = new HashSet<>();
    private final List<Runnable> portListeners = new CopyOnWriteArrayList<>();
    private final Map<String, Host> hosts;
    private final Host l3Host;
    private final ReentrantLock lock = new ReentrantLock();
    private final Clock clock;
    private final int firstVni;
    private int nextVni;
    final StringPool strings = new StringPool();

    NeutronState(List<Host> hosts, Clock clock, int firstVni) {
        Map<String, Host> byName = new LinkedHashMap<>();
        hosts.forEach(host -> byName.put(host.name(), host));
        this.hosts = Collections.unmodifiableMap(byName);
        this.l3Host = hosts.getFirst();
        this.clock = clock;
        this.firstVni = firstVni;
        this.nextVni = firstVni;
    }

    /** Runs a change under the write lock; changes of one site never interleave. */
    <T> T write(Supplier<T> change) {
        lock.lock();
        try {
            return change.get();
        } finally {
            lock.unlock();
        }
    }

    void writeVoid(Runnable change) {
        write(() -> {
            change.run();
            return null;
        });
    }

    Instant now() {
        return clock.instant();
    }

    Map<String, Host> hosts() {
        return hosts;
    }

    /** The host of the site's L3 agent, where router ports are bound. */
    Host l3Host() {
        return l3Host;
    }

    // ports and their indexes

    /** Called after every change to a port, under the write lock: must return at once (e.g. wake a thread). */
    void onPortChange(Runnable listener) {
        portListeners.add(listener);
    }

    private void portChanged() {
        portListeners.forEach(Runnable::run);
    }

    void putPort(Port port) {
        Port previous = ports.find(port.id()).orElse(null);
        ports.put(port);
        index(portsByNetwork, port.networkId(), port.id());
        if (previous != null && !previous.deviceId().equals(port.deviceId())) {
            unindex(portsByDevice, previous.deviceId(), port.id());
        }
        if (!port.deviceId().isEmpty()) {
            index(portsByDevice, port.deviceId(), port.id());
        }
        if (previous != null && !previous.binding().hostId().equals(port.binding().hostId())) {
            unindex(portsByHost, previous.binding().hostId(), port.id());
        }
        if (port.binding().isBound()) {
            index(portsByHost, port.binding().hostId(), port.id());
        }
        portChanged();
    }

    void removePort(Port port) {
        ports.remove(port.id());
        unindex(portsByNetwork, port.networkId(), port.id());
        unindex(portsByDevice, port.deviceId(), port.id());
        unindex(portsByHost, port.binding().hostId(), port.id());
        for (FixedIp ip : port.fixedIps()) {
            AddressPool pool = addressPools.get(ip.subnetId());
            if (pool != null) {
                pool.release(ip.ipAddress());
            }
        }
        Set<String> macs = macsByNetwork.get(port.networkId());
        if (macs != null) {
            macs.remove(port.macAddress());
        }
        portChanged();
    }

    /** Ids of the ports on a network, in id order (a live view). */
    NavigableSet<String> portIdsOnNetwork(String networkId) {
        return portsByNetwork.getOrDefault(networkId, Collections.emptyNavigableSet());
    }

    NavigableSet<String> portIdsOfDevice(String deviceId) {
        return portsByDevice.getOrDefault(deviceId, Collections.emptyNavigableSet());
    }

    NavigableSet<String> portIdsOnHost(String hostId) {
        return portsByHost.getOrDefault(hostId, Collections.emptyNavigableSet());
    }

    // rules

    void putRule(SecurityGroupRule rule) {
        rules.put(rule);
        index(rulesByGroup, rule.securityGroupId(), rule.id());
    }

    void removeRule(SecurityGroupRule rule) {
        rules.remove(rule.id());
        unindex(rulesByGroup, rule.securityGroupId(), rule.id());
    }

    List<SecurityGroupRule> rulesOf(String groupId) {
        return rulesByGroup.getOrDefault(groupId, Collections.emptyNavigableSet()).stream()
                .map(id -> rules.find(id).orElse(null))
                .filter(Objects::nonNull)
                .toList();
    }

    // addresses

    AddressPool addressPool(String subnetId) {
        return addressPools.get(subnetId);
    }

    void addAddressPool(String subnetId, AddressPool pool) {
        addressPools.put(subnetId, pool);
    }

    void removeAddressPool(String subnetId) {
        addressPools.remove(subnetId);
    }

    /** Marks a MAC used on a network; false when it already is. */
    boolean takeMac(String networkId, String mac) {
        return macsByNetwork.computeIfAbsent(networkId, n -> new HashSet<>()).add(mac);
    }

    void releaseMac(String networkId, String mac) {
        Set<String> macs = macsByNetwork.get(networkId);
        if (macs != null) {
            macs.remove(mac);
        }
    }

    void forgetNetwork(String networkId) {
        macsByNetwork.remove(networkId);
        portsByNetwork.remove(networkId);
    }

    // segments

    /** Claims a segment; false when another network already uses it. */
    boolean takeSegment(Segment segment) {
        return segmentKeys.add(segmentKey(segment));
    }

    void releaseSegment(Segment segment) {
        segmentKeys.remove(segmentKey(segment));
    }

    /** The next free VXLAN id at or above the site's first VNI. */
    int allocateVni() {
        while (segmentKeys.contains("vxlan:" + nextVni)) {
            nextVni = nextVni >= 16_777_215 ? firstVni : nextVni + 1;
        }
        return nextVni;
    }

    private static String segmentKey(Segment segment) {
        return switch (segment.networkType()) {
            case "vxlan", "geneve" -> segment.networkType() + ":" + segment.segmentationId();
            case "vlan" -> "vlan:" + segment.physicalNetwork() + ":" + segment.segmentationId();
            case "flat" -> "flat:" + segment.physicalNetwork();
            default -> "local:" + segment.id();
        };
    }

    private static void index(Map<String, NavigableSet<String>> index, String key, String id) {
        if (key != null && !key.isEmpty()) {
            index.computeIfAbsent(key, k -> new ConcurrentSkipListSet<>()).add(id);
        }
    }

    private static void unindex(Map<String, NavigableSet<String>> index, String key, String id) {
        if (key == null || key.isEmpty()) {
            return;
        }
        NavigableSet<String> ids = index.get(key);
        if (ids != null) {
            ids.remove(id);
            if (ids.isEmpty()) {
                index.remove(key, ids);
            }
        }
    }
}
