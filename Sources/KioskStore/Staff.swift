import Foundation
import GRDB
import KioskCore

// MARK: operators

public struct Operator: Sendable, Equatable {
  public let id: String
  public let name: String
  public let disabled: Bool
  public init(id: String, name: String, disabled: Bool) {
    self.id = id
    self.name = name
    self.disabled = disabled
  }
}

/// The answer to a staff log-in.
public enum LoginResult: Sendable, Equatable {
  case ok(Operator)
  /// Wrong PIN; `remaining` tries before the lock.
  case wrongPIN(remaining: Int)
  case locked(until: Date)
  case disabled
  case unknownOperator
}

public struct LoginPolicy: Sendable {
  public var maxFailures = 5
  public var lockSeconds: Double = 15 * 60
  public init() {}
}

public enum StaffError: Error, Sendable, Equatable, CustomStringConvertible {
  case badPIN
  case operatorExists(String)
  case unknownOperator(String)
  case unknownReceipt(String)
  case alreadyVoided(String)
  case cannotVoidAVoid(String)
  case emptyReason

  public var description: String {
    switch self {
    case .badPIN: return "a PIN is 6 or more digits"
    case .operatorExists(let id): return "operator \(id) exists already"
    case .unknownOperator(let id): return "no operator \(id)"
    case .unknownReceipt(let n): return "no receipt \(n)"
    case .alreadyVoided(let n): return "receipt \(n) is voided already"
    case .cannotVoidAVoid(let n): return "\(n) is a void entry; it cannot be voided"
    case .emptyReason: return "a void needs a reason"
    }
  }
}

