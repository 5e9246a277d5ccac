package creditdesk.service.export;

import java.io.IOException;
import java.io.OutputStream;

/**
 * PostgreSQL's COPY ... CSV ends records with LF; RFC 4180 wants CRLF. This rewrites record ends
 * only, leaving line breaks inside quoted fields as they are, and counts records. It can tell the
 * two apart by quote parity alone: COPY quotes every field that holds a quote, comma, CR or LF,
 * and doubles quotes inside, so an LF outside quotes is always a record end. Input may be split
 * anywhere; UTF-8 continuation bytes never equal a quote or LF.
 */
final class CsvLineEnds {
  private final OutputStream out;
  private final byte[] buffer = new byte[1 << 16];
  private int used;
  private boolean quoted;
  private long records;

  CsvLineEnds(OutputStream out) {
    this.out = out;
  }

  void write(byte[] data) throws IOException {
    byte[] buf = buffer;
    int n = used;
    for (byte b : data) {
      // Room for CR LF.
      if (n >= buf.length - 1) {
        out.write(buf, 0, n);
        n = 0;
      }
      if (b == '"') {
        quoted = !quoted;
      } else if (b == '\n' && !quoted) {
        buf[n++] = '\r';
        records++;
      }
      buf[n++] = b;
    }
    used = n;
  }

  void flush() throws IOException {
    if (used > 0) {
      out.write(buffer, 0, used);
      used = 0;
    }
    out.flush();
  }

  /** Complete records seen so far, the header included. */
  long records() {
    return records;
  }
}
