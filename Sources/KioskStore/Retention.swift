import Foundation
import GRDB
import KioskCore

/// What a purge removed (counts only: the audit log never holds citizens' data).
public struct PurgeReport: Sendable, Equatable {
  public var unfiledDrafts = 0
  public var filedDrafts = 0
  public var printJobs = 0
}

extension KioskStore {
  /// Deletes drafts never filed whose last change is older than `draftDays`, and filed drafts
  /// older than `filedDays` (their answers, corrections and kept print jobs with them). Receipts
  /// are never deleted. Audited with counts, unless `dryRun`.
  ///
  /// The drafts go in transactions of `batchSize` (200: about 10 ms each here), so that the kiosk's own saves wait at most one
  /// short batch. Deleted rows are overwritten (`secure_delete`), and afterwards the WAL is
  /// checkpointed and truncated: no copy of a purged name, NID or mobile stays in kiosk.sqlite or
  /// kiosk.sqlite-wal.
  public func purge(
    draftDays: Int, filedDays: Int, actor: String, dryRun: Bool = false, batchSize: Int = 200, now: Date = Date()
  ) throws -> PurgeReport {
    let unfiledCutoff = now.timeIntervalSince1970 - Double(draftDays) * 86400
    let filedCutoff = now.timeIntervalSince1970 - Double(filedDays) * 86400
    let due = """
      SELECT id FROM draft WHERE (state != 'filed' AND updated_at < ?1)
        OR (state = 'filed' AND coalesce(filed_at, updated_at) < ?2)
      """
    if dryRun {
      return try engine.read { db in
        var report = PurgeReport()
        report.unfiledDrafts = Int(
          try db.int64("SELECT count(*) FROM draft WHERE state != 'filed' AND updated_at < ?", [unfiledCutoff]) ?? 0)
        report.filedDrafts = Int(
          try db.int64(
            "SELECT count(*) FROM draft WHERE state = 'filed' AND coalesce(filed_at, updated_at) < ?", [filedCutoff])
            ?? 0)
        report.printJobs = Int(
          try db.int64("SELECT count(*) FROM print_job WHERE draft_id IN (\(due))", [unfiledCutoff, filedCutoff]) ?? 0)
        return report
      }
    }
    var report = PurgeReport()
    // Walks the drafts in id order from where the last batch ended: each batch reads only its
    // own stretch of the table (not every due draft again).
    var lastID: Int64 = 0
    while true {
      let done = try engine.write { db -> Bool in
        let rows = try db.rows(
          """
          SELECT id, state FROM draft WHERE id > ?4 AND ((state != 'filed' AND updated_at < ?1)
            OR (state = 'filed' AND coalesce(filed_at, updated_at) < ?2))
          ORDER BY id LIMIT ?3
          """,
          [unfiledCutoff, filedCutoff, max(1, batchSize), lastID])
        if rows.isEmpty { return true }
        let ids = try rows.map { try $0.int64(0) }
        lastID = ids.last ?? lastID
        let filed = try rows.filter { try $0.text(1) == DraftState.filed.rawValue }.count
        let list = ids.map(String.init).joined(separator: ",")
        report.printJobs += try db.execute("DELETE FROM print_job WHERE draft_id IN (\(list))")
        try db.execute("DELETE FROM draft WHERE id IN (\(list))")
        report.filedDrafts += filed
        report.unfiledDrafts += ids.count - filed
        return false
      }
      if done { break }
    }
    if report == PurgeReport() { return report }
    try audit(
      actor: actor, action: "purge", subject: "drafts",
      detail: "unfiled=\(report.unfiledDrafts) filed=\(report.filedDrafts) print_jobs=\(report.printJobs)", now: now)
    // The old versions of the deleted pages are still in the WAL until it is written back and cut.
    // (PostgreSQL: the server's VACUUM reclaims them; its WAL is the centre's backup.)
    if sqlite != nil { _ = try pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) } }
    return report
  }

  /// Records the portal's application number for a draft; the draft becomes "filed".
  public func markFiled(draftID: Int64, applicationNumber: String, operatorID: String, now: Date = Date()) throws {
    try requireTableReads(tr("marking a draft filed"))
    try engine.write { db in
      guard try db.exists("SELECT 1 FROM draft WHERE id = ?", [draftID]) else { throw StoreError.unknownDraft(draftID) }
      try db.execute(
        """
        INSERT INTO submission(draft_id, application_number, operator, filed_at) VALUES (?,?,?,?)
        ON CONFLICT(draft_id) DO UPDATE SET application_number = excluded.application_number,
          operator = excluded.operator, filed_at = excluded.filed_at
        """, [draftID, applicationNumber, operatorID, now.timeIntervalSince1970])
      try db.execute(
        "UPDATE draft SET state = 'filed', filed_at = ?, updated_at = ? WHERE id = ?",
        [now.timeIntervalSince1970, now.timeIntervalSince1970, draftID])
      try Self.audit(db, operatorID, "file", "draft:\(draftID)", "application number recorded", now)
    }
  }

  public func applicationNumber(draftID: Int64) throws -> String? {
    try engine.read { db in
      try db.text("SELECT application_number FROM submission WHERE draft_id = ?", [draftID])
    }
  }
}

/// The answer to a typed resume code.
public enum CodeLookup: Sendable, Equatable {
  case found(Draft)
  case notFound
  /// Too many wrong codes lately: try again after this many seconds.
  case slowDown(seconds: Int)
  /// Locked until staff unlock it, or until the lock runs out.
  case locked(until: Date)
}

