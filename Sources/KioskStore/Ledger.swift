import CSodium
import Foundation
import KioskCore

/// The ledger's key: 32 random bytes in a file outside the database, readable by the kiosk's user
/// only (0400). Each receipt row's hash is an HMAC-SHA-256 under it over the row and the hash of
/// the row before, so whoever can write the database but not read this file cannot append, edit
/// or renumber rows with a recomputed chain. A centre's desks and kiosks share one key file (the
/// admin copies it, like a TLS key); it is kept in the centre's backup, apart from the database.
public enum LedgerKey {
  public static let fileName = "ledger.key"

  /// The key at `path`; made when there is none and `create` (a ledger with no keyed row yet).
  /// A key readable by others, or of the wrong size, is refused with the file named.
  static func load(_ path: String, create: Bool) throws -> [UInt8] {
    let fm = FileManager.default
    if !fm.fileExists(atPath: path) {
      guard create else { throw LedgerError.keyMissing(path) }
      var key = [UInt8](repeating: 0, count: 32)
      _ = sodium_init()
      randombytes_buf(&key, key.count)
      let dir = (path as NSString).deletingLastPathComponent
      try? fm.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
      // O_EXCL: two programs making the first key at once cannot both write one.
      let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o400)
      if fd < 0 {
        if errno == EEXIST { return try load(path, create: false) }
        throw LedgerError.keyUnreadable(path, String(cString: strerror(errno)))
      }
      defer { close(fd) }
      guard write(fd, key, key.count) == key.count, fsync(fd) == 0 else {
        throw LedgerError.keyUnreadable(path, "cannot write it: \(String(cString: strerror(errno)))")
      }
      return key
    }
    var st = stat()
    guard stat(path, &st) == 0 else { throw LedgerError.keyUnreadable(path, String(cString: strerror(errno))) }
    if st.st_mode & 0o077 != 0 { throw LedgerError.keyExposed(path) }
    guard let data = fm.contents(atPath: path) else { throw LedgerError.keyUnreadable(path, "cannot read it") }
    guard data.count == 32 else { throw LedgerError.keyUnreadable(path, "it holds \(data.count) bytes, not 32") }
    return [UInt8](data)
  }
}

public enum LedgerError: Error, Equatable, CustomStringConvertible {
  case keyMissing(String)
  case keyExposed(String)
  case keyUnreadable(String, String)

  public var message: BilingualText {
    switch self {
    case .keyMissing(let p):
      return tr(
        "the ledger key {1} is missing. Restore it from the backup (a new key could not verify the receipts).",
        .same("\(p)"))
    case .keyExposed(let p):
      return tr("the ledger key {1} is readable by others. Run `chmod 0400 {2}`.", .same("\(p)"), .same("\(p)"))
    case .keyUnreadable(let p, let why):
      return tr("cannot use the ledger key {1} ({2}).", .same("\(p)"), .same("\(why)"))
    }
  }
  public var description: String { "\(message.bn)\n\(message.en)" }
}

