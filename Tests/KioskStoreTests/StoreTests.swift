import Foundation
import GRDB
import KioskCore
import KioskTesting
import Testing

@testable import KioskStore

/// A folder of a store test's own (KioskTesting's scratch folder).
func scratch() throws -> String { try scratchDirectory("kiosk-store") }

/// What crash-writer printed up to and including its "ready" line (the store is open), or all of
/// it if it ended first: the killing tests time their kill from there.
func waitUntilReady(_ pipe: Pipe) -> Data {
  var head = Data()
  while !head.contains(UInt8(ascii: "\n")) {
    let chunk = pipe.fileHandleForReading.availableData
    if chunk.isEmpty { break }
    head += chunk
  }
  return head
}

@Suite struct StoreTests {
  /// On PostgreSQL "reopening" is a second kiosk: a draft started on one is resumed on the other.
  @Test(arguments: Engine.allCases) func draftsAndAnswersReachAnotherStore(engine: Engine) throws {
    let db = try TestDatabase(engine)
    defer { db.remove() }
    let kiosk1 = try db.open()
    let draft = try kiosk1.createDraft(serviceID: "namjari", language: .bn)
    try kiosk1.saveAnswer(draftID: draft.id, questionID: "applicant_name", value: "রহিমা", position: "applicant_name")
    try kiosk1.saveAnswer(draftID: draft.id, questionID: "nid", value: "1234567890", position: "nid")
    try kiosk1.saveAnswer(draftID: draft.id, questionID: "nid", value: "1234567890", position: "nid")  // a retry
    try kiosk1.saveTyping(draftID: draft.id, questionID: "mouza", text: "আশু")
    let kiosk2 = try db.open()
    let found = try kiosk2.lookUp(code: draft.resumeCode, source: CodeSource.screen)
    #expect(found == .found(try #require(try kiosk1.draft(id: draft.id))))
    #expect(try kiosk2.answers(draftID: draft.id) == ["applicant_name": "রহিমা", "nid": "1234567890"])
    #expect(try kiosk2.typing(draftID: draft.id) == ["mouza": "আশু"])
    #expect(try kiosk2.draft(code: draft.resumeCode)?.position == "nid")
    try kiosk2.saveAnswer(draftID: draft.id, questionID: "mouza", value: "আশুলিয়া")
    try kiosk2.setState(draftID: draft.id, .waiting)
    #expect(try kiosk1.staffQueue().map(\.id) == [draft.id], "the draft is in every desk's queue")
    #expect(try kiosk1.answers(draftID: draft.id)["mouza"] == "আশুলিয়া")
  }

