package creditdesk.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** Writes a window's picture to target/screenshots/ as PNG (ImageIO; no javafx-swing needed). */
final class Screenshots {
  static final Path DIRECTORY = Path.of("target", "screenshots");

  private Screenshots() {}

  static Path write(Scene scene, String name) {
    try {
      WaitForAsyncUtils.waitForFxEvents();
      WritableImage image =
          WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(30, TimeUnit.SECONDS);
      int width = (int) image.getWidth();
      int height = (int) image.getHeight();
      int[] argb = new int[width * height];
      PixelReader pixels = image.getPixelReader();
      pixels.getPixels(
          0, 0, width, height, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, width);
      BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
      png.setRGB(0, 0, width, height, argb, 0, width);
      Files.createDirectories(DIRECTORY);
      Path file = DIRECTORY.resolve(name + ".png");
      ImageIO.write(png, "png", file.toFile());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Could not take a picture of " + name, e);
    }
  }
}
