package io.cascadia.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Operational endpoints: {@code /healthz} (200 when every check passes, 503 naming the failed ones) and
 * {@code /metrics} in the Prometheus text format. Neither needs a token, so probes and scrapers work unconfigured.
 */
public final class PlatformApi implements ApiModule {
    private final PrometheusMeterRegistry meters;
    private final Map<String, BooleanSupplier> checks;

    public PlatformApi(PrometheusMeterRegistry meters, Map<String, BooleanSupplier> checks) {
        this.meters = requireNonNull(meters, "meters is null");
        this.checks = new LinkedHashMap<>(checks);
    }

    @Override
    public Service service() {
        return Service.PLATFORM;
    }

    @Override
    public String prefix() {
        return "";
    }

    @Override
    public boolean owns(String path) {
        return path.equals("/healthz") || path.equals("/metrics");
    }

    @Override
    public void register(Router router) {
        router.getPublic("/healthz", ctx -> {
            ObjectNode body = Json.object();
            ObjectNode results = body.putObject("checks");
            boolean healthy = true;
            for (Map.Entry<String, BooleanSupplier> check : checks.entrySet()) {
                boolean passed = passes(check.getValue());
                results.put(check.getKey(), passed ? "ok" : "failed");
                healthy &= passed;
            }
            body.put("status", healthy ? "ok" : "failed");
            Responses.json(ctx, healthy ? 200 : 503, body);
        });
        router.getPublic("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(meters.scrape()));
    }

    private static boolean passes(BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
