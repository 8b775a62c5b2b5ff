import Foundation
import KioskCore
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// What the "now serving" board shows: the last called tokens of today, newest first, and whether
/// the store answers.
public struct BoardUpdate: Sendable, Equatable {
  public var tokens: [QueueToken]
  /// Nil while the store answers; else why not, in words (the tokens are the last ones known).
  public var trouble: BilingualText?
  public init(tokens: [QueueToken], trouble: BilingualText?) {
    self.tokens = tokens
    self.trouble = trouble
  }
}

/// Watches the centre's calls for the board (issue 16), on a thread of its own, and reports every
/// change. On PostgreSQL the board hears of a call at once: a connection of its own LISTENs on
/// `bhumiseba_call` (callNext NOTIFYs it in the call's transaction), and the list is read again
/// when a notification comes, not by polling. A quiet connection is checked every
/// `heartbeatSeconds` (a pulled cable closes nothing). On a kiosk's own SQLite file (the board
/// on the same machine) the last-called list is read every half second: a few rows by an index.
/// When the store goes away the board is told in words and the watch connects again by itself.
public final class CallWatch: @unchecked Sendable {
  public enum Source: Sendable, Equatable {
    /// The centre's PostgreSQL database (`[store] url`).
    case centre(url: String, ledgerKeyPath: String)
    /// A kiosk's own SQLite file.
    case file(path: String)
  }

  public let source: Source
  let limit: Int
  let heartbeatSeconds: Double
  /// Guards the flags below; signalled by a notification, a closed connection or `stop`.
  private let condition = NSCondition()
  private var stopped = false
  private var poked = false
  private var closed = false
  private let logger = Logger(label: "bhumiseba.board")
  /// The channel callNext NOTIFYs.
  public static let channel = "bhumiseba_call"

  public init(source: Source, limit: Int = 8, heartbeatSeconds: Double = 15) {
    self.source = source
    self.limit = limit
    self.heartbeatSeconds = heartbeatSeconds
  }

  /// The watch a setup names: the centre's server when `[store] url` is set, else the kiosk's file.
  public convenience init(_ setup: KioskSetup, limit: Int = 8) {
    if let url = setup.storeURL() {
      self.init(source: .centre(url: url, ledgerKeyPath: setup.ledgerKeyPath()), limit: limit)
    } else {
      self.init(source: .file(path: setup.databasePath()), limit: limit)
    }
  }

  /// Starts watching; `report` is called on the watch's thread with every change (the first one
  /// as soon as the store answers or is found away).
  public func start(_ report: @escaping @Sendable (BoardUpdate) -> Void) {
    Thread.detachNewThread { [self] in
      var publisher = Publisher(report: report)
      switch source {
      case .file(let path): watchFile(path, &publisher)
      case .centre(let url, let key): watchCentre(url, key, &publisher)
      }
    }
  }

  /// Stops the watch (its thread ends within a moment).
  public func stop() {
    condition.lock()
    stopped = true
    condition.signal()
    condition.unlock()
  }

  var isStopped: Bool {
    condition.lock()
    defer { condition.unlock() }
    return stopped
  }

  /// A notification came (or the connection closed): the watch reads the list again.
  func poke(closed byServer: Bool = false) {
    condition.lock()
    poked = true
    if byServer { closed = true }
    condition.signal()
    condition.unlock()
  }

  /// Waits until poked, stopped or `deadline`; says which, and clears the poke.
  private func waitForPoke(until deadline: Date) -> (poked: Bool, closed: Bool) {
    condition.lock()
    defer { condition.unlock() }
    while !poked && !stopped {
      if !condition.wait(until: deadline) { break }
    }
    let result = (poked, closed)
    poked = false
    return result
  }

  private func resetPokes() {
    condition.lock()
    poked = false
    closed = false
    condition.unlock()
  }

  struct Publisher {
    let report: @Sendable (BoardUpdate) -> Void
    var last: BoardUpdate?