extension KioskStore {
  /// Adds a staff member. The PIN (6+ digits) is kept only as an Argon2id hash.
  public func addOperator(id: String, name: String, pin: String, actor: String, now: Date = Date()) throws {
    guard pin.count >= 6, pin.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw StaffError.badPIN }
    let hash = Crypto.hashPIN(pin)
    try pool.write { db in
      if try Bool.fetchOne(db, sql: "SELECT 1 FROM operator WHERE id = ?", arguments: [id]) ?? false {
        throw StaffError.operatorExists(id)
      }
      try db.execute(
        sql: "INSERT INTO operator(id, name, pin_hash, created_at) VALUES (?,?,?,?)",
        arguments: [id, name.precomposedStringWithCanonicalMapping, hash, now.timeIntervalSince1970])
      try Self.audit(db, actor, "operator-add", "operator:\(id)", "", now)
    }
  }

  public func setOperatorDisabled(id: String, _ disabled: Bool, actor: String, now: Date = Date()) throws {
    try pool.write { db in
      try db.execute(sql: "UPDATE operator SET disabled = ? WHERE id = ?", arguments: [disabled, id])
      if db.changesCount == 0 { throw StaffError.unknownOperator(id) }
      try Self.audit(db, actor, disabled ? "operator-disable" : "operator-enable", "operator:\(id)", "", now)
    }
  }

  /// A new PIN for an operator (and the lock lifted).
  public func setOperatorPIN(id: String, pin: String, actor: String, now: Date = Date()) throws {
    guard pin.count >= 6, pin.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw StaffError.badPIN }
    let hash = Crypto.hashPIN(pin)
    try pool.write { db in
      try db.execute(
        sql: "UPDATE operator SET pin_hash = ?, failed_attempts = 0, locked_until = 0 WHERE id = ?",
        arguments: [hash, id])
      if db.changesCount == 0 { throw StaffError.unknownOperator(id) }
      try Self.audit(db, actor, "operator-pin", "operator:\(id)", "", now)
    }
  }

  public func operators() throws -> [Operator] {
    try pool.read { db in
      try Row.fetchAll(db, sql: "SELECT id, name, disabled FROM operator ORDER BY id").map {
        Operator(id: $0["id"], name: $0["name"], disabled: $0["disabled"])
      }
    }
  }

  /// Checks a PIN. Failures are counted per operator; after `maxFailures` the operator is locked
  /// for `lockSeconds`. Every attempt is in the audit log (never the PIN).
  public func logIn(id: String, pin: String, policy: LoginPolicy = LoginPolicy(), now: Date = Date()) throws
    -> LoginResult
  {
    guard
      let row = try pool.read({ db in
        try Row.fetchOne(db, sql: "SELECT * FROM operator WHERE id = ?", arguments: [id])
      })
    else {
      try audit(actor: id, action: "login-unknown", subject: "operator:\(id)", now: now)
      return .unknownOperator
    }
    let op = Operator(id: row["id"], name: row["name"], disabled: row["disabled"])
    if op.disabled {
      try audit(actor: id, action: "login-refused", subject: "operator:\(id)", detail: "disabled", now: now)
      return .disabled
    }
    let lockedUntil: Double = row["locked_until"]
    if lockedUntil > now.timeIntervalSince1970 {
      try audit(actor: id, action: "login-refused", subject: "operator:\(id)", detail: "locked", now: now)
      return .locked(until: Date(timeIntervalSince1970: lockedUntil))
    }
    // The slow hash runs outside the write lock.
    let good = Crypto.verifyPIN(pin, hash: row["pin_hash"])
    return try pool.write { db in
      if good {
        try db.execute(sql: "UPDATE operator SET failed_attempts = 0, locked_until = 0 WHERE id = ?", arguments: [id])
        try Self.audit(db, id, "login", "operator:\(id)", "", now)
        return .ok(op)
      }
      let failures =
        (try Int.fetchOne(db, sql: "SELECT failed_attempts FROM operator WHERE id = ?", arguments: [id]) ?? 0) + 1
      if failures >= policy.maxFailures {
        let until = now.timeIntervalSince1970 + policy.lockSeconds
        try db.execute(
          sql: "UPDATE operator SET failed_attempts = 0, locked_until = ? WHERE id = ?", arguments: [until, id])
        try Self.audit(db, id, "login-locked", "operator:\(id)", "\(failures) wrong PINs", now)
        return .locked(until: Date(timeIntervalSince1970: until))
      }
      try db.execute(sql: "UPDATE operator SET failed_attempts = ? WHERE id = ?", arguments: [failures, id])
      try Self.audit(db, id, "login-failed", "operator:\(id)", "", now)
      return .wrongPIN(remaining: policy.maxFailures - failures)
    }
  }

  static func audit(_ db: Database, _ actor: String, _ action: String, _ subject: String, _ detail: String, _ now: Date)
    throws
  {
    try db.execute(
      sql: "INSERT INTO audit_log(at, actor, action, subject, detail) VALUES (?,?,?,?,?)",
      arguments: [now.timeIntervalSince1970, actor, action, subject, detail])
  }

  // MARK: staff work on drafts

  /// How many drafts `staffQueue` shows at most: the first page of `staffQueuePage`.
  public static let staffQueueFirstPage = 100

  /// The first `staffQueueFirstPage` drafts waiting for staff, oldest first (the newest citizen is
  /// last in the queue). For more, page with `staffQueuePage`; `staffQueueCount` says how many wait.
  public func staffQueue() throws -> [Draft] { try staffQueuePage(limit: Self.staffQueueFirstPage).drafts }

  /// One page of the drafts waiting for staff (and those still being answered), oldest first,
  /// from after `cursor`. Read in order from a partial index: flat time and memory at any size.
  public func staffQueuePage(after cursor: DraftCursor? = nil, limit: Int = 50) throws -> DraftPage {
    try pool.read { db in try KioskStore.page(db, KioskStore.queueSource, cursor, limit) }
  }

  /// How many drafts are in the staff queue.
  public func staffQueueCount() throws -> Int {
    try pool.read { db in
      try Int.fetchOne(
        db, sql: "SELECT count(*) FROM draft INDEXED BY draft_queue WHERE state IN ('waiting', 'in-progress')") ?? 0
    }
  }

  static let queueSource = PageSource(
    table: "draft INDEXED BY draft_queue", filter: "state IN ('waiting', 'in-progress')")

  /// Staff opened a draft: audited with the draft's id only.
  public func staffOpened(draftID: Int64, operatorID: String, now: Date = Date()) throws {
    try audit(actor: operatorID, action: "open", subject: "draft:\(draftID)", now: now)
  }

  /// Staff corrected an answer. The old and new values go to `answer_history` (kept with the draft,
  /// purged with it); the audit log names only the draft and the question.
  public func correctAnswer(draftID: Int64, questionID: String, value: String, operatorID: String, now: Date = Date())
    throws
  {
    let new = value.precomposedStringWithCanonicalMapping
    try pool.write { db in
      let old = try String.fetchOne(
        db, sql: "SELECT value FROM draft_answer WHERE draft_id = ? AND question_id = ?",
        arguments: [draftID, questionID])
      if old == new { return }
      try db.execute(
        sql: """
          INSERT INTO draft_answer(draft_id, question_id, value, updated_at) VALUES (?,?,?,?)
          ON CONFLICT(draft_id, question_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
          """, arguments: [draftID, questionID, new, now.timeIntervalSince1970])
      try db.execute(
        sql: """
          INSERT INTO answer_history(draft_id, question_id, old_value, new_value, operator, at)
          VALUES (?,?,?,?,?,?)
          """, arguments: [draftID, questionID, old, new, operatorID, now.timeIntervalSince1970])
      try db.execute(
        sql: "UPDATE draft SET updated_at = ? WHERE id = ?", arguments: [now.timeIntervalSince1970, draftID])
      try Self.audit(db, operatorID, "edit", "draft:\(draftID)", "question:\(questionID)", now)
    }
  }

  public struct AnswerChange: Sendable, Equatable {
    public let questionID: String
    public let oldValue: String?
    public let newValue: String
    public let operatorID: String
  }

  public func answerHistory(draftID: Int64) throws -> [AnswerChange] {
    try pool.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM answer_history WHERE draft_id = ? ORDER BY id", arguments: [draftID])
        .map {
          AnswerChange(
            questionID: $0["question_id"], oldValue: $0["old_value"], newValue: $0["new_value"],
            operatorID: $0["operator"])
        }
    }
  }
}

