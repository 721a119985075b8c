package dev.switchboard.card.internal.service;

import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.files.FileStore;
import dev.switchboard.api.store.PersistenceUnit.Transaction;
import jakarta.persistence.EntityManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removing client photos from the blob store (CARD-2) once no card shows them: a photo replaced by a newer one, or
 * the photo of a card merged away. A merge's survivor may show the same file as the card it took it from, so a file
 * is removed only when no card row names it any more.
 */
final class Photos {

    private static final Logger LOG = LoggerFactory.getLogger(Photos.class);

    private Photos() {
    }

    /**
     * Registers the removal of {@code file} after the commit of {@code tx}, unless a card still shows it. The caller
     * holds the row lock of the card that stopped showing it, which a merge taking that card's photo waits for too.
     * The removal is best effort: a file left behind costs space only, so a failure is logged and not thrown.
     */
    static void removeWhenUnshown(EntityManager em, Transaction tx, FileStore files, FileId file) {
        boolean shown = !em.createNativeQuery("select 1 from contact where photo_file_id = ?1")
                .setParameter(1, file.value()).setMaxResults(1).getResultList().isEmpty();
        if (shown) {
            return;
        }
        tx.afterCommit(() -> {
            try {
                files.delete(file);
            } catch (RuntimeException e) {
                LOG.warn("Photo file {} is shown by no card any more but could not be removed from the blob store",
                        file, e);
            }
        });
    }
}
