import Foundation
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
    try engine.write { db in
      if try db.exists("SELECT 1 FROM operator WHERE id = ?", [id]) { throw StaffError.operatorExists(id) }
      try db.execute(
        "INSERT INTO operator(id, name, pin_hash, created_at) VALUES (?,?,?,?)",
        [id, name.precomposedStringWithCanonicalMapping, hash, now.timeIntervalSince1970])
      try Self.audit(db, actor, "operator-add", "operator:\(id)", "", now)
    }
  }

  public func setOperatorDisabled(id: String, _ disabled: Bool, actor: String, now: Date = Date()) throws {
    try engine.write { db in
      if try db.execute("UPDATE operator SET disabled = ? WHERE id = ?", [disabled, id]) == 0 {
        throw StaffError.unknownOperator(id)
      }
      try Self.audit(db, actor, disabled ? "operator-disable" : "operator-enable", "operator:\(id)", "", now)
    }
  }

  /// A new PIN for an operator (and the lock lifted).
  public func setOperatorPIN(id: String, pin: String, actor: String, now: Date = Date()) throws {
    guard pin.count >= 6, pin.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw StaffError.badPIN }
    let hash = Crypto.hashPIN(pin)
    try engine.write { db in
      let changed = try db.execute(
        "UPDATE operator SET pin_hash = ?, failed_attempts = 0, locked_until = 0 WHERE id = ?", [hash, id])
      if changed == 0 { throw StaffError.unknownOperator(id) }
      try Self.audit(db, actor, "operator-pin", "operator:\(id)", "", now)
    }
  }

  public func operators() throws -> [Operator] {
    try engine.read { db in
      try db.rows("SELECT id, name, disabled FROM operator ORDER BY id").map {
        Operator(id: try $0.text(0), name: try $0.text(1), disabled: try $0.bool("disabled"))
      }
    }
  }

  /// Checks a PIN. Failures are counted per operator; after `maxFailures` the operator is locked
  /// for `lockSeconds`. Every attempt is in the audit log (never the PIN).
  public func logIn(id: String, pin: String, policy: LoginPolicy = LoginPolicy(), now: Date = Date()) throws
    -> LoginResult
  {
    guard
      let row = try engine.read({ db in
        try db.one("SELECT id, name, disabled, locked_until, pin_hash FROM operator WHERE id = ?", [id])
      })
    else {
      try audit(actor: id, action: "login-unknown", subject: "operator:\(id)", now: now)
      return .unknownOperator
    }
    let op = Operator(id: try row.text("id"), name: try row.text("name"), disabled: try row.bool("disabled"))
    if op.disabled {
      try audit(actor: id, action: "login-refused", subject: "operator:\(id)", detail: "disabled", now: now)
      return .disabled
    }
    let lockedUntil = try row.double("locked_until")
    if lockedUntil > now.timeIntervalSince1970 {
      try audit(actor: id, action: "login-refused", subject: "operator:\(id)", detail: "locked", now: now)
      return .locked(until: Date(timeIntervalSince1970: lockedUntil))
    }
    // The slow hash runs outside the write lock.
    let good = Crypto.verifyPIN(pin, hash: try row.text("pin_hash"))
    return try engine.write { db in
      if good {
        try db.execute("UPDATE operator SET failed_attempts = 0, locked_until = 0 WHERE id = ?", [id])
        try Self.audit(db, id, "login", "operator:\(id)", "", now)
        return .ok(op)
      }
      let failures = Int(try db.int64("SELECT failed_attempts FROM operator WHERE id = ?", [id]) ?? 0) + 1
      if failures >= policy.maxFailures {
        let until = now.timeIntervalSince1970 + policy.lockSeconds
        try db.execute("UPDATE operator SET failed_attempts = 0, locked_until = ? WHERE id = ?", [until, id])
        try Self.audit(db, id, "login-locked", "operator:\(id)", "\(failures) wrong PINs", now)
        return .locked(until: Date(timeIntervalSince1970: until))
      }
      try db.execute("UPDATE operator SET failed_attempts = ? WHERE id = ?", [failures, id])
      try Self.audit(db, id, "login-failed", "operator:\(id)", "", now)
      return .wrongPIN(remaining: policy.maxFailures - failures)
    }
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
    try requireTableReads(Self.theQueue)
    return try engine.read { db in try KioskStore.page(db, KioskStore.queueSource, cursor, limit) }
  }

  /// How many drafts are in the staff queue.
  public func staffQueueCount() throws -> Int {
    try requireTableReads(Self.theQueue)
    return try engine.read { db in
      Int(
        try db.int64(
          "SELECT count(*) FROM \(KioskStore.queueSource.from(db.dialect)) WHERE state IN ('waiting', 'in-progress')")
          ?? 0)
    }
  }

  static let theQueue = tr("the queue of waiting drafts")

  static let queueSource = PageSource(
    table: "draft", index: "draft_queue", filter: "state IN ('waiting', 'in-progress')")

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
    try requireTableReads(tr("correcting an answer"))
    try engine.write { db in
      guard try db.exists("SELECT 1 FROM draft WHERE id = ?", [draftID]) else { throw StoreError.unknownDraft(draftID) }
      let old = try db.text(
        "SELECT value FROM draft_answer WHERE draft_id = ? AND question_id = ?", [draftID, questionID])
      if old == new { return }
      try db.execute(
        """
        INSERT INTO draft_answer(draft_id, question_id, value, updated_at) VALUES (?,?,?,?)
        ON CONFLICT(draft_id, question_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
        """, [draftID, questionID, new, now.timeIntervalSince1970])
      try db.execute(
        """
        INSERT INTO answer_history(draft_id, question_id, old_value, new_value, operator, at)
        VALUES (?,?,?,?,?,?)
        """, [draftID, questionID, old, new, operatorID, now.timeIntervalSince1970])
      try db.execute("UPDATE draft SET updated_at = ? WHERE id = ?", [now.timeIntervalSince1970, draftID])
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
    try requireTableReads(tr("the history of corrections"))
    return try engine.read { db in
      try db.rows(
        "SELECT question_id, old_value, new_value, operator FROM answer_history WHERE draft_id = ? ORDER BY id",
        [draftID]
      ).map {
        AnswerChange(
          questionID: try $0.text(0), oldValue: try $0.optionalText(1), newValue: try $0.text(2),
          operatorID: try $0.text(3))
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