// MARK: the receipts ledger

/// One fee line as the ledger keeps it (whole taka).
public struct LedgerLine: Sendable, Codable, Equatable {
  public let id: String
  public let bn: String
  public let en: String
  public let amount: Int
  public init(id: String, bn: String, en: String, amount: Int) {
    self.id = id
    self.bn = bn
    self.en = en
    self.amount = amount
  }
  public init(_ line: FeeLine) { self.init(id: line.id, bn: line.label.bn, en: line.label.en, amount: line.amount) }
}

/// A row of the receipts ledger. Rows are only ever added: a mistaken receipt gets a void row
/// (negative lines, with a reason) and a new receipt is issued.
extension LedgerReceipt {
  /// The receipts of `receipts` that stand: neither void rows nor voided by one of them.
  public static func standing(_ receipts: [LedgerReceipt]) -> [LedgerReceipt] {
    let voided = Set(receipts.compactMap(\.voidsReceipt))
    return receipts.filter { $0.voidsReceipt == nil && !voided.contains($0.id) }
  }
}

public struct LedgerReceipt: Sendable, Equatable {
  public let id: Int64
  public let centreID: String
  public let year: Int
  public let number: Int
  public let draftID: Int64?
  public let serviceID: String
  public let operatorID: String
  public let lines: [LedgerLine]
  public let total: Int
  public let issuedAt: Date
  /// Set on a void row: the receipt it cancels.
  public let voidsReceipt: Int64?
  public let voidReason: String?
  public let printed: Bool
  public let hash: String

  /// e.g. DEMO-2026-000123.
  public var displayNumber: String { LedgerReceipt.format(centreID, year, number) }
  public static func format(_ centre: String, _ year: Int, _ number: Int) -> String {
    "\(centre)-\(year)-" + String(repeating: "0", count: max(0, 6 - String(number).count)) + String(number)
  }
  /// What the receipt's QR code carries: number, total and the ledger hash (first 16 hex digits).
  public var verification: String { "BHUMISEBA-RECEIPT:\(displayNumber):\(total):\(hash.prefix(16))" }
}

