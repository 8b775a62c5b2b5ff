import Foundation
import KioskCore

// The complaints register (issue 20): a citizen's complaint about the centre (overcharged, a wrong
// or slow filing, data misused, conduct) kept where the centre's operator cannot make it disappear.
// Append-only and chained like the receipts ledger: each row carries an HMAC-SHA-256 under the
// ledger key over its contents and the hash of the row before; staff answer with a row of their
// own (`responds_to`), never by changing the complaint. Its head is saved with the day-end report
// and printed on it; `kioskctl complaints verify` names the first bad row. A complaint's only
// personal data is its optional mobile number: it is never written to the audit log or a log.

/// What a complaint is about.
public enum ComplaintKind: String, CaseIterable, Sendable, Codable {
  /// Asked for more than the fixed fee (with how much was asked).
  case overcharged
  /// The application was filed wrongly or slowly.
  case filing
  /// Personal data misused.
  case misuse
  /// How the citizen was treated.
  case conduct
  case other

  public var words: BilingualText {
    switch self {
    case .overcharged: return tr("Asked for more than the fixed fee")
    case .filing: return tr("Application filed wrongly or slowly")
    case .misuse: return tr("My personal data was misused")
    case .conduct: return tr("Conduct of the staff")
    case .other: return tr("Something else")
    }
  }
}

/// One complaint as the register keeps it.
public struct Complaint: Sendable, Equatable {
  public let id: Int64
  public let centreID: String
  /// Numbered without gaps per centre: 1, 2, 3 …
  public let number: Int
  public let at: Date
  public let kind: ComplaintKind
  /// What the citizen was asked for, in taka (for `overcharged`).
  public let askedAmount: Int?
  /// The receipt number or resume code the complaint is about, if any.
  public let reference: String?
  /// The service the complaint is about (chosen, or the one of the reference).
  public let serviceID: String?
  /// The fixed fee of that service at this centre when the complaint was made, in taka.
  public let fee: Int?
  /// Personal data: never logged.
  public let mobile: String?
  public let hash: String

  /// The complaint's number as printed: `DEMO-C-000012`.
  public var displayNumber: String { Complaint.format(centreID, number) }
  public static func format(_ centre: String, _ number: Int) -> String {
    let digits = String(number)
    return "\(centre)-C-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
  }
}

/// Staff's answer to a complaint: a row of its own in the register.
public struct ComplaintResponse: Sendable, Equatable {
  public let id: Int64
  public let complaintID: Int64
  public let at: Date
  public let operatorID: String
  public let text: String
}

/// The first row of the register that does not hold, and why.
public struct ComplaintProblem: Error, Sendable, Equatable, CustomStringConvertible {
  public let rowID: Int64
  public let number: String
  public let reason: String
  public var description: String { "row \(rowID) (\(number)): \(reason)" }
}

/// The outcome of `checkComplaints`.
public struct ComplaintCheck: Sendable, Equatable {
  public var problem: ComplaintProblem?
  public var checked = 0
  public var heads = 0
}

/// A saved head of the register (day-end or verified).
public struct ComplaintHead: Sendable, Equatable {
  public let kind: String
  public let at: Date
  public let rowID: Int64
  public let hash: String
  /// As printed: row and the hash's first 16 hex digits.
  public var printed: String { "\(rowID) · \(hash.prefix(16))" }
}

/// One-tap feedback after a finished visit: a count by day, service and rating, nothing else.
public struct FeedbackCount: Sendable, Equatable {
  public let day: String
  public let serviceID: String
  public let rating: Int
  public let count: Int
}

public enum ComplaintError: Error, Equatable, CustomStringConvertible {
  case emptyResponse
  case unknownComplaint(String)
  case badRating(Int)

  public var message: BilingualText {
    switch self {
    case .emptyResponse: return tr("Write the response first.")
    case .unknownComplaint(let n): return tr("There is no complaint {1}.", .same(n))
    case .badRating(let r): return tr("A rating is 1, 2 or 3, not {1}.", .same(String(r)))
    }
  }
  public var description: String { "\(message.bn)\n\(message.en)" }
}

extension KioskStore {
  /// The advisory lock the register's writers take on PostgreSQL (the ledger has its own).
  static let complaintLock: Int64 = 0x4253_4B33

