import Foundation
import GRDB
import KioskCore
import Synchronization
import Testing

@testable import KioskStore

/// A second process (the sqlite3 shell) that holds the database with an exclusive lock, as in
/// issue 21: `PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE`. The lock is held once `start`
/// returns and is let go by `release` (the shell reads the end of its input and exits).
final class LockHolder: @unchecked Sendable {
  let process = Process()
  let input = Pipe()
  let lock = NSLock()
  var released = false

  /// `exclusive`: no other connection may even read; else a write lock (`BEGIN IMMEDIATE`).
  init(_ path: String, marker: String, exclusive: Bool = true) throws {
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = [path]
    process.standardInput = input
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let begin = exclusive ? "PRAGMA locking_mode=EXCLUSIVE;\nBEGIN EXCLUSIVE;" : "BEGIN IMMEDIATE;"
    let script = """
      .bail on
      \(begin)
      SELECT count(*) FROM sqlite_master;
      .system touch \(marker)

      """
    input.fileHandleForWriting.write(Data(script.utf8))
    let deadline = Date().addingTimeInterval(10)
    while !FileManager.default.fileExists(atPath: marker) && Date() < deadline { usleep(10_000) }
    #expect(FileManager.default.fileExists(atPath: marker), "the sqlite3 shell took the lock")
  }

  func release() {
    lock.lock()
    defer { lock.unlock() }
    if !released { try? input.fileHandleForWriting.close() }
    released = true
    process.waitUntilExit()
  }
}

/// Every file in `dir`, by name.
func files(_ dir: String) throws -> Set<String> { Set(try FileManager.default.contentsOfDirectory(atPath: dir)) }

/// Overwrites page `page` (1-based) of the file with garbage, as a failing disk would.
func damagePage(_ path: String, page: Int, pageSize: Int) throws {
  let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
  defer { try? handle.close() }
  try handle.seek(toOffset: UInt64((page - 1) * pageSize))
  handle.write(Data((0..<pageSize).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }))
}

@Suite(.serialized) struct NeverStartsOverTests {
  @Test func aLockedDatabaseIsWaitedForNeverReplaced() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/kiosk.sqlite"
    var store: KioskStore? = try KioskStore(path: path)
    let draft = try store!.createDraft(serviceID: "namjari", language: .bn)
    try store!.addOperator(id: "salma", name: "Salma", pin: "123456", actor: "test")
    _ = try store!.issueReceipt(
      centreID: "DEMO", draftID: draft.id, serviceID: "namjari", operatorID: "salma",
      lines: [LedgerLine(id: "fee", bn: "ফি", en: "fee", amount: 300)])
    store = nil
    let before = try files(dir)

    // Held and not let go: a clear error after the wait, and nothing moved or made.
    let holder = try LockHolder(path, marker: dir + "/../lock-\(UUID().uuidString)")
    let started = Date()
    do {
      _ = try KioskStore(path: path, busyTimeout: 0.6)
      Issue.record("opening a locked database must fail, not start a new one")
    } catch let e as StoreError {
      guard case .busy = e else {
        Issue.record("expected .busy, got \(e)")
        holder.release()
        return
      }
      #expect(e.message.en.contains("in use"), "\(e)")
      #expect(!e.message.bn.isEmpty)
    }
    #expect(Date().timeIntervalSince(started) >= 0.5, "it waited before giving up")
    #expect(try files(dir).filter { $0.contains("unusable") }.isEmpty, "nothing moved aside")
    holder.release()
    #expect(try files(dir).isSubset(of: before.union(["kiosk.sqlite-wal", "kiosk.sqlite-shm"])))

