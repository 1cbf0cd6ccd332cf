package io.cascadia.emulator.network;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.cascadia.core.time.Timestamps;
import java.time.Instant;
import java.util.List;

/**
 * Neutron's JSON for each resource, with exactly the attributes of the extensions the site advertises. Attributes
 * that Neutron's default policy shows only to administrators (provider attributes, port bindings, router
 * distributed/ha) are left out for everyone else, as Neutron leaves them out.
 */
final class NeutronViews {
    private final NeutronState state;

    NeutronViews(NeutronState state) {
        this.state = state;
    }

    ObjectNode network(Network network, boolean admin) {
        ObjectNode node = Json.object()
                .put("id", network.id())
                .put("name", network.name())
                .put("tenant_id", network.projectId())
                .put("project_id", network.projectId())
                .put("admin_state_up", network.adminStateUp())
                .put("status", "ACTIVE");
        strings(node.putArray("subnets"), network.subnetIds());
        node.put("shared", network.shared())
                .put("router:external", network.external())
                .put("mtu", network.segment().mtu())
                .put("port_security_enabled", network.portSecurityEnabled());
        strings(node.putArray("availability_zone_hints"), network.availabilityZoneHints());
        node.putArray("availability_zones");
        node.put("description", network.description());
        standard(node, network.tags(), network.createdAt(), network.updatedAt(), network.revision());
        if (admin) {
            Segment segment = network.segment();
            node.put("provider:network_type", segment.networkType())
                    .put("provider:physical_network", segment.physicalNetwork());
            if (segment.segmentationId() == null) {
                node.putNull("provider:segmentation_id");
            } else {
                node.put("provider:segmentation_id", segment.segmentationId());
            }
        }
        return node;
    }

    ObjectNode segment(Network network) {
        Segment segment = network.segment();
        ObjectNode node = Json.object()
                .put("id", segment.id())
                .put("network_id", network.id())
                .putNull("name")
                .putNull("description")
                .put("network_type", segment.networkType())
                .put("physical_network", segment.physicalNetwork());
        if (segment.segmentationId() == null) {
            node.putNull("segmentation_id");
        } else {
            node.put("segmentation_id", segment.segmentationId());
        }
        node.put("created_at", time(network.createdAt()))
                .put("updated_at", time(network.createdAt()))
                .put("revision_number", 0);
        return node;
    }

    ObjectNode subnet(Subnet subnet) {
        ObjectNode node = Json.object()
                .put("id", subnet.id())
                .put("name", subnet.name())
                .put("tenant_id", subnet.projectId())
                .put("project_id", subnet.projectId())
                .put("network_id", subnet.networkId())
                .put("ip_version", subnet.ipVersion())
                .putNull("subnetpool_id")
                .put("enable_dhcp", subnet.enableDhcp())
                .put("ipv6_ra_mode", subnet.ipv6RaMode())
                .put("ipv6_address_mode", subnet.ipv6AddressMode())
                .put("gateway_ip", subnet.gatewayIp())
                .put("cidr", subnet.cidr().text());
        ArrayNode pools = node.putArray("allocation_pools");
        subnet.allocationPools().forEach(pool -> pools.addObject().put("start", pool.start()).put("end", pool.end()));
        ArrayNode routes = node.putArray("host_routes");
        subnet.hostRoutes().forEach(route -> routes.addObject()
                .put("destination", route.destination()).put("nexthop", route.nexthop()));
        strings(node.putArray("dns_nameservers"), subnet.dnsNameservers());
        node.put("description", subnet.description());
        node.putArray("service_types");
        node.putNull("segment_id");
        standard(node, subnet.tags(), subnet.createdAt(), subnet.updatedAt(), subnet.revision());
        return node;
    }

