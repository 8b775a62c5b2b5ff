import Foundation
import KioskCore

/// A citizen's place in the centre's queue: a letter for the service's group and a number that
/// starts again each day (ক-০২৩), unique across the centre (issue 16).
public struct QueueToken: Sendable, Equatable {
  public let id: Int64
  /// The Bangladesh calendar day it is for (YYYY-MM-DD).
  public let day: String
  public let letter: String
  public let number: Int
  public let draftID: Int64?
  public let serviceID: String
  public let state: String
  public let desk: String?
  public let issuedAt: Date
  public let calledAt: Date?

  /// As shown and printed: ক-০২৩ on Bengali screens, ক-023 on English ones.
  public func shown(_ language: Language) -> String {
    let digits = String(repeating: "0", count: max(0, 3 - String(number).count)) + String(number)
    return letter + "-" + (language == .bn ? BengaliDigits.toBengali(digits) : digits)
  }
}

/// What came of calling one token by hand.
public enum TokenCall: Sendable, Equatable {
  /// This desk has it now.
  case called(QueueToken)
  /// Another desk called it first (or it is served or skipped already): as it stands now.
  case taken(QueueToken)
  /// No such token.
  case unknown
}

extension KioskStore {
  static let tokenColumns = "id, day, letter, number, draft_id, service_id, state, desk, issued_at, called_at"

  static func token(_ r: SQLRow) throws -> QueueToken {
    QueueToken(
      id: try r.int64(0), day: try r.text(1), letter: try r.text(2), number: try r.int(3),
      draftID: try r.optionalInt64(4), serviceID: try r.text(5), state: try r.text(6), desk: try r.optionalText(7),
      issuedAt: Date(timeIntervalSince1970: try r.double(8)),
      calledAt: try r.optionalDouble("called_at").map(Date.init(timeIntervalSince1970:)))
  }

  static func tokenDay(_ now: Date) -> String { CivilDate(secondsSince1970: now.timeIntervalSince1970).iso }

  /// The token of a confirmed draft: the one it already has today while it waits or is being
  /// served (confirming twice gives the same token), else the next of its letter today. Taken
  /// under the centre's exclusive lock: two kiosks never hand out one token. On a centre kiosk
  /// while the server is away: `StoreError.serverAway` (only the server numbers the queue).
  public func issueToken(draftID: Int64, serviceID: String, letter: String, now: Date = Date()) throws -> QueueToken {
    let day = Self.tokenDay(now)
    return try engine.exclusiveWrite { db in
      if let have = try db.one(
        "SELECT \(Self.tokenColumns) FROM queue_token WHERE draft_id = ? AND day = ? AND state IN ('waiting', 'called')",
        [draftID, day])
      {
        return try Self.token(have)
      }
      let number =
        Int(try db.int64("SELECT max(number) FROM queue_token WHERE day = ? AND letter = ?", [day, letter]) ?? 0) + 1
      guard
        let row = try db.one(
          """
          INSERT INTO queue_token(day, letter, number, draft_id, service_id, state, issued_at)
          VALUES (?,?,?,?,?,'waiting',?) RETURNING \(Self.tokenColumns)
          """, [day, letter, number, draftID, serviceID, now.timeIntervalSince1970])
      else { throw StoreError.server(sqlState: "", detail: "no token returned") }
      return try Self.token(row)
    }
  }

  /// The desk calls the longest-waiting token of today (of `letters`, when given): each token
  /// goes to exactly one desk, however many call at the same moment (PostgreSQL: the row is
  /// locked and skipped by the others; SQLite: one writer at a time). Nil when nobody waits.
  public func callNext(desk: String, letters: [String]? = nil, now: Date = Date()) throws -> QueueToken? {
    let day = Self.tokenDay(now)
    let filter = letters.map { l in " AND letter IN (" + l.map { _ in "?" }.joined(separator: ",") + ")" } ?? ""
    return try engine.write { db in
      let lock = db.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
      let args: SQLArguments =
        [desk, now.timeIntervalSince1970, day] + (letters ?? []).map { $0 as (any SQLBindable)? }
      guard
        let row = try db.one(
          """
          UPDATE queue_token SET state = 'called', desk = ?, called_at = ?
          WHERE id = (SELECT id FROM queue_token WHERE day = ? AND state = 'waiting'\(filter)
                      ORDER BY id LIMIT 1\(lock))
          RETURNING \(Self.tokenColumns)
          """, args)
      else { return nil }
      let token = try Self.token(row)
      try Self.audit(db, desk, "token-call", "token:\(token.id)", token.shown(.en), now)
      if db.dialect == .postgres {
        // The "now serving" board hears of it at once (LISTEN bhumiseba_call), not by polling.
        try db.execute("SELECT pg_notify('bhumiseba_call', ?)", [token.shown(.en) + " " + desk])
      }
      return token
    }
  }

