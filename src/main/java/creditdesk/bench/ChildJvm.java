package creditdesk.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Starts another JVM on this process's own class path (the creditdesk jar when run as
 * {@code java -jar}), for measurements that must not share this JVM's heap or warm classes.
 */
final class ChildJvm {
  private ChildJvm() {}

  /** The {@code java} launcher of the running runtime, if it has one (a jlinked image may not). */
  static Optional<Path> java() {
    Path java = Path.of(System.getProperty("java.home"), "bin",
        System.getProperty("os.name", "").startsWith("Windows") ? "java.exe" : "java");
    return Files.isExecutable(java) ? Optional.of(java) : Optional.empty();
  }

  static ProcessBuilder builder(Path java, List<String> jvmOptions, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    return new ProcessBuilder(command).redirectErrorStream(true);
  }

  /** A started process whose merged output is read line by line, keeping the last lines. */
  static final class Running implements AutoCloseable {
    private final Process process;
    private final Deque<String> tail = new ArrayDeque<>();
    private final CompletableFuture<Long> matched = new CompletableFuture<>();
    private final Thread reader;

    /** Starts {@code pb}; the first output line that {@code marker} accepts is timed. */
    Running(ProcessBuilder pb, Predicate<String> marker) throws IOException {
      process = pb.start();
      reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            long now = System.nanoTime();
            if (!matched.isDone() && marker.test(line)) {
              matched.complete(now);
            }
            synchronized (tail) {
              tail.addLast(line);
              if (tail.size() > 40) {
                tail.removeFirst();
              }
            }
          }
        } catch (IOException e) {
          // The process was ended; what it printed so far is in the tail.
        } finally {
          matched.complete(-1L);
        }
      }, "bench-child-output");
      reader.setDaemon(true);
      reader.start();
    }

    /** System.nanoTime() when the marker line was read, or -1 if the output ended without it. */
    long awaitMarker(long timeoutSeconds) throws Exception {
      try {
        return matched.get(timeoutSeconds, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        return -1;
      }
    }

    /** Waits for the exit; the exit code, or -1 after killing it on time-out. */
    int awaitExit(long timeoutSeconds) throws InterruptedException {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        close();
        return -1;
      }
      reader.join(5_000);
      return process.exitValue();
    }

    List<String> lines() {
      synchronized (tail) {
        return new ArrayList<>(tail);
      }
    }

    String lastLines() {
      return String.join(" / ", lines());
    }

    /**
     * Ends the process (SIGTERM first, so its shutdown hooks stop an embedded PostgreSQL), then
     * anything it started that is still running.
     */
    @Override
    public void close() throws InterruptedException {
      List<ProcessHandle> children = process.descendants().toList();
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(10, TimeUnit.SECONDS);
        }
      }
      for (ProcessHandle child : children) {
        child.destroy();
      }
    }
  }
}