    ObjectNode port(Port port, boolean admin) {
        ObjectNode node = Json.object()
                .put("id", port.id())
                .put("name", port.name())
                .put("network_id", port.networkId())
                .put("tenant_id", port.projectId())
                .put("project_id", port.projectId())
                .put("mac_address", port.macAddress())
                .put("admin_state_up", port.adminStateUp())
                .put("status", port.status().name())
                .put("device_id", port.deviceId())
                .put("device_owner", port.deviceOwner());
        ArrayNode fixedIps = node.putArray("fixed_ips");
        port.fixedIps().forEach(ip -> fixedIps.addObject().put("subnet_id", ip.subnetId()).put("ip_address", ip.ipAddress()));
        ArrayNode pairs = node.putArray("allowed_address_pairs");
        port.allowedAddressPairs().forEach(pair -> pairs.addObject()
                .put("ip_address", pair.ipAddress()).put("mac_address", pair.macAddress()));
        strings(node.putArray("security_groups"), port.securityGroupIds());
        node.put("description", port.description())
                .put("port_security_enabled", port.portSecurityEnabled())
                .put("ip_allocation", "immediate")
                .put("binding:vnic_type", port.binding().vnicType());
        standard(node, port.tags(), port.createdAt(), port.updatedAt(), port.revision());
        if (admin) {
            node.put("binding:host_id", port.binding().hostId());
            node.set("binding:profile", port.binding().profile());
            node.put("binding:vif_type", port.vifType());
            ObjectNode details = node.putObject("binding:vif_details");
            if (Ports.VIF_OVS.equals(port.vifType())) {
                details.put("connectivity", "l2")
                        .put("port_filter", true)
                        .put("ovs_hybrid_plug", false)
                        .put("datapath_type", "system")
                        .put("bridge_name", "br-int");
            }
        }
        return node;
    }

    ObjectNode router(Router router, boolean admin) {
        ObjectNode node = Json.object()
                .put("id", router.id())
                .put("name", router.name())
                .put("tenant_id", router.projectId())
                .put("project_id", router.projectId())
                .put("admin_state_up", router.adminStateUp())
                .put("status", "ACTIVE");
        Router.Gateway gateway = router.gateway();
        if (gateway == null) {
            node.putNull("external_gateway_info");
        } else {
            ObjectNode info = node.putObject("external_gateway_info")
                    .put("network_id", gateway.networkId())
                    .put("enable_snat", gateway.enableSnat());
            ArrayNode ips = info.putArray("external_fixed_ips");
            gateway.externalFixedIps().forEach(ip -> ips.addObject()
                    .put("subnet_id", ip.subnetId()).put("ip_address", ip.ipAddress()));
        }
        ArrayNode routes = node.putArray("routes");
        router.routes().forEach(route -> routes.addObject()
                .put("destination", route.destination()).put("nexthop", route.nexthop()));
        node.put("description", router.description());
        node.putArray("availability_zone_hints");
        node.putArray("availability_zones").add(state.l3Host().availabilityZone());
        standard(node, router.tags(), router.createdAt(), router.updatedAt(), router.revision());
        if (admin) {
            node.put("distributed", router.distributed()).put("ha", router.ha());
        }
        return node;
    }

    ObjectNode securityGroup(SecurityGroup group) {
        ObjectNode node = Json.object()
                .put("id", group.id())
                .put("name", group.name())
                .put("tenant_id", group.projectId())
                .put("project_id", group.projectId())
                .put("description", group.description())
                .put("stateful", group.stateful());
        ArrayNode rules = node.putArray("security_group_rules");
        state.rulesOf(group.id()).forEach(rule -> rules.add(rule(rule)));
        standard(node, group.tags(), group.createdAt(), group.updatedAt(), group.revision());
        return node;
    }

    ObjectNode rule(SecurityGroupRule rule) {
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
                .put("created_at", time(rule.createdAt()))
                .put("updated_at", time(rule.updatedAt()))
                .put("revision_number", rule.revision());
        return node;
    }

    /** {@code tags}, {@code created_at}, {@code updated_at}, {@code revision_number}: the standard attributes. */
    private static void standard(ObjectNode node, List<String> tags, Instant created, Instant updated, int revision) {
        strings(node.putArray("tags"), tags);
        node.put("created_at", time(created))
                .put("updated_at", time(updated))
                .put("revision_number", revision);
    }

    static String time(Instant instant) {
        return Timestamps.seconds(instant);
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
