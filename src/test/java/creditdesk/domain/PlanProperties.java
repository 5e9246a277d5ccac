package creditdesk.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** The web app's hasUnlimitedAccess, around its one edge: a year after the last payment. */
class PlanProperties {

  @Property
  void yearlyIsUnlimitedExactlyBeforeTheFirstAnniversaryOfTheLastPayment(
      @ForAll("instants") LocalDateTime lastPayment,
      @ForAll @LongRange(min = -2_000_000, max = 2_000_000) long secondsFromLapse) {
    LocalDateTime lapse = lastPayment.plusYears(1);
    LocalDateTime now = lapse.plusSeconds(secondsFromLapse);
    Plan plan = Plan.of(UserLevel.PAID, RenewalPeriod.YEARLY, lastPayment, now);
    assertThat(plan.unlimited()).isEqualTo(secondsFromLapse < 0);
    assertThat(plan.kind()).isEqualTo(secondsFromLapse < 0 ? Plan.Kind.YEARLY : Plan.Kind.LAPSED);
    assertThat(plan.until()).isEqualTo(lapse);
  }

  @Property
  void atTheBoundaryItselfTheUserIsChargedAndOneNanosecondBeforeNot(
      @ForAll("instants") LocalDateTime lastPayment) {
    LocalDateTime lapse = lastPayment.plusYears(1);
    assertThat(Plan.of(UserLevel.PAID, RenewalPeriod.YEARLY, lastPayment, lapse).unlimited()).isFalse();
    assertThat(Plan.of(UserLevel.PAID, RenewalPeriod.YEARLY, lastPayment, lapse.minusNanos(1)).unlimited())
        .isTrue();
  }

  @Property
  void daysLeftCountsCalendarDaysToTheLapseDate(
      @ForAll("instants") LocalDateTime lastPayment,
      @ForAll @LongRange(min = 1, max = 365L * 86_400) long secondsBefore) {
    LocalDateTime now = lastPayment.plusYears(1).minusSeconds(secondsBefore);
    Plan plan = Plan.of(UserLevel.PAID, RenewalPeriod.YEARLY, lastPayment, now);
    assertThat(plan.daysLeft())
        .isEqualTo(ChronoUnit.DAYS.between(now.toLocalDate(), lastPayment.plusYears(1).toLocalDate()))
        .isBetween(0L, 366L);
  }

  @Property
  void onlyDemoLifetimeAndCurrentYearlyAreUnlimited(
      @ForAll("levels") UserLevel level,
      @ForAll("periods") RenewalPeriod period,
      @ForAll("instants") LocalDateTime lastPayment,
      @ForAll("instants") LocalDateTime now) {
    boolean expected =
        level.equals(UserLevel.DEMO)
            || (level.equals(UserLevel.PAID)
                && (period.equals(RenewalPeriod.LIFETIME)
                    || (period.equals(RenewalPeriod.YEARLY) && lastPayment.plusYears(1).isAfter(now))));
    assertThat(Plan.of(level, period, lastPayment, now).unlimited()).isEqualTo(expected);
    assertThat(Plan.of(level, period, null, now).unlimited())
        .isEqualTo(level.equals(UserLevel.DEMO)
            || (level.equals(UserLevel.PAID) && period.equals(RenewalPeriod.LIFETIME)));
  }

  @Example
  void theLeapDayLapsesOnTheLastDayOfFebruary() {
    LocalDateTime paid = LocalDateTime.of(2024, 2, 29, 12, 0);
    Plan before = Plan.of(UserLevel.PAID, RenewalPeriod.YEARLY, paid, LocalDateTime.of(2025, 2, 28, 11, 59));
    assertThat(before.unlimited()).isTrue();
    assertThat(before.describe()).isEqualTo("Yearly until 2025-02-28, last day");
    assertThat(Plan.of(UserLevel.PAID, RenewalPeriod.YEARLY, paid, LocalDateTime.of(2025, 2, 28, 12, 0))
            .describe())
        .isEqualTo("Yearly, lapsed on 2025-02-28");
  }

  @Example
  void descriptions() {
    LocalDateTime now = LocalDateTime.of(2026, 11, 29, 20, 0);
    assertThat(Plan.of(UserLevel.PAID, RenewalPeriod.YEARLY, LocalDateTime.of(2026, 3, 1, 9, 0), now)
            .describe())
        .isEqualTo("Yearly until 2027-03-01, 92 days left");
    assertThat(Plan.of(UserLevel.PAID, RenewalPeriod.YEARLY, null, now).describe())
        .isEqualTo("Yearly, lapsed (no payment recorded)");
    assertThat(Plan.of(UserLevel.PAID, RenewalPeriod.LIFETIME, null, now).describe()).isEqualTo("Lifetime");
    assertThat(Plan.of(UserLevel.PAID, RenewalPeriod.MONTHLY, now, now).describe()).isEqualTo("Paid monthly");
    assertThat(Plan.of(UserLevel.PAID, RenewalPeriod.MONTHLY, now, now).unlimited()).isFalse();
    assertThat(Plan.of(UserLevel.DEMO, RenewalPeriod.MONTHLY, null, now).describe()).isEqualTo("Demo");
    assertThat(Plan.of(UserLevel.FREE, RenewalPeriod.LIFETIME, null, now).describe()).isEqualTo("Free");
    assertThat(Plan.of(UserLevel.BASIC, RenewalPeriod.YEARLY, now, now).unlimited()).isFalse();
    assertThat(Plan.of(null, RenewalPeriod.LIFETIME, null, now).describe()).isEqualTo("Unknown");
    assertThat(Plan.of(UserLevel.PAID, null, null, now).known()).isFalse();
  }

  @Provide
  Arbitrary<LocalDateTime> instants() {
    LocalDateTime start = LocalDateTime.of(2019, 1, 1, 0, 0);
    return Arbitraries.longs()
        .between(0, 12L * 365 * 86_400 * 1_000_000L)
        .map(micros -> start.plusNanos(micros * 1000))
        .edgeCases(e -> e.add(LocalDateTime.of(2024, 2, 29, 0, 0)));
  }

  @Provide
  Arbitrary<UserLevel> levels() {
    return Arbitraries.of(UserLevel.FREE, UserLevel.BASIC, UserLevel.PRO, UserLevel.PAID, UserLevel.DEMO);
  }

  @Provide
  Arbitrary<RenewalPeriod> periods() {
    return Arbitraries.of(RenewalPeriod.MONTHLY, RenewalPeriod.YEARLY, RenewalPeriod.LIFETIME);
  }
}
