import CCups
import Foundation
import KioskCore

/// How a print ended, in terms the screen can say.
public enum PrintState: String, Sendable, Error {
  case completed
  /// The job is in CUPS but the printer is holding or retrying it.
  case held
  case failed
  case noPrinter = "no-printer"
  case printerNotReady = "printer-not-ready"
  case serverDown = "server-down"
  case timedOut = "timed-out"
  /// The print server took the connection but did not answer within the deadline (a stopped or
  /// hung cupsd): nothing is known to have printed.
  case noAnswer = "no-answer"
  /// The printer still reports that it is printing the job after the longest wait: it is not
  /// cancelled (it may yet come out), and the document counts as not printed, to reprint on purpose.
  case stillPrinting = "still-printing"
}

public struct PrintOutcome: Sendable, Equatable {
  public let state: PrintState
  public let jobID: Int?
  public let queue: String
  /// What to tell a person, in both languages.
  public let message: BilingualText
  /// What CUPS said, for staff and logs (no citizen data).
  public var detail = ""
  /// Worth saying even though the job printed (a thermal printer's paper running low).
  public var notice: BilingualText?
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
  /// printer-info (where `kioskctl printers add` writes the kind) and device-uri.
  public var info = ""
  public var deviceURI = ""

  public var kind: PrinterKind? { PrinterKind.from(info: info) }

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
    let bad = reasons.filter {
      $0.hasPrefix("offline") || $0.hasSuffix("-error") || $0.hasSuffix("-warning") || Printer.isTrouble($0)
        || $0.hasPrefix("toner-low") || $0.hasPrefix("marker-supply-low") || $0.hasPrefix("media-low")
    }
    return bad.isEmpty ? nil : Printer.words(for: bad, fallback: Printer.failed)
  }
}

/// A CUPS client on one explicit connection (libcups' `cupsSetServer` is per thread, and Swift
/// work hops threads). Blocking: call it off the UI thread.
public struct Printer: Sendable {
  /// `host:port`, or a socket path; empty for libcups' own choice (CUPS_SERVER, client.conf).
  public let server: String
  /// How long a job may make no progress before it counts as lost (the printer not responding).
  public let timeoutSeconds: Double
  /// The deadline of each request to cupsd (and of connecting to it).
  public let requestSeconds: Double
  /// The longest a job is followed while the printer says it is printing it.
  public let longestJobSeconds: Double

  public init(
    server: String, timeoutSeconds: Double = 20, requestSeconds: Double = 10, longestJobSeconds: Double = 600
  ) {
    self.server = server
    self.timeoutSeconds = timeoutSeconds
    self.requestSeconds = requestSeconds
    self.longestJobSeconds = longestJobSeconds
  }

  /// The printer as the centre's config sets it: its server, the time a job may make no progress,
  /// each request's deadline and the longest a printing job is followed (`[printing]`).
  public init(config c: KioskConfig) {
    self.init(
      server: c.cupsServer, timeoutSeconds: Double(c.jobTimeoutSeconds), requestSeconds: Double(c.printRequestSeconds),
      longestJobSeconds: Double(c.longestJobSeconds))
  }

  /// The roll a queue's documents are laid out for: 58 mm for a queue set up as a 58 mm thermal
  /// printer (`kioskctl printers add … --kind thermal58`), else 80 mm. A queue that cannot be asked
  /// gets 80 mm: printing to it then says what is wrong.
  /// Asked of cupsd alone (not the printer), within 3 s at most.
  public func rollPaper(forQueue queue: String) -> PaperSize {
    let quick = Printer(
      server: server, timeoutSeconds: timeoutSeconds, requestSeconds: min(requestSeconds, 3),
      longestJobSeconds: longestJobSeconds)
    guard let http = quick.connect() else { return .roll80 }
    defer { ccups_httpClose(http) }
    if case .success(let status) = quick.resolveQueue(http, queue).flatMap({ quick.lookup(http, queue: $0) }),
      status.kind == .thermal58
    {
      return .roll58
    }
    return .roll80
  }

  static let serverDown = tr("The print service is not running")
  static let noQueue = tr("No printer is set up")
  static let stopped = tr("The printer is stopped")
  static let notAccepting = tr("The printer is not taking jobs now")
  static let failed = tr("Printing failed")
  static let noAnswer = tr("The printer is not responding")
  static let printed = tr("Printed")
  static let notAnswering = tr("The print service is not answering")
  static let stillPrinting = tr("The printer is still printing: check the paper before printing again")
  public static let printing = tr("Printing…")

