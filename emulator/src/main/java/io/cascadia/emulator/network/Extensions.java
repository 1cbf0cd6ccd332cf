package io.cascadia.emulator.network;

import java.util.List;

/**
 * The Neutron API extensions the site implements, and only those: clients decide what to send by this list, and
 * every attribute the site writes belongs to one of them.
 */
final class Extensions {
    /** One entry of {@code /v2.0/extensions}. */
    record Extension(String alias, String name, String description) {
    }

    static final String UPDATED = "2024-01-01T10:00:00-00:00";

    static final List<Extension> ALL = List.of(
            new Extension("agent", "agent", "The agent management extension."),
            new Extension("allowed-address-pairs", "Allowed Address Pairs", "Provides allowed address pairs"),
            new Extension("availability_zone", "Availability Zone", "The availability zone extension."),
            new Extension("binding", "Port Binding", "Expose port bindings of a virtual port to external application"),
            new Extension("dvr", "Distributed Virtual Router", "Enables configuration of Distributed Virtual Routers."),
            new Extension("external-net", "Neutron external network", "Adds external network attribute to network resource."),
            new Extension("extraroute", "Neutron Extra Route", "Extra routes configuration for L3 router"),
            new Extension("extraroute-atomic", "Atomically add/remove extra routes", "Edit extra routes of a router on server side by atomically adding/removing extra routes"),
            new Extension("filter-validation", "Filter parameters validation", "Provides validation on filter parameters."),
            new Extension("ip_allocation", "IP Allocation", "IP allocation extension."),
            new Extension("l3-ha", "HA Router extension", "Adds HA capability to routers."),
            new Extension("multi-provider", "Multi Provider Network", "Expose mapping of virtual networks to multiple physical networks"),
            new Extension("net-mtu", "Network MTU", "Provides MTU attribute for a network resource."),
            new Extension("network_availability_zone", "Network Availability Zone", "Availability zone support for network."),
            new Extension("pagination", "Pagination support", "Extension that indicates that pagination is enabled."),
            new Extension("port-security", "Port Security", "Provides port security"),
            new Extension("project-id", "project_id field enabled", "Extension that indicates that project_id field is enabled."),
            new Extension("provider", "Provider Network", "Expose mapping of virtual networks to physical networks"),
            new Extension("quotas", "Quota management support", "Expose functions for quotas management per project"),
            new Extension("quota_details", "Quota details management support", "Expose functions for quotas usage statistics per project"),
            new Extension("router", "Neutron L3 Router", "Router abstraction for basic L3 forwarding between L2 Neutron networks and access to external networks via a NAT gateway."),
            new Extension("router_availability_zone", "Router Availability Zone", "Availability zone support for router."),
            new Extension("security-group", "security-group", "The security groups extension."),
            new Extension("segment", "Segment", "Segments extension."),
            new Extension("sorting", "Sorting support", "Extension that indicates that sorting is enabled."),
            new Extension("standard-attr-description", "standard-attr-description", "Extension to add descriptions to standard attributes"),
            new Extension("standard-attr-revisions", "Resource revision numbers", "This extension will display the revision number of neutron resources."),
            new Extension("standard-attr-tag", "Tag support for resources with standard attribute: subnet, trunk, network_segment_range, router, network, policy, subnetpool, port, security_group, floatingip", "Enables to set tag on resources with standard attribute."),
            new Extension("standard-attr-timestamp", "Resource timestamps", "Adds created_at and updated_at fields to all Neutron resources that have Neutron standard attributes."),
            new Extension("stateful-security-group", "Stateful security group", "Indicates if the security group is stateful or not"));

    private Extensions() {
    }
}
