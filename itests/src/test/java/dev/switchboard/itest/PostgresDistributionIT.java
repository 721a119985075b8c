package dev.switchboard.itest;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The distribution pointed at PostgreSQL through its .cfg, as an operator does it. The database is created
 * fresh for this class (dropped first if a previous run left it).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresDistributionIT extends DistributionChecks {

    static final String DB = "switchboard_itest_distribution";

    @Configuration
    public Option[] config() throws SQLException {
        Postgres.recreate(DB);
        int port = ExamOptions.freePort();
        List<Option> options = new ArrayList<>(ExamOptions.distribution(port));
        options.add(systemProperty(HTTP_PORT).value(Integer.toString(port)));
        options.add(systemProperty("itest.panel.jar").value(ExamOptions.itestPanelJar().getAbsolutePath()));
        options.add(editConfigurationFilePut("etc/dev.switchboard.store.cfg", "db.kind", "postgresql"));
        options.add(editConfigurationFilePut("etc/dev.switchboard.store.cfg", "postgresql.url", Postgres.url(DB)));
        options.add(editConfigurationFilePut("etc/dev.switchboard.store.cfg", "postgresql.user", "postgres"));
        return options.toArray(new Option[0]);
    }
}