  /// printer-state-reasons in words; the first known reason wins.
  static func words(for reasons: [String], fallback: BilingualText) -> BilingualText {
    // What stops the printer before what only warns (toner low beside paper out).
    for r in reasons.filter(isTrouble) + reasons.filter({ !isTrouble($0) }) {
      let base = r.replacingOccurrences(of: "-error", with: "").replacingOccurrences(of: "-warning", with: "")
        .replacingOccurrences(of: "-report", with: "")
      switch base {
      case "media-empty", "media-needed": return tr("The printer is out of paper")
      case "media-jam": return tr("Paper is jammed in the printer")
      case "offline", "connecting-to-device":
        return tr("The printer is offline")
      case "cover-open", "door-open": return tr("The printer's cover is open")
      case "toner-empty", "marker-supply-empty": return tr("The printer is out of toner")
      case "toner-low", "marker-supply-low": return tr("The printer's toner is low")
      // A thermal queue's status filter (DLE EOT at the job's start): the roll is near its end.
      case "media-low": return tr("The printer's paper is running low")
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
    let msec = Int32(min(requestSeconds, 3) * 1000)
    let http = ccups_httpConnect2(host, port, nil, AF_UNSPEC, HTTP_ENCRYPTION_IF_REQUESTED, 1, msec, nil)
    ccups_httpSetTimeout(http, requestSeconds)
    return http
  }

  /// Why a request got no answer: a server that took too long is not answering; one that closed
  /// or refused the connection is not running.
  func failure(since start: Date) -> PrintState {
    Date().timeIntervalSince(start) >= requestSeconds * 0.9 ? .noAnswer : .serverDown
  }

  static func message(for state: PrintState) -> BilingualText {
    state == .noAnswer ? notAnswering : serverDown
  }

  /// One IPP request on this connection with its deadline: the response, or why there is none
  /// (`noAnswer` past the deadline, `serverDown` when the connection failed sooner).
  /// (libcups' cupsGetNamedDest and cupsGetDests are not used: when cupsd does not answer they
  /// open connections of their own with a 60 s timeout and then browse DNS-SD, minutes in all.)
  func request(_ http: OpaquePointer, _ request: OpaquePointer?, _ resource: String = "/") -> Result<
    OpaquePointer, PrintState
  > {
    let start = Date()
    guard let response = ccups_cupsDoRequest(http, request, resource) else { return .failure(failure(since: start)) }
    return .success(response)
  }

  /// The queue to use: `name`, or CUPS's default destination when empty.
  func resolveQueue(_ http: OpaquePointer, _ name: String) -> Result<String, PrintState> {
    if !name.isEmpty { return .success(name) }
    switch request(http, ccups_ippNewRequest(IPP_OP_CUPS_GET_DEFAULT)) {
    case .failure(let state): return .failure(state)
    case .success(let response):
      defer { ccups_ippDelete(response) }
      guard ccups_ippGetStatusCode(response).rawValue <= IPP_STATUS_OK_CONFLICTING.rawValue,
        let found = Printer.strings(response, "printer-name").first
      else { return .failure(.noPrinter) }
      return .success(found)
    }
  }

  static func printerURI(_ queue: String) -> String { "ipp://localhost/printers/" + queue }

  func status(_ http: OpaquePointer, queue: String) -> QueueStatus? {
    if case .success(let s) = lookup(http, queue: queue) { return s }
    return nil
  }

  /// A queue's state, or why it could not be had (`noPrinter`: cupsd has no such queue).
  func lookup(_ http: OpaquePointer, queue: String) -> Result<QueueStatus, PrintState> {
    let request = ccups_ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES)
    ccups_ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, Printer.printerURI(queue))
    let response: OpaquePointer
    switch self.request(http, request) {
    case .failure(let state): return .failure(state)
    case .success(let r): response = r
    }
    defer { ccups_ippDelete(response) }
    if ccups_ippGetStatusCode(response).rawValue > IPP_STATUS_OK_CONFLICTING.rawValue { return .failure(.noPrinter) }
    let state = Int(ccups_ippGetInteger(ccups_ippFindAttribute(response, "printer-state", IPP_TAG_ENUM), 0))
    let accepting =
      ccups_ippGetBoolean(ccups_ippFindAttribute(response, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN), 0) != 0
    return .success(
      QueueStatus(
        name: queue, state: state, accepting: accepting,
        reasons: Printer.strings(response, "printer-state-reasons").filter { $0 != "none" },
        message: Printer.strings(response, "printer-state-message").first ?? "",
        info: Printer.strings(response, "printer-info").first ?? "",
        deviceURI: Printer.strings(response, "device-uri").first ?? ""))
  }

