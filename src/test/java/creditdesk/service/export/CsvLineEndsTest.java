package creditdesk.service.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvLineEndsTest {
  // What COPY ... CSV writes: LF record ends; line breaks and quotes inside quoted fields.
  static final String COPY_OUTPUT =
      "id,text\n1,plain\n2,\"a\nb\"\n3,\"say \"\"hi\"\"\r\nnow\"\n4,\"\"\n5,\n6,\"ü😀,\n\"\n";
  static final String RFC4180 =
      "id,text\r\n1,plain\r\n2,\"a\nb\"\r\n3,\"say \"\"hi\"\"\r\nnow\"\r\n4,\"\"\r\n5,\r\n6,\"ü😀,\n\"\r\n";

  @Test
  void recordEndsBecomeCrlfWhateverTheChunks() throws Exception {
    byte[] in = COPY_OUTPUT.getBytes(StandardCharsets.UTF_8);
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      CsvLineEnds csv = new CsvLineEnds(out);
      int at = 0;
      while (at < in.length) {
        int n = Math.min(in.length - at, 1 + random.nextInt(9));
        byte[] chunk = new byte[n];
        System.arraycopy(in, at, chunk, 0, n);
        csv.write(chunk);
        at += n;
      }
      csv.flush();
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(RFC4180);
      assertThat(csv.records()).isEqualTo(7);
    }
  }

  @Test
  void manyBuffersFull() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CsvLineEnds csv = new CsvLineEnds(out);
    byte[] row = "123456789,\"x\ny\"\n".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < 50_000; i++) {
      csv.write(row);
    }
    csv.flush();
    assertThat(csv.records()).isEqualTo(50_000);
    assertThat(out.toString(StandardCharsets.US_ASCII))
        .isEqualTo("123456789,\"x\ny\"\r\n".repeat(50_000));
  }

  @Test
  void neutralisesOnlyFormulaStarters() {
    for (String s : new String[] {"=1", "+1", "-1", "@a", "\tx", "\rx", "\nx"}) {
      assertThat(CsvText.neutralise(s)).isEqualTo("'" + s);
    }
    for (String s : new String[] {"1", "a=1", " =1", "'=1", "", "ü"}) {
      assertThat(CsvText.neutralise(s)).isEqualTo(s);
    }
    assertThat(CsvText.neutralise(null)).isNull();
  }
}
