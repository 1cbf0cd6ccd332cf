package io.cascadia.api.network;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.core.network.FixedIp;
import io.cascadia.core.network.FloatingIp;
import io.cascadia.core.network.Network;
import io.cascadia.core.network.Port;
import io.cascadia.core.network.Router;
import io.cascadia.core.network.SecurityGroup;
import io.cascadia.core.network.SecurityGroupRule;
import io.cascadia.core.network.Subnet;
import io.cascadia.core.time.Timestamps;
import java.util.List;

/** Neutron's JSON for each resource: exactly the attributes of the extensions {@link Extensions} advertises. */
final class NetworkViews {
    private NetworkViews() {
    }

    static ObjectNode network(Network network, List<String> subnetIds, List<String> tags) {
        ObjectNode node = Json.object()
                .put("id", network.id())
                .put("name", network.name())
                .put("tenant_id", network.projectId())
                .put("project_id", network.projectId())
                .put("admin_state_up", network.adminStateUp())
                .put("mtu", network.mtu())
                .put("status", "ACTIVE");
        strings(node.putArray("subnets"), subnetIds);
        node.put("shared", network.shared())
                .put("router:external", network.external())
                .put("description", network.description())
                .put("port_security_enabled", network.portSecurityEnabled());
        strings(node.putArray("availability_zone_hints"), network.availabilityZoneHints());
        node.putArray("availability_zones");
        node.put("l2_adjacency", true);
        standard(node, network.revisionNumber(), network.createdAt(), network.updatedAt(), tags);
        return node;
    }

    static ObjectNode subnet(Subnet subnet, List<String> tags) {
        ObjectNode node = Json.object()
                .put("id", subnet.id())
                .put("name", subnet.name())
                .put("tenant_id", subnet.projectId())
                .put("project_id", subnet.projectId())
                .put("network_id", subnet.networkId())
                .put("ip_version", subnet.ipVersion())
                .putNull("subnetpool_id")
                .put("enable_dhcp", subnet.enableDhcp())
                .putNull("ipv6_ra_mode")
                .putNull("ipv6_address_mode")
                .put("gateway_ip", subnet.gatewayIp())
                .put("cidr", subnet.cidr());
        ArrayNode pools = node.putArray("allocation_pools");
        subnet.allocationPools().forEach(p -> pools.addObject().put("start", p.start()).put("end", p.end()));
        ArrayNode routes = node.putArray("host_routes");
        subnet.hostRoutes().forEach(r -> routes.addObject().put("destination", r.destination()).put("nexthop", r.nexthop()));
        strings(node.putArray("dns_nameservers"), subnet.dnsNameservers());
        node.put("description", subnet.description());
        node.putArray("service_types");
        standard(node, subnet.revisionNumber(), subnet.createdAt(), subnet.updatedAt(), tags);
        return node;
    }

    static ObjectNode port(Port port, List<String> tags) {
        ObjectNode node = Json.object()
                .put("id", port.id())
                .put("name", port.name())
                .put("network_id", port.networkId())
                .put("tenant_id", port.projectId())
                .put("project_id", port.projectId())
                .put("mac_address", port.macAddress())
                .put("admin_state_up", port.adminStateUp())
                .put("status", port.status())
                .put("device_id", port.deviceId())
                .put("device_owner", port.deviceOwner());
        fixedIps(node.putArray("fixed_ips"), port.fixedIps());
        node.putArray("allowed_address_pairs");
        strings(node.putArray("security_groups"), port.securityGroupIds());
        node.put("description", port.description())
                .put("port_security_enabled", port.portSecurityEnabled());
        standard(node, port.revisionNumber(), port.createdAt(), port.updatedAt(), tags);
        return node;
    }

