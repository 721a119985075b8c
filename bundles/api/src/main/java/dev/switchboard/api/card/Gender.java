package dev.switchboard.api.card;

/** A client's gender as a manager records it (CARD-6). */
public enum Gender {
    FEMALE,
    MALE,
    OTHER
}
