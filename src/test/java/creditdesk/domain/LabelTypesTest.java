package creditdesk.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The enum label types keep any label; the constants are the labels this build knows. */
class LabelTypesTest {
  @Test
  void knownLabelsAreTheConstantsAndUnknownOnesAreKeptAsTheyAre() {
    assertThat(FeatureType.known()).extracting(FeatureType::dbValue).containsExactly(
        "document_generation", "workstream_clustering", "chat_tool_call", "chat_message");
    assertThat(OperationType.known()).containsExactly(
        OperationType.DEDUCT, OperationType.REFUND, OperationType.GRANT);
    assertThat(UserLevel.known()).extracting(UserLevel::dbValue)
        .containsExactly("free", "basic", "pro", "paid", "demo");
    assertThat(UserStatus.known()).extracting(UserStatus::dbValue)
        .containsExactly("active", "banned", "deleted");
    assertThat(RenewalPeriod.known()).extracting(RenewalPeriod::dbValue)
        .containsExactly("monthly", "yearly", "lifetime");

    assertThat(FeatureType.fromDb("chat_message")).isSameAs(FeatureType.CHAT_MESSAGE);
    assertThat(FeatureType.CHAT_MESSAGE.isKnown()).isTrue();
    assertThat(FeatureType.CHAT_MESSAGE.name()).isEqualTo("CHAT_MESSAGE");

    FeatureType standup = FeatureType.fromDb("standup_generation");
    assertThat(standup).isNotNull().isEqualTo(FeatureType.fromDb("standup_generation"));
    assertThat(standup.isKnown()).isFalse();
    assertThat(standup.dbValue()).isEqualTo("standup_generation");
    assertThat(standup).hasToString("standup_generation");
    assertThat(FeatureType.known()).doesNotContain(standup);
    assertThat(UserLevel.fromDb("enterprise").dbValue()).isEqualTo("enterprise");
    assertThat(UserStatus.fromDb("suspended").isKnown()).isFalse();
    assertThat(RenewalPeriod.fromDb("weekly").isKnown()).isFalse();
    assertThat(OperationType.fromDb("DEDUCT")).isNotEqualTo(OperationType.DEDUCT);
    assertThat(FeatureType.fromDb("")).isNotNull();
    // Same label, different enums: not equal.
    assertThat((Object) FeatureType.fromDb("x")).isNotEqualTo(OperationType.fromDb("x"));
  }

  @Test
  void chatMessagesMoveChatAndEveryOtherFeatureMovesCredits() {
    assertThat(FeatureType.CHAT_MESSAGE.balance()).isEqualTo(Balance.CHAT_MESSAGES);
    assertThat(FeatureType.CHAT_TOOL_CALL.balance()).isEqualTo(Balance.CREDITS);
    assertThat(FeatureType.fromDb("standup_generation").balance()).isEqualTo(Balance.CREDITS);
  }

  @Test
  void deductionsLowerGrantsAndRefundsRaiseAndAnUnknownOperationChangesNothing() {
    assertThat(OperationType.DEDUCT.signed(3)).isEqualTo(-3);
    assertThat(OperationType.GRANT.signed(3)).isEqualTo(3);
    assertThat(OperationType.REFUND.signed(3)).isEqualTo(3);
    assertThat(OperationType.fromDb("expire").signed(3)).isZero();
  }
}
