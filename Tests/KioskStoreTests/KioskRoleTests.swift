import Foundation
import KioskCore
import Testing

@testable import KioskStore

/// A kiosk's own role on a centre's database (pg-004): it reads a draft only through its resume
/// code (a function with the lockout inside it), never from the tables; the desk's role reads the
/// queue. Real roles on the private server, real logins.
@Suite(.serialized) struct KioskRoleTests {
  /// Logins `kiosk_r1` (kiosk group) and `desk_r1` (desk group), made once on the server.
  static func makeLogins() throws {
    try PrivatePostgres.psql(
      """
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kiosk_r1') THEN
          CREATE ROLE kiosk_r1 LOGIN IN ROLE \(PostgresSchema.kioskRole);
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'desk_r1') THEN
          CREATE ROLE desk_r1 LOGIN IN ROLE \(PostgresSchema.deskRole);
        END IF;
      END $$;
      """)
  }

  @Test func aKioskRoleReadsADraftOnlyThroughItsCode() throws {
    let db = try TestDatabase(.postgres)
    defer { db.remove() }
    let owner = try db.open()  // the centre's admin migrates (store init)
    defer { try? owner.close() }  // the test's own connection
    try Self.makeLogins()
    let kioskURL = PrivatePostgres.url(database: db.database, role: "kiosk_r1")
    let deskURL = PrivatePostgres.url(database: db.database, role: "desk_r1")

    // Kiosk 1 (the kiosk's role, with its journal) starts a draft: answers and half-typed text.
    let kiosk1 = try KioskStore(url: kioskURL, ledgerKeyPath: db.keyPath, journalPath: db.dir + "/kiosk1.sqlite")
    let d = try kiosk1.createDraft(serviceID: "namjari", language: .bn)
    try kiosk1.saveAnswer(draftID: d.id, questionID: "applicant_name", value: "রহিমা খাতুন")
    try kiosk1.saveTyping(draftID: d.id, questionID: "mouza", text: "আশু")
    #expect(try kiosk1.pendingHandOver() == 0, "handed to the server through the functions")
    #expect(try kiosk1.answers(draftID: d.id) == ["applicant_name": "রহিমা খাতুন"])

    // The kiosk's role reads none of the tables …
    for sql in [
      "SELECT * FROM draft", "SELECT * FROM draft_answer", "SELECT * FROM draft_typing", "SELECT * FROM issued_code",
      "SELECT * FROM answer_history", "SELECT pdf FROM print_job", "UPDATE draft SET state = 'waiting'",
      "DELETE FROM draft_answer",
    ] {
      #expect(throws: PrivatePostgres.Failed.self, "kiosk: \(sql)") { try PrivatePostgres.psql(sql, url: kioskURL) }
    }
    // … and a draft's id with a code that is not its own reads nothing.
    let wrong = ResumeCode.generate()
    #expect(
      try PrivatePostgres.psql(
        "SELECT count(*) FROM bhumiseba_draft_answers(\(d.id), '\(wrong.digits)')", url: kioskURL
      ).trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    #expect(
      try PrivatePostgres.psql(
        "SELECT o_value FROM bhumiseba_draft_answers(\(d.id), '\(d.resumeCode.digits)')", url: kioskURL
      ).trimmingCharacters(in: .whitespacesAndNewlines) == "রহিমা খাতুন")

    // Kiosk 2 has not opened it: not there for it, until the citizen gives its code.
    let kiosk2 = try KioskStore(url: kioskURL, ledgerKeyPath: db.keyPath, journalPath: db.dir + "/kiosk2.sqlite")
    #expect(try kiosk2.draft(id: d.id) == nil)
    #expect(throws: StoreError.unknownDraft(d.id)) { try kiosk2.answers(draftID: d.id) }
    guard case .found(let resumed) = try kiosk2.lookUp(code: d.resumeCode, source: CodeSource.screen) else {
      Issue.record("kiosk 2 does not open the draft by its code")
      return
    }
    #expect(resumed.id == d.id && resumed.resumeCode == d.resumeCode)
    #expect(try kiosk2.answers(draftID: d.id) == ["applicant_name": "রহিমা খাতুন"])
    #expect(try kiosk2.typing(draftID: d.id) == ["mouza": "আশু"])
    try kiosk2.saveAnswer(draftID: d.id, questionID: "mobile", value: "01712345678")
    try kiosk2.setState(draftID: d.id, .waiting)
    #expect(try kiosk2.draft(id: d.id)?.state == .waiting)

    // The lockout is inside the function: three wrong codes from one source slow that source down.
    for _ in 0..<3 {
      #expect(try kiosk2.lookUp(code: ResumeCode.generate(), source: "role-test") == .notFound)
    }
    guard case .slowDown(let seconds) = try kiosk2.lookUp(code: d.resumeCode, source: "role-test") else {
      Issue.record("no slow-down after three wrong codes through the function")
      return
    }
    #expect(seconds >= 1 && seconds <= 2)
    #expect(try owner.auditLog().contains { $0.action == "resume-lock" } == false)

    // The queue is a desk's work: the kiosk's role is told so in words; the desk's role reads it.
    #expect(throws: StoreError.deskOnly(KioskStore.theQueue)) { try kiosk2.staffQueue() }
    #expect(StoreError.deskOnly(KioskStore.theQueue).message.bn.contains("ডেস্ক"))
    let desk = try KioskStore(url: deskURL, ledgerKeyPath: db.keyPath)
    #expect(try desk.staffQueue().map(\.id) == [d.id])
    #expect(try desk.answers(draftID: d.id) == ["applicant_name": "রহিমা খাতুন", "mobile": "01712345678"])
    try desk.markFiled(draftID: d.id, applicationNumber: "NJ-2026-7", operatorID: "op1")
    // A filed draft is refused in words through the functions too.
    #expect(throws: StoreError.filed(draftID: d.id)) {
      try kiosk1.saveAnswer(draftID: d.id, questionID: "mobile", value: "01999999999")
    }
    #expect(try desk.answers(draftID: d.id)["mobile"] == "01712345678")
    try desk.close()
    try kiosk1.close()
    try kiosk2.close()
  }
}