  static let complaintColumns = """
    id, centre_id, number, at, kind, asked_amount, reference, service_id, fee, mobile, responds_to, response, \
    operator, prev_hash, hash
    """

  /// The text a register row's hash is taken over: every column but the hash, as a JSON array of
  /// strings (so no field's text can move into the next one without the hash changing).
  static func complaintHashInput(
    id: Int64, centre: String, number: Int?, at: Double, kind: String, asked: Int?, reference: String?,
    service: String?, fee: Int?, mobile: String?, respondsTo: Int64?, response: String?, op: String, prev: String
  ) -> String {
    let fields: [String] = [
      "complaint", String(id), centre, number.map(String.init) ?? "", String(format: "%.6f", at), kind,
      asked.map(String.init) ?? "", reference ?? "", service ?? "", fee.map(String.init) ?? "", mobile ?? "",
      respondsTo.map(String.init) ?? "", response ?? "", op, prev,
    ]
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    // Encoding an array of strings cannot fail.
    return String(decoding: (try? encoder.encode(fields)) ?? Data(), as: UTF8.self)
  }

  /// Files a complaint: the next number of the centre's series, the row and its chain in one
  /// transaction that keeps the register's other writers out.
  public func fileComplaint(
    centreID: String, kind: ComplaintKind, askedAmount: Int?, reference: String?, serviceID: String?, fee: Int?,
    mobile: String?, now: Date = Date()
  ) throws -> Complaint {
    let clean = { (s: String?) -> String? in
      guard let t = s?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
      return t
    }
    let row = try appendComplaintRow(
      centreID: centreID, numbered: true, kind: kind.rawValue, asked: askedAmount, reference: clean(reference),
      service: clean(serviceID), fee: fee, mobile: clean(mobile), respondsTo: nil, response: nil, op: "citizen",
      now: now)
    return Complaint(
      id: row.id, centreID: centreID, number: row.number ?? 0, at: Date(timeIntervalSince1970: row.at), kind: kind,
      askedAmount: askedAmount, reference: clean(reference), serviceID: clean(serviceID), fee: fee,
      mobile: clean(mobile), hash: row.hash)
  }

  /// Staff's response to a complaint: a new row; the complaint itself is never changed.
  @discardableResult
  public func respondToComplaint(_ complaintID: Int64, text: String, operatorID: String, now: Date = Date()) throws
    -> ComplaintResponse
  {
    let words = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !words.isEmpty else { throw ComplaintError.emptyResponse }
    guard let c = try complaint(id: complaintID) else { throw ComplaintError.unknownComplaint(String(complaintID)) }
    let row = try appendComplaintRow(
      centreID: c.centreID, numbered: false, kind: "response", asked: nil, reference: nil, service: nil, fee: nil,
      mobile: nil, respondsTo: complaintID, response: words, op: operatorID, now: now)
    return ComplaintResponse(
      id: row.id, complaintID: complaintID, at: Date(timeIntervalSince1970: row.at), operatorID: operatorID,
      text: words)
  }