    // Held for a second, then let go: the open waits and goes on with the same data.
    let second = try LockHolder(path, marker: dir + "/../lock-\(UUID().uuidString)")
    DispatchQueue.global().asyncAfter(deadline: .now() + 1) { second.release() }
    let reopened = try KioskStore(path: path, busyTimeout: 10)
    second.release()
    #expect(try reopened.draft(id: draft.id) != nil)
    #expect(try reopened.operators().map(\.id) == ["salma"])
    let next = try reopened.issueReceipt(
      centreID: "DEMO", draftID: nil, serviceID: "namjari", operatorID: "salma",
      lines: [LedgerLine(id: "fee", bn: "ফি", en: "fee", amount: 300)])
    #expect(next.number == 2, "the series goes on; 1 is never issued twice")
  }

  @Test func aLockTakenWhileRunningIsWaitedFor() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/kiosk.sqlite"
    let store = try KioskStore(path: path, busyTimeout: 10)
    let draft = try store.createDraft(serviceID: "namjari", language: .bn)
    let holder = try LockHolder(path, marker: dir + "/../lock-\(UUID().uuidString)", exclusive: false)
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.8) { holder.release() }
    let started = Date()
    try store.saveAnswer(draftID: draft.id, questionID: "applicant_name", value: "রহিমা")
    #expect(Date().timeIntervalSince(started) >= 0.5, "the save waited for the other writer")
    holder.release()
    #expect(try store.answers(draftID: draft.id) == ["applicant_name": "রহিমা"])
  }

  /// Two programs on one database (the kiosk and kioskctl): without a busy timeout a quarter of
  /// concurrent handouts failed with "database is locked" (43 of 80 here with `busyTimeout: 0`).
  /// Every receipt is issued, none twice.
  @Test func twoStoresIssuingAtOnceGetEveryNumberOnce() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/kiosk.sqlite"
    let stores = [try KioskStore(path: path), try KioskStore(path: path)]
    let failures = Mutex(0)
    DispatchQueue.concurrentPerform(iterations: 80) { i in
      do {
        _ = try stores[i % 2].issueReceipt(
          centreID: "DEMO", draftID: nil, serviceID: "khatian-copy", operatorID: "op\(i % 2)",
          lines: [LedgerLine(id: "fee", bn: "ফি", en: "fee", amount: 150)])
      } catch {
        failures.withLock { $0 += 1 }
      }
    }
    #expect(failures.withLock { $0 } == 0)
    let numbers = try stores[0].receipts().map(\.number)
    #expect(numbers.sorted() == Array(1...80))
    #expect(try stores[1].verifyLedger() == nil)
  }

  /// One damaged page in audit_log: the store stops with words naming the recovery command, the
  /// file is kept byte for byte, and the recovered copy goes on with the receipt series.
  @Test func aDamagedPageStopsTheStoreAndRecoveryKeepsTheSeries() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/kiosk.sqlite"
    var store: KioskStore? = try KioskStore(path: path)
    try store!.addOperator(id: "salma", name: "Salma", pin: "123456", actor: "test")
    for _ in 0..<3 {
      _ = try store!.issueReceipt(
        centreID: "DEMO", draftID: nil, serviceID: "namjari", operatorID: "salma",
        lines: [LedgerLine(id: "fee", bn: "ফি", en: "fee", amount: 300)])
    }
    for i in 0..<400 { try store!.audit(actor: "test", action: "note", subject: "n:\(i)", detail: "padding \(i)") }
    // A leaf page in the middle of audit_log (dbstat lists the table's pages).
    let (leaf, pageSize) = try store!.pool.write { db -> (Int, Int) in
      let leaves = try Int.fetchAll(
        db, sql: "SELECT pageno FROM dbstat WHERE name = 'audit_log' AND pagetype = 'leaf' ORDER BY path")
      let size = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
      return (leaves[leaves.count / 2], size)
    }
    try store!.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    store = nil
    try damagePage(path, page: leaf, pageSize: pageSize)
    let damaged = try #require(FileManager.default.contents(atPath: path))

    for _ in 0..<2 {  // and again on the next start: never a fresh file
      do {
        _ = try KioskStore(path: path)
        Issue.record("a damaged database must stop the store")
      } catch let e as StoreError {
        guard case .damaged = e else {
          Issue.record("expected .damaged, got \(e)")
          return
        }
        #expect(e.message.en.contains("kioskctl store recover"), "\(e)")
        #expect(e.message.bn.contains("kioskctl store recover"), "\(e)")
        #expect("\(e)".contains(e.message.bn) && "\(e)".contains(e.message.en))
      }
      #expect(FileManager.default.contents(atPath: path) == damaged, "kept byte for byte")
      #expect(try files(dir).filter { $0.contains("unusable") }.isEmpty)
    }

    let recovered = dir + "/kiosk.sqlite.recovered"
    let report = try KioskStore.recover(damaged: path, into: recovered)
    #expect(FileManager.default.contents(atPath: path) == damaged, "the original is kept as it was")
    #expect(report.receipts == 3 && report.ledgerProblem == nil, "\(report)")
    #expect(report.damagedTables == ["audit_log"], "\(report)")
    #expect(report.auditEntries > 300 && report.auditEntries < 405, "rows on sound pages are kept: \(report)")
    let again = try KioskStore(path: recovered)
    #expect(try again.operators().map(\.id) == ["salma"])
    let next = try again.issueReceipt(
      centreID: "DEMO", draftID: nil, serviceID: "namjari", operatorID: "salma",
      lines: [LedgerLine(id: "fee", bn: "ফি", en: "fee", amount: 300)])
    #expect(next.number == 4, "the series goes on")
    #expect(try again.verifyLedger() == nil)
  }

  @Test func aFileThatIsNotADatabaseIsKeptAndRefused() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/k.sqlite"
    let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) })
    try garbage.write(to: URL(fileURLWithPath: path))
    #expect(throws: StoreError.self) { _ = try KioskStore(path: path) }
    #expect(FileManager.default.contents(atPath: path) == garbage, "kept byte for byte")
    #expect(try files(dir) == ["k.sqlite"])
  }

  @Test func anotherProgramsDatabaseIsRefusedNotMoved() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/k.sqlite"
    try DatabaseQueue(path: path).write { db in
      try db.execute(sql: "CREATE TABLE customers(name TEXT); INSERT INTO customers VALUES ('x')")
    }
    do {
      _ = try KioskStore(path: path)
      Issue.record("a foreign database must be refused")
    } catch let e as StoreError {
      #expect(e.message.en.contains("another program"), "\(e)")
    }
    let count = try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM customers") }
    #expect(count == 1)
  }
}

