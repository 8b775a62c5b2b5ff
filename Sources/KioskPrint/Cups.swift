import CCups
import Foundation
import KioskCore

/// How a print ended, in terms the screen can say.
public enum PrintState: String, Sendable {
  case completed
  /// The job is in CUPS but the printer is holding or retrying it.
  case held
  case failed
  case noPrinter = "no-printer"
  case printerNotReady = "printer-not-ready"
  case serverDown = "server-down"
  case timedOut = "timed-out"
}

public struct PrintOutcome: Sendable, Equatable {
  public let state: PrintState
  public let jobID: Int?
  public let queue: String
  /// What to tell a person, in both languages.
  public let message: BilingualText
  /// What CUPS said, for staff and logs (no citizen data).
  public var detail = ""
  public var succeeded: Bool { state == .completed }
}

/// The state of one queue as CUPS reports it.
public struct QueueStatus: Sendable, Equatable {
  public let name: String
  /// 3 idle, 4 processing, 5 stopped.
  public let state: Int
  public let accepting: Bool
  public let reasons: [String]
  public let message: String

  /// Not ready: stopped, paused or not accepting jobs. An `*-error` or `offline` reason left by
  /// the last failed job is only a warning: the printer may have been mended since, and the next
  /// job's backend clears it (a job that fails again is reported with the reason).
  public var trouble: BilingualText? {
    if state == 5 || reasons.contains("paused") { return Printer.words(for: reasons, fallback: Printer.stopped) }
    if !accepting { return Printer.notAccepting }
    return nil
  }

  /// What the printer last reported, for staff (`kioskctl printers`), even when it still takes jobs.
  public var warning: BilingualText? {
    let bad = reasons.filter { $0.hasPrefix("offline") || $0.hasSuffix("-error") || $0.hasSuffix("-warning") }
    return bad.isEmpty ? nil : Printer.words(for: bad, fallback: Printer.failed)
  }
}

/// A CUPS client on one explicit connection (libcups' `cupsSetServer` is per thread, and Swift
/// work hops threads). Blocking: call it off the UI thread.
public struct Printer: Sendable {
  /// `host:port`, or a socket path; empty for libcups' own choice (CUPS_SERVER, client.conf).
  public let server: String
  public let timeoutSeconds: Double

  public init(server: String, timeoutSeconds: Double = 20) {
    self.server = server
    self.timeoutSeconds = timeoutSeconds
  }

  static let serverDown = tr("The print service is not running")
  static let noQueue = tr("No printer is set up")
  static let stopped = tr("The printer is stopped")
  static let notAccepting = tr("The printer is not taking jobs now")
  static let failed = tr("Printing failed")
  static let noAnswer = tr("The printer is not responding")
  static let printed = tr("Printed")

  /// printer-state-reasons in words; the first known reason wins.
  static func words(for reasons: [String], fallback: BilingualText) -> BilingualText {
    for r in reasons {
      let base = r.replacingOccurrences(of: "-error", with: "").replacingOccurrences(of: "-warning", with: "")
        .replacingOccurrences(of: "-report", with: "")
      switch base {
      case "media-empty", "media-needed": return tr("The printer is out of paper")
      case "media-jam": return tr("Paper is jammed in the printer")
      case "offline", "connecting-to-device":
        return tr("The printer is offline")
      case "cover-open", "door-open": return tr("The printer's cover is open")
      case "paused": return stopped
      default: continue
      }
    }
    return fallback
  }

  func connect() -> OpaquePointer? {
    var host = server.isEmpty ? String(cString: ccups_cupsServer()) : server
    var port = ccups_ippPort()
    if !host.hasPrefix("/"), let colon = host.lastIndex(of: ":"), let p = Int32(host[host.index(after: colon)...]) {
      port = p
      host = String(host[..<colon])
    }
    return ccups_httpConnect2(host, port, nil, AF_UNSPEC, HTTP_ENCRYPTION_IF_REQUESTED, 1, 3000, nil)
  }

  /// The queue to use: `name`, or CUPS's default destination when empty. Nil when there is none.
  func resolveQueue(_ http: OpaquePointer, _ name: String) -> String? {
    guard let dest = ccups_cupsGetNamedDest(http, name.isEmpty ? nil : name, nil) else { return nil }
    defer { ccups_cupsFreeDests(1, dest) }
    return String(cString: dest.pointee.name)
  }

  static func printerURI(_ queue: String) -> String { "ipp://localhost/printers/" + queue }

