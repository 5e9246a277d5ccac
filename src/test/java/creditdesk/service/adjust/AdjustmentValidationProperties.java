package creditdesk.service.adjust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import creditdesk.service.common.ValidationException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

class AdjustmentValidationProperties {

  @Property
  void everyAmountInRangeIsAccepted(@ForAll @IntRange(min = 1, max = 10_000) int n) {
    assertThat(AdjustmentValidation.amount(Integer.toString(n))).isEqualTo(n);
    assertThat(AdjustmentValidation.amount(" 000" + n + " ")).isEqualTo(n);
  }

  @Property
  void zeroNegativesAndTooLargeAreRefused(
      @ForAll @LongRange(min = Long.MIN_VALUE, max = 0) long low,
      @ForAll @LongRange(min = 10_001, max = Long.MAX_VALUE) long high) {
    assertThatThrownBy(() -> AdjustmentValidation.amount(Long.toString(low)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> AdjustmentValidation.amount(Long.toString(high)))
        .isInstanceOf(ValidationException.class)
        .hasMessage("The amount must be a whole number from 1 to 10,000.");
  }

  @Example
  void overflowAndOddNumberFormsAreRefused() {
    for (String s : new String[] {"2147483648", "4294967301", "99999999999999999999999", "1e3", "0x10",
        "+5", "5.0", "5,000", "1_000", "", " ", "٣", "５", "१२", "𝟗", "5\u0000", "NaN", "Infinity",
        "'; DROP TABLE \"User\"; --"}) {
      assertThatThrownBy(() -> AdjustmentValidation.amount(s)).as(s).isInstanceOf(ValidationException.class);
    }
  }

  @Property
  void nonAsciiDigitsAreRefused(@ForAll("unicodeDigits") String digits) {
    assertThatThrownBy(() -> AdjustmentValidation.amount(digits)).isInstanceOf(ValidationException.class);
  }

  @Provide
  Arbitrary<String> unicodeDigits() {
    return Arbitraries.chars()
        .filter(Character::isDigit)
        .filter(c -> c < '0' || c > '9')
        .list().ofMinSize(1).ofMaxSize(6)
        .map(cs -> cs.stream().map(String::valueOf).reduce("", String::concat));
  }

  @Property
  void reasonsOfPrintableTextWithinLimitsAreKeptTrimmed(
      @ForAll("printable") @StringLength(min = 3, max = 500) String reason) {
    String trimmed = reason.strip();
    if (trimmed.codePointCount(0, trimmed.length()) >= 3) {
      assertThat(AdjustmentValidation.reason("  " + reason + "\n")).isEqualTo(trimmed);
    } else {
      assertThatThrownBy(() -> AdjustmentValidation.reason(reason)).isInstanceOf(ValidationException.class);
    }
  }

  @Provide
  Arbitrary<String> printable() {
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .withChars("éßøæ漢字ЖЩ'\";--/**/\\%_")
        .ofMinLength(3).ofMaxLength(500);
  }

  @Property
  void sqlMetacharactersAreJustText(@ForAll("sqlish") String reason) {
    assertThat(AdjustmentValidation.reason(reason)).isEqualTo(reason.strip());
  }

  @Provide
  Arbitrary<String> sqlish() {
    return Arbitraries.of("'; DROP TABLE \"CreditTransaction\"; --", "\" OR 1=1 --", "$$; SELECT 1; $$",
        "Robert'); DELETE FROM \"User\";--", "%_\\", "/* comment */ reason", "E'\\x00'");
  }

  @Property
  void anyNulOrBidiControlIsRefused(
      @ForAll("printable") String before, @ForAll("forbidden") char bad, @ForAll("printable") String after) {
    String reason = before + bad + after;
    assertThatThrownBy(() -> AdjustmentValidation.reason(reason)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> AdjustmentValidation.ticket("T" + bad + "1")).isInstanceOf(ValidationException.class);
  }

  @Provide
  Arbitrary<Character> forbidden() {
    return Arbitraries.of('\u0000', '\u0007', '\u001b', '\u007f', '\u200e', '\u200f', '\u061c', '\u202a',
        '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069');
  }

  @Property(tries = 20)
  void tooLongReasonsAndTicketsAreRefused(@ForAll @IntRange(min = 501, max = 10_000) int length) {
    String longText = "x".repeat(length);
    assertThatThrownBy(() -> AdjustmentValidation.reason(longText))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("3 to 500");
    assertThatThrownBy(() -> AdjustmentValidation.ticket("T".repeat(length / 5 + 1)))
        .isInstanceOf(ValidationException.class);
  }

  @Example
  void blankTicketMeansNone() {
    assertThat(AdjustmentValidation.ticket("   ")).isNull();
    assertThat(AdjustmentValidation.ticket(" SUP-42 ")).isEqualTo("SUP-42");
    assertThat(AdjustmentValidation.reason("🙂🙂🙂")).isEqualTo("🙂🙂🙂");
    assertThatThrownBy(() -> AdjustmentValidation.reason("🙂🙂")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> AdjustmentValidation.reason("ab\uD800c")).isInstanceOf(ValidationException.class);
  }
}
