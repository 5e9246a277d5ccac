package creditdesk.testing;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * Real connections, except that the first query's backend is terminated with
 * pg_terminate_backend right after the server committed it, and the client is told the
 * connection failed: the "did it commit?" case a retry must survive.
 */
public final class KillAfterExecuteDataSource implements DataSource {
  private final DataSource delegate;
  private final TestDatabase db;
  private final AtomicInteger kills = new AtomicInteger();

  public KillAfterExecuteDataSource(DataSource delegate, TestDatabase db) {
    this.delegate = delegate;
    this.db = db;
  }

  public int kills() {
    return kills.get();
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection real = delegate.getConnection();
    int pid;
    try (Statement s = real.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      pid = rs.getInt(1);
    }
    return (Connection) Proxy.newProxyInstance(
        getClass().getClassLoader(),
        new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          Object result = invoke(real, method, args);
          if (method.getName().equals("prepareStatement") && kills.get() == 0) {
            return killingStatement((PreparedStatement) result, pid);
          }
          return result;
        });
  }

  private PreparedStatement killingStatement(PreparedStatement real, int pid) {
    return (PreparedStatement) Proxy.newProxyInstance(
        getClass().getClassLoader(),
        new Class<?>[] {PreparedStatement.class},
        (proxy, method, args) -> {
          Object result = invoke(real, method, args);
          if (method.getName().equals("executeQuery") && kills.compareAndSet(0, 1)) {
            ((ResultSet) result).close();
            db.execute("SELECT pg_terminate_backend(" + pid + ")");
            throw new PSQLException(
                "An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE);
          }
          return result;
        });
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLException("not supported");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getGlobal();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
