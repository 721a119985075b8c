package dev.switchboard.console.internal.card;

import dev.switchboard.api.card.Funnel;
import dev.switchboard.api.card.FunnelService;
import dev.switchboard.api.domain.GroupId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.funnel.FunnelStage;
import dev.switchboard.console.internal.chat.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Member and group names from a page's directory, and funnel stages by key for status changes (CARD-3, MSG-4): the
 * project's current funnel first, then every other funnel the card bundle knows (a status set under an earlier
 * funnel keeps its name). Remembered for the life of one page; used on one UI's thread only.
 */
public final class CardNames implements Names {

    private final Names directory;
    private final FunnelService funnels;
    private final ProjectId project;
    private final Map<String, Optional<FunnelStage>> stages = new HashMap<>();
    private List<Funnel> known;

    public CardNames(Names directory, FunnelService funnels, ProjectId project) {
        this.directory = directory;
        this.funnels = funnels;
        this.project = project;
    }

    @Override
    public Optional<String> member(MemberId id) {
        return directory.member(id);
    }

    @Override
    public Optional<String> group(GroupId id) {
        return directory.group(id);
    }

    @Override
    public Optional<FunnelStage> stage(String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        return stages.computeIfAbsent(key, this::find);
    }

    private Optional<FunnelStage> find(String key) {
        if (known == null) {
            known = new ArrayList<>();
            try {
                funnels.funnelOf(project).ifPresent(known::add);
                known.addAll(funnels.funnels());
            } catch (RuntimeException e) {
                // without the funnels, a status change still reads, with its stored keys
                known = List.of();
            }
        }
        return known.stream().map(funnel -> funnel.stage(key)).flatMap(Optional::stream).findFirst();
    }
}
