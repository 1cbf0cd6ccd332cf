package io.cascadia.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascadia.core.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one benchmark run: rows of measurements, each optionally against a baseline measured in the same
 * run, with the target it is judged by. Printed as a table and written as JSON to
 * {@code bench-results/<name>-<time>.json}.
 */
public final class BenchReport {
    /** One measurement. {@code baseline} is null when there is none; {@code target} is free text such as "< 20 ms". */
    public record Row(String metric, double value, String unit, Double baseline, String target, Boolean met) {
        public Double ratio() {
            return baseline == null || baseline == 0 ? null : value / baseline;
        }
    }

    private final String name;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();

    public BenchReport(String name) {
        this.name = name;
    }

    public BenchReport parameter(String key, Object value) {
        parameters.put(key, value);
        return this;
    }

    public BenchReport row(String metric, double value, String unit) {
        rows.add(new Row(metric, value, unit, null, null, null));
        return this;
    }

    public BenchReport row(String metric, double value, String unit, Double baseline, String target, Boolean met) {
        rows.add(new Row(metric, value, unit, baseline, target, met));
        return this;
    }

    public void print(PrintStream out) {
        out.println();
        out.println("benchmark " + name + " " + parameters);
        out.printf("%-48s %14s %-6s %14s %8s  %-14s %s%n", "metric", "value", "unit", "baseline", "ratio", "target", "met");
        for (Row row : rows) {
            out.printf("%-48s %14.3f %-6s %14s %8s  %-14s %s%n", row.metric(), row.value(), row.unit(),
                    row.baseline() == null ? "" : "%.3f".formatted(row.baseline()),
                    row.ratio() == null ? "" : "%.3f".formatted(row.ratio()),
                    row.target() == null ? "" : row.target(),
                    row.met() == null ? "" : row.met() ? "yes" : "NO");
        }
    }

    /** Writes the JSON file and returns its path. */
    public Path write(Path directory) throws IOException {
        ObjectNode json = Json.object().put("benchmark", name).put("time", LocalDateTime.now().toString());
        json.set("parameters", Json.mapper().valueToTree(parameters));
        ArrayNode array = json.putArray("rows");
        for (Row row : rows) {
            ObjectNode node = array.addObject().put("metric", row.metric()).put("value", row.value()).put("unit", row.unit());
            if (row.baseline() != null) {
                node.put("baseline", row.baseline()).put("ratio", row.ratio());
            }
            if (row.target() != null) {
                node.put("target", row.target());
            }
            if (row.met() != null) {
                node.put("met", row.met());
            }
        }
        Files.createDirectories(directory);
        Path file = directory.resolve(name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        return file;
    }

    /** Prints the table and writes the JSON under {@code bench-results/}, telling where. */
    public void publish() throws IOException {
        print(System.out);
        Path file = write(Path.of("bench-results"));
        System.out.println("written to " + file.toAbsolutePath());
    }
}