/// A finding of `verifyLedger`: the first row that does not hold.
public struct LedgerProblem: Sendable, Equatable, CustomStringConvertible {
  public let rowID: Int64
  public let number: String
  public let reason: String
  public var description: String { "row \(rowID) (receipt \(number)): \(reason)" }
}

extension KioskStore {
  static let genesisHash = String(repeating: "0", count: 64)

  /// The text a row's hash is taken over: every column but `printed` (which changes when paper
  /// comes out) and the hash itself.
  static func hashInput(
    id: Int64, centre: String, year: Int, number: Int, draft: Int64?, service: String, op: String, lines: String,
    total: Int, issuedAt: Double, voids: Int64?, reason: String?, prev: String
  ) -> String {
    [
      String(id), centre, String(year), String(number), draft.map(String.init) ?? "", service, op, lines,
      String(total), String(format: "%.6f", issuedAt), voids.map(String.init) ?? "", reason ?? "", prev,
    ].joined(separator: "|")
  }

  /// The receipt year: the Gregorian year in Bangladesh time.
  static func receiptYear(_ now: Date) -> Int { CivilDate(secondsSince1970: now.timeIntervalSince1970).year }

  /// Issues the next receipt of the centre's yearly series, in one immediate transaction: the number
  /// is the last one + 1 and is committed before anything is printed, so a crash can leave a receipt
  /// "not printed" but never a gap or a duplicate.
  public func issueReceipt(
    centreID: String, draftID: Int64?, serviceID: String, operatorID: String, lines: [LedgerLine], now: Date = Date()
  ) throws -> LedgerReceipt {
    try appendLedgerRow(
      centreID: centreID, draftID: draftID, serviceID: serviceID, operatorID: operatorID, lines: lines, voids: nil,
      reason: nil, now: now)
  }

  /// Voids a receipt with a reason: a new ledger row with the opposite amounts. Nothing is deleted.
  public func voidReceipt(_ receiptID: Int64, reason: String, operatorID: String, now: Date = Date()) throws
    -> LedgerReceipt
  {
    let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !why.isEmpty else { throw StaffError.emptyReason }
    guard let original = try receipt(id: receiptID) else { throw StaffError.unknownReceipt(String(receiptID)) }
    if original.voidsReceipt != nil { throw StaffError.cannotVoidAVoid(original.displayNumber) }
    if try voidOf(receiptID) != nil { throw StaffError.alreadyVoided(original.displayNumber) }
    return try appendLedgerRow(
      centreID: original.centreID, draftID: original.draftID, serviceID: original.serviceID, operatorID: operatorID,
      lines: original.lines.map { LedgerLine(id: $0.id, bn: $0.bn, en: $0.en, amount: -$0.amount) },
      voids: receiptID, reason: why, now: now)
  }