  private func appendComplaintRow(
    centreID: String, numbered: Bool, kind: String, asked: Int?, reference: String?, service: String?, fee: Int?,
    mobile: String?, respondsTo: Int64?, response: String?, op: String, now: Date
  ) throws -> (id: Int64, number: Int?, at: Double, hash: String) {
    let postgres = dialect == .postgres
    let at = now.timeIntervalSince1970
    let transaction:
      ((any SQLSession) throws -> (Int64, Int?, Double, String)) throws -> (Int64, Int?, Double, String) =
        postgres ? { try self.engine.write($0) } : { try self.engine.exclusiveWrite($0) }
    let out = try transaction { db in
      let keyed: Bool
      let lastID: Int64?
      let prev: String
      let lastNumber: Int
      if postgres {
        guard
          let tail = try db.one(
            "SELECT keyed, last_id, last_hash, last_number FROM bhumiseba_complaint_tail(?, ?)",
            [Self.complaintLock, centreID])
        else { throw StoreError.notOnThisEngine("bhumiseba_complaint_tail") }
        keyed = try tail.bool("keyed")
        lastID = try tail.optionalInt64(1)
        prev = try tail.optionalText(2) ?? Self.genesisHash
        lastNumber = Int(try tail.optionalInt64(3) ?? 0)
      } else {
        keyed = try ledgerIsKeyed(db) || db.exists("SELECT 1 FROM complaint LIMIT 1")
        let last = try db.one("SELECT id, hash FROM complaint ORDER BY id DESC LIMIT 1")
        lastID = try last?.int64(0)
        prev = try last?.text(1) ?? Self.genesisHash
        lastNumber = Int(try db.int64("SELECT max(number) FROM complaint WHERE centre_id = ?", [centreID]) ?? 0)
      }
      let key = try LedgerKey.load(ledgerKeyPath, create: !keyed)
      let id = (lastID ?? 0) + 1
      let number = numbered ? lastNumber + 1 : nil
      let hash = Crypto.hmacHex(
        key,
        Self.complaintHashInput(
          id: id, centre: centreID, number: number, at: at, kind: kind, asked: asked, reference: reference,
          service: service, fee: fee, mobile: mobile, respondsTo: respondsTo, response: response, op: op, prev: prev))
      // The audit log names the row and what kind it is: never the mobile number or the reference.
      let action = respondsTo == nil ? "complaint-file" : "complaint-respond"
      let detail = respondsTo.map { "complaint:\($0)" } ?? kind
      let args: SQLArguments = [
        id, centreID, number, at, kind, asked, reference, service, fee, mobile, respondsTo, response, op, prev, hash,
      ]
      if postgres {
        try db.execute(
          "SELECT bhumiseba_complaint_append(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", args + [action, detail])
      } else {
        try db.execute("INSERT INTO complaint(\(Self.complaintColumns)) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", args)
        try Self.audit(db, op, action, "complaint:\(id)", detail, now)
      }
      return (id, number, at, hash)
    }
    return (out.0, out.1, out.2, out.3)
  }

  static func complaint(from row: SQLRow) throws -> Complaint {
    let kindText = try row.text("kind")
    guard let kind = ComplaintKind(rawValue: kindText) else {
      throw BadValue(column: "kind", found: kindText, expected: "a complaint's kind")
    }
    return Complaint(
      id: try row.int64("id"), centreID: try row.text("centre_id"), number: try row.int("number"),
      at: Date(timeIntervalSince1970: try row.double("at")), kind: kind,
      askedAmount: try row.optionalInt64("asked_amount").map { Int($0) }, reference: try row.optionalText("reference"),
      serviceID: try row.optionalText("service_id"), fee: try row.optionalInt64("fee").map { Int($0) },
      mobile: try row.optionalText("mobile"), hash: try row.text("hash"))
  }

  public func complaint(id: Int64) throws -> Complaint? {
    try engine.read { db in
      try db.one(
        "SELECT \(Self.complaintColumns) FROM complaint WHERE id = ? AND responds_to IS NULL", [id]
      ).map(Self.complaint(from:))
    }
  }

  /// A complaint by its printed number (`DEMO-C-000012`) or its row.
  public func complaint(number text: String) throws -> Complaint? {
    let t = text.trimmingCharacters(in: .whitespaces)
    if let id = Int64(t) { return try complaint(id: id) }
    guard let dash = t.range(of: "-C-", options: .backwards), let n = Int(t[dash.upperBound...]) else { return nil }
    let centre = String(t[..<dash.lowerBound])
    return try engine.read { db in
      try db.one(
        "SELECT \(Self.complaintColumns) FROM complaint WHERE centre_id = ? AND number = ? AND responds_to IS NULL",
        [centre, n]
      ).map(Self.complaint(from:))
    }
  }

  /// Complaints made from `from` up to (not including) `to`, oldest first, each with its responses.
  public func complaints(from: Date = .distantPast, to: Date = .distantFuture) throws -> [(
    Complaint, [ComplaintResponse]
  )] {
    try engine.read { db in
      let list = try db.rows(
        """
        SELECT \(Self.complaintColumns) FROM complaint WHERE responds_to IS NULL AND at >= ? AND at < ? ORDER BY id
        """,
        [from.timeIntervalSince1970, to.timeIntervalSince1970]
      ).map(Self.complaint(from:))
      guard let first = list.first else { return [] }
      var responses: [Int64: [ComplaintResponse]] = [:]
      try db.each(
        "SELECT id, responds_to, at, operator, response FROM complaint WHERE responds_to >= ? ORDER BY id", [first.id]
      ) { r in
        let to = try r.int64(1)
        responses[to, default: []].append(
          ComplaintResponse(
            id: try r.int64(0), complaintID: to, at: Date(timeIntervalSince1970: try r.double(2)),
            operatorID: try r.text(3), text: try r.optionalText("response") ?? ""))
      }
      return list.map { ($0, responses[$0.id] ?? []) }
    }
  }