  @Test func draftsAndAnswersSurviveReopening() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/data/kiosk.sqlite"
    var store: KioskStore? = try KioskStore(path: path)
    let draft = try store!.createDraft(serviceID: "namjari", language: .bn)
    try store!.saveAnswer(draftID: draft.id, questionID: "applicant_name", value: "রহিমা", position: "applicant_name")
    try store!.saveAnswer(draftID: draft.id, questionID: "nid", value: "1234567890", position: "nid")
    try store!.saveAnswer(draftID: draft.id, questionID: "nid", value: "1234567890", position: "nid")  // a retry
    store = nil
    let reopened = try KioskStore(path: path)
    #expect(try reopened.answers(draftID: draft.id) == ["applicant_name": "রহিমা", "nid": "1234567890"])
    let again = try #require(try reopened.draft(code: draft.resumeCode))
    #expect(again.position == "nid", "\(again)")
    #expect(again.serviceID == "namjari" && again.language == .bn)
    // Private: the file is the user's alone.
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    let dirMode = try FileManager.default.attributesOfItem(atPath: dir + "/data")[.posixPermissions] as? Int
    #expect(dirMode == 0o700)
    #expect(try reopened.integrityCheck() == "ok")
  }

  /// What is typed and not yet confirmed survives a restart; Next replaces it; a purge takes it.
  @Test func halfTypedTextIsKeptUntilConfirmedAndGoesWithItsDraft() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/data/kiosk.sqlite"
    var store: KioskStore? = try KioskStore(path: path)
    let draft = try store!.createDraft(serviceID: "namjari", language: .bn)
    try store!.saveTyping(draftID: draft.id, questionID: "applicant_name", text: "রহি")
    try store!.saveTyping(draftID: draft.id, questionID: "mouza", text: "আশু")
    store = nil
    let reopened = try KioskStore(path: path)
    #expect(try reopened.typing(draftID: draft.id) == ["applicant_name": "রহি", "mouza": "আশু"])
    try reopened.saveAnswer(draftID: draft.id, questionID: "applicant_name", value: "রহিমা")
    try reopened.saveTyping(draftID: draft.id, questionID: "mouza", text: "")
    #expect(try reopened.typing(draftID: draft.id).isEmpty, "confirmed or emptied: nothing half-typed left")
    try reopened.saveTyping(draftID: draft.id, questionID: "mouza", text: "আশুলিয়া")
    _ = try reopened.purge(draftDays: 0, filedDays: 0, actor: "test", now: Date().addingTimeInterval(10))
    #expect(try reopened.typing(draftID: draft.id).isEmpty, "purged with its draft")
  }

  @Test(arguments: Engine.allCases) func bengaliIsStoredInNFC(engine: Engine) throws {
    let db = try TestDatabase(engine)
    defer { db.remove() }
    let store = try db.open()
    let draft = try store.createDraft(serviceID: "namjari", language: .bn)
    // য় typed as one code point (U+09DF) or as য + nukta: Swift calls them equal, SQLite compares
    // bytes. Both are stored in NFC (where U+09DF, a composition exclusion, becomes য + nukta).
    try store.saveAnswer(draftID: draft.id, questionID: "a", value: "কা\u{09DF}েস")
    try store.saveAnswer(draftID: draft.id, questionID: "b", value: "কা\u{09AF}\u{09BC}েস")
    let answers = try store.answers(draftID: draft.id)
    #expect(Array(answers["a"]!.unicodeScalars) == Array(answers["b"]!.unicodeScalars))
    #expect(!Array(answers["a"]!.unicodeScalars).contains("\u{09DF}"))
  }

  @Test(arguments: Engine.allCases) func codesAreNeverReused(engine: Engine) throws {
    let db = try TestDatabase(engine)
    defer { db.remove() }
    let store = try db.open()
    var codes = Set<String>()
    for _ in 0..<300 { codes.insert(try store.createDraft(serviceID: "namjari", language: .bn).resumeCode.digits) }
    #expect(codes.count == 300)
    _ = try store.purge(draftDays: 0, filedDays: 0, actor: "test", now: Date().addingTimeInterval(10))
    #expect(try store.drafts().isEmpty)
    let issued = try db.count("SELECT count(*) FROM issued_code")
    #expect(issued == 300, "purged drafts' codes stay issued, so none is handed out again")
  }

  @Test(arguments: Engine.allCases) func retentionPurgesOldUnfiledDraftsAndAuditsCounts(engine: Engine) throws {
    let db = try TestDatabase(engine)
    defer { db.remove() }
    let store = try db.open()
    let day = 86400.0
    let now = Date()
    let old = try store.createDraft(serviceID: "namjari", language: .bn, now: now.addingTimeInterval(-31 * day))
    try store.saveAnswer(
      draftID: old.id, questionID: "applicant_name", value: "পুরনো", now: now.addingTimeInterval(-31 * day))
    _ = try store.recordPrintJob(draftID: old.id, kind: "slip", queue: "q", pdf: Data([1, 2, 3]), now: now)
    let recent = try store.createDraft(serviceID: "namjari", language: .bn, now: now.addingTimeInterval(-29 * day))
    let filed = try store.createDraft(serviceID: "namjari", language: .bn, now: now.addingTimeInterval(-40 * day))
    try store.markFiled(
      draftID: filed.id, applicationNumber: "NJ-1", operatorID: "op1", now: now.addingTimeInterval(-40 * day))

    let dry = try store.purge(draftDays: 30, filedDays: 1825, actor: "kioskctl", dryRun: true, now: now)
    #expect(dry == PurgeReport(unfiledDrafts: 1, filedDrafts: 0, printJobs: 1))
    #expect(try store.drafts().count == 3, "a dry run deletes nothing")

    let report = try store.purge(draftDays: 30, filedDays: 1825, actor: "kioskctl", now: now)
    #expect(report == dry)
    #expect(Set(try store.drafts().map(\.id)) == [recent.id, filed.id])
    #expect(try store.answers(draftID: old.id).isEmpty)
    let entry = try #require(try store.auditLog().last)
    #expect(entry.action == "purge" && entry.detail == "unfiled=1 filed=0 print_jobs=1")
    #expect(!entry.detail.contains("পুরনো"), "counts, never content")
    // Filed drafts go after their own period.
    let later = try store.purge(draftDays: 30, filedDays: 30, actor: "kioskctl", now: now)
    #expect(later.filedDrafts == 1 && later.unfiledDrafts == 0)
  }

  @Test(arguments: Engine.allCases) func wrongCodesSlowDownThenLockAndTheLockIsAudited(engine: Engine) throws {
    let db = try TestDatabase(engine)
    defer { db.remove() }
    let store = try db.open()
    let real = try store.createDraft(serviceID: "namjari", language: .bn)
    var t = Date()
    func wrong() -> ResumeCode {
      var c: ResumeCode
      repeat { c = ResumeCode.generate() } while c == real.resumeCode
      return c
    }
    for _ in 0..<3 { #expect(try store.lookUp(code: wrong(), source: "kiosk-screen", now: t) == .notFound) }
    // Three wrong: the fourth must wait.
    guard case .slowDown(let s) = try store.lookUp(code: real.resumeCode, source: "kiosk-screen", now: t) else {
      Issue.record("expected a slow-down")
      return
    }
    #expect(s == 2)
    t += 3
    #expect(
      try store.lookUp(code: real.resumeCode, source: "kiosk-screen", now: t) == .found(try store.draft(id: real.id)!))
    for _ in 0..<7 {
      t += 61
      #expect(try store.lookUp(code: wrong(), source: "kiosk-screen", now: t) == .notFound)
    }
    t += 61
    guard case .locked = try store.lookUp(code: real.resumeCode, source: "kiosk-screen", now: t) else {
      Issue.record("ten wrong codes lock that source")
      return
    }
    #expect(try store.auditLog().contains { $0.action == "resume-lock" })
    try store.unlockCodes(operatorID: "op1", now: t)
    #expect(
      try store.lookUp(code: real.resumeCode, source: "kiosk-screen", now: t + 1)
        == .found(try store.draft(id: real.id)!))
  }

  @Test func fullDiskFailsTheSaveAndKeepsEarlierAnswers() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let store = try KioskStore(path: dir + "/k.sqlite")
    let draft = try store.createDraft(serviceID: "namjari", language: .bn)
    try store.saveAnswer(draftID: draft.id, questionID: "applicant_name", value: "রহিমা")
    let pages = try store.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA page_count")! }
    try store.limitSize(pages: pages)
    var failed = false
    for i in 0..<200 {
      do {
        try store.saveAnswer(draftID: draft.id, questionID: "big\(i)", value: String(repeating: "ক", count: 2000))
      } catch let e as DatabaseError {
        #expect(e.resultCode == .SQLITE_FULL)
        failed = true
        break
      }
    }
    #expect(failed, "the save must fail visibly")
    #expect(try store.answers(draftID: draft.id)["applicant_name"] == "রহিমা")
    #expect(try store.integrityCheck() == "ok")
  }
}

