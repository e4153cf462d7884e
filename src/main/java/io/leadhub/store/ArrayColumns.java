package io.leadhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch passed column by column as PostgreSQL arrays and read back with unnest: the statement text stays
 * the same whatever the batch size (prepared once, no parameter limit).
 */
public final class ArrayColumns {
    private final List<List<String>> values = new ArrayList<>();

    public ArrayColumns(int count, int rows) {
        for (int i = 0; i < count; i++) {
            values.add(new ArrayList<>(rows));
        }
    }

    public void add(String... row) {
        for (int i = 0; i < row.length; i++) {
            values.get(i).add(row[i]);
        }
    }

    public boolean isEmpty() {
        return values.get(0).isEmpty();
    }

    public PreparedStatement bind(Connection connection, String sql, Timestamp now) throws SQLException {
        var statement = connection.prepareStatement(sql);
        int i = 1;
        for (var column : values) {
            statement.setArray(i++, connection.createArrayOf("text", column.toArray()));
        }
        if (now != null) {
            statement.setTimestamp(i, now);
        }
        return statement;
    }
}
