package io.cascadia.api.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.error.OpenStackException;
import io.cascadia.core.jobs.Job;
import io.cascadia.core.jobs.JobState;
import io.cascadia.core.json.Fields;
import io.cascadia.core.json.Json;
import io.cascadia.core.routing.Routing;
import io.cascadia.core.sites.Site;
import io.cascadia.core.sites.SiteOperations;
import io.cascadia.store.jobs.Jobs;
import io.cascadia.store.routing.RoutingTable;
import io.cascadia.web.ApiModule;
import io.cascadia.web.AuthContext;
import io.cascadia.web.PageRequest;
import io.cascadia.web.Responses;
import io.cascadia.web.Router;
import io.cascadia.web.Service;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cascadia's own admin API, {@code /cascadia/v1}, for cloud administrators only: sites (list, show, add, disable,
 * enable), the routing table (by top id, site, type; paged) and jobs (by state, site, resource; show; redo).
 */
public final class AdminApi implements ApiModule {
    private static final int MAX_PAGE = 1000;

    private final SiteOperations sites;
    private final RoutingTable routing;
    private final Jobs jobs;
    private final Clock clock;

    public AdminApi(SiteOperations sites, RoutingTable routing, Jobs jobs, Clock clock) {
        this.sites = requireNonNull(sites, "sites is null");
        this.routing = requireNonNull(routing, "routing is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Service service() {
        return Service.ADMIN;
    }

    @Override
    public String prefix() {
        return "/cascadia";
    }

    @Override
    public void register(Router router) {
        router.get("/v1/sites", admin(this::listSites));
        router.post("/v1/sites", admin(this::addSite));
        router.get("/v1/sites/{region}", admin(ctx -> Responses.json(ctx, 200, wrap("site", site(siteNamed(ctx.pathParam("region")))))));
        router.post("/v1/sites/{region}/disable", admin(ctx -> Responses.json(ctx, 200, wrap("site", site(sites.disable(known(ctx)))))));
        router.post("/v1/sites/{region}/enable", admin(ctx -> Responses.json(ctx, 200, wrap("site", site(sites.enable(known(ctx)))))));
        router.get("/v1/routings", admin(this::listRoutings));
        router.get("/v1/jobs", admin(this::listJobs));
        router.get("/v1/jobs/{id}", admin(ctx -> Responses.json(ctx, 200, wrap("job", job(jobNamed(ctx))))));
        router.post("/v1/jobs/{id}/redo", admin(this::redo));
    }

    private io.cascadia.web.AuthenticatedHandler admin(io.javalin.http.Handler handler) {
        return (Context ctx, AuthContext auth) -> {
            if (!auth.isAdmin()) {
                throw OpenStackException.forbidden("You are not authorized to perform the requested action: cascadia admin API.");
            }
            handler.handle(ctx);
        };
    }

    private void listSites(Context ctx) {
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("sites");
        sites.list().forEach(site -> array.add(site(site)));
        Responses.json(ctx, 200, body);
    }

    private void addSite(Context ctx) {
        ObjectNode site = Fields.requiredObject(Json.parseObject(ctx.body()), "site");
        String region = Fields.checkLength("region", Fields.requiredString(site, "region"), 1, 255);
        Map<String, String> zones = Fields.optionalStringMap(site, "availability_zones").orElse(Map.of());
        Site added = sites.add(region, zones);
        Responses.json(ctx, 201, wrap("site", site(added)));
    }

    private void listRoutings(Context ctx) {
        PageRequest page = PageRequest.parse(ctx, MAX_PAGE);
        Routing after = page.marker() == null ? null : RoutingMarker.decode(page.marker());
        List<Routing> rows = routing.list(ctx.queryParam("top_id"), ctx.queryParam("region"), ctx.queryParam("resource_type"),
                after, page.limit());
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("routings");
        rows.forEach(row -> array.add(routing(row)));
        if (page.isFull(rows.size())) {
            body.putArray("routings_links").addObject().put("rel", "next")
                    .put("href", page.nextHref(ctx, RoutingMarker.encode(rows.getLast())));
        }
        Responses.json(ctx, 200, body);
    }

    private void listJobs(Context ctx) {
        PageRequest page = PageRequest.parse(ctx, MAX_PAGE);
        JobState state = ctx.queryParam("state") == null ? null : jobState(ctx.queryParam("state"));
        Long before = page.marker() == null ? null : jobId(page.marker());
        List<Job> rows = jobs.list(state, ctx.queryParam("region"), ctx.queryParam("resource_id"), ctx.queryParam("type"),
                before, page.limit());
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("jobs");
        rows.forEach(row -> array.add(job(row)));
        if (page.isFull(rows.size())) {
            body.putArray("jobs_links").addObject().put("rel", "next")
                    .put("href", page.nextHref(ctx, Long.toString(rows.getLast().id())));
        }
        Responses.json(ctx, 200, body);
    }

    private void redo(Context ctx) {
        Job job = jobNamed(ctx);
        if (!jobs.redo(job.id(), clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS))) {
            throw OpenStackException.conflict("Job " + job.id() + " is " + job.state().wire() + "; only failed or succeeded jobs can be redone.");
        }
        Responses.json(ctx, 202, wrap("job", job(jobs.find(job.id()).orElseThrow())));
    }

