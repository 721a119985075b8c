package dev.switchboard.console.internal.search;

import dev.switchboard.api.domain.ProjectId;

/**
 * What the Search tab shows, kept with the browser tab so that the page comes back the same after the viewer
 * switches language (which rebuilds the page): the mode, the text typed and, within the same project, the filters.
 */
public record SearchState(ProjectId project, Mode mode, String text, FilterChoice filters) {

    /** Search by text (the default) or by filters (INB-7). */
    public enum Mode {
        TEXT,
        FILTERS
    }

    public SearchState {
        text = text == null ? "" : text;
    }

    /** The state to restore in {@code current}: the filters name one project's tags and stages, so they stay behind. */
    public SearchState in(ProjectId current) {
        return current.equals(project) ? this : new SearchState(current, mode, text, FilterChoice.none());
    }
}
