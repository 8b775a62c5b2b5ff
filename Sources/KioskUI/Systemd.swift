import Foundation
import Gtk
import Logging

/// systemd's notify protocol (sd_notify(3)) without libsystemd: one datagram to $NOTIFY_SOCKET.
/// The unit (Type=notify, WatchdogSec=) waits for READY=1, sent once the first page (or the
/// out-of-service page) is painted, then for WATCHDOG=1 at least every WATCHDOG_USEC: it is sent
/// from a timer of the GTK main loop, so a loop that hangs stops it and systemd starts the kiosk
/// again. Without NOTIFY_SOCKET (not under systemd, the tests) nothing is sent.
@MainActor
public enum SystemdNotify {
  static var watchdog: LoopTimer?

  /// Sends `state` ("READY=1", "WATCHDOG=1", "STATUS=…"); false where there is no socket or the
  /// send failed.
  @discardableResult
  nonisolated public static func send(
    _ state: String, environment: [String: String] = ProcessInfo.processInfo.environment
  )
    -> Bool
  {
    guard let socketPath = environment["NOTIFY_SOCKET"], !socketPath.isEmpty,
      socketPath.hasPrefix("/") || socketPath.hasPrefix("@")
    else { return false }
    let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    var bytes = Array(socketPath.utf8)
    // An abstract socket: '@' stands for the leading NUL byte.
    if bytes.first == UInt8(ascii: "@") { bytes[0] = 0 }
    let capacity = MemoryLayout.size(ofValue: address.sun_path)
    guard bytes.count < capacity else { return false }
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      raw.copyBytes(from: bytes)
    }
    let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path)! + bytes.count)
    let message = Array(state.utf8)
    let sent = withUnsafePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
        message.withUnsafeBytes { body in
          sendto(fd, body.baseAddress, body.count, Int32(MSG_NOSIGNAL), sa, length)
        }
      }
    }
    return sent == message.count
  }

  /// How often the watchdog wants word, in milliseconds: half of WATCHDOG_USEC; nil without one.
  /// WATCHDOG_PID is not compared with our own: under cage it names cage (the unit's main
  /// process), and the unit lets its children notify (NotifyAccess=all).
  nonisolated static func watchdogInterval(environment: [String: String]) -> UInt32? {
    guard let text = environment["WATCHDOG_USEC"], let usec = UInt64(text), usec > 0 else { return nil }
    return UInt32(max(1, min(usec / 2000, UInt64(UInt32.max))))
  }

  /// READY=1 (with the status line), and the watchdog's timer on this (the GTK) main loop.
  public static func ready(status: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
    guard environment["NOTIFY_SOCKET"] != nil else { return }
    send("READY=1\nSTATUS=\(status)", environment: environment)
    guard watchdog == nil, let every = watchdogInterval(environment: environment) else { return }
    send("WATCHDOG=1", environment: environment)
    watchdog = LoopTimer(every: every) {
      SystemdNotify.send("WATCHDOG=1", environment: environment)
      return true
    }
  }
}

/// swift-log to the journal with priorities: under systemd (JOURNAL_STREAM set) each line on
/// standard error starts with its syslog priority as `<N>`, which journald reads
/// (sd-daemon(3)); elsewhere plain lines. Messages and metadata carry no personal data (the
/// house rule: codes, counts and states only).
public struct JournalLogHandler: LogHandler {
  public var metadata: Logger.Metadata = [:]
  public var logLevel: Logger.Level = .info
  let label: String
  let prefixed: Bool

  public init(label: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
    self.label = label
    prefixed = environment["JOURNAL_STREAM"] != nil || environment["BHUMISEBA_LOG_PRIORITIES"] == "1"
  }

  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  /// syslog(3)'s priorities.
  static func priority(_ level: Logger.Level) -> Int {
    switch level {
    case .trace, .debug: 7
    case .info: 6
    case .notice: 5
    case .warning: 4
    case .error: 3
    case .critical: 2
    }
  }

  public func log(event: LogEvent) {
    let all = metadata.merging(event.metadata ?? [:]) { $1 }
    let fields = all.keys.sorted().map { "\($0)=\(all[$0]!)" }.joined(separator: " ")
    let head = prefixed ? "<\(JournalLogHandler.priority(event.level))>" : ""
    let text = "\(head)\(label): \(event.message)\(fields.isEmpty ? "" : " " + fields)\n"
    FileHandle.standardError.write(Data(text.utf8))
  }
}

/// Every swift-log logger of the program writes through `JournalLogHandler` (call once, first).
public func bootstrapJournalLogging() {
  LoggingSystem.bootstrap { label in JournalLogHandler(label: label) }
}
