package dev.switchboard.console.internal.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;

/** A friendly note where a list has nothing to show yet. */
public final class EmptyState extends Div {

    private static final long serialVersionUID = 1L;

    public EmptyState(String id, String title, String explanation) {
        setId(id);
        addClassName("empty-state");
        getStyle().set("text-align", "center").set("padding", "var(--lumo-space-xl)")
                .set("color", "var(--lumo-secondary-text-color)");
        add(new H3(title), new Paragraph(explanation));
    }
}
