import Foundation
import GRDB
import KioskCore
import Testing

@testable import KioskStore

/// A store written by every older schema opens with today's code: the migrations after it run,
/// and what it held is all there (issue 14: a migration test per older schema; issue 15: on both
/// engines).
@Suite struct MigrationTests {
  let code = ResumeCode.generate()

  /// Fills a store at an older schema the way that schema's code did: a draft with an answer, an
  /// operator (from 002 on) and a receipt with an unkeyed chain (from 002 until 008 keyed it).
  func fill(_ db: any SQLSession, upTo: Int) throws {
    try db.execute("INSERT INTO issued_code(code) VALUES (?)", [code.digits])
    try db.execute(
      """
      INSERT INTO draft(id, resume_code, service_id, language, state, created_at, updated_at)
      VALUES (1, ?, 'namjari', 'bn', 'waiting', 1790000000, 1790000000)
      """, [code.digits])
    try db.execute(
      "INSERT INTO draft_answer(draft_id, question_id, value, updated_at) VALUES (1, 'applicant_name', 'রহিমা', 1790000000)"
    )
    guard upTo >= 2 else { return }
    try db.execute(
      "INSERT INTO operator(id, name, pin_hash, created_at) VALUES ('op1', 'সালমা', ?, 1790000000)",
      [Crypto.hashPIN("482915")])
    let lines = #"[{"amount":300,"bn":"ফি","en":"Fee","id":"centre-fee"}]"#
    let input = KioskStore.hashInput(
      id: 1, centre: "DEMO", year: 2026, number: 1, draft: 1, service: "namjari", op: "op1", lines: lines, total: 300,
      issuedAt: 1_790_000_000, voids: nil, reason: nil, prev: KioskStore.genesisHash)
    try db.execute(
      """
      INSERT INTO receipt(id, centre_id, year, number, draft_id, service_id, operator, lines, total, issued_at,
        printed, prev_hash, hash) VALUES (1, 'DEMO', 2026, 1, 1, 'namjari', 'op1', ?, 300, 1790000000, 1, ?, ?)
      """, [lines, KioskStore.genesisHash, Crypto.sha256Hex(input)])
  }

  func expectWhole(_ store: KioskStore, upTo: Int) throws {
    #expect(try store.appliedMigrations().count >= KioskStore.migrationNames.count)
    let d = try #require(try store.draft(code: code))
    #expect(try store.answers(draftID: d.id) == ["applicant_name": "রহিমা"])
    guard upTo >= 2 else { return }
    let check = try store.checkLedger()
    #expect(check.problem == nil && check.unkeyed == 1, "the old unkeyed row verifies: \(check)")
    // New receipts are keyed and go on from the old number.
    let r = try store.issueReceipt(
      centreID: "DEMO", draftID: 1, serviceID: "namjari", operatorID: "op1",
      lines: [LedgerLine(id: "centre-fee", bn: "ফি", en: "Fee", amount: 300)],
      now: Date(timeIntervalSince1970: 1_790_000_100))
    #expect(r.number == 2)
    #expect(try store.verifyLedger() == nil)
    if case .ok = try store.logIn(id: "op1", pin: "482915") {} else { Issue.record("the operator signs in") }
  }

  @Test(arguments: 1..<KioskStore.migrationNames.count) func anSQLiteFileOfEveryOlderSchemaOpens(upTo: Int) throws {
    let db = try TestDatabase(.sqlite)
    defer { db.remove() }
    let names = KioskStore.migrationNames
    let queue = try DatabaseQueue(path: db.path)
    try KioskStore.migrator.migrate(queue, upTo: names[upTo - 1])
    try queue.write { g in try fill(SQLiteSession(db: g), upTo: upTo) }
    try queue.close()
    try expectWhole(try db.open(), upTo: upTo)
  }

  @Test(arguments: 1..<PostgresSchema.migrations.count) func aCentreDatabaseOfEveryOlderSchemaOpens(upTo: Int) throws {
    let db = try TestDatabase(.postgres)
    defer { db.remove() }
    let script = PostgresSchema.migrations.prefix(upTo).map { "-- \($0.0)\n" + $0.1 }.joined(separator: ";\n")
    let applied = PostgresSchema.migrations.prefix(upTo).map { "('\($0.0)', 0)" }.joined(separator: ", ")
    try PrivatePostgres.psql(
      "CREATE TABLE schema_migration (id text PRIMARY KEY, applied_at double precision NOT NULL);\n" + script
        + ";\nINSERT INTO schema_migration VALUES \(applied);", url: db.url)
    let engine = try PostgresEngine(address: try PostgresAddress(db.url))
    try engine.write { s in try fill(s, upTo: upTo >= 2 ? 2 : 1) }
    try engine.close()
    try expectWhole(try db.open(), upTo: upTo >= 2 ? 2 : 1)
  }
}
