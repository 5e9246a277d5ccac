package creditdesk.service.export;

import java.nio.file.Path;

/** A child JVM for {@link StaleExportFilesTest}: opens an export file, writes, and waits to be killed. */
public final class HoldExportTarget {
  private HoldExportTarget() {}

  public static void main(String[] args) throws Exception {
    ExportTarget target = ExportTarget.open(Path.of(args[0]));
    target.write("id,amount\n".getBytes());
    target.flush();
    System.out.println(target.temp());
    System.out.flush();
    Thread.sleep(600_000);
  }
}
