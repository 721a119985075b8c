package dev.switchboard.funnel.custom.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One configured funnel, factory PID {@code dev.switchboard.funnel.custom} (e.g.
 * {@code etc/dev.switchboard.funnel.custom-realestate.cfg}); see "Funnels" in docs/operator-guide.md.
 */
@ObjectClassDefinition(id = CustomFunnel.FACTORY_PID, name = "Switchboard custom funnel",
        description = "A client funnel (CARD-3) with the stages given here; one configuration per funnel")
public @interface CustomFunnelConfig {

    @AttributeDefinition(description = "The funnel's key, stored with every status: lower-case letters, digits, "
            + "'-' and '_', 1 to 60; unique among the installed funnels; never change it once cards use it")
    String key();

    @AttributeDefinition(description = "The funnel's name in English")
    String name_en();

    @AttributeDefinition(description = "The funnel's name in Russian (empty: the English name is shown)",
            required = false)
    String name_ru() default "";

    @AttributeDefinition(description = "The stages in funnel order, separated by commas, each "
            + "key;English name;Russian name;#rrggbb (the Russian name may be empty; names hold no ',' or ';')")
    String[] stages();
}
