package creditdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.service.common.ValidationException;
import org.junit.jupiter.api.Test;

class ErrorsTest {
  @Test
  void knownFailureShowsItsOwnSentenceEvenWhenWrapped() {
    RuntimeException wrapped =
        new RuntimeException("javafx.fxml.LoadException", new ValidationException("A login is required."));
    assertThat(Errors.explain(wrapped)).isEqualTo("A login is required.");
  }

  @Test
  void unexpectedFailureShowsOneGenericSentenceWithoutInternals() {
    String sentence = Errors.explain(new NullPointerException("field x of y was null"));
    assertThat(sentence).isEqualTo(Errors.UNEXPECTED).doesNotContain("null");
  }
}
