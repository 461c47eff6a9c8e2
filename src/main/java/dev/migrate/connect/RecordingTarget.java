package dev.migrate.connect;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A target connection that changes nothing: reads run on the database, every statement that would write is written
 * down instead (a prepared one with its parameters in place) and answers as if it had changed no row. What
 * {@code up --sql} gives a Groovy version as its {@code target}.
 */
public final class RecordingTarget {

    private final List<String> statements = new ArrayList<>();

    /** The statements written down so far, in order. */
    public List<String> statements() {
        return statements;
    }

    /** {@code connection}, recording its writes; commits and rollbacks do nothing. */
    public Connection wrap(Connection connection) {
        return (Connection) Proxy.newProxyInstance(RecordingTarget.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Handler(connection, null, null));
    }

    private final class Handler implements InvocationHandler {

        private final Object target;
        /** For a prepared statement that writes: its SQL and its parameters. */
        private final String sql;
        private final Map<Integer, Object> parameters;

        Handler(Object target, String sql, Map<Integer, Object> parameters) {
            this.target = target;
            this.sql = sql;
            this.parameters = parameters;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (sql != null) {
                return prepared(name, method, args);
            }
            switch (name) {
                case "commit", "rollback", "setAutoCommit", "releaseSavepoint" -> {
                    // the version's transaction is nobody's: nothing in it is written
                    return null;
                }
                case "createStatement" -> {
                    Statement real = (Statement) call(method, args);
                    return Proxy.newProxyInstance(RecordingTarget.class.getClassLoader(), new Class<?>[] {Statement.class}, new Handler(real, null, null));
                }
                case "prepareStatement" -> {
                    String text = (String) args[0];
                    if (ReadOnlySql.firstWrite(text) == null) {
                        return call(method, args);
                    }
                    return Proxy.newProxyInstance(RecordingTarget.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
                            new Handler(null, text, new TreeMap<>()));
                }
                case "execute", "executeUpdate", "executeLargeUpdate", "addBatch" -> {
                    if (args != null && args.length > 0 && args[0] instanceof String text && ReadOnlySql.firstWrite(text) != null) {
                        statements.add(text.strip());
                        return nothingChanged(method);
                    }
                    return call(method, args);
                }
                case "executeBatch" -> {
                    return new int[0];
                }
                default -> {
                    return call(method, args);
                }
            }
        }

        private Object prepared(String name, Method method, Object[] args) {
            if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index) {
                parameters.put(index, name.equals("setNull") ? null : args[1]);
                return null;
            }
            switch (name) {
                case "execute", "executeUpdate", "executeLargeUpdate", "addBatch" -> {
                    statements.add(inline(sql, parameters));
                    return nothingChanged(method);
                }
                case "executeBatch", "executeLargeBatch" -> {
                    return name.equals("executeBatch") ? new int[0] : new long[0];
                }
                case "clearParameters" -> {
                    parameters.clear();
                    return null;
                }
                case "getUpdateCount" -> {
                    return 0;
                }
                case "isClosed" -> {
                    return false;
                }
                default -> {
                    return method.getReturnType() == boolean.class ? Boolean.FALSE : null;
                }
            }
        }

        private Object call(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /** What a statement that changed no row answers, boxed as {@code method} returns it. */
    private static Object nothingChanged(Method method) {
        Class<?> type = method.getReturnType();
        if (type == boolean.class) {
            return Boolean.FALSE;
        }
        if (type == long.class) {
            return Long.valueOf(0);
        }
        if (type == int.class) {
            return Integer.valueOf(0);
        }
        return null;
    }

    /** {@code sql} with each {@code ?} outside quotes replaced by its parameter as a literal. */
    static String inline(String sql, Map<Integer, Object> parameters) {
        StringBuilder out = new StringBuilder();
        int index = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                out.append(c);
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
                out.append(c);
            } else if (c == '?') {
                out.append(literal(parameters.get(++index)));
            } else {
                out.append(c);
            }
        }
        return out.toString().strip();
    }

    private static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Number n && !(value instanceof Double d && (d.isNaN() || d.isInfinite()))) {
            return n instanceof BigDecimal b ? b.toPlainString() : n.toString();
        }
        if (value instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }
}
