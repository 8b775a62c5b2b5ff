import Foundation
import KioskCore
import Testing

@testable import KioskStore

/// The complaints register (issue 20) on both engines: filed and answered by appending, never
/// changed; the chain and its heads find a changed, deleted or forged row and name it.
@Suite struct ComplaintTests {
  let t0 = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15 14:40 in Dhaka

  /// Three complaints and a response.
  func fill(_ store: KioskStore) throws -> [Complaint] {
    let a = try store.fileComplaint(
      centreID: "DEMO", kind: .overcharged, askedAmount: 1500, reference: "DEMO-2027-000003", serviceID: "namjari",
      fee: 1170, mobile: "01712345678", now: t0)
    let b = try store.fileComplaint(
      centreID: "DEMO", kind: .filing, askedAmount: nil, reference: nil, serviceID: "khatian-copy", fee: 100,
      mobile: nil, now: t0.addingTimeInterval(60))
    try store.respondToComplaint(a.id, text: "Refunded 330 taka; operator warned.", operatorID: "op1", now: t0 + 120)
    let c = try store.fileComplaint(
      centreID: "DEMO", kind: .conduct, askedAmount: nil, reference: "  ", serviceID: nil, fee: nil, mobile: " ",
      now: t0.addingTimeInterval(180))
    return [a, b, c]
  }

