package io.cascadia.store;

import io.cascadia.core.text.BoundedRegex;
import io.cascadia.core.text.RegexTimeoutException;
import java.sql.SQLException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jdbi.v3.core.Handle;

/**
 * Java functions that H2 statements call where H2's own would let a request hold a connection: H2 cancels a
 * statement only between rows, and its {@code regexp_like} can backtrack for ever on one row.
 * {@link #install(Handle)} declares them; PostgreSQL needs none (its regular-expression engine honours a
 * statement's cancellation).
 */
public final class H2Functions {
    /** What a query filtering by regular expression calls: {@code cascadia_regexp_find(column, pattern, deadline)}. */
    public static final String REGEXP_FIND = "cascadia_regexp_find";
    private static final ThreadLocal<Pattern> LAST = new ThreadLocal<>();

    private H2Functions() {
    }

    /** Declares the functions in the database (idempotent). */
    static void install(Handle handle) {
        handle.execute("create alias if not exists " + REGEXP_FIND + " for '" + H2Functions.class.getName() + ".regexpFind'");
    }

    /**
     * Whether {@code regex} is found in {@code value}, given up at {@code deadlineNanos} ({@link System#nanoTime()}):
     * then it fails with SQL state 57014, as a cancelled statement; an invalid pattern fails with 2201B, as H2's
     * {@code regexp_like}. Null when the value is null.
     */
    public static Boolean regexpFind(String value, String regex, long deadlineNanos) throws SQLException {
        if (value == null || regex == null) {
            return null;
        }
        Pattern pattern = LAST.get();
        if (pattern == null || !pattern.pattern().equals(regex)) {
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new SQLException("invalid regular expression: " + e.getDescription(), "2201B");
            }
            LAST.set(pattern);
        }
        try {
            return BoundedRegex.find(pattern, value, deadlineNanos);
        } catch (RegexTimeoutException e) {
            throw new SQLException("regular expression search cancelled at its deadline", "57014");
        }
    }
}
