package dev.switchboard.card.internal.shell;

import dev.switchboard.api.card.Funnel;
import dev.switchboard.api.card.FunnelService;
import dev.switchboard.api.funnel.FunnelStage;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "switchboard", name = "funnel-list",
        description = "Lists the funnels: installed ones and those whose bundle is gone (CARD-3)")
@Service
public class FunnelList implements Action {

    @Reference
    FunnelService funnels;

    @Reference
    Session session;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Key", "Name", "Installed", "Stages"}) {
            table.column(c);
        }
        for (Funnel f : funnels.funnels()) {
            table.addRow().addContent(f.key(), f.name(Locale.ENGLISH), f.installed(),
                    f.stages().stream().map(FunnelStage::key).collect(Collectors.joining(", ")));
        }
        table.print(session.getConsole());
        return null;
    }
}
