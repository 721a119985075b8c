package dev.switchboard.funnel.custom.internal;

/** A funnel configuration that does not describe a funnel; the message says which value is wrong and why. */
final class InvalidConfiguration extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidConfiguration(String reason) {
        super(reason, null, false, false);
    }
}