  /// How many complaints of each kind were made on a Bangladesh calendar day (reads no personal data).
  public func complaintCounts(on day: CivilDate) throws -> [ComplaintKind: Int] {
    let start = Self.dayStart(day)
    return try engine.read { db in
      var out: [ComplaintKind: Int] = [:]
      try db.each(
        """
        SELECT kind, count(*) FROM complaint WHERE responds_to IS NULL AND at >= ? AND at < ? GROUP BY kind
        """, [start, start + 86400]
      ) { r in
        let k = try r.text(0)
        guard let kind = ComplaintKind(rawValue: k) else {
          throw BadValue(column: "kind", found: k, expected: "a complaint's kind")
        }
        out[kind] = try r.int(1)
      }
      return out
    }
  }

  /// The first second of a Bangladesh calendar day (UTC+6), in seconds since 1970.
  static func dayStart(_ day: CivilDate) -> Double {
    Double(day.dayNumber - CivilDate(year: 1970, month: 1, day: 1)!.dayNumber) * 86400 - 6 * 3600
  }

  // MARK: heads

  static func complaintHeadInput(kind: String, at: Double, rowID: Int64, hash: String, op: String) -> String {
    ["complaint-head", kind, String(format: "%.6f", at), String(rowID), hash, op].joined(separator: "|")
  }

  /// Saves the register's head (its last row and hash, with a MAC under the key): at day-end and
  /// after a full verification. Nil while the register is empty.
  @discardableResult
  public func saveComplaintHead(kind: String = "day-end", operatorID: String, now: Date = Date()) throws
    -> ComplaintHead?
  {
    let postgres = dialect == .postgres
    let transaction: ((any SQLSession) throws -> ComplaintHead?) throws -> ComplaintHead? =
      postgres ? { try self.engine.write($0) } : { try self.engine.exclusiveWrite($0) }
    return try transaction { db in
      let last: SQLRow?
      if postgres {
        last = try db.one(
          "SELECT last_id, last_hash FROM bhumiseba_complaint_tail(?, '') WHERE last_id IS NOT NULL",
          [Self.complaintLock])
      } else {
        last = try db.one("SELECT id, hash FROM complaint ORDER BY id DESC LIMIT 1")
      }
      guard let last else { return nil }
      let key = try LedgerKey.load(ledgerKeyPath, create: false)
      let t = now.timeIntervalSince1970
      let rowID = try last.int64(0)
      let hash = try last.text(1)
      let mac = Crypto.hmacHex(
        key, Self.complaintHeadInput(kind: kind, at: t, rowID: rowID, hash: hash, op: operatorID))
      try db.execute(
        "INSERT INTO complaint_head(kind, at, complaint_id, hash, operator, mac) VALUES (?,?,?,?,?,?)",
        [kind, t, rowID, hash, operatorID, mac])
      try Self.audit(db, operatorID, "complaint-head", "complaint:\(rowID)", kind, now)
      return ComplaintHead(kind: kind, at: now, rowID: rowID, hash: hash)
    }
  }

  public func complaintHeads() throws -> [ComplaintHead] {
    try engine.read { db in
      try db.rows("SELECT kind, at, complaint_id, hash FROM complaint_head ORDER BY id").map {
        ComplaintHead(
          kind: try $0.text(0), at: Date(timeIntervalSince1970: try $0.double(1)), rowID: try $0.int64(2),
          hash: try $0.text(3))
      }
    }
  }

  // MARK: verification

  public func verifyComplaints() throws -> ComplaintProblem? { try checkComplaints().problem }

