import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * Fills jpackage's input directory from the fat jar: one copy of the jar, with JavaFX's native
 * libraries moved out of it to sit beside it. JavaFX loads natives found next to its jar
 * directly; left inside the jar they are extracted to ~/.openjfx/cache on first start, which is
 * slower and writes outside the user's data directory. Prints the jar's Implementation-Version.
 *
 * <p>{@code java installer/PrepareInput.java target/creditdesk.jar target/installer/input}
 */
public final class PrepareInput {
  public static void main(String[] args) throws IOException {
    Path jar = Path.of(args[0]);
    Path input = Path.of(args[1]);
    Files.createDirectories(input);
    Path copy = input.resolve(jar.getFileName());
    Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);

    List<String> moved = new ArrayList<>();
    // The zip file system rewrites the jar copying untouched entries as they are (no recompression).
    try (FileSystem zip = FileSystems.newFileSystem(copy)) {
      try (DirectoryStream<Path> top = Files.newDirectoryStream(zip.getPath("/"))) {
        for (Path entry : top) {
          String name = entry.getFileName().toString();
          if (isNativeLibrary(name) && Files.isRegularFile(entry)) {
            Files.copy(entry, input.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            Files.delete(entry);
            moved.add(name);
          }
        }
      }
    }
    if (moved.isEmpty()) {
      throw new IllegalStateException("No JavaFX native libraries at the root of " + jar);
    }
    System.err.println("Moved beside the jar: " + String.join(" ", moved));

    try (JarFile j = new JarFile(copy.toFile())) {
      String version = j.getManifest().getMainAttributes().getValue("Implementation-Version");
      if (version == null) {
        throw new IllegalStateException("No Implementation-Version in " + jar);
      }
      System.out.println(version);
    }
  }

  private static boolean isNativeLibrary(String name) {
    return name.endsWith(".so") || name.endsWith(".dll") || name.endsWith(".dylib");
  }
}