    mutating func tokens(_ tokens: [QueueToken]) { send(BoardUpdate(tokens: tokens, trouble: nil)) }
    mutating func trouble(_ words: BilingualText) { send(BoardUpdate(tokens: last?.tokens ?? [], trouble: words)) }
    mutating func send(_ update: BoardUpdate) {
      guard update != last else { return }
      last = update
      report(update)
    }
  }

  static func words(_ error: any Error) -> BilingualText {
    if let e = error as? StoreError { return e.message }
    return tr("The store cannot be read: {1}", .same("\(error)"))
  }

  // MARK: a kiosk's own file

  private func watchFile(_ path: String, _ publisher: inout Publisher) {
    var store: KioskStore?
    while !isStopped {
      do {
        let open = try store ?? KioskStore(path: path, busyTimeout: 2, checkFirst: false)
        store = open
        publisher.tokens(try open.lastCalled(limit: limit))
      } catch {
        publisher.trouble(Self.words(error))
        store = nil
      }
      _ = waitForPoke(until: Date().addingTimeInterval(0.5))
    }
  }

  // MARK: the centre's server

  private func watchCentre(_ url: String, _ key: String, _ publisher: inout Publisher) {
    var store: KioskStore?
    while !isStopped {
      var listening: PostgresConnection?
      do {
        let address = try PostgresAddress(url)
        resetPokes()
        let conn = try Self.within(5, address) {
          PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.any(), configuration: try address.configuration(), id: 2,
            logger: logger)
        }
        listening = conn
        conn.addListener(channel: Self.channel) { [weak self] _, _ in self?.poke() }
        conn.closeFuture.whenComplete { [weak self] _ in self?.poke(closed: true) }
        // Statements run in order on a connection: once this answers, the LISTEN is in force and
        // no call made after the list below is read can be missed.
        try Self.ping(conn, address, logger)
        let open = try store ?? KioskStore(url: url, ledgerKeyPath: key)
        store = open
        publisher.tokens(try open.lastCalled(limit: limit))
        var beat = Date()
        while !isStopped {
          let woke = waitForPoke(until: beat.addingTimeInterval(heartbeatSeconds))
          if woke.closed || conn.isClosed {
            throw StoreError.serverAway(address: address.description, detail: "the server closed the connection")
          }
          if !woke.poked {
            // A quiet while: is the server still there? (Also turns the list over at midnight.)
            try Self.ping(conn, address, logger)
            beat = Date()
          }
          publisher.tokens(try open.lastCalled(limit: limit))
        }
      } catch {
        publisher.trouble(Self.words(error))
      }
      if let conn = listening, !conn.isClosed {
        do { try conn.close().wait() } catch {
          _ = error  // closing a connection the server already dropped: nothing is lost
        }
      }
      // Again after a second (the board says meanwhile that it is not connected).
      _ = waitForPoke(until: Date().addingTimeInterval(1))
    }
  }

  static func ping(_ conn: PostgresConnection, _ address: PostgresAddress, _ logger: Logger) throws {
    _ = try within(5, address) { conn.query(PostgresQuery(unsafeSQL: "SELECT 1"), logger: logger) }
  }

  /// The future's value, or `StoreError.serverAway` when it has none within `seconds`.
  static func within<T: Sendable>(
    _ seconds: Double, _ address: PostgresAddress, _ make: () throws -> EventLoopFuture<T>
  )
    throws -> T
  {
    let future: EventLoopFuture<T>
    do { future = try make() } catch { throw PostgresEngine.classify(error, address) }
    let done = DispatchSemaphore(value: 0)
    future.whenComplete { _ in done.signal() }
    if done.wait(timeout: .now() + seconds) == .timedOut {
      throw StoreError.serverAway(address: address.description, detail: "no answer within \(Int(seconds)) s")
    }
    do { return try future.wait() } catch { throw PostgresEngine.classify(error, address) }
  }
}
