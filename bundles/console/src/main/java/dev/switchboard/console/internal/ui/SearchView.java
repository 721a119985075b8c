package dev.switchboard.console.internal.ui;

import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;

/**
 * The Search tab (INB-2). The search service arrives with its own issue; until then the box is shown and the
 * page says plainly that searching is not available, rather than pretending to find nothing.
 */
public final class SearchView extends VerticalLayout {

    private static final long serialVersionUID = 1L;

    public SearchView() {
        TextField query = new TextField();
        query.setId("search-query");
        query.setPlaceholder(getTranslation("search.placeholder"));
        query.setPrefixComponent(VaadinIcon.SEARCH.create());
        query.setWidth("30em");
        query.setEnabled(false);
        add(query, new EmptyState("search-empty", getTranslation("search.unavailable.title"),
                getTranslation("search.unavailable.text")));
    }
}