extension Crypto {
  /// Lowercase hex of bytes (libsodium's constant-time bin2hex: one call, not a format per byte).
  public static func hex(_ bytes: [UInt8]) -> String {
    var out = [CChar](repeating: 0, count: bytes.count * 2 + 1)
    _ = sodium_bin2hex(&out, out.count, bytes, bytes.count)
    return String(decoding: out.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// HMAC-SHA-256 of the UTF-8 bytes under a 32-byte key, as 64 lowercase hex digits.
  public static func hmacHex(_ key: [UInt8], _ text: String) -> String {
    var out = [UInt8](repeating: 0, count: Int(crypto_auth_hmacsha256_BYTES))
    var bytes = Array(text.utf8)
    _ = crypto_auth_hmacsha256(&out, &bytes, UInt64(bytes.count), key)
    return hex(out)
  }
}

/// A day-end (Z report) or verification checkpoint of the ledger: its last row and that row's
/// hash, with a MAC under the ledger key. `ledger verify` checks the ledger against every saved
/// head, so a deleted or rewritten tail is named even when the audit log was cut too; the printed
/// Z report carries the head on paper.
public struct LedgerHead: Sendable, Equatable {
  public let id: Int64
  public let kind: String
  public let at: Date
  public let receiptID: Int64
  public let lastNumber: String
  public let hash: String
  public let operatorID: String
  /// The head as printed: row, receipt number and the hash's first 16 hex digits.
  public var printed: String { "\(receiptID) · \(lastNumber) · \(hash.prefix(16))" }
}

/// The outcome of `verifyLedger`.
public struct LedgerCheck: Sendable, Equatable {
  public var problem: LedgerProblem?
  /// Rows whose chain was checked in this run (after the last verified head, unless `full`).
  public var checked = 0
  /// The first row checked (1 for a full check).
  public var from: Int64 = 1
  /// Rows from before the chain was keyed (plain SHA-256), which a database owner could rewrite.
  public var unkeyed = 0
  public var heads = 0
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

  /// The row after the tail (`lastID`, `prev`, the centre's last `number` + 1), with its keyed hash.
  struct NextLedgerRow: Sendable {
    var receipt: LedgerReceipt
    var prev: String
    var linesText: String
    /// The time as taken (not read back from `receipt.issuedAt`: a Date keeps it from 2001, and
    /// the round trip can change its last bits).
    var issuedAt: Double
    var action: String
    var shown: String
  }

  static func nextLedgerRow(
    key: [UInt8], lastID: Int64?, prev: String, number: Int, _ centreID: String, _ draftID: Int64?,
    _ serviceID: String, _ operatorID: String, _ lines: [LedgerLine], _ linesText: String, _ total: Int, _ year: Int,
    _ issuedAt: Double, _ voids: Int64?, _ reason: String?
  ) -> NextLedgerRow {
    let id = (lastID ?? 0) + 1
    let hash = Crypto.hmacHex(
      key,
      hashInput(
        id: id, centre: centreID, year: year, number: number, draft: draftID, service: serviceID, op: operatorID,
        lines: linesText, total: total, issuedAt: issuedAt, voids: voids, reason: reason, prev: prev))
    let receipt = LedgerReceipt(
      id: id, centreID: centreID, year: year, number: number, draftID: draftID, serviceID: serviceID,
      operatorID: operatorID, lines: lines, total: total, issuedAt: Date(timeIntervalSince1970: issuedAt),
      voidsReceipt: voids, voidReason: reason, printed: false, hash: hash)
    return NextLedgerRow(
      receipt: receipt, prev: prev, linesText: linesText, issuedAt: issuedAt,
      action: voids == nil ? "receipt-issue" : "receipt-void", shown: LedgerReceipt.format(centreID, year, number))
  }

  /// pg-005's `bhumiseba_ledger_append_release`'s arguments for `row`.
  static func appendArguments(_ row: NextLedgerRow, _ now: Date) -> SQLArguments {
    let r = row.receipt
    return [
      PostgresEngine.exclusiveLock, r.id, r.centreID, r.year, r.number, r.draftID, r.serviceID, r.operatorID,
      row.linesText, r.total, row.issuedAt, r.voidsReceipt, r.voidReason, row.prev, r.hash,
      row.action, row.shown, now.timeIntervalSince1970,
    ]
  }

  static func headInput(kind: String, at: Double, receiptID: Int64, hash: String, op: String) -> String {
    ["head", kind, String(format: "%.6f", at), String(receiptID), hash, op].joined(separator: "|")
  }

  /// The receipt year: the Gregorian year in Bangladesh time.
  static func receiptYear(_ now: Date) -> Int { CivilDate(secondsSince1970: now.timeIntervalSince1970).year }

  /// Whether the ledger has a keyed row (then the key must exist: a new one is never made).
  func ledgerIsKeyed(_ db: any SQLSession) throws -> Bool {
    try db.exists("SELECT 1 FROM receipt WHERE chain = 'hmac-sha256' LIMIT 1")
  }

  func ledgerKey(_ db: any SQLSession, forWriting: Bool) throws -> [UInt8] {
    let keyed = try ledgerIsKeyed(db)
    return try LedgerKey.load(ledgerKeyPath, create: forWriting && !keyed)
  }

  /// Issues the next receipt of the centre's yearly series. The number (last + 1), the row and the
  /// chain are written in one transaction that keeps every other writer of the ledger out (SQLite:
  /// IMMEDIATE; PostgreSQL: the centre's ledger lock), so many desks charging at once get gapless,
  /// unique numbers; the row is committed before anything is printed, so a crash can leave a receipt
  /// "not printed" but never a gap or a duplicate, and a failed transaction leaves nothing.
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
    do {
      return try appendLedgerRow(
        centreID, draftID, serviceID, operatorID, lines, linesText, total, year, issuedAt, voids, reason, now)
    } catch StoreError.serverAway {
      throw StoreError.receiptNeedsServer(address: path)
    }
  }

  private func appendLedgerRow(
    _ centreID: String, _ draftID: Int64?, _ serviceID: String, _ operatorID: String, _ lines: [LedgerLine],
    _ linesText: String, _ total: Int, _ year: Int, _ issuedAt: Double, _ voids: Int64?, _ reason: String?, _ now: Date
  ) throws -> LedgerReceipt {
    let pg = engine as? PostgresEngine
    let postgres = pg != nil
    // PostgreSQL, a charge (not a void) with the key made already: the tail and the append chained
    // on the connection's event loop, the key read before the lock is taken. The first charge of a
    // centre (the key still to be made) and a void (one more check under the lock) go the long way.
    if let pg, voids == nil, FileManager.default.fileExists(atPath: ledgerKeyPath) {
      let key = try LedgerKey.load(ledgerKeyPath, create: false)
      return try pg.chainedUnderSessionLock(
        PostgresEngine.exclusiveLock,
        "SELECT keyed, last_id, last_hash, last_number FROM bhumiseba_ledger_tail_held(?, ?, ?)",
        [PostgresEngine.exclusiveLock, centreID, year]
      ) { tail in
        guard let tail else { throw StoreError.server(sqlState: "", detail: "bhumiseba_ledger_tail_held gave no row") }
        let row = KioskStore.nextLedgerRow(
          key: key, lastID: try tail.optionalInt64(1), prev: try tail.optionalText(2) ?? KioskStore.genesisHash,
          number: Int(try tail.optionalInt64(3) ?? 0) + 1, centreID, draftID, serviceID, operatorID, lines, linesText,
          total, year, issuedAt, voids, reason)
        return .init(
          sql: "CALL bhumiseba_ledger_append_release(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
          arguments: KioskStore.appendArguments(row, now), result: row.receipt)
      }
    }
    // SQLite: an IMMEDIATE transaction. PostgreSQL: no BEGIN; pg-005's bhumiseba_ledger_tail_held
    // takes the centre's ledger lock (for the session) and reads the tail in one call, and
    // bhumiseba_ledger_append_release writes the row and its audit entry, commits and lets the
    // lock go in one more: one round trip under the lock.
    let transaction: ((any SQLSession) throws -> LedgerReceipt) throws -> LedgerReceipt =
      pg.map { pg in { try pg.underSessionLock(PostgresEngine.exclusiveLock, $0) } }
      ?? { try self.engine.exclusiveWrite($0) }
    return try transaction { db in
      var tail: SQLRow? = nil
      if postgres {
        tail = try db.one(
          "SELECT keyed, last_id, last_hash, last_number FROM bhumiseba_ledger_tail_held(?, ?, ?)",
          [PostgresEngine.exclusiveLock, centreID, year])
      }
      if let voids, try db.exists("SELECT 1 FROM receipt WHERE voids_receipt = ?", [voids]) {
        throw StaffError.alreadyVoided(String(voids))
      }
      let key: [UInt8]
      let lastID: Int64?
      let prev: String
      let number: Int
      if let tail {
        key = try LedgerKey.load(ledgerKeyPath, create: !(try tail.bool("keyed")))
        lastID = try tail.optionalInt64(1)
        prev = try tail.optionalText(2) ?? Self.genesisHash
        number = Int(try tail.optionalInt64(3) ?? 0) + 1
      } else {
        key = try ledgerKey(db, forWriting: true)
        let last = try db.one("SELECT id, hash FROM receipt ORDER BY id DESC LIMIT 1")
        lastID = try last?.int64(0)
        prev = try last?.text(1) ?? Self.genesisHash
        number =
          Int(try db.int64("SELECT max(number) FROM receipt WHERE centre_id = ? AND year = ?", [centreID, year]) ?? 0)
          + 1
      }
      let row = Self.nextLedgerRow(
        key: key, lastID: lastID, prev: prev, number: number, centreID, draftID, serviceID, operatorID, lines,
        linesText, total, year, issuedAt, voids, reason)
      let id = row.receipt.id
      let hash = row.receipt.hash
      let action = row.action
      let shown = row.shown
      if postgres {
        try db.execute(
          "CALL bhumiseba_ledger_append_release(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", Self.appendArguments(row, now))
      } else {
        try db.execute(
          """
          INSERT INTO receipt(id, centre_id, year, number, draft_id, service_id, operator, lines, total, issued_at,
            voids_receipt, void_reason, printed, prev_hash, hash, chain)
          VALUES (?,?,?,?,?,?,?,?,?,?,?,?,0,?,?,'hmac-sha256')
          """,
          [
            id, centreID, year, number, draftID, serviceID, operatorID, linesText, total, issuedAt, voids, reason, prev,
            hash,
          ])
        try Self.audit(db, operatorID, action, "receipt:\(id)", shown, now)
      }
      return row.receipt
    }
  }

  /// Paper came out (or staff reprinted): the ledger row is unchanged but for this flag.
  public func markReceiptPrinted(_ receiptID: Int64, operatorID: String, reprint: Bool, now: Date = Date()) throws {
    try engine.write { db in
      try db.execute("UPDATE receipt SET printed = 1 WHERE id = ? AND printed = 0", [receiptID])
      try Self.audit(db, operatorID, reprint ? "receipt-reprint" : "receipt-print", "receipt:\(receiptID)", "", now)
    }
  }

  static let receiptColumns = """
    id, centre_id, year, number, draft_id, service_id, operator, lines, total, issued_at, voids_receipt,
    void_reason, printed, prev_hash, hash, chain
    """

  static func receipt(from row: SQLRow) throws -> LedgerReceipt {
    let text = try row.text("lines")
    let lines: [LedgerLine]
    do {
      lines = try JSONDecoder().decode([LedgerLine].self, from: Data(text.utf8))
    } catch {
      throw BadValue(column: "lines", found: SQLRow.shown(.text(text)), expected: "the receipt's fee lines")
    }
    return LedgerReceipt(
      id: try row.int64("id"), centreID: try row.text("centre_id"), year: try row.int("year"),
      number: try row.int("number"), draftID: try row.optionalInt64("draft_id"), serviceID: try row.text("service_id"),
      operatorID: try row.text("operator"), lines: lines, total: try row.int("total"),
      issuedAt: Date(timeIntervalSince1970: try row.double("issued_at")),
      voidsReceipt: try row.optionalInt64("voids_receipt"), voidReason: try row.optionalText("void_reason"),
      printed: try row.bool("printed"), hash: try row.text("hash"))
  }

  public func receipt(id: Int64) throws -> LedgerReceipt? {
    try engine.read { db in
      try db.one("SELECT \(Self.receiptColumns) FROM receipt WHERE id = ?", [id]).map(Self.receipt(from:))
    }
  }

  /// A receipt by its printed number (DEMO-2026-000123).
  public func receipt(number text: String) throws -> LedgerReceipt? {
    let parts = text.split(separator: "-")
    guard parts.count >= 3, let number = Int(parts[parts.count - 1]), let year = Int(parts[parts.count - 2]) else {
      return nil
    }
    let centre = parts.dropLast(2).joined(separator: "-")
    return try engine.read { db in
      try db.one(
        "SELECT \(Self.receiptColumns) FROM receipt WHERE centre_id = ? AND year = ? AND number = ?",
        [centre, year, number]
      ).map(Self.receipt(from:))
    }
  }

  /// The void row that cancels a receipt, if any.
  public func voidOf(_ receiptID: Int64) throws -> LedgerReceipt? {
    try engine.read { db in
      try db.one("SELECT \(Self.receiptColumns) FROM receipt WHERE voids_receipt = ?", [receiptID])
        .map(Self.receipt(from:))
    }
  }

  /// Receipts issued from `from` up to (not including) `to`, in ledger order.
  public func receipts(from: Date = .distantPast, to: Date = .distantFuture) throws -> [LedgerReceipt] {
    try engine.read { db in
      try db.rows(
        "SELECT \(Self.receiptColumns) FROM receipt WHERE issued_at >= ? AND issued_at < ? ORDER BY id",
        [from.timeIntervalSince1970, to.timeIntervalSince1970]
      ).map(Self.receipt(from:))
    }
  }

  /// Receipts of one Bangladesh calendar day.
  public func receipts(on day: CivilDate) throws -> [LedgerReceipt] {
    let start = Double(day.dayNumber - CivilDate(year: 1970, month: 1, day: 1)!.dayNumber) * 86400 - 6 * 3600
    return try receipts(
      from: Date(timeIntervalSince1970: start), to: Date(timeIntervalSince1970: start + 86400))
  }

  /// How many rows the ledger has (counted by the database; nothing decoded).
  public func receiptCount() throws -> Int {
    try engine.read { db in Int(try db.int64("SELECT count(*) FROM receipt") ?? 0) }
  }

  // MARK: heads

  /// Saves the ledger's head (its last row and hash, with a MAC under the key): at day-end
  /// (`kind` "day-end"), and after a full verification ("verified"). Nil for an empty ledger.
  @discardableResult
  public func saveLedgerHead(kind: String = "day-end", operatorID: String, now: Date = Date()) throws -> LedgerHead? {
    try engine.exclusiveWrite { db in
      guard let last = try db.one("SELECT id, centre_id, year, number, hash FROM receipt ORDER BY id DESC LIMIT 1")
      else { return nil }
      let key = try ledgerKey(db, forWriting: false)
      let t = now.timeIntervalSince1970
      let receiptID = try last.int64(0)
      let hash = try last.text(4)
      let mac = Crypto.hmacHex(
        key, Self.headInput(kind: kind, at: t, receiptID: receiptID, hash: hash, op: operatorID))
      guard
        let id = try db.int64(
          "INSERT INTO ledger_head(kind, at, receipt_id, hash, operator, mac) VALUES (?,?,?,?,?,?) RETURNING id",
          [kind, t, receiptID, hash, operatorID, mac])
      else { return nil }
      try Self.audit(db, operatorID, "ledger-head", "receipt:\(receiptID)", kind, now)
      return LedgerHead(
        id: id, kind: kind, at: now, receiptID: receiptID,
        lastNumber: LedgerReceipt.format(try last.text(1), try last.int(2), try last.int(3)), hash: hash,
        operatorID: operatorID)
    }
  }

  /// Every saved head, oldest first.
  public func ledgerHeads() throws -> [LedgerHead] {
    try engine.read { db in
      try db.rows(
        """
        SELECT h.id, h.kind, h.at, h.receipt_id, h.hash, h.operator, r.centre_id, r.year, r.number
        FROM ledger_head h LEFT JOIN receipt r ON r.id = h.receipt_id ORDER BY h.id
        """
      ).map { row in
        let number =
          row["centre_id"] == .null
          ? "?" : LedgerReceipt.format(try row.text("centre_id"), try row.int("year"), try row.int("number"))
        return LedgerHead(
          id: try row.int64("id"), kind: try row.text("kind"), at: Date(timeIntervalSince1970: try row.double("at")),
          receiptID: try row.int64("receipt_id"), lastNumber: number, hash: try row.text("hash"),
          operatorID: try row.text("operator"))
      }
    }
  }

  // MARK: verification

  /// Recomputes the chain and checks the numbering, reading the ledger a page at a time (memory
  /// stays flat at any size). Each row's hash must be the keyed MAC of its contents and of the row
  /// before (rows from before the key came are plain SHA-256, and none may follow a keyed row);
  /// every saved head must still name a row with its hash; the audit log's last issued row must
  /// exist. A value that is not what its column holds (a total of 'x') names its row.
  /// Without `full`, the chain is checked from the last "verified" head whose row still holds
  /// (the heads themselves are always checked).
  public func verifyLedger(full: Bool = true) throws -> LedgerProblem? { try checkLedger(full: full).problem }

  public func checkLedger(full: Bool = true, page: Int = 2000) throws -> LedgerCheck {
    try engine.read { db in
      var check = LedgerCheck()
      let keyed = try ledgerIsKeyed(db)
      let key = keyed ? try LedgerKey.load(ledgerKeyPath, create: false) : nil
      // The heads first: a MAC that does not hold is a forged head; a head whose row is gone or
      // changed is a rewritten tail.
      var startAfter: Int64 = 0
      var startHash = Self.genesisHash
      var startNumbers: [String: Int] = [:]
      let heads = try db.rows("SELECT id, kind, at, receipt_id, hash, operator, mac FROM ledger_head ORDER BY id")
      check.heads = heads.count
      for h in heads {
        let headID = try h.int64(0)
        let receiptID = try h.int64(3)
        let hash = try h.text(4)
        if let key {
          let mac = Crypto.hmacHex(
            key,
            Self.headInput(
              kind: try h.text(1), at: try h.double(2), receiptID: receiptID, hash: hash, op: try h.text(5)))
          if mac != (try h.text(6)) {
            check.problem = LedgerProblem(
              rowID: receiptID, number: "?", reason: "saved head \(headID) does not carry the ledger key's MAC (forged)"
            )
            return check
          }
        }
        guard let row = try db.one("SELECT hash FROM receipt WHERE id = ?", [receiptID]) else {
          check.problem = LedgerProblem(
            rowID: receiptID, number: "?",
            reason: "the ledger head saved at \(Self.shownTime(try h.double(2))) names row \(receiptID), "
              + "which is missing (the tail was deleted)")
          return check
        }
        if try row.text(0) != hash {
          check.problem = LedgerProblem(
            rowID: receiptID, number: "?",
            reason: "the ledger head saved at \(Self.shownTime(try h.double(2))) names row \(receiptID) with "
              + "another hash (the row or the rows before it were rewritten)")
          return check
        }
        let kind = try h.text(1)
        if !full && kind == "verified" && receiptID > startAfter {
          startAfter = receiptID
          startHash = hash
        }
      }
      if startAfter > 0 {
        // The numbering goes on from the last numbers of each series up to the head.
        for r in try db.rows(
          "SELECT centre_id, year, max(number) AS n FROM receipt WHERE id <= ? GROUP BY centre_id, year", [startAfter])
        {
          startNumbers["\(try r.text(0))/\(try r.int(1))"] = try r.int(2)
        }
      }
      check.from = startAfter + 1
      var prev = startHash
      var lastNumber = startNumbers
      var lastID = startAfter
      var sawKeyed = keyed && startAfter > 0
      var after = startAfter
      while true {
        let rows = try db.rows(
          "SELECT \(Self.receiptColumns) FROM receipt WHERE id > ? ORDER BY id LIMIT ?", [after, page])
        if rows.isEmpty { break }
        for row in rows {
          let id = (try? row.int64("id")) ?? (after + 1)  // a bad id is itself named below
          do {
            if let p = try Self.checkRow(
              row, id: id, prev: &prev, lastNumber: &lastNumber, sawKeyed: &sawKeyed, key: key, unkeyed: &check.unkeyed)
            {
              check.problem = p
              return check
            }
          } catch let bad as BadValue {
            check.problem = LedgerProblem(rowID: id, number: "?", reason: "\(bad)")
            return check
          }
          check.checked += 1
          lastID = id
        }
        after = lastID
      }
      let audited =
        try db.int64(
          """
          SELECT max(CAST(substr(subject, 9) AS BIGINT)) FROM audit_log
          WHERE action IN ('receipt-issue', 'receipt-void') AND subject LIKE 'receipt:%'
          """) ?? 0
      let lastRow = try db.int64("SELECT max(id) FROM receipt") ?? 0
      if audited > lastRow {
        check.problem = LedgerProblem(
          rowID: lastRow + 1, number: "?",
          reason: "the audit log records receipt row \(audited), which is missing (deleted)")
      }
      return check
    }
  }

  static func shownTime(_ t: Double) -> String {
    ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: t))
  }

  private static func checkRow(
    _ row: SQLRow, id: Int64, prev: inout String, lastNumber: inout [String: Int], sawKeyed: inout Bool,
    key: [UInt8]?, unkeyed: inout Int
  ) throws -> LedgerProblem? {
    let centre = try row.text("centre_id")
    let year = try row.int("year")
    let number = try row.int("number")
    let shown = LedgerReceipt.format(centre, year, number)
    let storedPrev = try row.text("prev_hash")
    if storedPrev != prev {
      return LedgerProblem(
        rowID: id, number: shown,
        reason: "its previous-hash does not match the row before (a row was changed or deleted)")
    }
    let lines = try row.text("lines")
    let total = try row.int("total")
    guard abs(total) < 1_000_000_000_000 else {
      throw BadValue(column: "total", found: String(total), expected: "an amount in taka")
    }
    if let decoded = try? JSONDecoder().decode([LedgerLine].self, from: Data(lines.utf8)) {
      // Amounts too large to add are not a receipt's.
      var sum = 0
      for l in decoded {
        let (s, overflow) = sum.addingReportingOverflow(l.amount)
        if overflow { return LedgerProblem(rowID: id, number: shown, reason: "its lines' amounts are too large") }
        sum = s
      }
      if sum != total {
        return LedgerProblem(rowID: id, number: shown, reason: "its total \(total) is not the sum of its lines")
      }
    } else {
      return LedgerProblem(rowID: id, number: shown, reason: "its lines are not the receipt's fee lines")
    }
    let input = hashInput(
      id: id, centre: centre, year: year, number: number, draft: try row.optionalInt64("draft_id"),
      service: try row.text("service_id"), op: try row.text("operator"), lines: lines, total: total,
      issuedAt: try row.double("issued_at"), voids: try row.optionalInt64("voids_receipt"),
      reason: try row.optionalText("void_reason"), prev: storedPrev)
    let chain = try row.text("chain")
    let expect: String
    switch chain {
    case "hmac-sha256":
      guard let key else { return LedgerProblem(rowID: id, number: shown, reason: "keyed row without a key") }
      sawKeyed = true
      expect = Crypto.hmacHex(key, input)
    case "sha256":
      if sawKeyed {
        return LedgerProblem(
          rowID: id, number: shown, reason: "an unkeyed row after keyed ones (appended or rewritten without the key)")
      }
      unkeyed += 1
      expect = Crypto.sha256Hex(input)
    default:
      throw BadValue(column: "chain", found: chain, expected: "hmac-sha256 or sha256")
    }
    let stored = try row.text("hash")
    if stored != expect {
      return LedgerProblem(rowID: id, number: shown, reason: "its contents do not match its hash (it was changed)")
    }
    let series = "\(centre)/\(year)"
    if number != (lastNumber[series] ?? 0) + 1 {
      return LedgerProblem(
        rowID: id, number: shown, reason: "number \(number) follows \(lastNumber[series] ?? 0) (a gap or a duplicate)")
    }
    lastNumber[series] = number
    prev = stored
    return nil
  }

  /// Checks a receipt from what its QR code carries (`LedgerReceipt.verification`): the number
  /// exists, its total is the printed one, its hash begins with the printed digits and the row's
  /// keyed hash holds. Nil when it does; else what is wrong.
  public func checkReceipt(qr: String) throws -> String? {
    let parts = qr.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ":").map(String.init)
    guard parts.count == 4, parts[0] == "BHUMISEBA-RECEIPT", let total = Int(parts[2]) else {
      return "not a Bhumiseba receipt code (BHUMISEBA-RECEIPT:NUMBER:TOTAL:HASH)"
    }
    guard let r = try receipt(number: parts[1]) else { return "no receipt \(parts[1]) in this ledger" }
    if r.total != total { return "the ledger's total for \(parts[1]) is \(r.total), the receipt says \(total)" }
    if !r.hash.hasPrefix(parts[3]) || parts[3].count < 16 {
      return "the receipt's check digits do not match the ledger (the paper or the row was changed)"
    }
    let row = try engine.read { db in
      try db.one("SELECT \(Self.receiptColumns) FROM receipt WHERE id = ?", [r.id])
    }
    guard let row else { return "no receipt \(parts[1]) in this ledger" }
    if try row.text("chain") == "hmac-sha256" {
      let key = try LedgerKey.load(ledgerKeyPath, create: false)
      let input = Self.hashInput(
        id: r.id, centre: r.centreID, year: r.year, number: r.number, draft: r.draftID, service: r.serviceID,
        op: r.operatorID, lines: try row.text("lines"), total: r.total, issuedAt: try row.double("issued_at"),
        voids: r.voidsReceipt, reason: r.voidReason, prev: try row.text("prev_hash"))
      if Crypto.hmacHex(key, input) != r.hash { return "the ledger row of \(parts[1]) was changed" }
    }
    return nil
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

extension KioskStore {
  /// Makes the ledger key when there is none and the ledger has no keyed row (`kioskctl store init`).
  public func prepareLedgerKey() throws {
    _ = try engine.read { db in try ledgerKey(db, forWriting: true) }
  }
}
