package creditdesk.bench;

import java.util.List;

/** One section of the bench report: its lines, each beside its baseline. */
interface BenchSection {
  List<Measurement> run() throws Exception;
}
