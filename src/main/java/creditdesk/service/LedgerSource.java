package creditdesk.service;

/** Who wrote a ledger row: the web app, or creditdesk (metadata.source = "creditdesk"). */
public enum LedgerSource {
  WEBAPP,
  CREDITDESK
}