  /// Recomputes the register's chain a page at a time: each row's keyed hash over its contents and
  /// the row before, complaint numbers without gaps per centre, responses to an earlier complaint;
  /// every saved head must carry the key's MAC and still name its row with its hash; the audit
  /// log's last filed row must exist. Names the first row that does not hold.
  public func checkComplaints(page: Int = 2000) throws -> ComplaintCheck {
    try engine.read { db in
      var check = ComplaintCheck()
      let anyRow = try db.exists("SELECT 1 FROM complaint LIMIT 1")
      let anyHead = try db.exists("SELECT 1 FROM complaint_head LIMIT 1")
      let audited =
        try db.int64(
          """
          SELECT max(CAST(substr(subject, 11) AS BIGINT)) FROM audit_log
          WHERE action IN ('complaint-file', 'complaint-respond') AND subject LIKE 'complaint:%'
          """) ?? 0
      if !anyRow && !anyHead && audited == 0 { return check }
      let key = try LedgerKey.load(ledgerKeyPath, create: false)
      let heads = try db.rows("SELECT id, kind, at, complaint_id, hash, operator, mac FROM complaint_head ORDER BY id")
      check.heads = heads.count
      for h in heads {
        let rowID = try h.int64(3)
        let hash = try h.text(4)
        let at = try h.double(2)
        let mac = Crypto.hmacHex(
          key, Self.complaintHeadInput(kind: try h.text(1), at: at, rowID: rowID, hash: hash, op: try h.text(5)))
        if mac != (try h.text(6)) {
          check.problem = ComplaintProblem(
            rowID: rowID, number: "?", reason: "saved head \(try h.int64(0)) does not carry the key's MAC (forged)")
          return check
        }
        guard let stored = try db.text("SELECT hash FROM complaint WHERE id = ?", [rowID]) else {
          check.problem = ComplaintProblem(
            rowID: rowID, number: "?",
            reason:
              "the head saved at \(Self.shownTime(at)) names row \(rowID), which is missing (the tail was deleted)")
          return check
        }
        if stored != hash {
          check.problem = ComplaintProblem(
            rowID: rowID, number: "?",
            reason: "the head saved at \(Self.shownTime(at)) names row \(rowID) with another hash (rewritten)")
          return check
        }
      }
      var prev = Self.genesisHash
      var expectID: Int64 = 1
      var numbers: [String: Int] = [:]
      var complaintIDs = Set<Int64>()
      var after: Int64 = 0
      while true {
        let rows = try db.rows(
          "SELECT \(Self.complaintColumns) FROM complaint WHERE id > ? ORDER BY id LIMIT ?", [after, page])
        if rows.isEmpty { break }
        for row in rows {
          let id = (try? row.int64("id")) ?? (after + 1)  // a bad id is named as the row after the last good one
          do {
            if let p = try Self.checkComplaintRow(
              row, id: id, expectID: expectID, prev: prev, numbers: &numbers, complaintIDs: &complaintIDs, key: key)
            {
              check.problem = p
              return check
            }
            prev = try row.text("hash")
          } catch let bad as BadValue {
            check.problem = ComplaintProblem(rowID: id, number: "?", reason: "\(bad)")
            return check
          }
          check.checked += 1
          expectID = id + 1
          after = id
        }
      }
      let lastRow = try db.int64("SELECT max(id) FROM complaint") ?? 0
      if audited > lastRow {
        check.problem = ComplaintProblem(
          rowID: lastRow + 1, number: "?", reason: "the audit log records row \(audited), which is missing (deleted)")
      }
      return check
    }
  }

