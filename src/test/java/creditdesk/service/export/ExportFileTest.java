package creditdesk.service.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import creditdesk.domain.StaffRole;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.export.ExportFailedException.Reason;
import creditdesk.testing.Staff;
import creditdesk.testing.StaffSessionExtension;
import creditdesk.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Whole file or none: cancellation, interruption and write failures leave nothing behind. */
@ExtendWith(StaffSessionExtension.class)
class ExportFileTest {
  static final int ROWS = 300_000;
  static final ExportRequest ALL =
      ExportRequest.ledger(ExportFilter.between(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)));

  private static TestDatabase db;

  @TempDir Path dir;

  @BeforeAll
  static void bigLedger(TestDatabase database) {
    db = database;
    java.util.UUID user = db.insertUser("big@example.com", 10, 10);
    db.execute(
        "INSERT INTO \"CreditTransaction\" (user_id, amount, operation, feature_type, metadata, created_at)"
            + " SELECT '" + user + "', 1 + i % 3, 'deduct', 'document_generation',"
            + " jsonb_build_object('documentType', 'weekly_report', 'title', 'Report number ' || i),"
            + " TIMESTAMP '2026-02-01' + i * interval '10 seconds'"
            + " FROM generate_series(1, " + ROWS + ") i");
    db.execute("ANALYZE \"CreditTransaction\"");
  }

  @Test
  void cancelMidwayLeavesNoFileAndTheNextExportWorks(@Staff(StaffRole.ANALYST) StaffSession analyst) throws Exception {
    ExportService exports = new ExportService(analyst);
    Path target = dir.resolve("ledger.csv");
    ExportCancellation cancel = new ExportCancellation();
    AtomicReference<Path> temp = new AtomicReference<>();
    // Midway: the export holds in its progress callback once over 2 MB are written, so the cancel
    // comes at a known point, not whenever a poll happens to see the file.
    CountDownLatch midway = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExportListener holdMidway = p -> {
      if (p.bytes() > 2_000_000 && p.rows() < ROWS && midway.getCount() > 0) {
        midway.countDown();
        awaitQuietly(release);
      }
    };
    CompletableFuture<ExportResult> run =
        CompletableFuture.supplyAsync(() -> exports.export(ALL, target, holdMidway, cancel));
    try {
      assertThat(midway.await(60, TimeUnit.SECONDS)).as("the export reached 2 MB").isTrue();
      try (Stream<Path> files = Files.list(dir)) {
        files.filter(p -> p.getFileName().toString().endsWith(ExportTarget.TEMP_SUFFIX))
            .filter(p -> size(p) > 1_000_000).findFirst().ifPresent(temp::set);
      }
    } finally {
      cancel.cancel();
      release.countDown();
    }
    assertThat(temp.get()).as("a partly written temporary file").isNotNull();
    assertThat(temp.get().getFileName().toString()).startsWith(".ledger.csv.");
    Throwable thrown = catchThrowable(() -> run.get(30, TimeUnit.SECONDS));
    assertThat(thrown).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(ExportCancelledException.class)
        .hasMessage("The export was cancelled; no file was written.");
    assertThat(listing()).isEmpty();

    // The pool still hands out working connections, and nothing cancels the next statement.
    ExportResult again = exports.export(ALL, target);
    assertThat(again.rows()).isEqualTo(ROWS);
    assertThat(listing()).containsExactly("ledger.csv");
  }

  @Test
  void interruptingTheThreadCancels(@Staff(StaffRole.ANALYST) StaffSession analyst) throws Exception {
    ExportService exports = new ExportService(analyst);
    Path target = dir.resolve("interrupted.csv");
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread worker = new Thread(() -> {
      try {
        exports.export(ALL, target, p -> {}, new ExportCancellation());
      } catch (RuntimeException e) {
        failure.set(e);
      }
    });
    worker.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && worker.isAlive() && !hasTemp()) {
      Thread.sleep(5);
    }
    worker.interrupt();
    worker.join(30_000);
    assertThat(worker.isAlive()).isFalse();
    assertThat(failure.get()).isInstanceOf(ExportCancelledException.class);
    assertThat(listing()).isEmpty();
  }

  @Test
  void cancelWhileTheDatabaseWaitsStopsTheStatement(@Staff(StaffRole.ANALYST) StaffSession analyst) throws Exception {
    ExportService exports = new ExportService(analyst);
    Path target = dir.resolve("waiting.csv");
    Files.writeString(target, "the previous export\r\n");
    try (Connection owner = db.ownerConnection();
        Statement s = owner.createStatement()) {
      owner.setAutoCommit(false);
      s.execute("LOCK TABLE \"CreditTransaction\" IN ACCESS EXCLUSIVE MODE");
      ExportCancellation cancel = new ExportCancellation();
      CompletableFuture<ExportResult> run =
          CompletableFuture.supplyAsync(() -> exports.export(ALL, target, p -> {}, cancel));
      // Cancel only once the export's statement waits on the lock: the cancel path under test.
      db.awaitLockWait(analyst.login(), java.time.Duration.ofSeconds(10));
      assertThat(run).isNotDone();
      long start = System.nanoTime();
      cancel.cancel();
      Throwable thrown = catchThrowable(() -> run.get(30, TimeUnit.SECONDS));
      assertThat(thrown).cause().isInstanceOf(ExportCancelledException.class);
      // Well before the analyst's 3 s lock timeout would have ended the wait.
      assertThat(System.nanoTime() - start).isLessThan(TimeUnit.MILLISECONDS.toNanos(2500));
      owner.rollback();
    }
    assertThat(Files.readString(target)).isEqualTo("the previous export\r\n");
    assertThat(listing()).containsExactly("waiting.csv");
  }

  @Test
  void aMissingFolderIsOneClearSentence(@Staff(StaffRole.ANALYST) StaffSession analyst) throws IOException {
    ExportService exports = new ExportService(analyst);
    Path target = dir.resolve("no/such/folder/ledger.csv");
    assertThatThrownBy(() -> exports.export(ALL, target))
        .isInstanceOf(ExportFailedException.class)
        .hasMessage("The folder " + dir.resolve("no/such/folder") + " does not exist.")
        .satisfies(e -> assertThat(((ExportFailedException) e).exitCode()).isEqualTo(2));
    assertThatThrownBy(() -> exports.export(ALL, dir))
        .isInstanceOf(ExportFailedException.class)
        .hasMessage(dir + " is a folder; give a file name.");
    assertThat(listing()).isEmpty();
  }

  @Test
  void anUnwritableFolderIsOneClearSentence(@Staff(StaffRole.ANALYST) StaffSession analyst) throws Exception {
    ExportService exports = new ExportService(analyst);
    Path folder = unwritableFolder();
    Path target = folder.resolve("ledger.csv");
    assertThatThrownBy(() -> exports.export(ALL, target))
        .isInstanceOf(ExportFailedException.class)
        .hasMessage("You may not write to " + target + " (permission denied).")
        .satisfies(e -> assertThat(((ExportFailedException) e).reason()).isEqualTo(Reason.NOT_WRITABLE))
        .satisfies(e -> assertThat(((ExportFailedException) e).exitCode()).isEqualTo(4));
    assertThat(Files.exists(target)).isFalse();
  }

  @Test
  void aFullDiskIsOneClearSentenceAndLeavesNothing(@Staff(StaffRole.ANALYST) StaffSession analyst) throws Exception {
    Path small = dir.resolve("small");
    Files.createDirectories(small);
    Assumptions.assumeTrue(mountTmpfs(small, "512k"), "needs root to mount a small tmpfs");
    try {
      ExportService exports = new ExportService(analyst);
      Path target = small.resolve("ledger.csv");
      assertThatThrownBy(() -> exports.export(ALL, target))
          .isInstanceOf(ExportFailedException.class)
          .hasMessage("The disk holding " + small + " is full; no file was written.")
          .satisfies(e -> assertThat(((ExportFailedException) e).reason()).isEqualTo(Reason.DISK_FULL));
      try (Stream<Path> files = Files.list(small)) {
        assertThat(files).isEmpty();
      }
      // And the connection that was streaming is not left mid-COPY.
      assertThat(exports.export(ExportRequest.dailyUsage(ALL.filter()), dir.resolve("d.csv")).rows())
          .isPositive();
    } finally {
      new ProcessBuilder("umount", small.toString()).inheritIO().start().waitFor();
    }
  }

  @Test
  void ioErrorsBecomeSentences() {
    Path target = Path.of("/data/out.csv");
    assertThat(ExportTarget.failure(new IOException("No space left on device"), target).reason())
        .isEqualTo(Reason.DISK_FULL);
    assertThat(ExportTarget.failure(new FileSystemException("/data/x", null, "Read-only file system"),
        target).reason()).isEqualTo(Reason.NOT_WRITABLE);
    assertThat(ExportTarget.failure(new IOException("Input/output error"), target))
        .hasMessage("Could not write /data/out.csv: Input/output error.");
  }

  private Path unwritableFolder() throws IOException {
    Path ro = dir.resolve("read-only");
    Files.createDirectories(ro);
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
    if (!canCreate(ro)) {
      return ro;
    }
    // Root ignores file modes; sysfs refuses new files even to root.
    Path sys = Path.of("/sys");
    Assumptions.assumeTrue(Files.isDirectory(sys) && !canCreate(sys), "no unwritable folder here");
    return sys;
  }

  private static boolean canCreate(Path folder) {
    try {
      Files.delete(Files.createTempFile(folder, "probe", ".tmp"));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean mountTmpfs(Path at, String size) {
    try {
      Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString())
          .redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean hasTemp() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(p -> p.getFileName().toString().endsWith(ExportTarget.TEMP_SUFFIX)
          && size(p) > 100_000);
    }
  }

  private List<String> listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
