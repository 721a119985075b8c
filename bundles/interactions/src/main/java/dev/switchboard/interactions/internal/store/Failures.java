package dev.switchboard.interactions.internal.store;

import java.sql.SQLException;

/** Recognises the database's verdict in a persistence failure: a unique key hit by a concurrent writer. */
public final class Failures {

    /** SQLState of a unique violation on PostgreSQL and H2. */
    private static final String UNIQUE_VIOLATION = "23505";

    private Failures() {
    }

    public static boolean uniqueViolation(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