  private func appendLedgerRow(
    centreID: String, draftID: Int64?, serviceID: String, operatorID: String, lines: [LedgerLine], voids: Int64?,
    reason: String?, now: Date
  ) throws -> LedgerReceipt {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let linesText = String(decoding: try encoder.encode(lines), as: UTF8.self)
    let total = lines.reduce(0) { $0 + $1.amount }
    let year = Self.receiptYear(now)
    let issuedAt = now.timeIntervalSince1970
    return try pool.writeWithoutTransaction { db in
      var made: LedgerReceipt?
      try db.inTransaction(.immediate) {
        if let voids,
          try Bool.fetchOne(db, sql: "SELECT 1 FROM receipt WHERE voids_receipt = ?", arguments: [voids]) ?? false
        {
          throw StaffError.alreadyVoided(String(voids))
        }
        let last = try Row.fetchOne(db, sql: "SELECT id, hash FROM receipt ORDER BY id DESC LIMIT 1")
        let prev: String = last?["hash"] ?? Self.genesisHash
        let id: Int64 = (last?["id"] ?? 0) + 1
        let number =
          (try Int.fetchOne(
            db, sql: "SELECT max(number) FROM receipt WHERE centre_id = ? AND year = ?", arguments: [centreID, year])
            ?? 0) + 1
        let hash = Crypto.sha256Hex(
          Self.hashInput(
            id: id, centre: centreID, year: year, number: number, draft: draftID, service: serviceID, op: operatorID,
            lines: linesText, total: total, issuedAt: issuedAt, voids: voids, reason: reason, prev: prev))
        try db.execute(
          sql: """
            INSERT INTO receipt(id, centre_id, year, number, draft_id, service_id, operator, lines, total, issued_at,
              voids_receipt, void_reason, printed, prev_hash, hash)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,0,?,?)
            """,
          arguments: [
            id, centreID, year, number, draftID, serviceID, operatorID, linesText, total, issuedAt, voids, reason, prev,
            hash,
          ])
        try Self.audit(
          db, operatorID, voids == nil ? "receipt-issue" : "receipt-void", "receipt:\(id)",
          LedgerReceipt.format(centreID, year, number), now)
        made = LedgerReceipt(
          id: id, centreID: centreID, year: year, number: number, draftID: draftID, serviceID: serviceID,
          operatorID: operatorID, lines: lines, total: total, issuedAt: Date(timeIntervalSince1970: issuedAt),
          voidsReceipt: voids, voidReason: reason, printed: false, hash: hash)
        return .commit
      }
      guard let made else { throw StaffError.unknownReceipt("(not written)") }
      return made
    }
  }

  /// Paper came out (or staff reprinted): the ledger row is unchanged but for this flag.
  public func markReceiptPrinted(_ receiptID: Int64, operatorID: String, reprint: Bool, now: Date = Date()) throws {
    try pool.write { db in
      try db.execute(sql: "UPDATE receipt SET printed = 1 WHERE id = ?", arguments: [receiptID])
      try Self.audit(db, operatorID, reprint ? "receipt-reprint" : "receipt-print", "receipt:\(receiptID)", "", now)
    }
  }

  static func receipt(from row: Row) -> LedgerReceipt {
    let text: String = row["lines"]
    let lines = (try? JSONDecoder().decode([LedgerLine].self, from: Data(text.utf8))) ?? []
    return LedgerReceipt(
      id: row["id"], centreID: row["centre_id"], year: row["year"], number: row["number"], draftID: row["draft_id"],
      serviceID: row["service_id"], operatorID: row["operator"], lines: lines, total: row["total"],
      issuedAt: Date(timeIntervalSince1970: row["issued_at"]), voidsReceipt: row["voids_receipt"],
      voidReason: row["void_reason"], printed: row["printed"], hash: row["hash"])
  }

