package creditdesk.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay between a client and a server on this machine that plays a bad network: it can
 * stop forwarding while keeping every socket open (a black hole: bytes are read and dropped, new
 * connections are accepted and hear nothing), drop only the server's answers, cut every
 * connection, and resume. A trigger on what the client sends (plain text: the PostgreSQL wire
 * protocol carries SQL as it is) lets a test act at one exact step of a command.
 */
public final class TcpRelay implements AutoCloseable {
  private enum Mode { FORWARD, BLACK_HOLE, DROP_REPLIES }

  private record Trigger(String marker, Runnable action) {}

  private final int targetPort;
  private final ServerSocket listener;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<Trigger> triggers = new CopyOnWriteArrayList<>();
  private final AtomicLong replyBudget = new AtomicLong(-1);
  private volatile Mode mode = Mode.FORWARD;
  private volatile boolean closed;

  public TcpRelay(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "relay-accept-" + port());
    accept.setDaemon(true);
    accept.start();
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** {@code jdbcUrl} with its port replaced by the relay's. */
  public String through(String jdbcUrl) {
    return jdbcUrl.replaceFirst("//[^/]+/", "//127.0.0.1:" + port() + "/");
  }

  /** From now on nothing gets through, in either direction; sockets stay open. */
  public void blackHole() {
    mode = Mode.BLACK_HOLE;
  }

  /** The client's bytes still reach the server, the server's answers are dropped. */
  public void dropReplies() {
    mode = Mode.DROP_REPLIES;
  }

  /** Lets {@code bytes} more of the server's answers through, then black-holes. */
  public void blackHoleAfterReplyBytes(long bytes) {
    replyBudget.set(bytes);
  }

  /** Forwards again (new connections work; the ones that lost bytes are broken for good). */
  public void resume() {
    replyBudget.set(-1);
    mode = Mode.FORWARD;
  }

  /** Closes every connection through the relay. */
  public void cutAll() {
    for (Socket s : sockets) {
      closeQuietly(s);
    }
    sockets.clear();
  }

  /**
   * Once, when the client sends bytes containing {@code marker}: runs {@code action} before those
   * bytes are handled, so the action decides their fate (black hole, drop replies, terminate).
   */
  public void whenClientSends(String marker, Runnable action) {
    triggers.add(new Trigger(marker, action));
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        sockets.add(client);
        if (mode == Mode.BLACK_HOLE) {
          pipe(client, null, true);
          continue;
        }
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(server);
        pipe(client, server, true);
        pipe(server, client, false);
      } catch (IOException e) {
        if (!closed) {
          continue;
        }
        return;
      }
    }
  }

  private void pipe(Socket from, Socket to, boolean fromClient) {
    Thread t = new Thread(() -> copy(from, to, fromClient), "relay-" + (fromClient ? "up" : "down"));
    t.setDaemon(true);
    t.start();
  }

  private void copy(Socket from, Socket to, boolean fromClient) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to == null ? null : to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (fromClient) {
          fire(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        }
        int forward = forwardable(n, fromClient);
        if (out != null && forward > 0) {
          out.write(buffer, 0, forward);
          out.flush();
        }
      }
    } catch (IOException e) {
      // closed by either side or by cutAll()
    } finally {
      if (mode != Mode.BLACK_HOLE || closed) {
        closeQuietly(from);
        if (to != null) {
          closeQuietly(to);
        }
      }
    }
  }

  /** How many of {@code n} bytes read go on. */
  private int forwardable(int n, boolean fromClient) {
    Mode now = mode;
    if (now == Mode.BLACK_HOLE || (now == Mode.DROP_REPLIES && !fromClient)) {
      return 0;
    }
    if (fromClient) {
      return n;
    }
    long budget = replyBudget.get();
    if (budget < 0) {
      return n;
    }
    int forward = (int) Math.min(n, budget);
    replyBudget.addAndGet(-forward);
    if (forward < n) {
      mode = Mode.BLACK_HOLE;
    }
    return forward;
  }

  private void fire(String sent) {
    for (Trigger t : triggers) {
      if (sent.contains(t.marker()) && triggers.remove(t)) {
        t.action().run();
      }
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(listener);
    cutAll();
  }

  private static void closeQuietly(ServerSocket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
