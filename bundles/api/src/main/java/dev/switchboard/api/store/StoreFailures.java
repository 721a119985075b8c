package dev.switchboard.api.store;

import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;

/**
 * Recognises the database's verdicts in a persistence failure, where concurrency is decided (architecture §3):
 * a unique key hit (a concurrent insert won), a lost version check (a concurrent update won).
 */
public final class StoreFailures {

    /** SQLState of a unique violation on PostgreSQL and H2. */
    private static final String UNIQUE_VIOLATION = "23505";

    private StoreFailures() {
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
            // EclipseLink's own OptimisticLockException is not the jakarta one, and its package is not imported
            if (c instanceof OptimisticLockException || c.getClass().getSimpleName().equals("OptimisticLockException")) {
                return true;
            }
        }
        return false;
    }
}
