package dev.switchboard.card.internal.store;

import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;

/** Recognises the database's verdicts in a persistence failure: a unique key hit, a lost version check. */
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

    public static boolean lostVersionCheck(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            // EclipseLink's own OptimisticLockException is not a jakarta one; its bundle is not imported here
            if (c instanceof OptimisticLockException || c.getClass().getSimpleName().equals("OptimisticLockException")) {
                return true;
            }
        }
        return false;
    }
}
