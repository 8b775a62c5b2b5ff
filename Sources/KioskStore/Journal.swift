import Foundation
import KioskCore
import Logging

/// A centre kiosk's own disk, for while the centre's server is away (issue 15): every citizen's
/// write goes first into the kiosk's SQLite file, with an outbox row in the same transaction, and
/// is then handed to the server in order; the server records each (kiosk, number) it applied in
/// the same transaction as the change, so a hand-over repeated after a lost acknowledgement
/// changes nothing: in order, exactly once. Draft ids and resume codes come from the server in
/// advance (a reserve of both), so a draft started while the server is away has an id and a code
/// no other kiosk can hold: unique by construction. Reads go to the server (after the outbox is
/// handed over) and to the kiosk's own copy while the server is away.
///
/// This is not replication: one kiosk's outbox of its own citizens' answers, applied by the server.
final class Journal: Sendable {
  let local: KioskStore
  let kioskID: String
  /// Drafts kept ready to start without the server (ids and codes reserved on it).
  static let reserveSize = 20

  init(path: String) throws {
    local = try KioskStore(path: path, checkFirst: true)
    kioskID = try local.engine.write { db in
      if let id = try db.text("SELECT value FROM journal_meta WHERE key = 'kiosk_id'") { return id }
      let id = UUID().uuidString.lowercased()
      try db.execute("INSERT INTO journal_meta(key, value) VALUES ('kiosk_id', ?)", [id])
      return id
    }
  }

