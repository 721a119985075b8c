package dev.switchboard.itest;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.util.ArrayList;
import java.util.List;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The distribution as it ships: the embedded H2 database (PLAT-3). */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class H2DistributionIT extends DistributionChecks {

    @Configuration
    public Option[] config() {
        int port = ExamOptions.freePort();
        List<Option> options = new ArrayList<>(ExamOptions.distribution(port));
        options.add(systemProperty(HTTP_PORT).value(Integer.toString(port)));
        options.add(systemProperty("itest.panel.jar").value(ExamOptions.itestPanelJar().getAbsolutePath()));
        return options.toArray(new Option[0]);
    }
}
