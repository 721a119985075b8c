package dev.switchboard.team.internal.shell;

import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.team.AccessRights;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.MemberService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Command(scope = "switchboard", name = "rights-set",
        description = "Sets whether a member sees the New tab (DIST-2) and other managers' chats (TEAM-7)")
@Service
public class RightsSet implements Action {

    @Argument(index = 0, name = "member", required = true, description = "the member's id")
    long member;

    @Option(name = "--new", description = "true or false: may see New and take chats from it")
    Boolean seeNew;

    @Option(name = "--others", description = "true or false: may see the Others tab")
    Boolean seeOthers;

    @Reference
    MemberService members;

    @Reference
    Session session;

    @Override
    public Object execute() {
        Member m = members.find(new MemberId(member)).orElseThrow(() -> new NotFound("member", member));
        AccessRights r = new AccessRights(seeNew != null ? seeNew : m.rights().seeNew(),
                seeOthers != null ? seeOthers : m.rights().seeOthers());
        Member changed = members.setRights(m.id(), r);
        session.getConsole().println("Member " + changed.id() + " " + changed.email() + ": sees New "
                + changed.rights().seeNew() + ", sees Others " + changed.rights().seeOthers());
        return null;
    }
}
