package dev.switchboard.store.internal.config;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * The child process of {@link H2DurabilityTest}: commits rows into the embedded database through the store's own
 * connection settings, from four threads, and prints {@code ack <id>.} for each row once its commit has returned,
 * as a webhook is answered 200 once the ingress's commit has returned. It runs until it is killed.
 */
public final class H2CommitWriter {

    private H2CommitWriter() {
    }

    public static void main(String[] args) throws Exception {
        DataSource h2 = ConnectionPools.unpooled(StoreSettings.h2(Path.of(args[0])));
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table acked (id bigint primary key, body varchar(1000))");
        }
        System.out.println("ready.");
        System.out.flush();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            new Thread(() -> write(h2, thread), "writer-" + t).start();
        }
    }

    private static void write(DataSource h2, int thread) {
        String body = "a client's message ".repeat(20);
        try (Connection c = h2.getConnection();
             PreparedStatement insert = c.prepareStatement("insert into acked (id, body) values (?, ?)")) {
            for (long n = 0; ; n++) {
                long id = n * 4 + thread;
                insert.setLong(1, id);
                insert.setString(2, body);
                insert.executeUpdate();
                synchronized (System.out) {
                    System.out.println("ack " + id + ".");
                    System.out.flush();
                }
            }
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }
}
