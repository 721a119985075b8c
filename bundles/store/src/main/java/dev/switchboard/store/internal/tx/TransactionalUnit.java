package dev.switchboard.store.internal.tx;

import dev.switchboard.api.error.DomainException;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.store.StoreException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceException;
import org.eclipse.persistence.exceptions.EclipseLinkException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A unit's transactions: one entity manager and one resource-local transaction per call, so nothing (no
 * managed entity, no connection) outlives the call.
 */
public final class TransactionalUnit implements PersistenceUnit, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalUnit.class);

    private final String name;
    private final EntityManagerFactory factory;

    public TransactionalUnit(String name, EntityManagerFactory factory) {
        this.name = name;
        this.factory = factory;
    }

    @Override
    public <T> T inTransaction(Work<T> work) {
        Hooks hooks = new Hooks();
        T result = run(work, hooks, true);
        hooks.runAfterCommit();
        return result;
    }

    @Override
    public <T> T read(Work<T> work) {
        return run(work, new Hooks(), false);
    }

    private <T> T run(Work<T> work, Hooks hooks, boolean commit) {
        EntityManager em = entityManager();
        try {
            EntityTransaction transaction = em.getTransaction();
            try {
                transaction.begin();
                T result = work.apply(em, hooks);
                if (commit) {
                    transaction.commit();
                    hooks.committed();
                } else {
                    transaction.rollback();
                }
                return result;
            } catch (RuntimeException e) {
                rollback(transaction, e);
                throw translate(e);
            } catch (Error e) {
                rollback(transaction, e);
                throw e;
            } finally {
                hooks.close();
            }
        } finally {
            em.close();
        }
    }

    private EntityManager entityManager() {
        if (!factory.isOpen()) {
            throw new StoreException("persistence unit '" + name + "' is closed");
        }
        try {
            return factory.createEntityManager();
        } catch (PersistenceException | EclipseLinkException | IllegalStateException e) {
            throw new StoreException("persistence unit '" + name + "' cannot be used", e);
        }
    }

    private void rollback(EntityTransaction transaction, Throwable cause) {
        try {
            if (transaction.isActive()) {
                transaction.rollback();
            }
        } catch (RuntimeException e) {
            // the original failure is what the caller must see; this one only says the connection is gone too
            cause.addSuppressed(e);
        }
    }

    /**
     * Domain errors and the caller's own exceptions pass unchanged; what the persistence layer throws becomes
     * a StoreException whose message names the unit and the SQLState, never the SQL.
     */
    private RuntimeException translate(RuntimeException e) {
        if (e instanceof DomainException || e instanceof StoreException) {
            return e;
        }
        if (e instanceof PersistenceException || e instanceof EclipseLinkException) {
            DomainException domain = domainCause(e);
            if (domain != null) {
                // thrown by an entity callback, wrapped by EclipseLink on its way out
                return domain;
            }
            String state = sqlState(e);
            return new StoreException("transaction in persistence unit '" + name + "' failed"
                    + (state == null ? "" : " (SQLState " + state + ")"), e);
        }
        return e;
    }

    private static DomainException domainCause(Throwable e) {
        for (Throwable cause = e.getCause(); cause != null && cause != e; cause = cause.getCause()) {
            if (cause instanceof DomainException domain) {
                return domain;
            }
            e = cause;
        }
        return null;
    }

    private static String sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (factory.isOpen()) {
            factory.close();
        }
    }

    @Override
    public String toString() {
        return "PersistenceUnit[" + name + "]";
    }

    /** The after-commit actions of one transaction. */
    private final class Hooks implements Transaction {
        private final List<Runnable> actions = new ArrayList<>();
        private boolean open = true;
        private boolean committed;

        @Override
        public void afterCommit(Runnable action) {
            if (!open) {
                throw new IllegalStateException("the transaction has ended; register after-commit actions inside it");
            }
            actions.add(action);
        }

        void committed() {
            committed = true;
        }

        void close() {
            open = false;
        }

        void runAfterCommit() {
            if (!committed) {
                return;
            }
            for (Runnable action : actions) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    // the change is committed whatever a listener does; one failing must not stop the others
                    LOG.error("After-commit action in persistence unit '{}' failed", name, e);
                }
            }
        }
    }
}
