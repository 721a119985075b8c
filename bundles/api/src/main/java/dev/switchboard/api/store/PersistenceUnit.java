package dev.switchboard.api.store;

import jakarta.persistence.EntityManager;

/**
 * One owner's persistence unit. Transactions are short and explicit; nothing slow (calls to channels or CRMs)
 * runs inside one.
 */
public interface PersistenceUnit {

    /**
     * Runs {@code work} in a new resource-local transaction and commits it; rolls back if {@code work} throws,
     * and rethrows (domain errors unchanged, persistence failures as {@link StoreException}).
     */
    <T> T inTransaction(Work<T> work);

    /** Runs {@code work} in a transaction that is always rolled back: for reads. */
    <T> T read(Work<T> work);

    /** Work done with an entity manager inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T apply(EntityManager em, Transaction tx);
    }

    /** The transaction {@link Work} runs in. */
    interface Transaction {
        /**
         * Runs {@code action} after this transaction has committed (never if it rolls back): the place to
         * publish events, so that no listener sees a change that did not happen.
         */
        void afterCommit(Runnable action);
    }
}
