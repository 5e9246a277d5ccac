package creditdesk.ui.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import creditdesk.domain.FeatureType;
import creditdesk.domain.OperationType;
import creditdesk.service.common.ValidationException;
import creditdesk.service.export.ExportReport;
import creditdesk.service.ledger.HistoryFilter;
import creditdesk.service.ledger.LedgerSource;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExportPresetTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 3, 20);
  private static final UUID ID = UUID.fromString("3f2a0000-0000-4000-8000-000000000001");

  @Test
  void historyCarriesTheFiltersIntoTheRequestAndSaysThem() {
    HistoryFilter f = new HistoryFilter(OperationType.REFUND, FeatureType.CHAT_MESSAGE,
        LocalDate.of(2026, 3, 1), null, LedgerSource.CREDITDESK);
    ExportPreset p = ExportPreset.history(ID, "Ada.Lovelace+x@analytical.example", f, TODAY);
    assertThat(p.request().report()).isEqualTo(ExportReport.LEDGER);
    assertThat(p.request().filter().userId()).isEqualTo(ID);
    assertThat(p.request().filter().operation()).isEqualTo(OperationType.REFUND);
    assertThat(p.request().filter().feature()).isEqualTo(FeatureType.CHAT_MESSAGE);
    assertThat(p.request().filter().source()).isEqualTo(LedgerSource.CREDITDESK);
    assertThat(p.request().filter().from()).isEqualTo(LocalDate.of(2026, 3, 1));
    assertThat(p.description()).isEqualTo("This user's ledger rows with the history's filters: Refunds"
        + " · Chat message · from 2026-03-01 on (UTC days) · written by creditdesk. Oldest first.");
    assertThat(p.fileName()).isEqualTo("history-ada.lovelace+x@analytical.example-2026-03-20.csv");
    assertThat(p.emailPossible()).isTrue();
  }

  @Test
  void historyWithoutEmailIsNamedByIdAndUnfilteredSaysSo() {
    ExportPreset p = ExportPreset.history(ID, null, HistoryFilter.NONE, TODAY);
    assertThat(p.fileName()).isEqualTo("history-" + ID + "-2026-03-20.csv");
    assertThat(p.description()).isEqualTo("Every ledger row of this user, oldest first.");
  }

  @Test
  void searchResultsNameTheQueryInAFileNameThatIsAlwaysValid() {
    assertThat(ExportPreset.searchResults(" maria@ ", TODAY).fileName()).isEqualTo("search-maria@-2026-03-20.csv");
    assertThat(ExportPreset.searchResults("../../etc/Lopez García", TODAY).fileName())
        .isEqualTo("search-etc-lopez-garc-a-2026-03-20.csv");
    assertThat(ExportPreset.searchResults("%%", TODAY).fileName()).isEqualTo("search-results-2026-03-20.csv");
    assertThat(ExportPreset.searchResults("x", TODAY).emailPossible()).isFalse();
    assertThatThrownBy(() -> ExportPreset.searchResults("  ", TODAY)).isInstanceOf(ValidationException.class);
  }
}
