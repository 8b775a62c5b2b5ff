import Foundation
import KioskTesting
import Testing

@testable import KioskStore

/// The two engines the store tests run on. PostgreSQL is a real, private server: the one the test
/// command started (BHUMISEBA_TEST_PG, from scripts/private-postgres.sh), or else one this test
/// process starts itself in a temporary folder and stops when it exits.
enum Engine: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case sqlite
  case postgres
  var testDescription: String { rawValue }
}

/// The private server's superuser address (`postgresql://bhumiseba_admin@127.0.0.1:PORT/postgres`).
enum PrivatePostgres {
  /// The folder of a server this process started (stopped when it exits).
  nonisolated(unsafe) static var startedFolder: String?

  static let lock = NSLock()
  nonisolated(unsafe) static var started: String?

  /// Not a `static let`: its start runs processes, which must not happen inside Swift's one-time
  /// initialisation (Foundation's Process waits there for ever).
  static var adminURL: String {
    lock.lock()
    defer { lock.unlock() }
    if let started { return started }
    if let url = ProcessInfo.processInfo.environment["BHUMISEBA_TEST_PG"], !url.isEmpty {
      started = url
      return url
    }
    let dir = NSTemporaryDirectory() + "bhumiseba-pg-\(getpid())"
    let out = try! run([TestPaths.repoRoot + "/scripts/private-postgres.sh", "start", dir])  // no server: no test
    startedFolder = dir
    // Stopped when the test process exits: with system(3), since Foundation's Process does not
    // run from an exit handler (the server was left running).
    atexit {
      if let dir = PrivatePostgres.startedFolder {
        _ = system("'" + TestPaths.repoRoot + "/scripts/private-postgres.sh' stop '" + dir + "' >/dev/null 2>&1")
      }
    }
    let line = out.split(separator: "\n").first { $0.hasPrefix("BHUMISEBA_TEST_PG=") }!
    started = String(line.dropFirst("BHUMISEBA_TEST_PG=".count))
    return started!
  }

  /// The server's folder (for `scripts/private-postgres.sh kill|restart`).
  static var folder: String {
    _ = adminURL
    return startedFolder ?? ProcessInfo.processInfo.environment["BHUMISEBA_TEST_PG_DIR"] ?? ""
  }

  /// The server killed as by a power cut, or started again on its port.
  static func server(_ command: String) throws {
    try run([TestPaths.repoRoot + "/scripts/private-postgres.sh", command, folder])
  }

  /// The address of another database on the same server, as `role` (the admin when nil).
  static func url(database: String, role: String? = nil, password: String? = nil) -> String {
    var c = URLComponents(string: adminURL)!
    c.path = "/" + database
    if let role { c.user = role }
    c.password = password
    return c.string!
  }

  /// Runs SQL through psql (as the admin unless `url` says otherwise); throws with psql's words.
  @discardableResult
  static func psql(_ sql: String, url: String = adminURL) throws -> String {
    try run(["/usr/bin/psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", url, "-c", sql])
  }

  struct Failed: Error, CustomStringConvertible {
    let description: String
  }

  @discardableResult
  static func run(_ argv: [String]) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: argv[0])
    p.arguments = Array(argv.dropFirst())
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let errText = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { throw Failed(description: "\(argv.joined(separator: " ")): \(errText)") }
    return text
  }
}

/// A fresh place for one test's store: a scratch folder (the SQLite file, the ledger key), and on
/// PostgreSQL a database of its own on the private server.
final class TestDatabase {
  let engine: Engine
  let dir: String
  let database: String

  init(_ engine: Engine) throws {
    self.engine = engine
    dir = try scratch()
    database = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    if engine == .postgres { try PrivatePostgres.psql("CREATE DATABASE \(database)") }
  }

  var path: String { dir + "/k.sqlite" }
  var url: String { PrivatePostgres.url(database: database) }
  var keyPath: String { dir + "/ledger.key" }

  /// The store (again: a second kiosk, or the same one after a restart).
  func open() throws -> KioskStore {
    switch engine {
    case .sqlite: return try KioskStore(path: path)
    case .postgres: return try KioskStore(url: url, ledgerKeyPath: keyPath)
    }
  }

  /// Runs SQL as the database's owner would, behind the store's back (a tamperer with the sqlite3
  /// shell or psql). On PostgreSQL the append-only triggers are set aside for it, as an owner can.
  func tamper(_ sql: String, disablingTriggers: Bool = true) throws {
    switch engine {
    case .sqlite:
      // The complaint register's triggers refuse changes: a tamperer with the file drops them first.
      let drop =
        disablingTriggers
        ? ["complaint_no_update", "complaint_no_delete", "complaint_head_no_update", "complaint_head_no_delete"]
          .map { "DROP TRIGGER IF EXISTS \($0);" }.joined(separator: " ") + " " : ""
      try PrivatePostgres.run(["/usr/bin/sqlite3", path, drop + sql])
    case .postgres:
      let tables = ["receipt", "ledger_head", "audit_log", "complaint", "complaint_head"]
      let off = tables.map { "ALTER TABLE \($0) DISABLE TRIGGER USER;" }
      let on = tables.map { "ALTER TABLE \($0) ENABLE TRIGGER USER;" }
      let script =
        disablingTriggers ? (off + [sql + ";"] + on).joined(separator: " ") : sql
      try PrivatePostgres.psql(script, url: url)
    }
  }

  /// One number from SQL, read as the owner.
  func count(_ sql: String) throws -> Int {
    switch engine {
    case .sqlite:
      return Int(
        try PrivatePostgres.run(["/usr/bin/sqlite3", path, sql]).trimmingCharacters(in: .whitespacesAndNewlines))
        ?? -1
    case .postgres:
      return Int(try PrivatePostgres.psql(sql, url: url).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }
  }

  func remove() {
    if engine == .postgres {
      _ = try? PrivatePostgres.psql("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")  // best effort
    }
    try? FileManager.default.removeItem(atPath: dir)  // a scratch folder
  }
}

/// Desks charging at once, each a process of its own (the crash-writer's `charge` mode).
func chargeAtOnce(store: String, keyPath: String, processes: Int, each: Int) throws -> (numbers: [Int], p99: [Double]) {
  let writer = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    .appendingPathComponent("crash-writer")
  var running: [(Process, Pipe)] = []
  for _ in 0..<processes {
    let p = Process()
    p.executableURL = writer
    p.arguments = [store, "charge", String(each), keyPath]
    let pipe = Pipe()
    p.standardOutput = pipe
    try p.run()
    running.append((p, pipe))
  }
  var numbers: [Int] = []
  var p99: [Double] = []
  for (p, pipe) in running {
    let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationStatus == 0, "a desk failed: \(out.suffix(300))")
    for line in out.split(separator: "\n") {
      if line.hasPrefix("issued "), let n = Int(line.dropFirst(7)) { numbers.append(n) }
      if line.hasPrefix("p99 "), let t = Double(line.dropFirst(4)) { p99.append(t) }
    }
  }
  return (numbers, p99)
}