/// Issue 21: after a retention purge the name, NID and mobile were still in kiosk.sqlite-wal.
@Suite struct PurgedMeansGoneTests {
  /// How often `needle` occurs in the file at `path` (0 when there is no file).
  func occurrences(of needle: String, in path: String) -> Int {
    guard let data = FileManager.default.contents(atPath: path) else { return 0 }
    let bytes = [UInt8](data)
    let n = [UInt8](needle.utf8)
    guard bytes.count >= n.count else { return 0 }
    var count = 0
    var i = 0
    while i <= bytes.count - n.count {
      if bytes[i] == n[0] && Array(bytes[i..<i + n.count]) == n { count += 1 }
      i += 1
    }
    return count
  }

  @Test func purgedPersonalDataIsInNeitherTheDatabaseNorItsWAL() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/kiosk.sqlite"
    var store: KioskStore? = try KioskStore(path: path)
    let name = "মোছাম্মৎ জরিনা বেগম Zarina"
    let nid = "19854417293864521"
    let mobile = "01739918273"
    let old = Date().addingTimeInterval(-40 * 86400)
    var ids: [Int64] = []
    for i in 0..<30 {  // enough rows for several pages, and a kept print job each
      let d = try store!.createDraft(serviceID: "namjari", language: .bn, now: old)
      try store!.saveAnswer(draftID: d.id, questionID: "applicant_name", value: name + " \(i)", now: old)
      try store!.saveAnswer(draftID: d.id, questionID: "nid", value: nid, now: old)
      try store!.saveAnswer(draftID: d.id, questionID: "mobile", value: mobile, now: old)
      try store!.correctAnswer(draftID: d.id, questionID: "mobile", value: mobile, operatorID: "op1", now: old)
      try store!.correctAnswer(draftID: d.id, questionID: "nid", value: "1985441729386", operatorID: "op1", now: old)
      try store!.correctAnswer(draftID: d.id, questionID: "nid", value: nid, operatorID: "op1", now: old)
      _ = try store!.recordPrintJob(
        draftID: d.id, kind: "slip", queue: "q", pdf: Data(("%PDF " + name + nid + mobile).utf8), now: old)
      ids.append(d.id)
    }
    let kept = try store!.createDraft(serviceID: "namjari", language: .bn)
    try store!.saveAnswer(draftID: kept.id, questionID: "applicant_name", value: "রহিমা খাতুন")
    for needle in [name, nid, mobile] {
      #expect(occurrences(of: needle, in: path) + occurrences(of: needle, in: path + "-wal") > 0, "the test sees it")
    }

