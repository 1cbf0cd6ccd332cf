package io.cascadia.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Prints rows as an aligned table, as the openstack CLI does. */
final class Table {
    private final List<String> headers = new ArrayList<>();
    private final List<Function<JsonNode, String>> cells = new ArrayList<>();

    Table column(String header, Function<JsonNode, String> cell) {
        headers.add(header);
        cells.add(cell);
        return this;
    }

    Table column(String header, String field) {
        return column(header, node -> node.path(field).isNull() ? "" : node.path(field).asText());
    }

    void print(Iterable<JsonNode> rows, PrintStream out) {
        List<String[]> lines = new ArrayList<>();
        for (JsonNode row : rows) {
            lines.add(cells.stream().map(cell -> cell.apply(row)).toArray(String[]::new));
        }
        int[] widths = headers.stream().mapToInt(String::length).toArray();
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        String rule = separator(widths);
        out.println(rule);
        out.println(line(headers.toArray(String[]::new), widths));
        out.println(rule);
        lines.forEach(line -> out.println(line(line, widths)));
        out.println(rule);
    }

    private static String separator(int[] widths) {
        StringBuilder text = new StringBuilder("+");
        for (int width : widths) {
            text.append("-".repeat(width + 2)).append('+');
        }
        return text.toString();
    }

    private static String line(String[] values, int[] widths) {
        StringBuilder text = new StringBuilder("|");
        for (int i = 0; i < values.length; i++) {
            text.append(' ').append(values[i]).append(" ".repeat(widths[i] - values[i].length())).append(" |");
        }
        return text.toString();
    }
}