  func status(_ http: OpaquePointer, queue: String) -> QueueStatus? {
    let request = ccups_ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES)
    ccups_ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, Printer.printerURI(queue))
    guard let response = ccups_cupsDoRequest(http, request, "/") else { return nil }
    defer { ccups_ippDelete(response) }
    if ccups_ippGetStatusCode(response).rawValue > IPP_STATUS_OK_CONFLICTING.rawValue { return nil }
    let state = Int(ccups_ippGetInteger(ccups_ippFindAttribute(response, "printer-state", IPP_TAG_ENUM), 0))
    let accepting =
      ccups_ippGetBoolean(ccups_ippFindAttribute(response, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN), 0) != 0
    return QueueStatus(
      name: queue, state: state, accepting: accepting,
      reasons: Printer.strings(response, "printer-state-reasons").filter { $0 != "none" },
      message: Printer.strings(response, "printer-state-message").first ?? "")
  }

  /// Some drivers say what went wrong only in the message ("printer offline"): read it as a reason.
  static func messageReasons(_ message: String) -> [String] {
    let m = message.lowercased()
    if m.contains("offline") || m.contains("not connected") { return ["offline-report"] }
    if m.contains("jam") { return ["media-jam-error"] }
    if m.contains("out of paper") || m.contains("paper out") { return ["media-empty-error"] }
    return []
  }

  static func strings(_ ipp: OpaquePointer, _ name: String) -> [String] {
    guard let attr = ccups_ippFindAttribute(ipp, name, IPP_TAG_ZERO) else { return [] }
    return (0..<ccups_ippGetCount(attr)).compactMap { i in ccups_ippGetString(attr, i, nil).map { String(cString: $0) }
    }
  }

  /// The state of a queue (the default destination when `queue` is empty).
  public func queueStatus(_ queue: String) -> Result<QueueStatus, PrintOutcomeError> {
    guard let http = connect() else { return .failure(.init(state: .serverDown, message: Printer.serverDown)) }
    defer { ccups_httpClose(http) }
    guard let name = resolveQueue(http, queue), let s = status(http, queue: name) else {
      return .failure(.init(state: .noPrinter, message: Printer.noQueue))
    }
    return .success(s)
  }

  /// All queues on the server with their states.
  public func queues() -> Result<[QueueStatus], PrintOutcomeError> {
    guard let http = connect() else { return .failure(.init(state: .serverDown, message: Printer.serverDown)) }
    defer { ccups_httpClose(http) }
    var dests: UnsafeMutablePointer<cups_dest_t>?
    let count = ccups_cupsGetDests2(http, &dests)
    defer { ccups_cupsFreeDests(count, dests) }
    var out: [QueueStatus] = []
    for i in 0..<Int(count) {
      let name = String(cString: dests![i].name)
      if let s = status(http, queue: name) { out.append(s) }
    }
    return .success(out)
  }

  /// Sends a PDF to `queue` (the default destination when empty) and follows the job to its end.
  public func printPDF(_ pdf: Data, queue: String, title: String) -> PrintOutcome {
    submit(pdf, queue: queue, title: title, follow: true)
  }

  /// Sends a PDF and, unless `follow` is false, follows the job to its end; without following, a
  /// job accepted by cupsd is reported as `held` with its id.
  public func submit(_ pdf: Data, queue: String, title: String, follow: Bool = false) -> PrintOutcome {
    guard let http = connect() else {
      return PrintOutcome(state: .serverDown, jobID: nil, queue: queue, message: Printer.serverDown)
    }
    defer { ccups_httpClose(http) }
    guard let name = resolveQueue(http, queue) else {
      if ccups_cupsLastError() == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE
        || ccups_cupsLastError() == IPP_STATUS_ERROR_INTERNAL
      {
        return PrintOutcome(state: .serverDown, jobID: nil, queue: queue, message: Printer.serverDown)
      }
      let message =
        queue.isEmpty
        ? Printer.noQueue
        : tr("Printer '{1}' was not found", .same("\(queue)"))
      return PrintOutcome(state: .noPrinter, jobID: nil, queue: queue, message: message)
    }
    guard let before = status(http, queue: name) else {
      return PrintOutcome(state: .serverDown, jobID: nil, queue: name, message: Printer.serverDown)
    }
    if let trouble = before.trouble {
      return PrintOutcome(state: .printerNotReady, jobID: nil, queue: name, message: trouble)
    }
    // Create-Job, then Send-Document from an in-memory file, as plain IPP on this connection.
    // (libcups' helpers build printer URIs from the default server's port, or keep a restarted
    // server's old destination: a private or restarted cupsd then "does not exist".)
    let uri = Printer.printerURI(name)
    let create = ccups_ippNewRequest(IPP_OP_CREATE_JOB)
    ccups_ippAddString(create, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, uri)
    ccups_ippAddString(create, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nil, ccups_cupsUser())
    ccups_ippAddString(create, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nil, title)
    guard let created = ccups_cupsDoRequest(http, create, "/printers/" + name) else {
      return PrintOutcome(state: .serverDown, jobID: nil, queue: name, message: Printer.serverDown)
    }
    let jobID = Int(ccups_ippGetInteger(ccups_ippFindAttribute(created, "job-id", IPP_TAG_INTEGER), 0))
    let createStatus = ccups_ippGetStatusCode(created)
    ccups_ippDelete(created)
    guard createStatus.rawValue <= IPP_STATUS_OK_CONFLICTING.rawValue, jobID > 0 else {
      var o = PrintOutcome(state: .failed, jobID: nil, queue: name, message: Printer.failed)
      o.detail = String(cString: ccups_cupsLastErrorString())
      return o
    }
    let fd = ccups_memfd("bhumiseba-job")
    defer { if fd >= 0 { close(fd) } }
    let written = pdf.withUnsafeBytes { raw in raw.count == 0 ? 0 : write(fd, raw.baseAddress, raw.count) }
    lseek(fd, 0, SEEK_SET)
    let send = ccups_ippNewRequest(IPP_OP_SEND_DOCUMENT)
    ccups_ippAddString(send, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, uri)
    ccups_ippAddInteger(send, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", Int32(jobID))
    ccups_ippAddString(send, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nil, ccups_cupsUser())
    ccups_ippAddString(send, IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nil, "application/pdf")
    ccups_ippAddBoolean(send, IPP_TAG_OPERATION, "last-document", 1)
    let sentResponse =
      fd >= 0 && written == pdf.count ? ccups_cupsDoIORequest(http, send, "/printers/" + name, fd, -1) : nil
    let sent = sentResponse.map { ccups_ippGetStatusCode($0).rawValue <= IPP_STATUS_OK_CONFLICTING.rawValue } ?? false
    ccups_ippDelete(sentResponse)
    guard sent else {
      var o = PrintOutcome(state: .failed, jobID: jobID, queue: name, message: Printer.failed)
      o.detail = String(cString: ccups_cupsLastErrorString())
      return o
    }
    if !follow {
      return PrintOutcome(
        state: .held, jobID: jobID, queue: name, message: tr("Sent to the printer")
      )
    }
    return self.follow(http, queue: name, jobID: jobID)
  }

  /// Polls the job until it is completed, cancelled or aborted, or the timeout passes.
  func follow(_ http: OpaquePointer, queue: String, jobID: Int) -> PrintOutcome {
    let deadline = Date().addingTimeInterval(timeoutSeconds)
    var lastReasons: [String] = []
    var lastState = 0
    while Date() < deadline {
      let request = ccups_ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES)
      ccups_ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, Printer.printerURI(queue))
      ccups_ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", Int32(jobID))
      guard let response = ccups_cupsDoRequest(http, request, "/") else {
        return PrintOutcome(state: .serverDown, jobID: jobID, queue: queue, message: Printer.serverDown)
      }
      lastState = Int(ccups_ippGetInteger(ccups_ippFindAttribute(response, "job-state", IPP_TAG_ENUM), 0))
      lastReasons =
        Printer.strings(response, "job-state-reasons") + Printer.strings(response, "job-printer-state-reasons")
        + Printer.messageReasons(Printer.strings(response, "job-printer-state-message").first ?? "")
      ccups_ippDelete(response)
      switch lastState {
      case 9: return PrintOutcome(state: .completed, jobID: jobID, queue: queue, message: Printer.printed)
      case 7, 8:
        let printerReasons = status(http, queue: queue)?.reasons ?? []
        return PrintOutcome(
          state: .failed, jobID: jobID, queue: queue,
          message: Printer.words(for: printerReasons + lastReasons, fallback: Printer.failed))
      case 4, 6:
        let printer = status(http, queue: queue)
        return PrintOutcome(
          state: .held, jobID: jobID, queue: queue,
          message: Printer.words(for: (printer?.reasons ?? []) + lastReasons, fallback: Printer.stopped))
      default: usleep(50_000)
      }
    }
    let printer = status(http, queue: queue)
    // A slip or receipt that comes out minutes later belongs to nobody: cancel it. The document is
    // kept by the caller as "not printed", to reprint on purpose.
    let cancel = ccups_ippNewRequest(IPP_OP_CANCEL_JOB)
    ccups_ippAddString(cancel, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, Printer.printerURI(queue))
    ccups_ippAddInteger(cancel, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", Int32(jobID))
    ccups_ippAddString(cancel, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nil, ccups_cupsUser())
    ccups_ippDelete(ccups_cupsDoRequest(http, cancel, "/jobs/"))
    return PrintOutcome(
      state: .timedOut, jobID: jobID, queue: queue,
      message: Printer.words(for: (printer?.reasons ?? []) + lastReasons, fallback: Printer.noAnswer))
  }
}

public struct PrintOutcomeError: Error, Sendable {
  public let state: PrintState
  public let message: BilingualText
}
