package creditdesk.service.ledger;

/** Who wrote a ledger row: creditdesk when creditdesk.adjust did (see {@link LedgerRows}), else the web app. */
public enum LedgerSource {
  WEBAPP,
  CREDITDESK
}