  private static func checkComplaintRow(
    _ row: SQLRow, id: Int64, expectID: Int64, prev: String, numbers: inout [String: Int],
    complaintIDs: inout Set<Int64>, key: [UInt8]
  ) throws -> ComplaintProblem? {
    let centre = try row.text("centre_id")
    let number = try row.optionalInt64("number").map { Int($0) }
    let respondsTo = try row.optionalInt64("responds_to")
    let shown = number.map { Complaint.format(centre, $0) } ?? "response"
    if id != expectID {
      return ComplaintProblem(
        rowID: id, number: shown, reason: "row \(id) follows row \(expectID - 1) (rows were deleted or renumbered)")
    }
    if try row.text("prev_hash") != prev {
      return ComplaintProblem(
        rowID: id, number: shown, reason: "its previous-hash does not match the row before (a row was changed)")
    }
    let input = complaintHashInput(
      id: id, centre: centre, number: number, at: try row.double("at"), kind: try row.text("kind"),
      asked: try row.optionalInt64("asked_amount").map { Int($0) }, reference: try row.optionalText("reference"),
      service: try row.optionalText("service_id"), fee: try row.optionalInt64("fee").map { Int($0) },
      mobile: try row.optionalText("mobile"), respondsTo: respondsTo, response: try row.optionalText("response"),
      op: try row.text("operator"), prev: prev)
    if Crypto.hmacHex(key, input) != (try row.text("hash")) {
      return ComplaintProblem(rowID: id, number: shown, reason: "its contents do not match its hash (it was changed)")
    }
    if let respondsTo {
      if !complaintIDs.contains(respondsTo) {
        return ComplaintProblem(
          rowID: id, number: shown, reason: "it answers row \(respondsTo), which is not an earlier complaint")
      }
      return nil
    }
    guard let number else {
      return ComplaintProblem(rowID: id, number: shown, reason: "a complaint without a number")
    }
    if number != (numbers[centre] ?? 0) + 1 {
      return ComplaintProblem(
        rowID: id, number: shown, reason: "number \(number) follows \(numbers[centre] ?? 0) (a gap or a duplicate)")
    }
    numbers[centre] = number
    complaintIDs.insert(id)
    return nil
  }

  /// The register as CSV (one line per complaint, then its responses), for the inspecting officer.
  /// The mobile number is in it only with `withMobile` (it is the citizen's personal data).
  public func complaintsCSV(from: Date = .distantPast, to: Date = .distantFuture, withMobile: Bool = false) throws
    -> String
  {
    var out = "row,number,at_utc,kind,asked_taka,fee_taka,service,reference,mobile,responds_to,operator,response,hash\n"
    let f = ISO8601DateFormatter()
    for (c, responses) in try complaints(from: from, to: to) {
      let fields = [
        String(c.id), c.displayNumber, f.string(from: c.at), c.kind.rawValue, c.askedAmount.map(String.init) ?? "",
        c.fee.map(String.init) ?? "", c.serviceID ?? "", c.reference ?? "",
        withMobile ? (c.mobile ?? "") : (c.mobile == nil ? "" : "(given)"), "", "", "", c.hash,
      ]
      out += fields.map(Self.csvField).joined(separator: ",") + "\n"
      for r in responses {
        let line = [
          String(r.id), c.displayNumber, f.string(from: r.at), "response", "", "", "", "", "", String(c.id),
          r.operatorID, r.text, "",
        ]
        out += line.map(Self.csvField).joined(separator: ",") + "\n"
      }
    }
    return out
  }

  // MARK: feedback

  /// One tap of feedback after a finished visit: the day's count for the service and rating goes
  /// up by one. Nothing else is kept (no time, no draft, no kiosk).
  public func recordFeedback(serviceID: String, rating: Int, now: Date = Date()) throws {
    guard (1...3).contains(rating) else { throw ComplaintError.badRating(rating) }
    let day = CivilDate(secondsSince1970: now.timeIntervalSince1970).iso
    if dialect == .postgres {
      _ = try engine.single { db in
        try db.execute("SELECT bhumiseba_feedback(?, ?, ?)", [day, serviceID, rating])
      }
      return
    }
    _ = try engine.write { db in
      try db.execute(
        """
        INSERT INTO feedback_count(day, service_id, rating, n) VALUES (?, ?, ?, 1)
        ON CONFLICT(day, service_id, rating) DO UPDATE SET n = feedback_count.n + 1
        """, [day, serviceID, rating])
    }
  }

  /// The day's feedback by service and rating.
  public func feedbackCounts(on day: CivilDate) throws -> [FeedbackCount] {
    try engine.read { db in
      try db.rows(
        "SELECT day, service_id, rating, n FROM feedback_count WHERE day = ? ORDER BY service_id, rating", [day.iso]
      ).map {
        FeedbackCount(day: try $0.text(0), serviceID: try $0.text(1), rating: try $0.int(2), count: try $0.int(3))
      }
    }
  }
}
