import Foundation

/// What `copy(to:)` moved, by table.
public struct CopyReport: Sendable, Equatable {
  public var rows: [String: Int] = [:]
}

extension KioskStore {
  /// The tables in the order a copy fills them (a row's references come before it).
  static let copiedTables = [
    "draft", "draft_answer", "draft_typing", "issued_code", "submission", "answer_history", "operator", "receipt",
    "ledger_head", "audit_log", "print_job", "code_attempt", "complaint", "complaint_head", "feedback_count",
  ]
  /// The tables whose ids a PostgreSQL sequence hands out (set past the copied rows).
  static let identityTables = [
    "draft", "answer_history", "audit_log", "print_job", "code_attempt", "ledger_head", "complaint_head",
  ]

  /// Moves everything of this store (a kiosk's SQLite file) into `target` (a new centre database):
  /// drafts with their answers, codes and history, operators, the ledger with its chain intact
  /// (same rows, same ids, same hashes: the same key file verifies it), heads, the audit log and
  /// print jobs. One transaction: all or nothing. Refused when the target already holds drafts,
  /// receipts or operators (two kiosks' ledgers cannot become one series).
  public func copy(to target: KioskStore) throws -> CopyReport {
    if let problem = try verifyLedger() {
      throw StoreError.server(sqlState: "", detail: "this store's ledger does not verify (\(problem)): nothing copied")
    }
    if let problem = try verifyComplaints() {
      throw StoreError.server(
        sqlState: "", detail: "this store's complaints register does not verify (\(problem)): nothing copied")
    }
    return try copyChecked(to: target)
  }

  private func copyChecked(to target: KioskStore) throws -> CopyReport {
    var report = CopyReport()
    try engine.read { from in
      try target.engine.exclusiveWrite { to in
        for table in ["draft", "receipt", "operator", "complaint"] {
          if try to.exists("SELECT 1 FROM \(table) LIMIT 1") {
            throw StoreError.server(
              sqlState: "", detail: "the target already has rows in \(table): copy into a new, empty centre database")
          }
        }
        for table in Self.copiedTables {
          var n = 0
          try from.each("SELECT * FROM \(table)", []) { row in
            let columns = row.names.joined(separator: ", ")
            let marks = Array(repeating: "?", count: row.names.count).joined(separator: ",")
            try to.execute(
              "INSERT INTO \(table)(\(columns)) VALUES (\(marks))",
              row.values.map { Optional($0) as (any SQLBindable)? })
            n += 1
          }
          report.rows[table] = n
        }
        if to.dialect == .postgres {
          for table in Self.identityTables {
            try to.execute(
              "SELECT setval(pg_get_serial_sequence('\(table)', 'id'), coalesce((SELECT max(id) FROM \(table)), 0) + 1, false)"
            )
          }
        }
      }
    }
    return report
  }
}
