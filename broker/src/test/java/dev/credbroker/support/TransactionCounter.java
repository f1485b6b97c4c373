package dev.credbroker.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Counts the database transactions the broker commits, as the database sees them: every commit or rollback of
 * an explicit transaction, and every statement run in auto-commit mode (each is a transaction of its own). It
 * is a JDBC driver in front of the real one ({@code jdbc:counting:h2:…} for {@code jdbc:h2:…}, driver class this one), so the
 * broker's pool and transactions run unchanged and nothing in the broker knows it is counted.
 */
public final class TransactionCounter implements Driver {
    public static final String PREFIX = "jdbc:counting:";
    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch",
            "executeLargeUpdate", "executeLargeBatch");
    private static final AtomicLong TRANSACTIONS = new AtomicLong();

    static {
        try {
            DriverManager.registerDriver(new TransactionCounter());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Transactions counted so far in this JVM, on every connection opened through this driver. */
    public static long transactions() {
        return TRANSACTIONS.get();
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        return acceptsURL(url) ? connection(DriverManager.getConnection("jdbc:" + url.substring(PREFIX.length()), info))
                : null;
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    private static Connection connection(Connection real) {
        return proxy(Connection.class, real, (method, result) -> {
            if (method.getName().equals("commit") || method.getName().equals("rollback")
                    && method.getParameterCount() == 0) {
                TRANSACTIONS.incrementAndGet();
            }
            return result instanceof Statement s ? statement(s, real) : result;
        });
    }

    private static Object statement(Statement real, Connection connection) {
        Class<?> type = real instanceof CallableStatement ? CallableStatement.class
                : real instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        return proxy(type, real, (method, result) -> {
            if (EXECUTE.contains(method.getName()) && connection.getAutoCommit()) {
                TRANSACTIONS.incrementAndGet();
            }
            return result;
        });
    }

    private interface After {
        Object apply(Method method, Object result) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object real, After after) {
        InvocationHandler handler = (self, method, args) -> {
            try {
                return after.apply(method, method.invoke(real, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, handler);
    }
}