  public func receipt(id: Int64) throws -> LedgerReceipt? {
    try pool.read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM receipt WHERE id = ?", arguments: [id]).map(Self.receipt(from:))
    }
  }

  /// A receipt by its printed number (DEMO-2026-000123).
  public func receipt(number text: String) throws -> LedgerReceipt? {
    let parts = text.split(separator: "-")
    guard parts.count >= 3, let number = Int(parts[parts.count - 1]), let year = Int(parts[parts.count - 2]) else {
      return nil
    }
    let centre = parts.dropLast(2).joined(separator: "-")
    return try pool.read { db in
      try Row.fetchOne(
        db, sql: "SELECT * FROM receipt WHERE centre_id = ? AND year = ? AND number = ?",
        arguments: [centre, year, number]
      ).map(Self.receipt(from:))
    }
  }

  /// The void row that cancels a receipt, if any.
  public func voidOf(_ receiptID: Int64) throws -> LedgerReceipt? {
    try pool.read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM receipt WHERE voids_receipt = ?", arguments: [receiptID])
        .map(Self.receipt(from:))
    }
  }

  /// Receipts issued from `from` up to (not including) `to`, in ledger order.
  public func receipts(from: Date = .distantPast, to: Date = .distantFuture) throws -> [LedgerReceipt] {
    try pool.read { db in
      try Row.fetchAll(
        db, sql: "SELECT * FROM receipt WHERE issued_at >= ? AND issued_at < ? ORDER BY id",
        arguments: [from.timeIntervalSince1970, to.timeIntervalSince1970]
      ).map(Self.receipt(from:))
    }
  }

  /// Receipts of one Bangladesh calendar day.
  public func receipts(on day: CivilDate) throws -> [LedgerReceipt] {
    let start = Double(day.dayNumber - CivilDate(year: 1970, month: 1, day: 1)!.dayNumber) * 86400 - 6 * 3600
    return try receipts(
      from: Date(timeIntervalSince1970: start), to: Date(timeIntervalSince1970: start + 86400))
  }

  /// Recomputes the hash chain over the whole ledger and checks the numbering. Returns the first
  /// row that does not hold, or nil. A deleted last row is caught through the audit log, which
  /// records every receipt issued.
  public func verifyLedger() throws -> LedgerProblem? {
    try pool.read { db in
      var prev = Self.genesisHash
      var lastNumber: [String: Int] = [:]
      var lastID: Int64 = 0
      let rows = try Row.fetchCursor(db, sql: "SELECT * FROM receipt ORDER BY id")
      while let row = try rows.next() {
        let id: Int64 = row["id"]
        let centre: String = row["centre_id"]
        let year: Int = row["year"]
        let number: Int = row["number"]
        let shown = LedgerReceipt.format(centre, year, number)
        let storedPrev: String = row["prev_hash"]
        if storedPrev != prev {
          return LedgerProblem(
            rowID: id, number: shown,
            reason: "its previous-hash does not match the row before (a row was changed or deleted)")
        }
        let lines: String = row["lines"]
        let total: Int = row["total"]
        if let decoded = try? JSONDecoder().decode([LedgerLine].self, from: Data(lines.utf8)),
          decoded.reduce(0, { $0 + $1.amount }) != total
        {
          return LedgerProblem(rowID: id, number: shown, reason: "its total \(total) is not the sum of its lines")
        }
        let expect = Crypto.sha256Hex(
          Self.hashInput(
            id: id, centre: centre, year: year, number: number, draft: row["draft_id"], service: row["service_id"],
            op: row["operator"], lines: lines, total: total, issuedAt: row["issued_at"], voids: row["voids_receipt"],
            reason: row["void_reason"], prev: storedPrev))
        let stored: String = row["hash"]
        if stored != expect {
          return LedgerProblem(rowID: id, number: shown, reason: "its contents do not match its hash (it was changed)")
        }
        let key = "\(centre)/\(year)"
        if number != (lastNumber[key] ?? 0) + 1 {
          return LedgerProblem(
            rowID: id, number: shown, reason: "number \(number) follows \(lastNumber[key] ?? 0) (a gap or a duplicate)")
        }
        lastNumber[key] = number
        prev = stored
        lastID = id
      }
      let audited =
        try Int64.fetchOne(
          db,
          sql: """
            SELECT max(CAST(substr(subject, 9) AS INTEGER)) FROM audit_log
            WHERE action IN ('receipt-issue', 'receipt-void') AND subject LIKE 'receipt:%'
            """) ?? 0
      if audited > lastID {
        return LedgerProblem(
          rowID: lastID + 1, number: "?",
          reason: "the audit log records receipt row \(audited), which is missing (deleted)")
      }
      return nil
    }
  }

  /// The ledger as CSV (one row per receipt or void), for `kioskctl ledger export`.
  public func ledgerCSV(from: Date = .distantPast, to: Date = .distantFuture) throws -> String {
    var out = "number,issued_at_utc,centre,service,operator,total,voids,void_reason,printed,hash\n"
    let f = ISO8601DateFormatter()
    for r in try receipts(from: from, to: to) {
      let voids = try r.voidsReceipt.flatMap { try receipt(id: $0)?.displayNumber } ?? ""
      let fields = [
        r.displayNumber, f.string(from: r.issuedAt), r.centreID, r.serviceID, r.operatorID, String(r.total), voids,
        r.voidReason ?? "", r.printed ? "yes" : "no", r.hash,
      ]
      out += fields.map(Self.csvField).joined(separator: ",") + "\n"
    }
    return out
  }

  static func csvField(_ s: String) -> String {
    s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
      ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
  }
}
