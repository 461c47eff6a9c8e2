package dev.migrate.connect;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

/**
 * The source as a script's hooks get it: every connection, statement and result set it hands out refuses what
 * would write — {@code setReadOnly(false)}, a statement that is not a read, {@code executeUpdate}, batches,
 * {@code prepareCall}, updatable result sets, unwrapping to the driver's own connection. The database refuses
 * writes too as long as the connection stays read-only (PostgreSQL with {@code readOnlyMode=always}, MySQL
 * through the {@code SET SESSION TRANSACTION READ ONLY} its driver sends); this says so first, and clearly.
 */
public final class ReadOnlySource {

    static final String READS = "SELECT, WITH, SHOW, EXPLAIN, DESCRIBE, VALUES, TABLE or PRAGMA";
    private static final Set<Class<?>> WRAPPED = Set.of(Connection.class, Statement.class, PreparedStatement.class,
            CallableStatement.class, ResultSet.class, DatabaseMetaData.class, DataSource.class);
    private static final Set<String> WRITING_METHODS = Set.of("executeUpdate", "executeLargeUpdate", "addBatch", "executeBatch",
            "executeLargeBatch", "prepareCall", "insertRow", "updateRow", "deleteRow");
    /** Statement methods whose first argument is SQL to run. */
    private static final Set<String> SQL_METHODS = Set.of("execute", "executeQuery", "prepareStatement");

    private ReadOnlySource() {
    }

    public static DataSource of(DataSource source) {
        return wrap(source, DataSource.class);
    }

    private static <T> T wrap(Object target, Class<T> type) {
        return type.cast(Proxy.newProxyInstance(ReadOnlySource.class.getClassLoader(), new Class<?>[] {type}, new Guard(target)));
    }

    private static SQLException refused(String what) {
        return new SQLException("the source is read-only in hooks: " + what + " is refused (a hook reads the source with " + READS + ")",
                "25006");
    }

    private record Guard(Object target) implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "unwrap":
                    if (((Class<?>) args[0]).isInstance(proxy)) {
                        return proxy;
                    }
                    throw refused("unwrap(" + ((Class<?>) args[0]).getSimpleName() + ")");
                case "isWrapperFor":
                    return ((Class<?>) args[0]).isInstance(proxy);
                default:
                    refuse(name, args);
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            Class<?> type = method.getReturnType();
            return result != null && WRAPPED.contains(type) ? wrap(result, type) : result;
        }

        private static void refuse(String name, Object[] args) throws SQLException {
            if (WRITING_METHODS.contains(name)) {
                throw refused(name);
            }
            if (name.equals("setReadOnly") && Boolean.FALSE.equals(args[0])) {
                throw refused("setReadOnly(false)");
            }
            boolean concurrencyGiven = (name.equals("createStatement") && args != null && args.length >= 2)
                    || (name.equals("prepareStatement") && args != null && args.length >= 3 && args[2] instanceof Integer);
            if (concurrencyGiven && Integer.valueOf(ResultSet.CONCUR_UPDATABLE).equals(args[name.equals("createStatement") ? 1 : 2])) {
                throw refused("an updatable result set");
            }
            if (SQL_METHODS.contains(name) && args != null && args.length > 0 && args[0] instanceof String sql) {
                String write = ReadOnlySql.firstWrite(sql);
                if (write != null) {
                    throw refused(write.toUpperCase(Locale.ROOT));
                }
            }
        }
    }
}