    let report = try store!.purge(draftDays: 30, filedDays: 1825, actor: "kiosk", batchSize: 7)
    #expect(report.unfiledDrafts == 30 && report.printJobs == 30)
    // While the kiosk runs (the store open) …
    for needle in [name, nid, mobile, "1985441729386"] {
      #expect(occurrences(of: needle, in: path) == 0, "\(needle) in kiosk.sqlite")
      #expect(occurrences(of: needle, in: path + "-wal") == 0, "\(needle) in kiosk.sqlite-wal")
    }
    #expect(try store!.answers(draftID: kept.id)["applicant_name"] == "রহিমা খাতুন", "the rest is kept")
    // … and after a clean stop.
    store = nil
    for needle in [name, nid, mobile] {
      #expect(occurrences(of: needle, in: path) == 0 && occurrences(of: needle, in: path + "-wal") == 0)
    }
    let reopened = try KioskStore(path: path)
    #expect(try reopened.integrityCheck() == "ok")
    #expect(try reopened.drafts().map(\.id) == [kept.id])
    #expect(
      try reopened.auditLog().filter { $0.action == "purge" }.map(\.detail) == ["unfiled=30 filed=0 print_jobs=30"])
  }

  @Test func printJobsAreIndexedByDraft() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let store = try KioskStore(path: dir + "/k.sqlite")
    let detail = try store.pool.read { db in
      try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT id FROM print_job WHERE draft_id = 1").map {
        $0["detail"] as String
      }
    }
    #expect(detail.contains { $0.contains("USING") && $0.contains("INDEX") }, "\(detail)")
  }
}

/// Issue 21: 18 wrong codes locked resuming for every citizen of the kiosk for 15 minutes.
@Suite struct ResumeLockoutPerSourceTests {
  func setUp(_ engine: Engine) throws -> (TestDatabase, KioskStore, Draft, () -> ResumeCode) {
    let dir = try TestDatabase(engine)
    let store = try dir.open()
    let created = try store.createDraft(serviceID: "namjari", language: .bn)
    // As stored (the dates round-trip through SQLite's REAL).
    let real = try #require(try store.draft(id: created.id))
    let wrong = { () -> ResumeCode in
      var c: ResumeCode
      repeat { c = ResumeCode.generate() } while c == real.resumeCode
      return c
    }
    return (dir, store, real, wrong)
  }

  @Test(arguments: Engine.allCases) func oneSourceGuessingDoesNotLockTheOthers(engine: Engine) throws {
    let (dir, store, real, wrong) = try setUp(engine)
    defer { dir.remove() }
    var t = Date()
    for _ in 0..<18 {
      t += 61
      _ = try store.lookUp(code: wrong(), source: "kiosk-screen", now: t)
    }
    guard case .locked(let until) = try store.lookUp(code: wrong(), source: "kiosk-screen", now: t + 1) else {
      Issue.record("the guessing source is locked")
      return
    }
    #expect(until > t)
    // The citizen who scans the slip's QR code gets in at once.
    #expect(try store.lookUp(code: real.resumeCode, source: "scanner", now: t + 2) == .found(real))
    // The audit log names the source, never a code.
    let lock = try #require(try store.auditLog().first { $0.action == "resume-lock" })
    #expect(lock.subject == "source:kiosk-screen")
    #expect(!lock.detail.contains(real.resumeCode.digits))
    // The lock runs out on its own.
    #expect(try store.lookUp(code: real.resumeCode, source: "kiosk-screen", now: until + 1) == .found(real))
  }

