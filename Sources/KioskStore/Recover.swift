import Foundation
import GRDB
import KioskCore

/// What `KioskStore.recover` got back out of a damaged database.
public struct RecoveryReport: Sendable, Equatable, CustomStringConvertible {
  public let original: String
  public let recovered: String
  public let drafts: Int
  public let receipts: Int
  public let operators: Int
  public let auditEntries: Int
  /// Tables with damaged pages: the rows on those pages are lost.
  public let damagedTables: [String]
  /// The first row of the recovered receipts ledger that does not hold, if any: then receipts must
  /// not be issued from the recovered file before someone has looked (a number could repeat).
  public let ledgerProblem: LedgerProblem?

  public var description: String {
    var lines = [
      "recovered \(original) into \(recovered) (the original is kept as it was)",
      "drafts \(drafts), receipts \(receipts), operators \(operators), audit entries \(auditEntries)",
    ]
    if !damagedTables.isEmpty {
      lines.append("damaged pages in: \(damagedTables.joined(separator: ", ")) (the rows on them are lost)")
    }
    lines.append(ledgerProblem.map { "ledger BROKEN at \($0)" } ?? "ledger ok: chain and numbering hold")
    return lines.joined(separator: "\n")
  }
}

public enum RecoveryError: Error, CustomStringConvertible {
  case outputExists(String)
  case noOriginal(String)
  case unreadable(String)

  public var description: String {
    switch self {
    case .outputExists(let p): return "\(p) exists already; name another file with --output"
    case .noOriginal(let p): return "\(p): no such database"
    case .unreadable(let why): return "nothing could be recovered: \(why)"
    }
  }
}

extension KioskStore {
  /// Recovers what can be read of the database at `damaged` into the new file `output` and checks
  /// the result. The original is never written to: the rows are read from a copy of it (and of its
  /// WAL) made next to `output`.
  ///
  /// `output` gets a fresh schema from our migrations; then every table is copied row by row, first
  /// from its start and, when a damaged page stops that, from its end backwards, so that only the
  /// rows on damaged pages are lost. (The sqlite3 shell's `.recover` would do the same, but Debian
  /// 12's sqlite3 is built without the sqlite_dbpage table it needs and fails.)
  public static func recover(damaged: String, into output: String) throws -> RecoveryReport {
    let fm = FileManager.default
    guard fm.fileExists(atPath: damaged) else { throw RecoveryError.noOriginal(damaged) }
    guard !fm.fileExists(atPath: output) else { throw RecoveryError.outputExists(output) }
    let work = output + ".work-\(getpid())"
    try fm.createDirectory(atPath: work, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    defer { try? fm.removeItem(atPath: work) }
    let copy = work + "/copy.sqlite"
    try fm.copyItem(atPath: damaged, toPath: copy)
    if fm.fileExists(atPath: damaged + "-wal") { try fm.copyItem(atPath: damaged + "-wal", toPath: copy + "-wal") }

    // The schema, from our migrations.
    _ = try KioskStore(
      path: output, ledgerKeyPath: (damaged as NSString).deletingLastPathComponent + "/" + LedgerKey.fileName)
    var lost: [String] = []
    let queue = try DatabaseQueue(path: output)
    try queue.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA foreign_keys = OFF")
      do {
        try db.execute(sql: "ATTACH DATABASE ? AS old", arguments: [copy])
        _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM old.sqlite_master")
      } catch {
        throw RecoveryError.unreadable("the schema page of \(damaged) cannot be read (\(error))")
      }
      let tables = try String.fetchAll(
        db,
        sql: """
          SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
            AND name != 'grdb_migrations' AND name IN (SELECT name FROM old.sqlite_master WHERE type = 'table')
          """)
      for table in tables {
        let newColumns = try Row.fetchAll(db, sql: "PRAGMA main.table_info(\(table))")
        let oldColumns = Set(try Row.fetchAll(db, sql: "PRAGMA old.table_info(\(table))").map { $0["name"] as String })
        let columns = newColumns.map { $0["name"] as String }.filter(oldColumns.contains)
        let pk = newColumns.filter { ($0["pk"] as Int) > 0 }.sorted { ($0["pk"] as Int) < ($1["pk"] as Int) }
          .map { $0["name"] as String }
        let list = columns.map { "\"\($0)\"" }.joined(separator: ",")
        do {
          try db.inSavepoint {
            try db.execute(sql: "INSERT OR IGNORE INTO main.\(table)(\(list)) SELECT \(list) FROM old.\(table)")
            return .commit
          }
          continue
        } catch {}
        // A damaged page: row by row from the start, then from the end backwards.
        let insert = try db.makeStatement(
          sql:
            "INSERT OR IGNORE INTO main.\(table)(\(list)) VALUES (\(columns.map { _ in "?" }.joined(separator: ",")))")
        let key = pk.isEmpty ? "rowid" : pk.map { "\"\($0)\"" }.joined(separator: ",")
        let descending = pk.isEmpty ? "rowid DESC" : pk.map { "\"\($0)\" DESC" }.joined(separator: ",")
        for order in [key, descending] {
          do {
            let rows = try Row.fetchCursor(db, sql: "SELECT \(list) FROM old.\(table) ORDER BY \(order)")
            while let row = try rows.next() { try insert.execute(arguments: StatementArguments(row.databaseValues)) }
          } catch {}
        }
        lost.append(table)
      }
      try db.execute(sql: "DETACH DATABASE old")
    }
    try queue.close()
    chmod(output, 0o600)

    let store = try KioskStore(
      path: output, ledgerKeyPath: (damaged as NSString).deletingLastPathComponent + "/" + LedgerKey.fileName)
    let report = try store.pool.read { db in
      func count(_ table: String) throws -> Int { try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
      return RecoveryReport(
        original: damaged, recovered: output, drafts: try count("draft"), receipts: try count("receipt"),
        operators: try count("operator"), auditEntries: try count("audit_log"), damagedTables: lost,
        ledgerProblem: nil)
    }
    return report.with(ledgerProblem: try store.verifyLedger())
  }
}

extension RecoveryReport {
  func with(ledgerProblem: LedgerProblem?) -> RecoveryReport {
    RecoveryReport(
      original: original, recovered: recovered, drafts: drafts, receipts: receipts, operators: operators,
      auditEntries: auditEntries, damagedTables: damagedTables, ledgerProblem: ledgerProblem)
  }
}
