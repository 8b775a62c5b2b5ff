import Foundation

// The store's one way to speak SQL to either engine: SQLite through GRDB (a kiosk on its own) or
// PostgreSQL through PostgresNIO (a centre's database). The statements are written once, in the SQL
// both understand, with `?` (or `?1`, `?2` …) for arguments; the PostgreSQL engine numbers them
// `$1`, `$2` …. Where the two differ (the schema, locks, SQLite's INDEXED BY) the store asks the
// session's `dialect`.

/// A value going into or coming out of a statement.
public enum SQLValue: Sendable, Equatable {
  case null
  case int(Int64)
  case real(Double)
  case text(String)
  case blob(Data)
}

/// What can be passed as a statement's argument.
public protocol SQLBindable: Sendable { var sqlValue: SQLValue { get } }
extension Int: SQLBindable { public var sqlValue: SQLValue { .int(Int64(self)) } }
extension Int64: SQLBindable { public var sqlValue: SQLValue { .int(self) } }
extension Int32: SQLBindable { public var sqlValue: SQLValue { .int(Int64(self)) } }
extension Double: SQLBindable { public var sqlValue: SQLValue { .real(self) } }
extension String: SQLBindable { public var sqlValue: SQLValue { .text(self) } }
extension Data: SQLBindable { public var sqlValue: SQLValue { .blob(self) } }
/// Booleans are kept as 0 and 1 on both engines (one schema of integer columns).
extension Bool: SQLBindable { public var sqlValue: SQLValue { .int(self ? 1 : 0) } }
extension SQLValue: SQLBindable { public var sqlValue: SQLValue { self } }

/// A statement's arguments, in order; `nil` is SQL NULL.
public typealias SQLArguments = [(any SQLBindable)?]

extension Array where Element == (any SQLBindable)? {
  var values: [SQLValue] { map { $0?.sqlValue ?? .null } }
}

/// A value of a row that is not what its column should hold (a total of 'x', a number too large):
/// the store names the table, the row and the column instead of stopping.
public struct BadValue: Error, Equatable, CustomStringConvertible {
  public let column: String
  public let found: String
  public let expected: String
  public var description: String { "column \(column) holds \(found), not \(expected)" }
}

/// One row of a result, read by column name or position.
public struct SQLRow: Sendable {
  let names: [String]
  let values: [SQLValue]

  init(names: [String], values: [SQLValue]) {
    self.names = names
    self.values = values
  }

  public subscript(_ index: Int) -> SQLValue { values[index] }
  public subscript(_ name: String) -> SQLValue {
    guard let i = names.firstIndex(of: name) else { return .null }
    return values[i]
  }

  func name(_ i: Int) -> String { i < names.count ? names[i] : "#\(i)" }

  static func shown(_ v: SQLValue) -> String {
    switch v {
    case .null: return "NULL"
    case .int(let i): return String(i)
    case .real(let d): return String(d)
    case .text(let s): return "'\(s.prefix(40))'"
    case .blob(let b): return "\(b.count) bytes"
    }
  }

  func bad(_ column: String, _ v: SQLValue, _ expected: String) -> BadValue {
    BadValue(column: column, found: Self.shown(v), expected: expected)
  }

  // Typed reads: a value of the wrong kind throws `BadValue` (never a crash, never a silent 0).
  func int64(_ v: SQLValue, _ c: String) throws -> Int64 {
    switch v {
    case .int(let i): return i
    case .real(let d) where d.rounded() == d && abs(d) < 9e15: return Int64(d)
    default: throw bad(c, v, "a whole number")
    }
  }
  func double(_ v: SQLValue, _ c: String) throws -> Double {
    switch v {
    case .real(let d) where d.isFinite: return d
    case .int(let i): return Double(i)
    default: throw bad(c, v, "a number")
    }
  }
  func text(_ v: SQLValue, _ c: String) throws -> String {
    if case .text(let s) = v { return s }
    throw bad(c, v, "text")
  }

  public func int64(_ c: String) throws -> Int64 { try int64(self[c], c) }
  public func int64(_ i: Int) throws -> Int64 { try int64(self[i], name(i)) }
  /// A whole number that fits an `Int` and amounts of money (|n| < 10^15).
  public func int(_ c: String) throws -> Int { Int(try int64(c)) }
  public func int(_ i: Int) throws -> Int { Int(try int64(i)) }
  public func double(_ c: String) throws -> Double { try double(self[c], c) }
  public func double(_ i: Int) throws -> Double { try double(self[i], name(i)) }
  public func text(_ c: String) throws -> String { try text(self[c], c) }
  public func text(_ i: Int) throws -> String { try text(self[i], name(i)) }
  public func bool(_ c: String) throws -> Bool { try int64(c) != 0 }
  public func optionalInt64(_ c: String) throws -> Int64? { self[c] == .null ? nil : try int64(c) }
  public func optionalInt64(_ i: Int) throws -> Int64? { self[i] == .null ? nil : try int64(i) }
  public func optionalDouble(_ c: String) throws -> Double? { self[c] == .null ? nil : try double(c) }
  public func optionalText(_ c: String) throws -> String? { self[c] == .null ? nil : try text(c) }
  public func optionalText(_ i: Int) throws -> String? { self[i] == .null ? nil : try text(i) }
  public func data(_ c: String) throws -> Data {
    switch self[c] {
    case .blob(let d): return d
    case .text(let s): return Data(s.utf8)
    case let v: throw bad(c, v, "bytes")
    }
  }
}

