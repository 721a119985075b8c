package dev.switchboard.api.card;

/**
 * Event Admin topics the card bundle posts after each commit. Every event carries {@link #PROJECT} and
 * {@link #CONTACT} (longs).
 */
public final class CardEvents {

    /** A card's data, status, tags or subscriptions changed. */
    public static final String CHANGED = "dev/switchboard/card/CHANGED";

    /** A card was merged into another ({@link #CONTACT} is the survivor, {@link #MERGED_CONTACT} the removed one). */
    public static final String MERGED = "dev/switchboard/card/MERGED";

    /** The project's tag catalogue or funnel changed ({@link #CONTACT} absent). */
    public static final String CATALOGUE_CHANGED = "dev/switchboard/card/CATALOGUE_CHANGED";

    public static final String ALL = "dev/switchboard/card/*";

    public static final String PROJECT = "project";
    public static final String CONTACT = "contact";
    public static final String MERGED_CONTACT = "merged";

    private CardEvents() {
    }
}