  @Test(arguments: Engine.allCases) func complaintsAreNumberedAnsweredListedAndVerified(engine: Engine) throws {
    let db = try TestDatabase(engine)
    defer { db.remove() }
    let store = try db.open()
    defer { try? store.close() }  // the test's own connection
    #expect(try store.verifyComplaints() == nil, "an empty register holds")
    #expect(try store.saveComplaintHead(operatorID: "op1") == nil)
    let filed = try fill(store)
    #expect(filed.map(\.displayNumber) == ["DEMO-C-000001", "DEMO-C-000002", "DEMO-C-000003"])
    #expect(filed.map(\.id) == [1, 2, 4], "the response is row 3")
    #expect(filed[2].reference == nil && filed[2].mobile == nil, "blank answers are no answers")
    let listed = try store.complaints()
    #expect(listed.map(\.0) == filed)
    #expect(listed[0].1.map(\.text) == ["Refunded 330 taka; operator warned."])
    #expect(listed[0].1.first?.operatorID == "op1" && listed[1].1.isEmpty)
    #expect(try store.complaint(number: "DEMO-C-000002")?.fee == 100)
    #expect(try store.complaint(number: "4")?.kind == .conduct)
    #expect(try store.complaint(number: "3") == nil, "a response is not a complaint")
    #expect(throws: ComplaintError.unknownComplaint("9")) {
      try store.respondToComplaint(9, text: "x", operatorID: "o")
    }
    #expect(throws: ComplaintError.emptyResponse) { try store.respondToComplaint(1, text: "  ", operatorID: "o") }
    let day = CivilDate(secondsSince1970: t0.timeIntervalSince1970)
    #expect(try store.complaintCounts(on: day) == [.overcharged: 1, .filing: 1, .conduct: 1])
    #expect(try store.complaintCounts(on: CivilDate(year: 2027, month: 1, day: 16)!) == [:])
    let check = try store.checkComplaints()
    #expect(check.problem == nil && check.checked == 4)
    let head = try store.saveComplaintHead(operatorID: "op1", now: t0 + 600)
    #expect(head?.rowID == 4)
    #expect(try store.complaintHeads().count == 1)
    #expect(try store.checkComplaints().heads == 1)
    #expect(try store.verifyComplaints() == nil)
    // The mobile number is in the register (hashed with the row) but never in the audit log, and
    // in the CSV only when asked for.
    let log = try store.auditLog()
    #expect(
      log.filter { $0.action == "complaint-file" }.map(\.subject) == ["complaint:1", "complaint:2", "complaint:4"])
    #expect(!log.contains { $0.detail.contains("01712345678") || $0.subject.contains("01712345678") })
    #expect(!(try store.complaintsCSV()).contains("01712345678"))
    #expect(try store.complaintsCSV(withMobile: true).contains("01712345678"))
    #expect(try store.complaintsCSV().split(separator: "\n").count == 5, "header, three complaints, one response")
  }

  /// What a tamperer does behind the store's back, and the row verify must name.
  enum Tamper: String, CaseIterable, CustomTestStringConvertible {
    case lowerTheAmount, dropTheMobile, deleteAMiddleRow, deleteTheTail, forgeAResponse, forgeTheHead
    var testDescription: String { rawValue }
    var sql: String {
      switch self {
      case .lowerTheAmount: return "UPDATE complaint SET asked_amount = 1170 WHERE id = 1"
      case .dropTheMobile: return "UPDATE complaint SET mobile = NULL WHERE id = 1"
      case .deleteAMiddleRow: return "DELETE FROM complaint WHERE id = 2"
      case .deleteTheTail: return "DELETE FROM complaint WHERE id = 4"
      case .forgeAResponse: return "UPDATE complaint SET response = 'Nothing happened.' WHERE id = 3"
      case .forgeTheHead: return "UPDATE complaint_head SET complaint_id = 3"
      }
    }
    var namedRow: Int64 {
      switch self {
      case .lowerTheAmount, .dropTheMobile: return 1
      case .deleteAMiddleRow: return 3
      case .deleteTheTail: return 4
      case .forgeAResponse, .forgeTheHead: return 3
      }
    }
  }

  @Test(arguments: Engine.allCases, Tamper.allCases) func aTamperedRowIsFoundAndNamed(engine: Engine, how: Tamper)
    throws
  {
    let db = try TestDatabase(engine)
    defer { db.remove() }
    let store = try db.open()
    defer { try? store.close() }  // the test's own connection
    _ = try fill(store)
    try store.saveComplaintHead(operatorID: "op1", now: t0 + 600)
    #expect(try store.verifyComplaints() == nil)
    try db.tamper(how.sql)
    let problem = try store.verifyComplaints()
    #expect(problem?.rowID == how.namedRow, "\(how): \(String(describing: problem))")
  }

  /// Nobody changes or deletes a complaint through the database either: SQLite's triggers, and on
  /// PostgreSQL the kiosk's and the desk's roles have no UPDATE or DELETE, with a trigger behind.
  @Test(arguments: Engine.allCases) func theRegisterRefusesUpdateAndDelete(engine: Engine) throws {
    let db = try TestDatabase(engine)
    defer { db.remove() }
    let store = try db.open()
    defer { try? store.close() }  // the test's own connection
    _ = try fill(store)
    try store.saveComplaintHead(operatorID: "op1", now: t0 + 600)
    let refused = [
      "UPDATE complaint SET asked_amount = 0", "DELETE FROM complaint WHERE id = 4",
      "UPDATE complaint_head SET hash = 'x'", "DELETE FROM complaint_head",
    ]
    for sql in refused {
      #expect(throws: PrivatePostgres.Failed.self, "owner: \(sql)") {
        try db.tamper(sql, disablingTriggers: false)
      }
    }
    #expect(try store.verifyComplaints() == nil)
    guard engine == .postgres else { return }
    #expect(throws: PrivatePostgres.Failed.self) { try db.tamper("TRUNCATE complaint", disablingTriggers: false) }
    try KioskRoleTests.makeLogins()
    let kioskURL = PrivatePostgres.url(database: db.database, role: "kiosk_r1")
    let deskURL = PrivatePostgres.url(database: db.database, role: "desk_r1")
    for url in [kioskURL, deskURL] {
      for sql in refused {
        #expect(throws: PrivatePostgres.Failed.self, "\(url): \(sql)") { try PrivatePostgres.psql(sql, url: url) }
      }
    }
    // A kiosk files a complaint through the functions and reads no mobile number or reference.
    let kiosk = try KioskStore(url: kioskURL, ledgerKeyPath: db.keyPath, journalPath: db.dir + "/kiosk.sqlite")
    defer { try? kiosk.close() }  // the test's own connection
    let d = try kiosk.fileComplaint(
      centreID: "DEMO", kind: .misuse, askedAmount: nil, reference: nil, serviceID: nil, fee: nil,
      mobile: "01898765432", now: t0 + 700)
    #expect(d.displayNumber == "DEMO-C-000004")
    for sql in ["SELECT mobile FROM complaint", "SELECT reference FROM complaint", "SELECT * FROM complaint"] {
      #expect(throws: PrivatePostgres.Failed.self, "kiosk: \(sql)") { try PrivatePostgres.psql(sql, url: kioskURL) }
    }
    #expect(try kiosk.complaintCounts(on: CivilDate(secondsSince1970: t0.timeIntervalSince1970))[.misuse] == 1)
    // The desk answers it; the register still holds with both of them in it.
    let desk = try KioskStore(url: deskURL, ledgerKeyPath: db.keyPath)
    defer { try? desk.close() }  // the test's own connection
    try desk.respondToComplaint(d.id, text: "Spoke to the operator.", operatorID: "op2", now: t0 + 800)
    try kiosk.saveComplaintHead(operatorID: "day-end", now: t0 + 900)
    #expect(try desk.verifyComplaints() == nil)
    #expect(try desk.complaintHeads().count == 2)
  }

  @Test(arguments: Engine.allCases) func feedbackIsCountedByDayServiceAndRating(engine: Engine) throws {
    let db = try TestDatabase(engine)
    defer { db.remove() }
    let store = try db.open()
    defer { try? store.close() }  // the test's own connection
    for (service, rating, offset) in [
      ("namjari", 3, 0.0), ("namjari", 3, 60), ("namjari", 1, 120), ("khatian-copy", 2, 180), ("namjari", 3, 86400),
    ] {
      try store.recordFeedback(serviceID: service, rating: rating, now: t0.addingTimeInterval(offset))
    }
    #expect(throws: ComplaintError.badRating(4)) { try store.recordFeedback(serviceID: "namjari", rating: 4) }
    let day = CivilDate(secondsSince1970: t0.timeIntervalSince1970)
    #expect(
      try store.feedbackCounts(on: day).map { "\($0.serviceID) \($0.rating) \($0.count)" } == [
        "khatian-copy 2 1", "namjari 1 1", "namjari 3 2",
      ])
    #expect(try store.feedbackCounts(on: CivilDate(year: 2027, month: 1, day: 16)!).map(\.count) == [1])
  }
}