  /// An IPP printer's own printer-state-reasons, asked directly (cupsd hears them only while it
  /// sends a job): toner low or paper out while idle. Nil when it does not answer within 2 s.
  public func deviceReasons(_ deviceURI: String) -> [String]? {
    let secure = deviceURI.hasPrefix("ipps://")
    guard secure || deviceURI.hasPrefix("ipp://") else { return nil }
    var rest = deviceURI.dropFirst(secure ? 7 : 6)
    let slash = rest.firstIndex(of: "/") ?? rest.endIndex
    var host = String(rest[..<slash])
    rest = rest[slash...]
    var port: Int32 = 631
    if let colon = host.lastIndex(of: ":"), !host.hasSuffix("]"), let p = Int32(host[host.index(after: colon)...]) {
      port = p
      host = String(host[..<colon])
    }
    host = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
    let encryption = secure ? HTTP_ENCRYPTION_ALWAYS : HTTP_ENCRYPTION_IF_REQUESTED
    guard let http = ccups_httpConnect2(host, port, nil, AF_UNSPEC, encryption, 1, 2000, nil) else { return nil }
    defer { ccups_httpClose(http) }
    ccups_httpSetTimeout(http, 2)
    let request = ccups_ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES)
    ccups_ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, deviceURI)
    guard let response = ccups_cupsDoRequest(http, request, rest.isEmpty ? "/" : String(rest)) else { return nil }
    defer { ccups_ippDelete(response) }
    guard ccups_ippGetStatusCode(response).rawValue <= IPP_STATUS_OK_CONFLICTING.rawValue else { return nil }
    return Printer.strings(response, "printer-state-reasons").filter { $0 != "none" }
  }

  func withDeviceReasons(_ s: QueueStatus) -> QueueStatus {
    guard let device = deviceReasons(s.deviceURI) else { return s }
    let added = device.filter { !s.reasons.contains($0) }
    if added.isEmpty { return s }
    var merged = QueueStatus(
      name: s.name, state: s.state, accepting: s.accepting, reasons: s.reasons + added, message: s.message)
    merged.info = s.info
    merged.deviceURI = s.deviceURI
    return merged
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
    switch resolveQueue(http, queue).flatMap({ lookup(http, queue: $0) }) {
    case .success(let s): return .success(withDeviceReasons(s))
    case .failure(let state) where state == .noAnswer || state == .serverDown:
      return .failure(.init(state: state, message: Printer.message(for: state)))
    case .failure: return .failure(.init(state: .noPrinter, message: Printer.noQueue))
    }
  }

  /// All queues on the server with their states.
  public func queues() -> Result<[QueueStatus], PrintOutcomeError> {
    guard let http = connect() else { return .failure(.init(state: .serverDown, message: Printer.serverDown)) }
    defer { ccups_httpClose(http) }
    let listing = ccups_ippNewRequest(IPP_OP_CUPS_GET_PRINTERS)
    ccups_ippAddString(listing, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", nil, "printer-name")
    var names: [String] = []
    switch request(http, listing) {
    case .failure(let state): return .failure(.init(state: state, message: Printer.message(for: state)))
    case .success(let response):
      var attr = ccups_ippFindAttribute(response, "printer-name", IPP_TAG_NAME)
      while let a = attr {
        if let s = ccups_ippGetString(a, 0, nil) { names.append(String(cString: s)) }
        attr = ccups_ippFindNextAttribute(response, "printer-name", IPP_TAG_NAME)
      }
      ccups_ippDelete(response)
    }
    var out: [QueueStatus] = []
    for name in names.sorted() {
      switch lookup(http, queue: name) {
      case .success(let s): out.append(withDeviceReasons(s))
      case .failure(let state) where state == .noAnswer || state == .serverDown:
        return .failure(.init(state: state, message: Printer.message(for: state)))
      case .failure: continue
      }
    }
    return .success(out)
  }

  /// Sends a PDF to `queue` (the default destination when empty) and follows the job to its end.
  /// `progress` hears what is happening in words ("Printing…"), off the UI thread.
  public func printPDF(
    _ pdf: Data, queue: String, title: String, progress: (@Sendable (BilingualText) -> Void)? = nil
  ) -> PrintOutcome {
    submit(pdf, queue: queue, title: title, follow: true, progress: progress)
  }

  /// Sends a PDF and, unless `follow` is false, follows the job to its end; without following, a
  /// job accepted by cupsd is reported as `held` with its id. A queue set up as a thermal printer
  /// (`PrinterKind`) gets the document as ESC/POS raster instead, after its real-time status.
  public func submit(
    _ pdf: Data, queue: String, title: String, follow: Bool = false,
    progress: (@Sendable (BilingualText) -> Void)? = nil
  ) -> PrintOutcome {
    guard let http = connect() else {
      return PrintOutcome(state: .serverDown, jobID: nil, queue: queue, message: Printer.serverDown)
    }
    defer { ccups_httpClose(http) }
    let before: QueueStatus
    switch resolveQueue(http, queue).flatMap({ lookup(http, queue: $0) }) {
    case .success(let s): before = s
    case .failure(let lost) where lost == .noAnswer || lost == .serverDown:
      return PrintOutcome(state: lost, jobID: nil, queue: queue, message: Printer.message(for: lost))
    case .failure:
      let message =
        queue.isEmpty
        ? Printer.noQueue
        : tr("Printer '{1}' was not found", .same("\(queue)"))
      return PrintOutcome(state: .noPrinter, jobID: nil, queue: queue, message: message)
    }
    let name = before.name
    if let trouble = before.trouble {
      return PrintOutcome(state: .printerNotReady, jobID: nil, queue: name, message: trouble)
    }
    var document = pdf
    var format = "application/pdf"
    var notice: BilingualText?
    var jobOptions: [(String, String)] = []
    // A network IPP printer is asked first: out of paper, jammed or open, the job would only wait.
    if let device = deviceReasons(before.deviceURI) {
      if let bad = device.first(where: Printer.isTrouble) {
        return PrintOutcome(
          state: .printerNotReady, jobID: nil, queue: name, message: Printer.words(for: [bad], fallback: Printer.failed)
        )
      }
      let low = device.filter { $0.hasPrefix("toner-low") || $0.hasPrefix("marker-supply-low") }
      if !low.isEmpty { notice = Printer.words(for: low, fallback: Printer.failed) }
    }
    if let dots = before.kind?.dots {
      // A thermal printer: ask it first (paper, cover), then send our own raster. The kiosk can
      // ask only a network printer (socket://), before a job is even queued; every thermal queue
      // set up by `kioskctl printers add` (USB too) is asked again by its CUPS filter at the
      // job's start (packaging/cups/bhumiseba-escpos-status.c), whose reasons `follow` reads.
      if let address = EscPos.socketAddress(deviceURI: before.deviceURI) {
        switch EscPos.askStatus(host: address.host, port: address.port) {
        case .status(let s):
          if let trouble = s.trouble {
            return PrintOutcome(state: .printerNotReady, jobID: nil, queue: name, message: trouble)
          }
          notice = s.warning
        case .unreachable:
          return PrintOutcome(state: .printerNotReady, jobID: nil, queue: name, message: tr("The printer is offline"))
        case .silent:
          // It did not answer us: the queue's filter need not wait for it again.
          jobOptions.append(("bhumiseba-dle-eot", "no"))
        }
      }
      do {
        document = try EscPos.job(pdf: pdf, dots: dots)
      } catch {
        var o = PrintOutcome(state: .failed, jobID: nil, queue: name, message: Printer.failed)
        o.detail = "\(error)"
        return o
      }
      format = "application/vnd.cups-raw"
    }
    var outcome = send(
      http, document, format: format, queue: name, title: title, options: jobOptions, follow: follow,
      progress: progress)
    outcome.notice = outcome.notice ?? notice
    return outcome
  }

  func send(
    _ http: OpaquePointer, _ document: Data, format: String, queue name: String, title: String,
    options: [(String, String)] = [], follow: Bool, progress: (@Sendable (BilingualText) -> Void)?
  ) -> PrintOutcome {
    // Create-Job, then Send-Document from an in-memory file, as plain IPP on this connection.
    // (libcups' helpers build printer URIs from the default server's port, or keep a restarted
    // server's old destination: a private or restarted cupsd then "does not exist".)
    let uri = Printer.printerURI(name)
    let create = ccups_ippNewRequest(IPP_OP_CREATE_JOB)
    ccups_ippAddString(create, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, uri)
    ccups_ippAddString(create, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nil, ccups_cupsUser())
    ccups_ippAddString(create, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nil, title)
    // Job options for the queue's filters (cupsd passes them in their options argument).
    for (key, value) in options { ccups_ippAddString(create, IPP_TAG_JOB, IPP_TAG_KEYWORD, key, nil, value) }
    var start = Date()
    guard let created = ccups_cupsDoRequest(http, create, "/printers/" + name) else {
      let lost = failure(since: start)
      return PrintOutcome(state: lost, jobID: nil, queue: name, message: Printer.message(for: lost))
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
    let written = document.withUnsafeBytes { raw in raw.count == 0 ? 0 : write(fd, raw.baseAddress, raw.count) }
    lseek(fd, 0, SEEK_SET)
    let send = ccups_ippNewRequest(IPP_OP_SEND_DOCUMENT)
    ccups_ippAddString(send, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, uri)
    ccups_ippAddInteger(send, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", Int32(jobID))
    ccups_ippAddString(send, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nil, ccups_cupsUser())
    ccups_ippAddString(send, IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nil, format)
    ccups_ippAddBoolean(send, IPP_TAG_OPERATION, "last-document", 1)
    start = Date()
    let sentResponse =
      fd >= 0 && written == document.count ? ccups_cupsDoIORequest(http, send, "/printers/" + name, fd, -1) : nil
    let sent = sentResponse.map { ccups_ippGetStatusCode($0).rawValue <= IPP_STATUS_OK_CONFLICTING.rawValue } ?? false
    ccups_ippDelete(sentResponse)
    guard sent else {
      let lost = sentResponse == nil ? failure(since: start) : .failed
      var o = PrintOutcome(
        state: lost == .serverDown ? .failed : lost, jobID: jobID, queue: name,
        message: lost == .noAnswer ? Printer.notAnswering : Printer.failed)
      o.detail = String(cString: ccups_cupsLastErrorString())
      return o
    }
    if !follow {
      return PrintOutcome(
        state: .held, jobID: jobID, queue: name, message: tr("Sent to the printer")
      )
    }
    progress?(Printer.printing)
    return self.follow(http, queue: name, jobID: jobID)
  }

  /// What changes while a job moves: any change is progress.
  struct Progress: Equatable {
    var state = 0
    var impressions = 0
    var sheets = 0
    var kOctets = 0
    var jobMessage = ""
    var jobReasons: [String] = []
    var printerReasons: [String] = []
  }

  /// Reasons that mean the job cannot move until a person or the network mends something.
  static func isTrouble(_ reason: String) -> Bool {
    let base = reason.replacingOccurrences(of: "-error", with: "").replacingOccurrences(of: "-warning", with: "")
      .replacingOccurrences(of: "-report", with: "")
    return [
      "offline", "connecting-to-device", "media-empty", "media-needed", "media-jam", "cover-open", "door-open",
      "paused", "timed-out", "toner-empty", "marker-supply-empty", "input-tray-missing",
    ].contains(base)
  }

  /// Polls the job until it is completed, cancelled or aborted. It is not responding only when
  /// nothing about it moves for `timeoutSeconds`: a printer that has taken the whole document
  /// and says it is printing it (cupsd's IPP backend then waits with
  /// `cups-waiting-for-job-completed`) is making progress, however slow.
  func follow(_ http: OpaquePointer, queue: String, jobID: Int) -> PrintOutcome {
    let began = Date()
    var lastMove = Date()
    var last = Progress()
    var printerReasons: [String] = []
    var lastReasons: [String] = []
    var rawSocket = false
    while true {
      let request = ccups_ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES)
      ccups_ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, Printer.printerURI(queue))
      ccups_ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", Int32(jobID))
      let start = Date()
      guard let response = ccups_cupsDoRequest(http, request, "/") else {
        let lost = failure(since: start)
        return PrintOutcome(state: lost, jobID: jobID, queue: queue, message: Printer.message(for: lost))
      }
      var now = Progress()
      now.state = Int(ccups_ippGetInteger(ccups_ippFindAttribute(response, "job-state", IPP_TAG_ENUM), 0))
      now.impressions = Int(
        ccups_ippGetInteger(ccups_ippFindAttribute(response, "job-impressions-completed", IPP_TAG_INTEGER), 0))
      now.sheets = Int(
        ccups_ippGetInteger(ccups_ippFindAttribute(response, "job-media-sheets-completed", IPP_TAG_INTEGER), 0))
      now.kOctets = Int(
        ccups_ippGetInteger(ccups_ippFindAttribute(response, "job-k-octets-processed", IPP_TAG_INTEGER), 0))
      now.jobMessage = Printer.strings(response, "job-printer-state-message").first ?? ""
      now.jobReasons = Printer.strings(response, "job-state-reasons")
      lastReasons =
        now.jobReasons + Printer.strings(response, "job-printer-state-reasons")
        + Printer.messageReasons(now.jobMessage)
      ccups_ippDelete(response)
      switch now.state {
      case 9:
        // Printed; a thermal queue's filter may have heard the roll is near its end on the way.
        var done = PrintOutcome(state: .completed, jobID: jobID, queue: queue, message: Printer.printed)
        let low = (status(http, queue: queue)?.reasons ?? []).filter { $0.hasPrefix("media-low") }
        if !low.isEmpty { done.notice = Printer.words(for: low, fallback: Printer.failed) }
        return done
      case 6:
        // Stopped by a filter that failed: a thermal queue's status filter that heard paper out
        // or the cover open sent nothing. A stopped job stays in cupsd and could be restarted
        // there, then print after the person was told it did not (and a reprint): cancel it.
        cancel(http, queue: queue, jobID: jobID)
        let printerReasons = status(http, queue: queue)?.reasons ?? []
        let all = printerReasons + lastReasons
        var o = PrintOutcome(
          state: all.contains(where: Printer.isTrouble) ? .printerNotReady : .failed, jobID: jobID, queue: queue,
          message: Printer.words(for: all, fallback: Printer.failed))
        o.detail = all.joined(separator: ",")
        return o
      case 7, 8:
        let printerReasons = status(http, queue: queue)?.reasons ?? []
        return PrintOutcome(
          state: .failed, jobID: jobID, queue: queue,
          message: Printer.words(for: printerReasons + lastReasons, fallback: Printer.failed))
      case 4:
        let printer = status(http, queue: queue)
        return PrintOutcome(
          state: .held, jobID: jobID, queue: queue,
          message: Printer.words(for: (printer?.reasons ?? []) + lastReasons, fallback: Printer.stopped))
      default: break
      }
      if now.state == 5 {
        // The queue's reasons: what the printer says while it works (or why it cannot).
        let sinceStart = Date()
        guard let printer = status(http, queue: queue) else {
          let lost = failure(since: sinceStart)
          return PrintOutcome(state: lost, jobID: jobID, queue: queue, message: Printer.message(for: lost))
        }
        printerReasons = printer.reasons
        now.printerReasons = printer.reasons
        rawSocket = printer.deviceURI.hasPrefix("socket:")
      }
      let troubled = (printerReasons + lastReasons).contains(where: Printer.isTrouble)
      // An IPP printer that has the document says it is printing it: progress. A raw socket
      // printer (a thermal printer on port 9100) only has to close the connection once it has the
      // bytes; one that does not is silent, not printing (cupsd's socket backend would give up
      // after 90 s and call the job completed, though nothing came out).
      let printing =
        now.state == 5 && printerReasons.contains("cups-waiting-for-job-completed") && !troubled && !rawSocket
      if now != last || printing { lastMove = Date() }
      last = now
      if Date().timeIntervalSince(began) > longestJobSeconds {
        // Still printing after the longest wait: do not cancel what may yet come out.
        var o = PrintOutcome(state: .stillPrinting, jobID: jobID, queue: queue, message: Printer.stillPrinting)
        o.detail = (printerReasons + lastReasons).joined(separator: ",")
        return o
      }
      if Date().timeIntervalSince(lastMove) > timeoutSeconds { break }
      usleep(now.state == 5 ? 200_000 : 50_000)
    }
    // No progress for the timeout: a slip or receipt that comes out minutes later belongs to
    // nobody, so cancel it. The document is kept by the caller as "not printed", to reprint on purpose.
    cancel(http, queue: queue, jobID: jobID)
    return PrintOutcome(
      state: .timedOut, jobID: jobID, queue: queue,
      message: Printer.words(for: printerReasons + lastReasons, fallback: Printer.noAnswer))
  }
}

extension Printer {
  func cancel(_ http: OpaquePointer, queue: String, jobID: Int) {
    let cancel = ccups_ippNewRequest(IPP_OP_CANCEL_JOB)
    ccups_ippAddString(cancel, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, Printer.printerURI(queue))
    ccups_ippAddInteger(cancel, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", Int32(jobID))
    ccups_ippAddString(cancel, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nil, ccups_cupsUser())
    ccups_ippDelete(ccups_cupsDoRequest(http, cancel, "/jobs/"))
  }
}

public struct PrintOutcomeError: Error, Sendable {
  public let state: PrintState
  public let message: BilingualText
}