/// A child writes answers and acknowledges each; it is killed with SIGKILL at random moments.
/// After every restart each acknowledged answer must be there and the file must be sound.
@Suite struct CrashTests {
  @Test func acknowledgedAnswersSurviveSIGKILL() throws {
    let runs = Int(ProcessInfo.processInfo.environment["BHUMISEBA_CRASH_RUNS"] ?? "") ?? 200
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/crash.sqlite"
    let writer = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("crash-writer")
    #expect(FileManager.default.isExecutableFile(atPath: writer.path), "build crash-writer first (swift build)")
    var acknowledged = -1
    var killedMidWrite = 0
    for _ in 0..<runs {
      let p = Process()
      p.executableURL = writer
      p.arguments = [path]
      let pipe = Pipe()
      p.standardOutput = pipe
      try p.run()
      let head = waitUntilReady(pipe)
      usleep(UInt32.random(in: 1_000...30_000))
      kill(p.processIdentifier, SIGKILL)
      p.waitUntilExit()
      let out = String(decoding: head + pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      for line in out.split(separator: "\n", omittingEmptySubsequences: false).dropLast() where line.hasPrefix("ack ") {
        acknowledged = max(acknowledged, Int(line.dropFirst(4))!)
      }
      let store = try KioskStore(path: path)
      #expect(try store.integrityCheck() == "ok")
      guard let draft = try store.drafts().first else {
        #expect(acknowledged < 0, "killed before the draft existed")
        continue
      }
      let answers = try store.answers(draftID: draft.id)
      if acknowledged >= 0 {
        for i in 0...acknowledged {
          let key = String(format: "q%06d", i)
          if answers[key] != "উত্তর \(i) য়" {
            Issue.record("acknowledged answer \(key) lost")
            return
          }
        }
      }
      if answers.count > acknowledged + 1 { killedMidWrite += 1 }  // committed, not yet acknowledged
    }
    // Under load (CI) fewer answers fit between "ready" and the kill; half a run's worth is progress.
    #expect(acknowledged >= runs / 2, "the writer made progress (\(acknowledged) answers acknowledged)")
    print(
      "crash test: \(runs) kills, \(acknowledged + 1) answers acknowledged, \(killedMidWrite) kills between commit and ack"
    )
  }
}
