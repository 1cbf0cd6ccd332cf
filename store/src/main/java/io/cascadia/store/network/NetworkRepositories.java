package io.cascadia.store.network;

import org.jdbi.v3.core.Jdbi;

/** The Neutron repositories over one database. */
public record NetworkRepositories(Jdbi jdbi, Networks networks, Subnets subnets, Ports ports, Routers routers,
                                  SecurityGroups securityGroups, FloatingIps floatingIps, Tags tags) {
    public static NetworkRepositories of(Jdbi jdbi) {
        return new NetworkRepositories(jdbi, new Networks(jdbi), new Subnets(jdbi), new Ports(jdbi), new Routers(jdbi),
                new SecurityGroups(jdbi), new FloatingIps(jdbi), new Tags(jdbi));
    }
}
