package dev.switchboard.team.internal.shell;

import dev.switchboard.api.domain.GroupId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.team.Group;
import dev.switchboard.api.team.GroupService;
import dev.switchboard.api.team.MemberService;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Command(scope = "switchboard", name = "group-set",
        description = "Restricts a group to members (GRP-3) and/or sets its auto-forwarded sources (GRP-2)")
@Service
public class GroupSet implements Action {

    @Argument(index = 0, name = "group", required = true, description = "the group's id")
    long group;

    @Option(name = "--members", multiValued = true,
            description = "member ids that may see the group; give 'all' to open it to everyone")
    List<String> restrictTo;

    @Option(name = "--sources", multiValued = true,
            description = "acquisition sources to forward here; give 'none' to clear")
    List<String> sources;

    @Option(name = "--as", description = "the acting member's id (default: the project's first owner)")
    Long as;

    @Reference
    GroupService groups;

    @Reference
    MemberService members;

    @Reference
    Session session;

    @Override
    public Object execute() {
        Group g = groups.find(new GroupId(group)).orElseThrow(() -> new NotFound("group", group));
        MemberId actor = Actors.actor(members, g.project(), as);
        if (restrictTo != null) {
            Set<MemberId> ids = new LinkedHashSet<>();
            if (!restrictTo.equals(List.of("all"))) {
                restrictTo.forEach(m -> ids.add(new MemberId(Long.parseLong(m))));
            }
            g = groups.setMembers(g.id(), actor, ids);
        }
        if (sources != null) {
            g = groups.setAutoForward(g.id(), actor,
                    sources.equals(List.of("none")) ? Set.of() : new LinkedHashSet<>(sources));
        }
        session.getConsole().println("Group " + g.id() + " " + g.name() + ": members "
                + (g.members().isEmpty() ? "everyone" : g.members()) + ", sources " + g.autoForwardSources());
        return null;
    }
}
