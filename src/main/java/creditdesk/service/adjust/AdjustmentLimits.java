package creditdesk.service.adjust;

import creditdesk.service.common.ValidationException;

/** The largest amount one adjustment may move; the database enforces its own copy of the limit. */
public record AdjustmentLimits(int maxAmount) {
  public static final int DEFAULT_MAX_AMOUNT = 10_000;
  public static final AdjustmentLimits DEFAULT = fromSystemProperty();

  public AdjustmentLimits {
    if (maxAmount < 1) {
      throw new IllegalArgumentException("maxAmount must be positive");
    }
  }

  /** {@code -Dcreditdesk.maxAdjustment=N} overrides the default of 10,000. */
  static AdjustmentLimits fromSystemProperty() {
    String value = System.getProperty("creditdesk.maxAdjustment");
    if (value == null || value.isBlank()) {
      return new AdjustmentLimits(DEFAULT_MAX_AMOUNT);
    }
    return new AdjustmentLimits(Integer.parseInt(value.trim()));
  }

  void checkAmountIfPresent(Integer amount) {
    if (amount != null && (amount < 1 || amount > maxAmount)) {
      throw new ValidationException(amountRule());
    }
  }

  String amountRule() {
    return String.format("The amount must be a whole number from 1 to %,d.", maxAmount);
  }
}