  /// Writes to the kiosk's own file and queues the same change for the server, in one transaction.
  func record(
    _ kind: String, draftID: Int64, _ payload: [String: String], now: Date, _ change: (any SQLSession) throws -> Void
  )
    throws
  {
    try local.engine.write { db in
      try change(db)
      let data = try JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys])
      try db.execute(
        "INSERT INTO outbox(kind, draft_id, payload, at) VALUES (?,?,?,?)",
        [kind, draftID, String(decoding: data, as: UTF8.self), now.timeIntervalSince1970])
    }
  }

  /// How many changes wait for the server.
  func pending() throws -> Int { Int(try local.engine.read { db in try db.int64("SELECT count(*) FROM outbox") } ?? 0) }

  /// Hands every queued change to the server, oldest first, each in a server transaction that
  /// also records (kiosk, seq); a change the server already has is skipped. Stops at the first
  /// failure (the server away: `StoreError.serverAway`), keeping the rest queued in order. Then
  /// tops up the reserve of draft ids and codes.
  func flush(to server: any StoreEngine) throws {
    while true {
      let batch = try local.engine.read { db in
        try db.rows("SELECT seq, kind, draft_id, payload, at FROM outbox ORDER BY seq LIMIT 100")
      }
      if batch.isEmpty { break }
      for op in batch {
        let seq = try op.int64(0)
        // One call (pg-003's bhumiseba_journal_apply): the change and its (kiosk, seq), or nothing.
        _ = try server.single { db in try Journal.apply(op, kioskID: kioskID, seq: seq, db) }
        _ = try local.engine.write { db in try db.execute("DELETE FROM outbox WHERE seq = ?", [seq]) }
      }
    }
    try topUpReserve(from: server)
  }

  /// Applies one change on the server, once: false when the server had applied (kiosk, seq)
  /// before. A change to a draft staff have filed there is not applied (the citizen's copy was
  /// behind); the server audits it, with ids only. The steps are the store's own citizen writes on
  /// PostgreSQL (pg-003's functions, which `KioskStore.saveAnswer` … call too), in one statement.
  @discardableResult
  static func apply(_ op: SQLRow, kioskID: String, seq: Int64, _ db: any SQLSession) throws -> Bool {
    guard db.dialect == .postgres else { throw StoreError.notOnThisEngine("a journal's hand-over") }
    let kind = try op.text(1)
    let draftID = try op.int64(2)
    let at = try op.double(4)
    guard let p = try JSONSerialization.jsonObject(with: Data(try op.text(3).utf8)) as? [String: String] else {
      throw BadValue(column: "outbox.payload", found: try op.text(3).prefix(40).description, expected: "a change")
    }
    let args: [String?]
    switch kind {
    case "create": args = [p["code"] ?? "", p["service"] ?? "", p["language"] ?? "bn", nil]
    case "audit": args = [p["actor"] ?? "", p["action"] ?? "", p["subject"] ?? "", p["detail"] ?? ""]
    case "answer":
      args = [p["question"] ?? "", (p["value"] ?? "").precomposedStringWithCanonicalMapping, p["position"], nil]
    case "typing": args = [p["question"] ?? "", (p["text"] ?? "").precomposedStringWithCanonicalMapping, nil, nil]
    case "drop": args = [p["questions"] ?? "", nil, nil, nil]
    case "state":
      guard let state = DraftState(rawValue: p["state"] ?? "") else {
        throw BadValue(column: "outbox.payload", found: p["state"] ?? "", expected: "a draft state")
      }
      args = [state.rawValue, nil, nil, nil]
    default:
      throw BadValue(column: "outbox.kind", found: kind, expected: "a change the server knows")
    }
    let row = try db.one(
      "SELECT bhumiseba_journal_apply(?, ?, ?, ?, ?, ?, ?, ?, ?)",
      [kioskID, seq, kind, draftID, at, args[0], args[1], args[2], args[3]])
    return try row?.int64(0) == 1
  }

  /// Keeps `reserveSize` (draft id, resume code) pairs reserved on the server: the id from the
  /// server's draft sequence, the code inserted into its `issued_code` (taken for good).
  func topUpReserve(from server: any StoreEngine) throws {
    let have = Int(try local.engine.read { db in try db.int64("SELECT count(*) FROM reserved_draft") } ?? 0)
    if have >= Journal.reserveSize / 2 { return }
    var pairs: [(Int64, String)] = []
    // One call a pair (pg-004's bhumiseba_reserve_draft: a kiosk's role neither reads nor writes
    // the codes handed out); the server's NULL: that code was taken, another is drawn.
    // Pairs reserved before a failure are kept too (the server has taken them for this kiosk).
    var failure: (any Error)? = nil
    do {
      for _ in have..<Journal.reserveSize {
        for _ in 0..<16 {
          let code = ResumeCode.generate().digits
          guard let id = try server.single({ db in try db.int64("SELECT bhumiseba_reserve_draft(?)", [code]) })
          else { continue }
          pairs.append((id, code))
          break
        }
      }
    } catch {
      failure = error
    }
    try local.engine.write { db in
      for (id, code) in pairs {
        try db.execute("INSERT INTO reserved_draft(id, code) VALUES (?, ?)", [id, code])
      }
    }
    if let failure { throw failure }
  }

  /// Takes a reserved id and code (nil when the reserve is empty).
  func takeReserved(_ db: any SQLSession) throws -> (Int64, ResumeCode)? {
    guard let row = try db.one("SELECT id, code FROM reserved_draft ORDER BY id LIMIT 1") else { return nil }
    let id = try row.int64(0)
    try db.execute("DELETE FROM reserved_draft WHERE id = ?", [id])
    guard let code = ResumeCode(stored: try row.text(1)) else { return nil }
    return (id, code)
  }

  /// Copies a draft the server has (started on another kiosk) onto this kiosk's disk, so that the
  /// citizen can go on while the server is away.
  func importDraft(_ draft: Draft, answers: [String: String], typing: [String: String]) throws {
    try local.engine.write { db in
      let t = draft.updatedAt.timeIntervalSince1970
      try db.execute(
        """
        INSERT INTO draft(id, resume_code, service_id, language, state, created_at, updated_at, position)
        VALUES (?,?,?,?,?,?,?,?)
        ON CONFLICT(id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at,
          position = excluded.position
        """,
        [
          draft.id, draft.resumeCode.digits, draft.serviceID, draft.language.rawValue, draft.state.rawValue,
          draft.createdAt.timeIntervalSince1970, t, draft.position,
        ])
      try db.execute("INSERT INTO issued_code(code) VALUES (?) ON CONFLICT DO NOTHING", [draft.resumeCode.digits])
      try db.execute("DELETE FROM draft_answer WHERE draft_id = ?", [draft.id])
      for (q, v) in answers {
        try db.execute(
          "INSERT INTO draft_answer(draft_id, question_id, value, updated_at) VALUES (?,?,?,?)", [draft.id, q, v, t])
      }
      try db.execute("DELETE FROM draft_typing WHERE draft_id = ?", [draft.id])
      for (q, v) in typing {
        try db.execute(
          "INSERT INTO draft_typing(draft_id, question_id, text, updated_at) VALUES (?,?,?,?)", [draft.id, q, v, t])
      }
    }
  }
}

// MARK: a centre kiosk's citizen operations, through the journal

extension KioskStore {
  static let journalLog = Logger(label: "bhumiseba.store.journal")

  /// Hands the journal's queued changes to the server unless it was found away moments ago.
  /// True when the server has them all (reads may then go to it). Never throws: the answers are
  /// safe on the kiosk's disk; what failed is logged (counts and ids, never answers).
  @discardableResult
  func handOverIfBack(now: Date = Date()) -> Bool {
    guard let journal else { return true }
    if awayUntil.withLock({ $0 }) > now { return false }
    do {
      try journal.flush(to: engine)
      lastServerProblem.withLock { $0 = nil }
      return true
    } catch {
      awayUntil.withLock { $0 = now.addingTimeInterval(KioskStore.retryAway) }
      let queued = (try? journal.pending()).map(String.init) ?? "?"  // only for the log line
      if let e = error as? StoreError, case .badCertificate = e {
        lastServerProblem.withLock { $0 = e }
        // Its own words in the log: the address (no password), the check and the CA file; no answers.
        KioskStore.journalLog.error("centre server refused: \(e.message.en) \(queued) changes kept on this kiosk")
      } else {
        if let e = error as? StoreError, e.serverUnusable { lastServerProblem.withLock { $0 = e } }
        KioskStore.journalLog.warning("centre server not reached; \(queued) changes kept on this kiosk: \(error)")
      }
      return false
    }
  }

