package dev.switchboard.card.internal.personal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The card bundle's settings, PID {@code dev.switchboard.card} ({@code etc/dev.switchboard.card.cfg}). */
@ObjectClassDefinition(name = "Switchboard client card", description = "How personal data is read and normalised")
public @interface CardConfig {

    String PID = "dev.switchboard.card";
    String DEFAULT_REGION = "RU";

    @AttributeDefinition(description = "region (ISO 3166-1 alpha-2) a phone number without a country code is read in")
    String phone_defaultRegion() default DEFAULT_REGION;
}
