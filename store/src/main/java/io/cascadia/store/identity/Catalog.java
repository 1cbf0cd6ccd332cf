package io.cascadia.store.identity;

import io.cascadia.core.identity.CatalogService;
import io.cascadia.core.identity.Endpoint;
import io.cascadia.core.identity.Region;
import io.cascadia.store.Filters;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** The service catalog: regions, services and their endpoints. */
public final class Catalog {
    private static final RowMapper<Region> REGION = (rs, ctx) -> new Region(
            rs.getString("id"), rs.getString("description"), rs.getString("parent_region_id"));
    private static final RowMapper<CatalogService> SERVICE = (rs, ctx) -> new CatalogService(
            rs.getString("id"), rs.getString("type"), rs.getString("name"), rs.getString("description"),
            rs.getBoolean("enabled"));
    private static final RowMapper<Endpoint> ENDPOINT = (rs, ctx) -> new Endpoint(
            rs.getString("id"), rs.getString("service_id"), rs.getString("region_id"), rs.getString("interface"),
            rs.getString("url"), rs.getBoolean("enabled"));

    private final Jdbi jdbi;

    public Catalog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void insertRegion(Region region) {
        jdbi.useHandle(h -> h.createUpdate(
                        "insert into region (id, description, parent_region_id) values (:id, :description, :parentRegionId)")
                .bindMethods(region).execute());
    }

    public void updateRegion(Region region) {
        jdbi.useHandle(h -> h.createUpdate(
                        "update region set description = :description, parent_region_id = :parentRegionId where id = :id")
                .bindMethods(region).execute());
    }

    public boolean deleteRegion(String id) {
        return jdbi.withHandle(h -> h.createUpdate("delete from region where id = :id").bind("id", id).execute()) > 0;
    }

    public Optional<Region> findRegion(String id) {
        return jdbi.withHandle(h -> h.createQuery("select * from region where id = :id").bind("id", id).map(REGION).findOne());
    }

    public List<Region> listRegions(String parentRegionId) {
        Filters filters = new Filters().equal("parent_region_id", parentRegionId);
        return jdbi.withHandle(h -> filters.bind(h.createQuery("select * from region" + filters.whereClause() + " order by id"))
                .map(REGION).list());
    }

    public boolean regionInUse(String id) {
        return jdbi.withHandle(h -> h.createQuery(
                        "select count(*) from endpoint where region_id = :id")
                .bind("id", id).mapTo(Integer.class).one()) > 0
                || !listRegions(id).isEmpty();
    }

    public void insertService(CatalogService service) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into catalog_service (id, type, name, description, enabled)
                        values (:id, :type, :name, :description, :enabled)""")
                .bindMethods(service).execute());
    }

    public void updateService(CatalogService service) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update catalog_service set type = :type, name = :name, description = :description,
                          enabled = :enabled where id = :id""")
                .bindMethods(service).execute());
    }

    public boolean deleteService(String id) {
        return jdbi.withHandle(h -> h.createUpdate("delete from catalog_service where id = :id").bind("id", id).execute()) > 0;
    }

    public Optional<CatalogService> findService(String id) {
        return jdbi.withHandle(h -> h.createQuery("select * from catalog_service where id = :id")
                .bind("id", id).map(SERVICE).findOne());
    }

    public List<CatalogService> listServices(String type, String name) {
        Filters filters = new Filters().equal("type", type).equal("name", name);
        return jdbi.withHandle(h -> filters.bind(h.createQuery(
                        "select * from catalog_service" + filters.whereClause() + " order by type, name"))
                .map(SERVICE).list());
    }

    public void insertEndpoint(Endpoint endpoint) {
        jdbi.useHandle(h -> h.createUpdate("""
                        insert into endpoint (id, service_id, region_id, interface, url, enabled)
                        values (:id, :serviceId, :regionId, :iface, :url, :enabled)""")
                .bindMethods(endpoint).execute());
    }

    public void updateEndpoint(Endpoint endpoint) {
        jdbi.useHandle(h -> h.createUpdate("""
                        update endpoint set service_id = :serviceId, region_id = :regionId, interface = :iface,
                          url = :url, enabled = :enabled where id = :id""")
                .bindMethods(endpoint).execute());
    }

    public boolean deleteEndpoint(String id) {
        return jdbi.withHandle(h -> h.createUpdate("delete from endpoint where id = :id").bind("id", id).execute()) > 0;
    }

    public Optional<Endpoint> findEndpoint(String id) {
        return jdbi.withHandle(h -> h.createQuery("select * from endpoint where id = :id").bind("id", id).map(ENDPOINT).findOne());
    }

    public List<Endpoint> listEndpoints(String serviceId, String regionId, String iface) {
        Filters filters = new Filters().equal("service_id", serviceId).equal("region_id", regionId).equal("interface", iface);
        return jdbi.withHandle(h -> filters.bind(h.createQuery(
                        "select * from endpoint" + filters.whereClause() + " order by region_id, service_id, interface"))
                .map(ENDPOINT).list());
    }
}
