package io.cascadia.api.fuzz;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/**
 * Every table's row count and a digest of all its rows, so a test can tell whether a request changed the database
 * at all. Rows are digested in sorted order, so the snapshot does not depend on the order the database returns them.
 */
record DatabaseSnapshot(Map<String, String> tables) {
    static DatabaseSnapshot take(Jdbi jdbi) {
        return jdbi.withHandle(h -> {
            List<String> names = h.createQuery("""
                            select table_name from information_schema.tables
                            where lower(table_schema) = 'public' and lower(table_type) in ('table', 'base table')
                              and lower(table_name) <> 'flyway_schema_history'""")
                    .mapTo(String.class).list();
            Map<String, String> tables = new TreeMap<>();
            for (String name : names) {
                List<String> rows = h.createQuery("select * from " + name).map((rs, ctx) -> row(rs)).list();
                List<String> sorted = new ArrayList<>(rows);
                sorted.sort(null);
                tables.put(name, sorted.size() + ":" + digest(String.join("\n", sorted)));
            }
            return new DatabaseSnapshot(tables);
        });
    }

    private static String row(ResultSet rs) throws java.sql.SQLException {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            Object value = rs.getObject(i);
            row.append(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(value)).append('|');
        }
        return row.toString();
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