  /// The desk calls one token by hand ("call this token"). Each token goes to one desk: a token
  /// another desk called meanwhile (or already served) comes back as `.taken` with who has it;
  /// calling a token this desk already has again gives it back as it is.
  public func callToken(_ id: Int64, desk: String, now: Date = Date()) throws -> TokenCall {
    try engine.write { db in
      let lock = db.dialect == .postgres ? " FOR UPDATE" : ""
      guard
        let have = try db.one("SELECT \(Self.tokenColumns) FROM queue_token WHERE id = ?\(lock)", [id])
      else { return .unknown }
      let token = try Self.token(have)
      if token.state == "called" && token.desk == desk { return .called(token) }
      guard token.state == "waiting" else { return .taken(token) }
      guard
        let row = try db.one(
          """
          UPDATE queue_token SET state = 'called', desk = ?, called_at = ?
          WHERE id = ? AND state = 'waiting' RETURNING \(Self.tokenColumns)
          """, [desk, now.timeIntervalSince1970, id])
      else { return .taken(token) }
      let called = try Self.token(row)
      try Self.audit(db, desk, "token-call", "token:\(called.id)", called.shown(.en), now)
      if db.dialect == .postgres {
        try db.execute("SELECT pg_notify('bhumiseba_call', ?)", [called.shown(.en) + " " + desk])
      }
      return .called(called)
    }
  }

  /// Today's waiting tokens from every kiosk, the longest-waiting first, and the ones `desk` has
  /// called and not yet finished (a desk started again, or signed in again, finds its citizen).
  public func deskQueue(desk: String, now: Date = Date()) throws -> (waiting: [QueueToken], mine: [QueueToken]) {
    try engine.read { db in
      let day = Self.tokenDay(now)
      let waiting = try db.rows(
        "SELECT \(Self.tokenColumns) FROM queue_token WHERE day = ? AND state = 'waiting' ORDER BY id", [day]
      ).map(Self.token)
      let mine = try db.rows(
        "SELECT \(Self.tokenColumns) FROM queue_token WHERE state = 'called' AND desk = ? ORDER BY called_at, id",
        [desk]
      ).map(Self.token)
      return (waiting, mine)
    }
  }

  /// The token was served (or, `served: false`, did not come when called).
  public func finishToken(_ id: Int64, served: Bool, desk: String, now: Date = Date()) throws {
    try engine.write { db in
      let changed = try db.execute(
        "UPDATE queue_token SET state = ?, served_at = ? WHERE id = ? AND state = 'called'",
        [served ? "served" : "skipped", now.timeIntervalSince1970, id])
      if changed == 0 { throw StoreError.server(sqlState: "", detail: "token \(id) is not being served") }
      try Self.audit(db, desk, served ? "token-served" : "token-skipped", "token:\(id)", "", now)
    }
  }

  /// The last called tokens of today, newest first (the board).
  public func lastCalled(limit: Int = 8, now: Date = Date()) throws -> [QueueToken] {
    try engine.read { db in
      try db.rows(
        """
        SELECT \(Self.tokenColumns) FROM queue_token WHERE day = ? AND called_at IS NOT NULL
        ORDER BY called_at DESC, id DESC LIMIT ?
        """, [Self.tokenDay(now), limit]
      ).map(Self.token)
    }
  }

  /// Today's tokens by state, and the waits (issued → called), for the centre manager.
  public func queueFigures(day: CivilDate) throws -> (issued: Int, called: Int, served: Int, meanWaitSeconds: Double?) {
    try engine.read { db in
      guard
        let r = try db.one(
          """
          SELECT count(*), count(called_at), sum(CASE WHEN state = 'served' THEN 1 ELSE 0 END),
            avg(called_at - issued_at)
          FROM queue_token WHERE day = ?
          """, [day.iso])
      else { return (0, 0, 0, nil) }
      return (try r.int(0), try r.int(1), r[2] == .null ? 0 : try r.int(2), r[3] == .null ? nil : try r.double(3))
    }
  }
}

extension KioskStore {
  /// The day's waiting figures for the centre manager (see `QueueFigures`): tokens issued, called,
  /// served and skipped, and the waits (issue → call), for the day, by hour and by service. The
  /// same arithmetic on both engines: the rows are read and the figures made here.
  public func queueReport(day: CivilDate) throws -> QueueFigures {
    let samples = try engine.read { db in
      try db.rows(
        "SELECT service_id, state, issued_at, called_at FROM queue_token WHERE day = ? ORDER BY id", [day.iso]
      ).map { r in
        QueueSample(
          serviceID: try r.text(0), state: try r.text(1), issuedAt: try r.double(2),
          calledAt: try r.optionalDouble("called_at"))
      }
    }
    return QueueFigures(day: day, samples: samples)
  }
}
