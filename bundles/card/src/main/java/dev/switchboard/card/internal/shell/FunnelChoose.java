package dev.switchboard.card.internal.shell;

import dev.switchboard.api.card.FunnelService;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.team.MemberService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Command(scope = "switchboard", name = "funnel-choose",
        description = "Switches a project to an installed funnel, as its owner; statuses are kept or mapped (CARD-3)")
@Service
public class FunnelChoose implements Action {

    @Argument(index = 0, name = "project", required = true, description = "the project's id")
    long project;

    @Argument(index = 1, name = "funnel", required = true, description = "the funnel's key (see funnel-list)")
    String funnel;

    @Argument(index = 2, name = "mapping", multiValued = true,
            description = "old=new: the cards at stage old move to stage new of the chosen funnel")
    List<String> mapping;

    @Reference
    FunnelService funnels;

    @Reference
    MemberService members;

    @Reference
    Session session;

    @Override
    public Object execute() {
        Map<String, String> map = new LinkedHashMap<>();
        if (mapping != null) {
            for (String m : mapping) {
                int eq = m.indexOf('=');
                if (eq <= 0 || eq == m.length() - 1) {
                    session.getConsole().println("Not a mapping (old=new): " + m);
                    return null;
                }
                map.put(m.substring(0, eq).strip(), m.substring(eq + 1).strip());
            }
        }
        ProjectId p = new ProjectId(project);
        int changed = funnels.choose(p, Owners.owner(members, p), funnel, map);
        session.getConsole().println("Project " + project + " now uses funnel " + funnel + "; " + changed
                + " card(s) changed status through the mapping");
        return null;
    }
}
