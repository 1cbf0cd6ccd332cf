package io.cascadia.store;

import java.sql.SQLException;

/** Recognises constraint violations portably across H2 and PostgreSQL (both use SQLSTATE class 23). */
public final class Constraints {
    private static final String UNIQUE_VIOLATION = "23505";

    private Constraints() {
    }

    /** True when the failure, or one of its causes, is a unique or primary-key violation. */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
