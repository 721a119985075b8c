package dev.switchboard.store.internal.files;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * A stored file's bytes, fetched one chunk at a time, each with its own short query on a pooled connection
 * (INP-2, INP-3): at most one chunk is in memory, and no connection is held between reads, so a slow download
 * does not keep a connection from others. Stored files never change, so the chunks read one by one make up the
 * file as it was stored; a file removed while it is read ends the stream with an IOException.
 */
final class ChunkInputStream extends InputStream {

    private static final byte[] NONE = new byte[0];

    private final DataSource pool;
    private final long file;
    private final long size;
    private byte[] chunk = NONE;
    private int position;
    private int nextSeq;
    private long delivered;
    private boolean closed;

    ChunkInputStream(DataSource pool, long file, long size) {
        this.pool = pool;
        this.file = file;
        this.size = size;
    }

    @Override
    public int read() throws IOException {
        if (!ready()) {
            return -1;
        }
        delivered++;
        return chunk[position++] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        if (!ready()) {
            return -1;
        }
        int n = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, target, offset, n);
        position += n;
        delivered += n;
        return n;
    }

    @Override
    public int available() {
        return closed ? 0 : chunk.length - position;
    }

    @Override
    public void close() {
        closed = true;
        chunk = NONE;
    }

    /** Whether a byte is there to read, fetching the next chunk when the current one is used up. */
    private boolean ready() throws IOException {
        if (closed) {
            throw new IOException("the stream of file " + file + " is closed");
        }
        while (position == chunk.length) {
            if (delivered >= size) {
                return false;
            }
            chunk = fetch(nextSeq++);
            position = 0;
        }
        return true;
    }

    private byte[] fetch(int seq) throws IOException {
        try (Connection connection = pool.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select data from file_chunk where file_id = ? and seq = ?")) {
            select.setLong(1, file);
            select.setInt(2, seq);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IOException("file " + file + " was removed while it was read");
                }
                return row.getBytes(1);
            }
        } catch (SQLException e) {
            throw new IOException("chunk " + seq + " of file " + file + " cannot be read (SQLState "
                    + e.getSQLState() + ")", e);
        }
    }
}