/// Which engine a session speaks to.
public enum SQLDialect: String, Sendable {
  case sqlite
  case postgres
}

/// One connection inside a read or a transaction.
public protocol SQLSession {
  var dialect: SQLDialect { get }
  /// Runs a statement; returns how many rows it changed.
  @discardableResult func execute(_ sql: String, _ arguments: SQLArguments) throws -> Int
  /// Runs a query and hands each row to `body` as it is read (nothing is held but the row).
  func each(_ sql: String, _ arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws
}

extension SQLSession {
  @discardableResult public func execute(_ sql: String) throws -> Int { try execute(sql, []) }
  public func rows(_ sql: String, _ arguments: SQLArguments = []) throws -> [SQLRow] {
    var out: [SQLRow] = []
    try each(sql, arguments) { out.append($0) }
    return out
  }
  public func one(_ sql: String, _ arguments: SQLArguments = []) throws -> SQLRow? {
    try rows(sql, arguments).first
  }
  /// The first column of the first row (nil when there is no row or it is NULL).
  public func value(_ sql: String, _ arguments: SQLArguments = []) throws -> SQLValue? {
    guard let row = try one(sql, arguments), row.values.first != SQLValue.null else { return nil }
    return row[0]
  }
  public func int64(_ sql: String, _ arguments: SQLArguments = []) throws -> Int64? {
    guard let row = try one(sql, arguments), row[0] != .null else { return nil }
    return try row.int64(0)
  }
  public func double(_ sql: String, _ arguments: SQLArguments = []) throws -> Double? {
    guard let row = try one(sql, arguments), row[0] != .null else { return nil }
    return try row.double(0)
  }
  public func text(_ sql: String, _ arguments: SQLArguments = []) throws -> String? {
    guard let row = try one(sql, arguments), row[0] != .null else { return nil }
    return try row.text(0)
  }
  public func exists(_ sql: String, _ arguments: SQLArguments = []) throws -> Bool { try one(sql, arguments) != nil }
}

/// Where the store's data lives. `read` sees one consistent state; `write` is one transaction
/// (all or nothing); `exclusiveWrite` also keeps every other writer out until it commits (the
/// receipts ledger: the next number and the chain are taken in it).
public protocol StoreEngine: Sendable {
  var dialect: SQLDialect { get }
  /// The file's path, or the server's address without its password.
  var location: String { get }
  func read<T>(_ body: (any SQLSession) throws -> T) throws -> T
  func write<T>(_ body: (any SQLSession) throws -> T) throws -> T
  func exclusiveWrite<T>(_ body: (any SQLSession) throws -> T) throws -> T
  /// One statement that is its own transaction (PostgreSQL: no BEGIN and COMMIT around it, one
  /// round trip; SQLite: a write transaction).
  func single<T>(_ body: (any SQLSession) throws -> T) throws -> T
  func close() throws
}

enum SQLText {
  /// A script split into its statements at `;`, leaving alone what is quoted ('…', "…") or
  /// dollar-quoted ($$…$$, a function's body) and `--` comments.
  static func statements(_ script: String) -> [String] {
    var out: [String] = []
    var current = ""
    var quote: Character? = nil
    var dollar = false
    var comment = false
    var previous: Character = " "
    for c in script {
      if comment {
        if c == "\n" { comment = false }
        previous = c
        continue
      }
      if quote == nil && !dollar && c == "-" && previous == "-" {
        current.removeLast()
        comment = true
        continue
      }
      if !dollar && (c == "'" || c == "\"") {
        if quote == c { quote = nil } else if quote == nil { quote = c }
      } else if quote == nil && c == "$" && previous == "$" {
        dollar.toggle()
      }
      if c == ";" && quote == nil && !dollar {
        let s = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !s.isEmpty { out.append(s) }
        current = ""
        previous = c
        continue
      }
      current.append(c)
      previous = c == "$" && previous == "$" ? " " : c
    }
    let s = current.trimmingCharacters(in: .whitespacesAndNewlines)
    if !s.isEmpty { out.append(s) }
    return out
  }

  /// `?` → `$1`, `$2` …; `?N` → `$N` (PostgreSQL's placeholders). Question marks inside quoted
  /// text are left alone.
  static func numbered(_ sql: String) -> String {
    var out = ""
    out.reserveCapacity(sql.utf8.count + 16)
    var n = 0
    var inQuote = false
    var chars = sql.makeIterator()
    var pending: Character? = nil
    while let c = pending ?? chars.next() {
      pending = nil
      if c == "'" { inQuote.toggle() }
      if c == "?" && !inQuote {
        var digits = ""
        while let d = chars.next() {
          if d.isASCII && d.isNumber {
            digits.append(d)
          } else {
            pending = d
            break
          }
        }
        if digits.isEmpty {
          n += 1
          out += "$\(n)"
        } else {
          out += "$" + digits
        }
        continue
      }
      out.append(c)
    }
    return out
  }
}
