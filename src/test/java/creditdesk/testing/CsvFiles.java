package creditdesk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.service.export.CsvText;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads an exported file strictly: RFC 4180 framing checked byte by byte, then parsed. */
public final class CsvFiles {
  public static final Set<String> NUMERIC = Set.of("amount", "signed_amount", "deduct_count", "deduct_sum",
      "grant_count", "grant_sum", "refund_count", "refund_sum", "free_credits", "free_chat_messages");

  public record Csv(boolean bom, List<String> header, List<List<String>> rows) {
    public int column(String name) {
      int i = header.indexOf(name);
      assertThat(i).as("column %s in %s", name, header).isGreaterThanOrEqualTo(0);
      return i;
    }

    public List<String> values(String name) {
      int i = column(name);
      return rows.stream().map(r -> r.get(i)).toList();
    }

    public long sum(String name) {
      return values(name).stream().mapToLong(Long::parseLong).sum();
    }
  }

  private CsvFiles() {}

  public static Csv read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    boolean bom = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF;
    int start = bom ? 3 : 0;
    assertFraming(bytes, start);
    String text = strictUtf8(bytes, start);
    List<List<String>> records = new ArrayList<>();
    try (CSVParser parser = CSVFormat.RFC4180.parse(new StringReader(text))) {
      for (CSVRecord r : parser) {
        records.add(r.toList());
      }
    }
    assertThat(records).as("a header row").isNotEmpty();
    List<String> header = records.get(0);
    for (List<String> r : records) {
      assertThat(r).as("same column count on every row").hasSameSizeAs(header);
    }
    return new Csv(bom, header, records.subList(1, records.size()));
  }

  /** Every record ends in CRLF; outside quotes there is no other CR or LF. */
  public static void assertFraming(byte[] bytes, int start) {
    boolean quoted = false;
    assertThat(bytes.length).isGreaterThan(start + 1);
    for (int i = start; i < bytes.length; i++) {
      byte b = bytes[i];
      assertThat(b).as("no NUL byte at %d", i).isNotEqualTo((byte) 0);
      if (b == '"') {
        quoted = !quoted;
      } else if (!quoted && b == '\r') {
        assertThat(i + 1 < bytes.length && bytes[i + 1] == '\n').as("CR at %d starts CRLF", i).isTrue();
      } else if (!quoted && b == '\n') {
        assertThat(bytes[i - 1]).as("LF at %d ends CRLF", i).isEqualTo((byte) '\r');
      }
    }
    assertThat(quoted).as("quotes balanced").isFalse();
    assertThat(bytes[bytes.length - 2]).isEqualTo((byte) '\r');
    assertThat(bytes[bytes.length - 1]).isEqualTo((byte) '\n');
  }

  private static String strictUtf8(byte[] bytes, int start) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
        .toString();
  }

  /** No text cell starts a formula; numeric cells are plain integers (or empty). */
  public static void assertNoFormulas(Csv csv) {
    for (List<String> row : csv.rows()) {
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        if (NUMERIC.contains(csv.header().get(i))) {
          assertThat(cell).as("numeric %s", csv.header().get(i)).matches("(-?[0-9]+)?");
        } else {
          assertThat(CsvText.startsFormula(cell)).as("cell %s: %s", csv.header().get(i), cell).isFalse();
        }
      }
    }
  }
}
