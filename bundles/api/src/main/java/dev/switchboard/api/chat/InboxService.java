package dev.switchboard.api.chat;

import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.Page;
import dev.switchboard.api.domain.ProjectId;
import java.util.Map;
import java.util.Optional;

/**
 * The inbox tab queries (INB-2..6), honouring the viewer's access rights (TEAM-7, DIST-2). Lists are sorted by
 * last activity, newest first, and keyset-paged. A project the viewer is not a member of is
 * {@link dev.switchboard.api.error.NotFound}, as one that does not exist (issue 12).
 */
public interface InboxService {

    /**
     * One page of a tab as {@code viewer} sees it; a tab the viewer may not see is empty.
     *
     * @param after the cursor of the previous page ({@link Page#next()}), or empty for the first page
     * @param size  at most this many chats, 1..200
     */
    Page<ChatSummary> page(ProjectId project, MemberId viewer, InboxTab tab, Optional<String> after, int size);

    /**
     * How many chats each tab holds for {@code viewer}, exact up to {@link #COUNT_LIMIT}; a tab holding more
     * reports {@code COUNT_LIMIT} (shown as "999+"), because counting a tab of a million chats exactly costs a
     * read of all of them on every refresh.
     */
    Map<InboxTab, Long> counts(ProjectId project, MemberId viewer);

    /** The cap of {@link #counts}. */
    long COUNT_LIMIT = 1000;
}
