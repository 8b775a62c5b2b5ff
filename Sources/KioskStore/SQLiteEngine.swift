import Foundation
import GRDB

/// The embedded engine: one SQLite file through GRDB (WAL, synchronous=FULL, a busy timeout).
final class SQLiteEngine: StoreEngine {
  let pool: DatabasePool
  let path: String
  var dialect: SQLDialect { .sqlite }
  var location: String { path }

  init(pool: DatabasePool, path: String) {
    self.pool = pool
    self.path = path
  }

  func read<T>(_ body: (any SQLSession) throws -> T) throws -> T {
    try pool.read { db in try body(SQLiteSession(db: db)) }
  }

  func write<T>(_ body: (any SQLSession) throws -> T) throws -> T {
    try pool.write { db in try body(SQLiteSession(db: db)) }
  }

  /// An IMMEDIATE transaction: the write lock is taken at BEGIN, before anything is read.
  func exclusiveWrite<T>(_ body: (any SQLSession) throws -> T) throws -> T {
    try pool.writeWithoutTransaction { db in
      var result: T?
      try db.inTransaction(.immediate) {
        result = try body(SQLiteSession(db: db))
        return .commit
      }
      guard let result else { throw StoreError.cannotOpen(path: path, detail: "the transaction returned nothing") }
      return result
    }
  }

  func single<T>(_ body: (any SQLSession) throws -> T) throws -> T { try write(body) }

  func close() throws { try pool.close() }
}

struct SQLiteSession: SQLSession {
  let db: Database
  var dialect: SQLDialect { .sqlite }

  static func arguments(_ values: SQLArguments) -> StatementArguments {
    StatementArguments(
      values.values.map { v -> DatabaseValue in
        switch v {
        case .null: return .null
        case .int(let i): return i.databaseValue
        case .real(let d): return d.databaseValue
        case .text(let s): return s.databaseValue
        case .blob(let b): return b.databaseValue
        }
      })
  }

  @discardableResult func execute(_ sql: String, _ arguments: SQLArguments) throws -> Int {
    // One statement, compiled once per connection and kept (the kiosk repeats a few dozen).
    let statement = try db.cachedStatement(sql: sql)
    try statement.execute(arguments: Self.arguments(arguments))
    return db.changesCount
  }

  func each(_ sql: String, _ arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws {
    let statement = try db.cachedStatement(sql: sql)
    let names = statement.columnNames
    let rows = try Row.fetchCursor(statement, arguments: Self.arguments(arguments))
    while let row = try rows.next() {
      var values: [SQLValue] = []
      values.reserveCapacity(names.count)
      for v in row.databaseValues {
        switch v.storage {
        case .null: values.append(.null)
        case .int64(let i): values.append(.int(i))
        case .double(let d): values.append(.real(d))
        case .string(let s): values.append(.text(s))
        case .blob(let b): values.append(.blob(b))
        }
      }
      try body(SQLRow(names: names, values: values))
    }
  }
}
