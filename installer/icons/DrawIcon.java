import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws creditdesk's application icon (a credit card in front of a ledger sheet on a blue tile)
 * at the sizes desktops use, and packs them into the Windows .ico and macOS .icns files.
 *
 * <p>Run from the repository root: {@code java installer/icons/DrawIcon.java installer/icons}.
 * The outputs are committed; rerun only when the design changes.
 */
public final class DrawIcon {
  // Primer blues (the console's accent) for the tile, an amber card, the ledger's in/out colours.
  private static final Color TILE_TOP = new Color(0x2F81F7);
  private static final Color TILE_BOTTOM = new Color(0x0550AE);
  private static final Color SHEET = new Color(0xFFFFFF);
  private static final Color SHEET_RULE = new Color(0xD0D7DE);
  private static final Color CREDIT_IN = new Color(0x1A7F37);
  private static final Color CREDIT_OUT = new Color(0xCF222E);
  private static final Color CARD = new Color(0xFFB224);
  private static final Color CARD_EDGE = new Color(0xE39A00);
  private static final Color STRIPE = new Color(0x24292F);
  private static final Color CHIP = new Color(0xFFF1C7);
  private static final Color SHADOW = new Color(0, 0, 0, 60);

  private static final int[] SIZES = {16, 32, 48, 64, 128, 256, 512};

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "installer/icons");
    Files.createDirectories(out);
    Map<Integer, byte[]> pngs = new LinkedHashMap<>();
    for (int size : SIZES) {
      byte[] png = png(draw(size));
      pngs.put(size, png);
      Files.write(out.resolve("creditdesk-" + size + ".png"), png);
    }
    // jpackage on Linux takes one PNG; the desktop shows it scaled, so give it the largest.
    Files.write(out.resolve("creditdesk.png"), pngs.get(512));
    Files.write(out.resolve("creditdesk.ico"), ico(pngs, 16, 32, 48, 64, 128, 256));
    Files.write(out.resolve("creditdesk.icns"), icns(pngs));
  }

  /** Designed on a 512-unit grid; small sizes drop detail and keep edges on whole pixels. */
  static BufferedImage draw(int size) {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.scale(size / 512.0, size / 512.0);
    if (size <= 16) {
      drawTiny(g);
    } else if (size <= 32) {
      drawSmall(g);
    } else {
      drawFull(g, size);
    }
    g.dispose();
    return image;
  }

  private static void tile(Graphics2D g, double inset, double radius) {
    g.setPaint(new GradientPaint(0, (float) inset, TILE_TOP, 0, (float) (512 - inset), TILE_BOTTOM));
    g.fill(rect(inset, inset, 512 - 2 * inset, 512 - 2 * inset, radius));
  }

  /** 16 px: the tile and the card with its stripe; one unit of 32 is one pixel. */
  private static void drawTiny(Graphics2D g) {
    tile(g, 0, 96);
    g.setColor(CARD);
    g.fill(rect(64, 128, 384, 288, 48));
    g.setColor(STRIPE);
    g.fillRect(64, 192, 384, 64);
    g.setColor(CHIP);
    g.fillRect(128, 320, 96, 64);
  }

  /** 32 px: the ledger sheet gets two rules, the card its stripe and chip; one unit of 16 is one pixel. */
  private static void drawSmall(Graphics2D g) {
    tile(g, 0, 96);
    g.setColor(SHEET);
    g.fill(rect(192, 64, 256, 256, 32));
    g.setColor(CREDIT_IN);
    g.fillRect(320, 112, 96, 32);
    g.setColor(CREDIT_OUT);
    g.fillRect(320, 176, 96, 32);
    g.setColor(SHADOW);
    g.fill(rect(48, 224, 320, 224, 40));
    g.setColor(CARD);
    g.fill(rect(48, 208, 320, 224, 40));
    g.setColor(STRIPE);
    g.fillRect(48, 256, 320, 48);
    g.setColor(CHIP);
    g.fill(rect(96, 336, 80, 48, 16));
  }

  private static void drawFull(Graphics2D g, int size) {
    tile(g, 24, 104);

    // Ledger sheet, upper right, with dated rows: credits in (green) and out (red).
    Shape sheet = rect(176, 88, 248, 276, 28);
    g.setColor(SHADOW);
    g.fill(AffineTransform.getTranslateInstance(0, 10).createTransformedShape(sheet));
    g.setColor(SHEET);
    g.fill(sheet);
    Color[] amounts = {CREDIT_IN, CREDIT_OUT, CREDIT_IN, CREDIT_OUT};
    double[] widths = {76, 56, 64, 44};
    for (int row = 0; row < amounts.length; row++) {
      double y = 130 + row * 48;
      g.setColor(SHEET_RULE);
      g.fill(rect(208, y, 80, 20, 10));
      g.setColor(amounts[row]);
      g.fill(rect(392 - widths[row], y, widths[row], 20, 10));
    }

    // Credit card, lower left, in front of the sheet.
    Shape card = rect(64, 220, 304, 196, 30);
    g.setColor(SHADOW);
    g.fill(AffineTransform.getTranslateInstance(0, 14).createTransformedShape(card));
    g.setColor(CARD);
    g.fill(card);
    if (size >= 64) {
      g.setColor(CARD_EDGE);
      g.setStroke(new BasicStroke(4f));
      g.draw(rect(66, 222, 300, 192, 28));
    }
    java.awt.Shape oldClip = g.getClip();
    g.clip(card);
    g.setColor(STRIPE);
    g.fill(new java.awt.geom.Rectangle2D.Double(64, 256, 304, 44));
    g.setClip(oldClip);
    g.setColor(CHIP);
    g.fill(rect(100, 324, 64, 48, 10));
    if (size >= 64) {
      g.setColor(CARD_EDGE);
      g.setStroke(new BasicStroke(4f));
      g.draw(rect(100, 324, 64, 48, 10));
      g.drawLine(132, 324, 132, 372);
      g.drawLine(100, 348, 164, 348);
      // The card number's last group.
      for (int i = 0; i < 4; i++) {
        g.setColor(STRIPE);
        g.fill(new java.awt.geom.Ellipse2D.Double(228 + i * 26, 344, 16, 16));
      }
    }
  }

  private static RoundRectangle2D rect(double x, double y, double w, double h, double r) {
    return new RoundRectangle2D.Double(x, y, w, h, 2 * r, 2 * r);
  }

  private static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  /** ICO with PNG-compressed entries (Windows Vista and later). */
  static byte[] ico(Map<Integer, byte[]> pngs, int... sizes) {
    int offset = 6 + 16 * sizes.length;
    int total = offset;
    for (int s : sizes) {
      total += pngs.get(s).length;
    }
    ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
    for (int s : sizes) {
      byte[] png = pngs.get(s);
      b.put((byte) (s >= 256 ? 0 : s)).put((byte) (s >= 256 ? 0 : s));
      b.put((byte) 0).put((byte) 0).putShort((short) 1).putShort((short) 32);
      b.putInt(png.length).putInt(offset);
      offset += png.length;
    }
    for (int s : sizes) {
      b.put(pngs.get(s));
    }
    return b.array();
  }

  /** ICNS with PNG entries: icp4/icp5 (16, 32), ic07..ic09 (128..512), ic11..ic14 (retina). */
  static byte[] icns(Map<Integer, byte[]> pngs) throws IOException {
    Map<String, Integer> types = new LinkedHashMap<>();
    types.put("icp4", 16);
    types.put("icp5", 32);
    types.put("ic11", 32);
    types.put("ic12", 64);
    types.put("ic07", 128);
    types.put("ic13", 256);
    types.put("ic08", 256);
    types.put("ic14", 512);
    types.put("ic09", 512);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(body);
    for (Map.Entry<String, Integer> e : types.entrySet()) {
      byte[] png = pngs.get(e.getValue());
      d.writeBytes(e.getKey());
      d.writeInt(8 + png.length);
      d.write(png);
    }
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    DataOutputStream f = new DataOutputStream(file);
    f.writeBytes("icns");
    f.writeInt(8 + body.size());
    f.write(body.toByteArray());
    return file.toByteArray();
  }
}
