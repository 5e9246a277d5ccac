package creditdesk.ui.user;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.domain.FeatureType;
import creditdesk.domain.OperationType;
import creditdesk.service.ledger.LedgerEntry;
import creditdesk.service.ledger.LedgerSource;
import creditdesk.ui.Formats;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The details pane's strings for a selected row, without a toolkit. */
class EntryDetailsViewModelTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final LocalDateTime AT = LocalDateTime.of(2026, 11, 29, 20, 0, 5);
  private static final FeatureType FEATURE = FeatureType.DOCUMENT_GENERATION;

  private final EntryDetailsViewModel details = new EntryDetailsViewModel(ZONE);

  private static LedgerEntry entry(
      OperationType operation, int amount, LedgerSource source, Integer after, String actor,
      String reason, String ticket, UUID refundOf, int refunded, String metadata) {
    return new LedgerEntry(
        UUID.randomUUID(), UUID.randomUUID(), AT, operation, FEATURE, amount, source, after, actor,
        reason, ticket, refundOf, refunded, metadata);
  }

  @Test
  void nothingSelectedShowsTheEmptyState() {
    details.show(null);
    assertThat(details.isShown()).isFalse();
  }

  @Test
  void aCreditdeskGrantShowsItsActorReasonTicketAndBalanceAfter() {
    LedgerEntry e =
        entry(OperationType.GRANT, 50, LedgerSource.CREDITDESK, 150, "ana", "goodwill", "T-1", null, 0,
            "{\"source\": \"creditdesk\"}");
    details.show(e);
    assertThat(details.isShown()).isTrue();
    assertThat(details.getTitle())
        .isEqualTo(Formats.operation(OperationType.GRANT) + " " + Formats.signed(e.signedAmount())
            + " · " + Formats.feature(FEATURE));
    assertThat(details.getId()).isEqualTo(e.id().toString());
    assertThat(details.getLocal()).isEqualTo(Formats.localTime(AT, ZONE));
    assertThat(details.getUtc()).isEqualTo(Formats.utcTime(AT));
    assertThat(details.getSource()).isEqualTo("creditdesk");
    assertThat(details.getActor()).isEqualTo("ana");
    assertThat(details.getReason()).isEqualTo("goodwill");
    assertThat(details.getTicket()).isEqualTo("T-1");
    assertThat(details.isBalanceAfterShown()).isTrue();
    assertThat(details.getBalanceAfter()).isEqualTo(Formats.number(150));
    assertThat(details.isRefundedShown()).isFalse();
    assertThat(details.isRefundLinkShown()).isFalse();
    assertThat(details.getMetadata()).isEqualTo("{\"source\": \"creditdesk\"}");
  }

  @Test
  void aWebAppDeductionShowsWhatWasRefundedAndDashesForWhatItLacks() {
    details.show(
        entry(OperationType.DEDUCT, 10, LedgerSource.WEBAPP, null, null, " ", null, null, 4, ""));
    assertThat(details.getSource()).isEqualTo("web app");
    assertThat(details.getActor()).isEqualTo("—");
    assertThat(details.getReason()).isEqualTo("—");
    assertThat(details.getTicket()).isEqualTo("—");
    assertThat(details.isBalanceAfterShown()).isFalse();
    assertThat(details.getBalanceAfter()).isEmpty();
    assertThat(details.isRefundedShown()).isTrue();
    assertThat(details.getRefunded()).isEqualTo("4 of 10 (6 left)");
    assertThat(details.getMetadata()).isEqualTo("(no metadata)");
  }

  @Test
  void aRefundOffersTheLinkToItsDeduction() {
    details.show(
        entry(OperationType.REFUND, 3, LedgerSource.CREDITDESK, 7, "ana", "r", null,
            UUID.randomUUID(), 0, "{}"));
    assertThat(details.isRefundLinkShown()).isTrue();
    assertThat(details.isRefundedShown()).isFalse();
  }
}
