import Foundation
import KioskCore
import Testing

@testable import KioskStore

/// A centre of many kiosks and desks on one PostgreSQL server (issue 15), and the same rules on a
/// kiosk's own SQLite file where they apply.
@Suite(.serialized) struct CentreTests {
  let fee = LedgerLine(id: "centre-fee", bn: "কেন্দ্রের সেবা ফি", en: "Centre's service fee", amount: 300)

  /// Nine desks charging 200 receipts each at once: 1…1800, no gap, no repeat; the chain holds.
  @Test func nineDesksChargingAtOnceGetEveryNumberOnce() throws {
    let db = try TestDatabase(.postgres)
    defer { db.remove() }
    let store = try db.open()  // migrates, and makes the ledger key the desks share
    _ = try store.issueReceipt(centreID: "DEMO", draftID: nil, serviceID: "namjari", operatorID: "op0", lines: [fee])
    let (numbers, p99) = try chargeAtOnce(store: db.url, keyPath: db.keyPath, processes: 9, each: 200)
    #expect(numbers.count == 1800)
    #expect(Set(numbers).count == 1800 && numbers.min() == 2 && numbers.max() == 1801, "gapless and unique")
    #expect(try store.receipts().map(\.number) == Array(1...1801))
    #expect(try store.verifyLedger() == nil)
    print("nine desks, 1800 receipts: charge p99 per desk \(p99.map { String(format: "%.1f ms", $0 * 1000) })")
  }

  @Test func twoProcessesChargingOneSQLiteFileGetEveryNumberOnce() throws {
    let db = try TestDatabase(.sqlite)
    defer { db.remove() }
    _ = try db.open()
    let (numbers, _) = try chargeAtOnce(store: db.path, keyPath: db.keyPath, processes: 2, each: 200)
    #expect(numbers.count == 400 && Set(numbers) == Set(1...400))
    #expect(try db.open().verifyLedger() == nil)
  }

  /// A kiosk's and a desk's own roles may add to the ledger but not change or remove it; even the
  /// owner meets the trigger.
  @Test func theLedgerIsAppendOnlyForEveryRole() throws {
    let db = try TestDatabase(.postgres)
    defer { db.remove() }
    let store = try db.open()
    let r = try store.issueReceipt(
      centreID: "DEMO", draftID: nil, serviceID: "namjari", operatorID: "op1", lines: [fee])
    try store.saveLedgerHead(operatorID: "op1")
    try PrivatePostgres.psql(
      """
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kiosk_t1') THEN
          CREATE ROLE kiosk_t1 LOGIN IN ROLE \(PostgresSchema.kioskRole);
        END IF;
      END $$;
      """)
    let kiosk = try KioskStore(
      url: PrivatePostgres.url(database: db.database, role: "kiosk_t1"), ledgerKeyPath: db.keyPath)
    // The kiosk's role does its work …
    let d = try kiosk.createDraft(serviceID: "namjari", language: .bn)
    try kiosk.saveAnswer(draftID: d.id, questionID: "applicant_name", value: "রহিমা")
    try kiosk.markReceiptPrinted(r.id, operatorID: "op1", reprint: false)
    let r2 = try kiosk.issueReceipt(
      centreID: "DEMO", draftID: d.id, serviceID: "namjari", operatorID: "op1", lines: [fee])
    #expect(r2.number == 2)
    // … and cannot rewrite the ledger, its heads or the audit log.
    let kioskURL = PrivatePostgres.url(database: db.database, role: "kiosk_t1")
    for sql in [
      "UPDATE receipt SET total = 30 WHERE id = 1", "DELETE FROM receipt WHERE id = 2", "TRUNCATE receipt",
      "DELETE FROM audit_log", "UPDATE ledger_head SET hash = 'x'", "DELETE FROM ledger_head",
      "UPDATE receipt SET printed = 0 WHERE id = 1",
    ] {
      #expect(throws: PrivatePostgres.Failed.self, "kiosk: \(sql)") { try PrivatePostgres.psql(sql, url: kioskURL) }
      #expect(throws: PrivatePostgres.Failed.self, "owner: \(sql)") { try PrivatePostgres.psql(sql, url: db.url) }
    }
    #expect(try store.verifyLedger() == nil)
    #expect(try store.receiptCount() == 2)
  }
}