  @Test(arguments: Engine.allCases) func slowDownIsPerSourceAndStaffLiftOneSource(engine: Engine) throws {
    let (dir, store, real, wrong) = try setUp(engine)
    defer { dir.remove() }
    let t = Date()
    for _ in 0..<3 { #expect(try store.lookUp(code: wrong(), source: "kiosk-screen", now: t) == .notFound) }
    guard case .slowDown = try store.lookUp(code: real.resumeCode, source: "kiosk-screen", now: t) else {
      Issue.record("three wrong codes slow that source down")
      return
    }
    #expect(try store.lookUp(code: real.resumeCode, source: "scanner", now: t) == .found(real))
    for _ in 0..<3 { #expect(try store.lookUp(code: wrong(), source: "scanner", now: t) == .notFound) }
    try store.unlockCodes(operatorID: "salma", source: "kiosk-screen", now: t)
    #expect(try store.lookUp(code: real.resumeCode, source: "kiosk-screen", now: t + 0.5) == .found(real))
    guard case .slowDown = try store.lookUp(code: real.resumeCode, source: "scanner", now: t + 0.5) else {
      Issue.record("lifting one source leaves the other as it was")
      return
    }
  }
}

/// Issue 21: after staff filed a draft, its resume code let the citizen change the name, with no
/// history, and put the draft back to waiting.
@Suite struct FiledIsReadOnlyForTheCitizenTests {
  @Test(arguments: Engine.allCases) func aFiledDraftRefusesCitizenSavesAndNeverGoesBackToWaiting(engine: Engine)
    throws
  {
    let db = try TestDatabase(engine)
    defer { db.remove() }
    let store = try db.open()
    let d = try store.createDraft(serviceID: "namjari", language: .bn)
    try store.saveAnswer(draftID: d.id, questionID: "applicant_name", value: "রহিমা খাতুন", position: "applicant_name")
    try store.setState(draftID: d.id, .waiting)
    #expect(try store.draft(id: d.id)?.isFiled == false)
    try store.markFiled(draftID: d.id, applicationNumber: "NJ-2026-7781", operatorID: "salma")

    // Resuming finds it, and says it is filed: the kiosk opens it read-only.
    guard case .found(let resumed) = try store.lookUp(code: d.resumeCode, source: CodeSource.screen) else {
      Issue.record("the code still finds the draft")
      return
    }
    #expect(resumed.isFiled && resumed.state == .filed)

    // The citizen's save is refused, in words, and changes nothing.
    do {
      try store.saveAnswer(draftID: d.id, questionID: "applicant_name", value: "অন্য নাম", position: "nid")
      Issue.record("a citizen's save to a filed draft must be refused")
    } catch let e as StoreError {
      #expect(e == .filed(draftID: d.id))
      #expect(e.message.bn.contains("জমা") && e.message.en.contains("filed"))
    }
    #expect(try store.answers(draftID: d.id) == ["applicant_name": "রহিমা খাতুন"])
    #expect(try store.draft(id: d.id)?.position == "applicant_name")
    // Confirming again does not put it back in the queue.
    #expect(throws: StoreError.filed(draftID: d.id)) { try store.setState(draftID: d.id, .waiting) }
    #expect(throws: StoreError.filed(draftID: d.id)) { try store.setState(draftID: d.id, .inProgress) }
    #expect(try store.draft(id: d.id)?.state == .filed)
    #expect(try !store.staffQueue().contains { $0.id == d.id })

    // Staff may still correct it: with history and an audit entry naming only draft and question.
    try store.correctAnswer(draftID: d.id, questionID: "applicant_name", value: "রহিমা খাতুন বেগম", operatorID: "salma")
    #expect(try store.answers(draftID: d.id)["applicant_name"] == "রহিমা খাতুন বেগম")
    #expect(try store.answerHistory(draftID: d.id).map(\.oldValue) == ["রহিমা খাতুন"])
    let last = try #require(try store.auditLog().last)
    #expect(last.action == "edit" && last.subject == "draft:\(d.id)" && last.detail == "question:applicant_name")
    #expect(try store.draft(id: d.id)?.state == .filed)
  }

  @Test(arguments: Engine.allCases) func unknownDraftsAreReportedNotIgnored(engine: Engine) throws {
    let db = try TestDatabase(engine)
    defer { db.remove() }
    let store = try db.open()
    #expect(throws: StoreError.unknownDraft(42)) { try store.setState(draftID: 42, .waiting) }
    #expect(throws: StoreError.unknownDraft(42)) { try store.saveAnswer(draftID: 42, questionID: "q", value: "v") }
  }
}

/// Issue 21: the staff queue loaded every waiting draft (100,000 froze the UI for 212 s).
@Suite struct PagedInSQLTests {
  @Test(arguments: Engine.allCases) func theQueueAndTheListComeInPagesThatAddUpToTheWhole(engine: Engine) throws {
    let db = try TestDatabase(engine)
    defer { db.remove() }
    let store = try db.open()
    let base = Date(timeIntervalSince1970: 1_790_000_000)
    for i in 0..<700 {  // many share a time (ties are ordered by id)
      let d = try store.createDraft(serviceID: "namjari", language: .bn, now: base.addingTimeInterval(Double(i / 7)))
      if i % 5 == 0 { try store.setState(draftID: d.id, .waiting, now: base.addingTimeInterval(Double(i % 13))) }
      if i % 11 == 0 { try store.markFiled(draftID: d.id, applicationNumber: "NJ-\(i)", operatorID: "salma") }
    }
    let whole = try store.drafts()
    #expect(whole.count == 700)
    var listed: [Draft] = []
    var cursor: DraftCursor?
    repeat {
      let page = try store.draftsPage(after: cursor, limit: 64)
      #expect(page.drafts.count <= 64)
      listed += page.drafts
      cursor = page.next
    } while cursor != nil
    #expect(listed.map(\.id) == whole.map(\.id), "the pages are the list, in order, each draft once")

    let queueWhole = whole.filter { !$0.isFiled }
    #expect(try store.staffQueueCount() == queueWhole.count)
    var queued: [Draft] = []
    cursor = nil
    repeat {
      let page = try store.staffQueuePage(after: cursor, limit: 50)
      queued += page.drafts
      cursor = page.next
    } while cursor != nil
    #expect(queued.map(\.id) == queueWhole.map(\.id))
    #expect(try store.staffQueue().map(\.id) == Array(queueWhole.prefix(KioskStore.staffQueueFirstPage).map(\.id)))
  }

  @Test func pagesReadAnIndexInOrderWithoutSorting() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let store = try KioskStore(path: dir + "/k.sqlite")
    for source in [KioskStore.listSource, KioskStore.queueSource] {
      let sql = KioskStore.pageSQL(source, .sqlite)
      for (statement, args, seek) in [
        (sql.first, [50] as [any DatabaseValueConvertible], "SCAN"), (sql.sameTime, [1.0, 1, 50], "id>?"),
        (sql.later, [1.0, 50], "updated_at>?"),
      ] {
        let plan = try store.pool.read { db in
          try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + statement, arguments: StatementArguments(args)).map {
            $0["detail"] as String
          }
        }
        #expect(plan.count == 1 && plan[0].contains("INDEX") && plan[0].contains(seek), "\(statement): \(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "no sort of the whole table: \(plan)")
      }
    }
  }
}

