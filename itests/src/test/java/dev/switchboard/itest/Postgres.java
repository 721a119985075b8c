package dev.switchboard.itest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The PostgreSQL server every machine here runs (127.0.0.1:5432, user postgres, trust). */
public final class Postgres {

    private Postgres() {
    }

    public static String url(String database) {
        return "jdbc:postgresql://127.0.0.1:5432/" + database;
    }

    /** Drops the database if it exists (ending its leftover sessions) and creates it empty. */
    public static void recreate(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database + "'");
            s.execute("drop database if exists " + database);
            s.execute("create database " + database);
        }
    }

    public static void drop(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database + "'");
            s.execute("drop database if exists " + database);
        }
    }
}