  /// The server was found unusable (away, or its certificate refused): left alone for a while,
  /// and the reason kept for staff (`serverProblem`).
  func serverUnusable(_ error: StoreError, now: Date = Date()) {
    awayUntil.withLock { $0 = now.addingTimeInterval(KioskStore.retryAway) }
    lastServerProblem.withLock { $0 = error }
  }

  /// Why a centre kiosk is on its own disk (the server away, or its TLS certificate refused, in
  /// words); nil when the server was used the last time it was tried.
  public var serverProblem: StoreError? { lastServerProblem.withLock { $0 } }

  /// Hands the journal over now, or says why it cannot (`kioskctl store status`, tests).
  public func handOver() throws {
    guard let journal else { return }
    do {
      try journal.flush(to: engine)
    } catch let e as StoreError where e.serverUnusable {
      lastServerProblem.withLock { $0 = e }
      throw e
    }
    awayUntil.withLock { $0 = .distantPast }
    lastServerProblem.withLock { $0 = nil }
  }

  /// How many of a centre kiosk's changes wait for the server (0 without a journal).
  public func pendingHandOver() throws -> Int { try journal?.pending() ?? 0 }

  /// A read of a centre kiosk: from the server when it has every change of this kiosk, else (the
  /// server away, or found away now) from the kiosk's own disk.
  func preferServer<T>(_ server: () throws -> T, local: (KioskStore) throws -> T) throws -> T {
    guard let journal else { return try server() }
    if handOverIfBack() {
      do {
        return try server()
      } catch let e as StoreError where e.serverUnusable {
        serverUnusable(e)
      }
    }
    return try local(journal.local)
  }

  func journaledCreate(_ journal: Journal, _ serviceID: String, _ language: Language, _ now: Date) throws -> Draft {
    _ = handOverIfBack(now: now)  // tops the reserve up when the server is there
    let draft: Draft? = try journal.local.engine.write { db in
      guard let (id, code) = try journal.takeReserved(db) else { return nil }
      remember(id, code.digits)
      let t = now.timeIntervalSince1970
      try db.execute("INSERT INTO issued_code(code) VALUES (?) ON CONFLICT DO NOTHING", [code.digits])
      try db.execute(
        """
        INSERT INTO draft(id, resume_code, service_id, language, state, created_at, updated_at)
        VALUES (?,?,?,?,?,?,?)
        """, [id, code.digits, serviceID, language.rawValue, DraftState.inProgress.rawValue, t, t])
      let payload = try JSONSerialization.data(
        withJSONObject: ["code": code.digits, "service": serviceID, "language": language.rawValue],
        options: [.sortedKeys])
      try db.execute(
        "INSERT INTO outbox(kind, draft_id, payload, at) VALUES ('create', ?, ?, ?)",
        [id, String(decoding: payload, as: UTF8.self), t])
      return Draft(
        id: id, resumeCode: code, serviceID: serviceID, language: language, state: .inProgress, createdAt: now,
        updatedAt: now, position: nil)
    }
    guard let draft else {
      // No reserved code left and the server away: no code could be unique by construction.
      throw StoreError.serverAway(address: path, detail: "no draft can be started until it is back")
    }
    _ = handOverIfBack(now: now)
    return draft
  }

  /// A citizen's change: on the kiosk's disk with its outbox row, then handed over if it can be.
  func journaled(
    _ journal: Journal, _ kind: String, _ draftID: Int64, _ payload: [String: String], _ now: Date,
    _ change: (any SQLSession) throws -> Void
  ) throws {
    var onServer: Draft? = nil
    if handOverIfBack(now: now) {
      do {
        onServer = try serverDraft(id: draftID)
      } catch let e as StoreError where e.serverUnusable {
        serverUnusable(e, now: now)
      }
    }
    if let onServer {
      if try journal.local.draft(id: draftID) == nil {
        // Started elsewhere and read from the server: copied here first.
        try journal.importDraft(onServer, answers: try answers(draftID: draftID), typing: try typing(draftID: draftID))
      }
      if onServer.isFiled {
        // Staff filed it meanwhile: the citizen's copy says so too, and the change is refused.
        _ = try journal.local.engine.write { db in
          try db.execute("UPDATE draft SET state = 'filed' WHERE id = ?", [draftID])
        }
        throw StoreError.filed(draftID: draftID)
      }
    }
    // The change and its outbox row in one transaction of the kiosk's file: both or neither.
    try journal.record(kind, draftID: draftID, payload, now: now, change)
    _ = handOverIfBack(now: now)
  }
}

extension KioskStore {
  /// A centre kiosk (the server's store, with its own disk as a journal).
  public var isCentreKiosk: Bool { journal != nil }

  /// What a centre kiosk does every few seconds off its screen's thread: hands over what it kept
  /// while the server was away (nothing when the server is still away; logged, never lost).
  public func handOverWhenBack() { _ = handOverIfBack() }
}