extension NeverStartsOverTests {
  /// A first start killed before migration 001 committed leaves GRDB's table and no application
  /// id: that is an unfinished database of ours, not another program's (seen in the crash test).
  @Test func aFirstStartKilledEarlyIsOursNotForeign() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/k.sqlite"
    try DatabaseQueue(path: path).write { db in
      try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
    }
    let store = try KioskStore(path: path)
    _ = try store.createDraft(serviceID: "namjari", language: .bn)
    #expect(try store.integrityCheck() == "ok")
  }
}

/// The programs themselves on a damaged database: each stops with a non-zero status and the words,
/// and neither starts a new file. (They are built next to the tests by `swift build`.)
@Suite struct ProgramsStopOnADamagedStoreTests {
  func run(_ program: String, _ arguments: [String], data: String) throws -> (Int32, String) {
    let url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent(program)
    guard FileManager.default.isExecutableFile(atPath: url.path) else {
      Issue.record("build \(program) first (swift build)")
      return (0, "")
    }
    let p = Process()
    p.executableURL = url
    p.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["XDG_DATA_HOME"] = data
    env["DISPLAY"] = nil
    env["WAYLAND_DISPLAY"] = nil
    env["BHUMISEBA_CONFIG"] = nil
    p.environment = env
    let err = Pipe()
    p.standardError = err
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return (p.terminationStatus, text)
  }

  @Test func kioskAndKioskctlExitWithTheWordsAndStartNothing() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/bhumiseba/kiosk.sqlite"
    var store: KioskStore? = try KioskStore(path: path)
    try store!.addOperator(id: "salma", name: "Salma", pin: "123456", actor: "test")
    for i in 0..<400 { try store!.audit(actor: "test", action: "note", subject: "n:\(i)", detail: "padding \(i)") }
    let leaf = try store!.pool.write { db -> Int in
      try Int.fetchAll(db, sql: "SELECT pageno FROM dbstat WHERE name = 'audit_log' AND pagetype = 'leaf'")[1]
    }
    _ = try store!.pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    store = nil
    try damagePage(path, page: leaf, pageSize: 4096)
    let damaged = FileManager.default.contents(atPath: path)
    for (program, arguments) in [
      ("kioskctl", ["ledger", "verify"]), ("kioskctl", ["operator", "list"]), ("bhumiseba-kiosk", []),
    ] {
      let (status, text) = try run(program, arguments, data: dir)
      #expect(status != 0, "\(program) \(arguments)")
      #expect(text.contains("kioskctl store recover") && text.contains("ক্ষতিগ্রস্ত"), "\(program): \(text)")
      #expect(FileManager.default.contents(atPath: path) == damaged)
      #expect(try files(dir + "/bhumiseba").isSubset(of: ["kiosk.sqlite", "kiosk.sqlite-wal", "kiosk.sqlite-shm"]))
    }
  }
}
