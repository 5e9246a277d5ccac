package creditdesk.service.export;

import creditdesk.service.common.ValidationException;
import creditdesk.service.export.ExportFailedException.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file an export writes: a hidden temporary file beside the target, fsynced and renamed onto
 * the target only when complete, so that readers see the whole file or none. Closing it without
 * {@link #commit()} removes the temporary file.
 *
 * <p>A process killed outright (SIGKILL, power loss) cannot remove its temporary file. Each export
 * therefore holds a lock on its own temporary file while it writes, and the next export into the
 * same folder removes creditdesk temporary files that nobody holds a lock on.
 */
final class ExportTarget extends OutputStream {
  static final String TEMP_SUFFIX = ".part";
  private static final Logger LOG = LoggerFactory.getLogger(ExportTarget.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  /** {@code .<file name>.<12 hex digits>.part}: only names this class makes. */
  private static final Pattern TEMP_NAME = Pattern.compile("\\..+\\.[0-9a-f]{12}\\.part");
  /** Younger files are left alone: their export may not have taken its lock yet. */
  private static final Duration STALE_AFTER = Duration.ofSeconds(30);

  private final Path target;
  private final Path temp;
  private final FileChannel channel;
  private final byte[] buffer = new byte[1 << 18];
  private int buffered;
  private long written;
  private boolean committed;

  private ExportTarget(Path target, Path temp, FileChannel channel) {
    this.target = target;
    this.temp = temp;
    this.channel = channel;
  }

  static ExportTarget open(Path requested) {
    if (requested == null || requested.toString().isBlank()) {
      throw new ValidationException("Choose a file to export to.");
    }
    Path target = requested.toAbsolutePath().normalize();
    Path folder = target.getParent();
    if (folder == null || target.getFileName() == null) {
      throw new ExportFailedException(Reason.NO_SUCH_FOLDER, target + " is not a file name.", null);
    }
    if (!Files.exists(folder)) {
      throw new ExportFailedException(
          Reason.NO_SUCH_FOLDER, "The folder " + folder + " does not exist.", null);
    }
    if (!Files.isDirectory(folder)) {
      throw new ExportFailedException(
          Reason.NO_SUCH_FOLDER, folder + " is not a folder.", null);
    }
    if (Files.isDirectory(target)) {
      throw new ExportFailedException(
          Reason.NO_SUCH_FOLDER, target + " is a folder; give a file name.", null);
    }
    removeStale(folder);
    byte[] random = new byte[6];
    RANDOM.nextBytes(random);
    Path temp =
        folder.resolve("." + target.getFileName() + "." + HexFormat.of().formatHex(random) + TEMP_SUFFIX);
    try {
      FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        // Released when the channel closes or the process dies; marks the file as in use.
        channel.tryLock();
      } catch (IOException e) {
        LOG.debug("Cannot lock {}: {}", temp, e.getMessage());
      }
      return new ExportTarget(target, temp, channel);
    } catch (IOException e) {
      throw failure(e, target);
    }
  }

  Path target() {
    return target;
  }

  Path temp() {
    return temp;
  }

  /** Bytes handed to this file so far. */
  long bytes() {
    return written + buffered;
  }

  @Override
  public void write(int b) throws IOException {
    if (buffered == buffer.length) {
      drain();
    }
    buffer[buffered++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (len >= buffer.length) {
      drain();
      writeFully(ByteBuffer.wrap(b, off, len));
      written += len;
      return;
    }
    if (len > buffer.length - buffered) {
      drain();
    }
    System.arraycopy(b, off, buffer, buffered, len);
    buffered += len;
  }

  @Override
  public void flush() throws IOException {
    drain();
  }

  private void drain() throws IOException {
    if (buffered > 0) {
      writeFully(ByteBuffer.wrap(buffer, 0, buffered));
      written += buffered;
      buffered = 0;
    }
  }

  private void writeFully(ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      channel.write(b);
    }
  }

  /** Makes the file durable and moves it onto the target in one step. */
  Path commit() {
    try {
      drain();
      channel.force(true);
      channel.close();
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      committed = true;
      syncFolder(target.getParent());
      return target;
    } catch (IOException e) {
      throw failure(e, target);
    }
  }

  /** Removes the temporary file unless committed. Never throws. */
  @Override
  public void close() {
    if (committed) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("Closing {}: {}", temp, e.getMessage());
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      LOG.warn("Could not remove the unfinished export {}: {}", temp, e.getMessage());
    }
  }

  /**
   * Removes the temporary files of creditdesk exports in {@code folder} that no running export
   * holds (left by a killed process). Never throws: a file it cannot check is left alone.
   */
  static void removeStale(Path folder) {
    Instant before = Instant.now().minus(STALE_AFTER);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, ".*" + TEMP_SUFFIX)) {
      for (Path file : files) {
        if (TEMP_NAME.matcher(file.getFileName().toString()).matches()
            && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
            && Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(before)
            && unused(file)) {
          Files.deleteIfExists(file);
          LOG.info("Removed {}, left by an export that did not finish", file);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("Looking for unfinished exports in {}: {}", folder, e.getMessage());
    }
  }

  private static boolean unused(Path file) {
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
      FileLock lock = c.tryLock();
      if (lock == null) {
        return false;
      }
      lock.release();
      return true;
    } catch (OverlappingFileLockException e) {
      return false; // an export of this process is writing it
    } catch (IOException e) {
      return false;
    }
  }

  /** So that the rename itself survives a crash. Not every platform can open a folder. */
  private static void syncFolder(Path folder) {
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("Cannot fsync folder {}: {}", folder, e.getMessage());
    }
  }

  /** One plain sentence for an input/output failure on {@code target}. */
  static ExportFailedException failure(IOException e, Path target) {
    Path folder = target.getParent();
    String detail = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      detail = fse.getReason().toLowerCase(Locale.ROOT);
    }
    if (detail.contains("no space left") || detail.contains("disk quota") || detail.contains("not enough space")) {
      return new ExportFailedException(
          Reason.DISK_FULL, "The disk holding " + folder + " is full; no file was written.", e);
    }
    if (e instanceof AccessDeniedException || detail.contains("permission denied")
        || detail.contains("read-only file system") || detail.contains("operation not permitted")) {
      return new ExportFailedException(
          Reason.NOT_WRITABLE, "You may not write to " + target + " (permission denied).", e);
    }
    if (e instanceof NoSuchFileException) {
      return new ExportFailedException(
          Reason.NO_SUCH_FOLDER, "The folder " + folder + " does not exist.", e);
    }
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new ExportFailedException(
        Reason.WRITE_FAILED, "Could not write " + target + ": " + why + ".", e);
  }
}