    static ObjectNode router(Router router, List<FixedIp> gatewayIps, List<String> tags) {
        ObjectNode node = Json.object()
                .put("id", router.id())
                .put("name", router.name())
                .put("tenant_id", router.projectId())
                .put("project_id", router.projectId())
                .put("admin_state_up", router.adminStateUp())
                .put("status", "ACTIVE");
        if (router.gateway() == null) {
            node.putNull("external_gateway_info");
        } else {
            ObjectNode gateway = node.putObject("external_gateway_info")
                    .put("network_id", router.gateway().networkId())
                    .put("enable_snat", router.gateway().enableSnat());
            fixedIps(gateway.putArray("external_fixed_ips"), gatewayIps);
        }
        node.put("description", router.description())
                .put("distributed", router.distributed());
        ArrayNode routes = node.putArray("routes");
        router.routes().forEach(r -> routes.addObject().put("destination", r.destination()).put("nexthop", r.nexthop()));
        strings(node.putArray("availability_zone_hints"), router.availabilityZoneHints());
        node.putArray("availability_zones");
        standard(node, router.revisionNumber(), router.createdAt(), router.updatedAt(), tags);
        return node;
    }

    static ObjectNode securityGroup(SecurityGroup group, List<SecurityGroupRule> rules, List<String> tags) {
        ObjectNode node = Json.object()
                .put("id", group.id())
                .put("name", group.name())
                .put("tenant_id", group.projectId())
                .put("project_id", group.projectId())
                .put("description", group.description())
                .put("stateful", group.stateful());
        ArrayNode array = node.putArray("security_group_rules");
        rules.forEach(rule -> array.add(rule(rule)));
        standard(node, group.revisionNumber(), group.createdAt(), group.updatedAt(), tags);
        return node;
    }

    static ObjectNode rule(SecurityGroupRule rule) {
        ObjectNode node = Json.object()
                .put("id", rule.id())
                .put("tenant_id", rule.projectId())
                .put("project_id", rule.projectId())
                .put("security_group_id", rule.securityGroupId())
                .put("direction", rule.direction())
                .put("ethertype", rule.ethertype())
                .put("protocol", rule.protocol());
        if (rule.portRangeMin() == null) {
            node.putNull("port_range_min");
        } else {
            node.put("port_range_min", rule.portRangeMin());
        }
        if (rule.portRangeMax() == null) {
            node.putNull("port_range_max");
        } else {
            node.put("port_range_max", rule.portRangeMax());
        }
        node.put("remote_ip_prefix", rule.remoteIpPrefix())
                .put("remote_group_id", rule.remoteGroupId())
                .put("description", rule.description())
                .put("revision_number", rule.revisionNumber())
                .put("created_at", Timestamps.seconds(rule.createdAt()))
                .put("updated_at", Timestamps.seconds(rule.updatedAt()));
        return node;
    }

    static ObjectNode floatingIp(FloatingIp ip, List<String> tags) {
        ObjectNode node = Json.object()
                .put("id", ip.id())
                .put("tenant_id", ip.projectId())
                .put("project_id", ip.projectId())
                .put("floating_network_id", ip.floatingNetworkId())
                .put("floating_ip_address", ip.floatingIpAddress())
                .put("fixed_ip_address", ip.fixedIpAddress())
                .put("port_id", ip.portId())
                .put("router_id", ip.routerId())
                .put("status", ip.status())
                .put("description", ip.description());
        standard(node, ip.revisionNumber(), ip.createdAt(), ip.updatedAt(), tags);
        return node;
    }

    private static void standard(ObjectNode node, long revision, java.time.Instant created, java.time.Instant updated,
                                 List<String> tags) {
        strings(node.putArray("tags"), tags);
        node.put("created_at", Timestamps.seconds(created))
                .put("updated_at", Timestamps.seconds(updated))
                .put("revision_number", revision);
    }

    private static void fixedIps(ArrayNode array, List<FixedIp> ips) {
        ips.forEach(ip -> array.addObject().put("subnet_id", ip.subnetId()).put("ip_address", ip.ipAddress()));
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
