import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Synchronization

/// Where a centre's PostgreSQL database is, from a libpq-style URL:
/// `postgresql://ROLE[:PASSWORD]@HOST[:PORT]/DATABASE?sslmode=verify-full&sslrootcert=/etc/…/ca.pem`
/// or, on the server itself, a Unix socket: `postgresql://ROLE@/DATABASE?host=/run/postgresql`.
/// `password_file=PATH` reads the password from a file readable by the kiosk's user only.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
  public var user: String
  public var password: String?
  public var host: String
  public var port: Int
  public var database: String
  /// A folder holding the server's socket (`host=/run/postgresql`), instead of TCP.
  public var socketFolder: String?
  public var sslMode: String
  public var sslRootCert: String?

  /// Parses the URL; a wrong one is named with what is wrong.
  public init(_ url: String) throws {
    guard let c = URLComponents(string: url), c.scheme == "postgresql" || c.scheme == "postgres" else {
      throw StoreError.badAddress(detail: "it must begin with postgresql://")
    }
    guard let user = c.user, !user.isEmpty else {
      throw StoreError.badAddress(detail: "it names no role (postgresql://ROLE@HOST/DATABASE)")
    }
    self.user = user
    password = c.password
    host = c.host ?? ""
    port = c.port ?? 5432
    let db = String(c.path.drop(while: { $0 == "/" }))
    database = db.isEmpty ? user : db
    let q = Dictionary((c.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
    socketFolder = q["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
    if host.isEmpty && socketFolder == nil { socketFolder = "/run/postgresql" }
    sslMode = q["sslmode"] ?? "prefer"
    guard ["disable", "prefer", "require", "verify-full"].contains(sslMode) else {
      throw StoreError.badAddress(detail: "sslmode=\(sslMode): use disable, prefer, require or verify-full")
    }
    sslRootCert = q["sslrootcert"]
    if sslMode == "verify-full" && sslRootCert == nil && socketFolder == nil {
      throw StoreError.badAddress(detail: "sslmode=verify-full needs sslrootcert=PATH (the centre's CA certificate)")
    }
    if let file = q["password_file"] {
      do {
        password = try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
      } catch {
        throw StoreError.badAddress(detail: "cannot read password_file \(file)")
      }
    }
  }

  /// The address without its password (for messages and logs).
  public var description: String {
    if let socketFolder { return "postgresql://\(user)@/\(database)?host=\(socketFolder)" }
    return "postgresql://\(user)@\(host):\(port)/\(database)"
  }

  func configuration() throws -> PostgresConnection.Configuration {
    var config: PostgresConnection.Configuration
    if let socketFolder {
      config = .init(
        unixSocketPath: "\(socketFolder)/.s.PGSQL.\(port)", username: user, password: password, database: database)
    } else {
      let tls: PostgresConnection.Configuration.TLS
      switch sslMode {
      case "disable":
        tls = .disable
      default:
        var t = TLSConfiguration.makeClientConfiguration()
        if sslMode == "verify-full", let ca = sslRootCert {
          // Only the centre's CA: the system's roots do not vouch for a server on the centre's LAN.
          guard FileManager.default.isReadableFile(atPath: ca) else {
            throw StoreError.badCertificate(
              address: description, check: .caFileReadable, file: ca, detail: "cannot read the file")
          }
          t.trustRoots = .file(ca)
          t.certificateVerification = .fullVerification
        } else {
          t.certificateVerification = .none
        }
        let context: NIOSSLContext
        do {
          context = try NIOSSLContext(configuration: t)
        } catch {
          throw StoreError.badCertificate(
            address: description, check: .caFileReadable, file: sslRootCert ?? "",
            detail: "no PEM certificate in it (\(error))")
        }
        tls = sslMode == "prefer" ? .prefer(context) : .require(context)
      }
      config = .init(host: host, port: port, username: user, password: password, database: database, tls: tls)
    }
    // A kiosk whose server is away waits this long at most (then it goes on on its own disk).
    config.options.connectTimeout = .seconds(2)
    return config
  }
}

/// A centre's engine: the PostgreSQL server through PostgresNIO. One connection per store, used by
/// one statement at a time; a connection the server dropped is opened again on the next call.
final class PostgresEngine: StoreEngine {
  let address: PostgresAddress
  private let connection = Mutex<PostgresConnection?>(nil)
  private let logger = Logger(label: "bhumiseba.store.postgres")
  var dialect: SQLDialect { .postgres }
  var location: String { address.description }

  init(address: PostgresAddress, connectNow: Bool = true) throws {
    self.address = address
    if connectNow { try connection.withLock { c in c = try connect() } }
  }

  private func connect() throws -> PostgresConnection {
    let config = try address.configuration()
    do {
      return try PostgresConnection.connect(
        on: MultiThreadedEventLoopGroup.singleton.any(), configuration: config, id: 1, logger: logger
      ).wait()
    } catch {
      throw PostgresEngine.classify(error, address)
    }
  }

  /// A lost connection becomes `StoreError.serverAway`; a refused statement `StoreError.server`.
  static func classify(_ error: any Error, _ address: PostgresAddress) -> any Error {
    if let e = error as? PSQLError {
      if let underlying = e.underlying, let tls = tlsProblem(underlying, address) { return tls }
      if e.code == .sslUnsupported {
        return StoreError.serverAway(
          address: address.description, detail: "TLS: the server does not offer TLS (sslmode=\(address.sslMode))")
      }
      if e.code == .server, let info = e.serverInfo {
        let state = info[.sqlState] ?? ""
        let message = info[.message] ?? ""
        // 57P01-03: the server is shutting down or restarting; 08*: the connection failed.
        if state.hasPrefix("08") || state.hasPrefix("57P") {
          return StoreError.serverAway(address: address.description, detail: "\(state) \(message)")
        }
        // The store's own refusals (pg-003's functions), with the draft's id as their DETAIL.
        if state == "BK001" || state == "BK002", let id = info[.detail].flatMap({ Int64($0) }) {
          return state == "BK001" ? StoreError.unknownDraft(id) : StoreError.filed(draftID: id)
        }
        return StoreError.server(sqlState: state, detail: message)
      }
      return StoreError.serverAway(address: address.description, detail: "\(e.code)")
    }
    if error is StoreError || error is BadValue || error is StaffError { return error }
    return StoreError.serverAway(address: address.description, detail: "\(error)")
  }

  /// A TLS failure as its own error, naming the check that failed and the CA file: a certificate
  /// that sslrootcert's CA did not sign (or that has expired), or one that does not name the host
  /// the kiosk connects to. Nothing was sent to such a server (not even the role's name:
  /// PostgreSQL's start-up message follows the TLS handshake).
  static func tlsProblem(_ error: any Error, _ address: PostgresAddress) -> StoreError? {
    let file = address.sslRootCert ?? ""
    switch error {
    case let e as NIOSSLExtraError where e == .failedToValidateHostname:
      return .badCertificate(
        address: address.description, check: .namesTheServer, file: file, detail: address.host)
    case NIOSSLError.handshakeFailed(let ssl) where "\(ssl)".contains("CERTIFICATE_VERIFY_FAILED"):
      return .badCertificate(
        address: address.description, check: .signedByCentreCA, file: file, detail: "\(ssl)")
    case let e as NIOSSLError:
      return .badCertificate(address: address.description, check: .handshake, file: file, detail: "\(e)")
    default:
      return nil
    }
  }

  /// Runs `body` on the connection (opened again if the server dropped it). A connection that
  /// failed is closed, so that the next call starts clean.
  private func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
    try connection.withLock { c in
      if c == nil || c?.isClosed == true { c = try connect() }
      guard let conn = c else { throw StoreError.serverAway(address: address.description, detail: "no connection") }
      do {
        return try body(conn)
      } catch {
        let classified = PostgresEngine.classify(error, address)
        if case StoreError.serverAway = classified {
          _ = try? conn.close().wait()  // the connection is gone already; its close cannot fail usefully
          c = nil
        }
        throw classified
      }
    }
  }

  private func transaction<T>(_ lock: Bool, _ body: (any SQLSession) throws -> T) throws -> T {
    try withConnection { conn in
      let session = PostgresSession(conn: conn, logger: logger)
      try session.execute("BEGIN")
      do {
        if lock { try session.execute("SELECT pg_advisory_xact_lock(\(PostgresEngine.exclusiveLock))") }
        let result = try body(session)
        try session.execute("COMMIT")
        return result
      } catch {
        if !conn.isClosed {
          do { try session.execute("ROLLBACK") } catch { _ = error }  // the first error is the one to report
        }
        throw error
      }
    }
  }

  /// `body` on one connection without BEGIN: each statement its own transaction, for work that
  /// takes the session-level advisory lock `lock` in one statement and lets it go in the last (a
  /// charge: pg-005's tail, then the procedure that appends, commits and unlocks). If `body`
  /// fails, the lock is let go here (a dropped connection lets it go by itself).
  func underSessionLock<T>(_ lock: Int64, _ body: (any SQLSession) throws -> T) throws -> T {
    try withConnection { conn in
      let session = PostgresSession(conn: conn, logger: logger)
      do {
        return try body(session)
      } catch {
        if !conn.isClosed {
          // The first error is the one to report; unlocking a lock not held only warns.
          do { try session.execute("SELECT pg_advisory_unlock(\(lock))") } catch { _ = error }
        }
        throw error
      }
    }
  }

  /// What the second statement of `chainedUnderSessionLock` is, and what the caller gets back.
  struct Chained<T: Sendable>: Sendable {
    var sql: String
    var arguments: SQLArguments
    var result: T
  }

  /// Two statements under the session lock `lock`, like `underSessionLock`, but the second is made
  /// from the first's row on the connection's event loop and sent from there: while the lock is
  /// held no thread hands work to another (the caller's thread wakes once, when both are done,
  /// instead of waking for the row and handing the next statement back to the event loop; on a
  /// busy machine each such hand-over can wait milliseconds, and every other desk waits behind
  /// it). `then` runs on the event loop and must not block. If either statement or `then` fails,
  /// the lock is let go.
  func chainedUnderSessionLock<T: Sendable>(
    _ lock: Int64, _ first: String, _ arguments: SQLArguments,
    then: @escaping @Sendable (SQLRow?) throws -> Chained<T>
  ) throws -> T {
    try withConnection { conn in
      let logger = self.logger
      do {
        return try conn.query(PostgresSession.makeQuery(first, arguments), logger: logger)
          .flatMapThrowing { result in try then(PostgresSession.rows(result).first) }
          .flatMap { next in
            conn.query(PostgresSession.makeQuery(next.sql, next.arguments), logger: logger).map { _ in next.result }
          }
          .wait()
      } catch {
        if !conn.isClosed {
          let session = PostgresSession(conn: conn, logger: logger)
          do { try session.execute("SELECT pg_advisory_unlock(\(lock))") } catch { _ = error }
        }
        throw error
      }
    }
  }

  /// The advisory lock every exclusive writer of the centre takes (the receipts ledger).
  static let exclusiveLock: Int64 = 0x4253_4B31
  /// The lock migrations run under: two kiosks starting at once migrate one after the other.
  static let migrationLock: Int64 = 0x4253_4B32

  /// A transaction with the session as PostgreSQL's (migrations: batches of statements).
  func postgresWrite<T>(_ body: (PostgresSession) throws -> T) throws -> T {
    try transaction(false) { session in
      guard let pg = session as? PostgresSession else { throw StoreError.notOnThisEngine("a PostgreSQL session") }
      return try body(pg)
    }
  }

  func read<T>(_ body: (any SQLSession) throws -> T) throws -> T {
    try withConnection { conn in try body(PostgresSession(conn: conn, logger: logger)) }
  }
  func write<T>(_ body: (any SQLSession) throws -> T) throws -> T { try transaction(false, body) }
  func exclusiveWrite<T>(_ body: (any SQLSession) throws -> T) throws -> T { try transaction(true, body) }
  /// Autocommit: the statement is a transaction of its own (a function call: all or nothing).
  func single<T>(_ body: (any SQLSession) throws -> T) throws -> T {
    try withConnection { conn in try body(PostgresSession(conn: conn, logger: logger)) }
  }

  func close() throws {
    try connection.withLock { c in
      if let conn = c, !conn.isClosed { try conn.close().wait() }
      c = nil
    }
  }

  /// A store let go without `close()` closes its connection first (PostgresNIO requires it).
  deinit {
    connection.withLock { c in
      guard let conn = c, !conn.isClosed else { return }
      do {
        try conn.close().wait()
      } catch {
        // Closing a connection the server already dropped: there is nothing left to lose.
        _ = error
      }
    }
  }
}

struct PostgresSession: SQLSession {
  let conn: PostgresConnection
  let logger: Logger
  var dialect: SQLDialect { .postgres }

  func query(_ sql: String, _ arguments: SQLArguments) throws -> PostgresQueryResult {
    try conn.query(Self.makeQuery(sql, arguments), logger: logger).wait()
  }

  /// The statement with `?` numbered `$1`, `$2` … and its arguments bound.
  static func makeQuery(_ sql: String, _ arguments: SQLArguments) -> PostgresQuery {
    var binds = PostgresBindings(capacity: arguments.count)
    for v in arguments.values {
      switch v {
      case .null: binds.appendNull()
      case .int(let i): binds.append(i)
      case .real(let d): binds.append(d)
      case .text(let s): binds.append(s)
      case .blob(let b): binds.append(ByteBuffer(bytes: b))
      }
    }
    return PostgresQuery(unsafeSQL: SQLText.numbered(sql), binds: binds)
  }

  /// Several statements and no arguments (DDL, DO blocks), one after another.
  func batch(_ sql: String) throws {
    for statement in SQLText.statements(sql) { try execute(statement, []) }
  }

  @discardableResult func execute(_ sql: String, _ arguments: SQLArguments) throws -> Int {
    try query(sql, arguments).metadata.rows ?? 0
  }

  func each(_ sql: String, _ arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws {
    try Self.eachRow(try query(sql, arguments), body)
  }

  static func eachRow(_ result: PostgresQueryResult, _ body: (SQLRow) throws -> Void) throws {
    var names: [String]? = nil
    for row in result.rows {
      var values: [SQLValue] = []
      var rowNames: [String] = []
      for cell in row {
        if names == nil { rowNames.append(cell.columnName) }
        values.append(try Self.value(cell))
      }
      if names == nil { names = rowNames }
      try body(SQLRow(names: names ?? [], values: values))
    }
  }

  static func rows(_ result: PostgresQueryResult) throws -> [SQLRow] {
    var rows: [SQLRow] = []
    try eachRow(result) { rows.append($0) }
    return rows
  }

  static func value(_ cell: PostgresCell) throws -> SQLValue {
    guard cell.bytes != nil else { return .null }
    switch cell.dataType {
    case .int2, .int4, .int8: return .int(try cell.decode(Int64.self))
    case .float4, .float8: return .real(try cell.decode(Double.self))
    case .bool: return .int(try cell.decode(Bool.self) ? 1 : 0)
    case .bytea:
      var buffer = try cell.decode(ByteBuffer.self)
      return .blob(Data(buffer.readBytes(length: buffer.readableBytes) ?? []))
    default: return .text(try cell.decode(String.self))
    }
  }
}