/// How guessing resume codes is slowed and then stopped, per source of attempts (the kiosk's
/// screen, the slip scanner …): one person guessing at the screen cannot lock out the citizen who
/// scans the QR code on the slip, nor anyone at another source.
public struct CodeAttemptPolicy: Sendable {
  /// Wrong codes within this window count.
  public var window: TimeInterval = 15 * 60
  /// After this many wrong codes from one source, each further try from it waits 2, 4, 8 … (at
  /// most 60) seconds.
  public var slowAfter = 3
  /// After this many the source stops taking codes for `lockFor` (or until staff lift it).
  public var lockAfter = 10
  public var lockFor: TimeInterval = 15 * 60
  public init() {}
}

/// Where resume codes come from; the kiosk passes one of these (or its own) to `lookUp`.
public enum CodeSource {
  /// Typed on the touch screen's keypad (or a physical keyboard).
  public static let screen = "kiosk-screen"
  /// Read from the slip's QR code by the scanner.
  public static let scanner = "scanner"
}

extension KioskStore {
  /// Looks a typed or scanned code up, counting wrong ones per `source` (e.g. `CodeSource.screen`
  /// or `CodeSource.scanner`): slow-down and lock apply to that source only. A lock is written to
  /// the audit log with the source (never a code).
  public func lookUp(
    code: ResumeCode, source: String, policy: CodeAttemptPolicy = CodeAttemptPolicy(), now: Date = Date()
  ) throws -> CodeLookup {
    if let journal {
      // A centre kiosk: the server knows every kiosk's drafts; while it is away, this kiosk's own.
      var onServer: CodeLookup? = nil
      if handOverIfBack(now: now) {
        do {
          onServer = try lookUpOnEngine(code: code, source: source, policy: policy, now: now)
        } catch let e as StoreError where e.serverUnusable {
          serverUnusable(e, now: now)
        }
      }
      guard let found = onServer else {
        return try journal.local.lookUp(code: code, source: source, policy: policy, now: now)
      }
      if case .found(let d) = found {
        // Copied to this kiosk's disk, so that the citizen can go on if the server goes away.
        try journal.importDraft(d, answers: try answers(draftID: d.id), typing: try typing(draftID: d.id))
      }
      return found
    }
    return try lookUpOnEngine(code: code, source: source, policy: policy, now: now)
  }

  func lookUpOnEngine(code: ResumeCode, source: String, policy: CodeAttemptPolicy, now: Date) throws -> CodeLookup {
    if dialect == .postgres {
      // The same steps in one call (pg-004's bhumiseba_open_by_code): the only way a kiosk's role
      // reads a draft it did not start, with the lockout of wrong codes inside it.
      let row = try engine.single { db in
        try db.one(
          "SELECT * FROM bhumiseba_open_by_code(?, ?, ?, ?, ?, ?, ?)",
          [
            code.digits, source, now.timeIntervalSince1970, policy.window, policy.slowAfter, policy.lockAfter,
            policy.lockFor,
          ])
      }
      guard let row else { throw StoreError.server(sqlState: "", detail: "bhumiseba_open_by_code returned no row") }
      switch try row.text(0) {
      case "locked": return .locked(until: Date(timeIntervalSince1970: try row.double(1)))
      case "slow": return .slowDown(seconds: Int(try row.double(1).rounded(.up)))
      case "found":
        let values = Array(row.values.dropFirst(2))
        guard let draft = try Self.draft(SQLRow(names: Array(row.names.dropFirst(2)), values: values)) else {
          return .notFound
        }
        remember(draft.id, draft.resumeCode.digits)
        return .found(draft)
      default: return .notFound
      }
    }
    return try engine.write { db in
      let t = now.timeIntervalSince1970
      let since = t - policy.window
      let lastUnlock =
        try db.double(
          "SELECT max(at) FROM audit_log WHERE action = 'resume-unlock' AND subject IN ('kiosk', ?)",
          ["source:" + source]) ?? 0
      let failures = try db.rows(
        "SELECT at FROM code_attempt WHERE source = ? AND ok = 0 AND at >= ? AND at > ? ORDER BY at",
        [source, since, lastUnlock]
      ).map { try $0.double(0) }
      if failures.count >= policy.lockAfter {
        let until = failures[policy.lockAfter - 1] + policy.lockFor
        if t < until { return .locked(until: Date(timeIntervalSince1970: until)) }
      } else if failures.count >= policy.slowAfter, let last = failures.last {
        let wait = min(60, 1 << min(6, failures.count - policy.slowAfter + 1))
        if t < last + Double(wait) { return .slowDown(seconds: Int((last + Double(wait) - t).rounded(.up))) }
      }
      let row = try db.one("SELECT \(Self.draftColumns) FROM draft WHERE resume_code = ?", [code.digits])
      let draft = try row.flatMap(KioskStore.draft)
      try db.execute("INSERT INTO code_attempt(at, ok, source) VALUES (?, ?, ?)", [t, draft == nil ? 0 : 1, source])
      if let draft { return .found(draft) }
      if failures.count + 1 == policy.lockAfter {
        try Self.audit(db, "kiosk", "resume-lock", "source:" + source, "wrong codes=\(policy.lockAfter)", now)
      }
      return .notFound
    }
  }

  /// Staff lift a resume-code lock (audited): of one source, or of every source when nil.
  public func unlockCodes(operatorID: String, source: String? = nil, now: Date = Date()) throws {
    try audit(actor: operatorID, action: "resume-unlock", subject: source.map { "source:" + $0 } ?? "kiosk", now: now)
  }
}