    private Site siteNamed(String region) {
        return sites.list().stream().filter(s -> s.region().equals(region)).findFirst()
                .orElseThrow(() -> OpenStackException.notFound("Site " + region + " could not be found."));
    }

    private String known(Context ctx) {
        return siteNamed(ctx.pathParam("region")).region();
    }

    private Job jobNamed(Context ctx) {
        long id = jobId(ctx.pathParam("id"));
        return jobs.find(id).orElseThrow(() -> OpenStackException.notFound("Job " + id + " could not be found."));
    }

    private static long jobId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw OpenStackException.badRequest("Invalid job id: " + (text.length() > 32 ? text.substring(0, 32) + "..." : text));
        }
    }

    private static JobState jobState(String text) {
        try {
            return JobState.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw OpenStackException.badRequest("Invalid job state: expected pending, running, succeeded or failed.");
        }
    }

    private ObjectNode site(Site site) {
        ObjectNode node = Json.object()
                .put("region", site.region())
                .put("state", site.state().wire())
                .put("state_since", site.stateSince().toString())
                .put("last_error", site.lastError());
        ArrayNode zones = node.putArray("availability_zones");
        site.zones().forEach(zone -> zones.addObject().put("name", zone.topName()).put("site_zone", zone.siteName()));
        ObjectNode endpoints = node.putObject("endpoints");
        sites.endpoints(site.region()).forEach(endpoints::put);
        return node;
    }

    private static ObjectNode routing(Routing row) {
        return Json.object()
                .put("top_id", row.topId())
                .put("resource_type", row.resourceType())
                .put("region", row.region())
                .put("bottom_id", row.bottomId())
                .put("state", row.state().wire())
                .put("created_at", row.createdAt().toString())
                .put("updated_at", row.updatedAt().toString());
    }

    private static ObjectNode job(Job job) {
        ObjectNode node = Json.object()
                .put("id", job.id())
                .put("type", job.type())
                .put("resource_type", job.resourceType())
                .put("resource_id", job.resourceId())
                .put("region", job.region())
                .put("state", job.state().wire())
                .put("attempts", job.attempts())
                .put("run_after", job.runAfter().toString())
                .put("lease_until", job.leaseUntil() == null ? null : job.leaseUntil().toString())
                .put("leased_by", job.leasedBy())
                .put("last_error", job.lastError())
                .put("request_id", job.requestId())
                .put("created_at", job.createdAt().toString())
                .put("updated_at", job.updatedAt().toString());
        node.set("payload", Json.read(job.payload()));
        return node;
    }

    private static ObjectNode wrap(String key, ObjectNode value) {
        ObjectNode body = Json.object();
        body.set(key, value);
        return body;
    }
}
