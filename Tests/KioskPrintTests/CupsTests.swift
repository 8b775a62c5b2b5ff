import Foundation
import KioskCore
import Testing

@testable import KioskPrint

/// A private cupsd from scripts/private-cupsd.sh: the test command's (CUPS_SERVER and
/// BHUMISEBA_TEST_CUPS_DIR set), or one started here for a plain `swift test`.
final class PrivateCups: Sendable {
  let server: String
  let dir: String
  let ownsIt: Bool

  static let shared: PrivateCups = {
    let env = ProcessInfo.processInfo.environment
    if let server = env["CUPS_SERVER"], let dir = env["BHUMISEBA_TEST_CUPS_DIR"] {
      return PrivateCups(server: server, dir: dir, ownsIt: false)
    }
    return try! PrivateCups.start()
  }()

  init(server: String, dir: String, ownsIt: Bool) {
    self.server = server
    self.dir = dir
    self.ownsIt = ownsIt
  }

  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("scripts/private-cupsd.sh").path

  /// Starts a cupsd of its own in a new folder.
  static func start(in existing: String? = nil) throws -> PrivateCups {
    let dir = existing ?? "/tmp/kiosk-cups-\(UUID().uuidString.prefix(8))"
    // Through a file, not a pipe: cupsd and the listener live on and would hold a pipe open.
    let outFile = dir + ".env"
    try spawn("/bin/bash", ["-c", "bash \"$0\" start \"$1\" > \"$2\" 2>&1", script, dir, outFile])
    let out = (try? String(contentsOfFile: outFile, encoding: .utf8)) ?? ""
    try? FileManager.default.removeItem(atPath: outFile)
    let server = out.split(separator: "\n").first { $0.hasPrefix("CUPS_SERVER=") }.map { String($0.dropFirst(12)) }
    return PrivateCups(server: server ?? "", dir: dir, ownsIt: true)
  }

  func stop() throws { try spawn("/bin/bash", [PrivateCups.script, "stop", dir]) }

  func admin(_ tool: String, _ args: [String]) throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/sbin/" + tool)
    if !FileManager.default.fileExists(atPath: p.executableURL!.path) {
      p.executableURL = URL(fileURLWithPath: "/usr/bin/" + tool)
    }
    p.arguments = args
    p.environment = ["CUPS_SERVER": server, "PATH": "/usr/sbin:/usr/bin:/bin"]
    try p.run()
    p.waitUntilExit()
  }

  func fault(_ queue: String, _ word: String?) throws {
    let path = dir + "/capture/" + queue + ".fault"
    if let word {
      try word.write(toFile: path, atomically: true, encoding: .utf8)
    } else {
      try? FileManager.default.removeItem(atPath: path)
    }
  }

  func captured(_ queue: String, job: Int) -> Data? {
    FileManager.default.contents(atPath: dir + "/capture/\(queue)-\(job).bin")
  }

  func thermalJobs() -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir + "/thermal")) ?? []).filter { $0.hasSuffix(".bin") }
      .sorted()
  }
}

/// Runs a tool that may leave daemons behind, with posix_spawn and waitpid: Foundation's Process
/// lost the exit of a script whose daemons lived on, and waited forever.
func spawn(_ tool: String, _ args: [String]) throws {
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  for fd: Int32 in 0...2 {
    posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
  }
  let argv: [UnsafeMutablePointer<CChar>?] = ([tool] + args).map { strdup($0) } + [nil]
  defer { argv.forEach { free($0) } }
  var pid: pid_t = 0
  let rc = posix_spawn(&pid, tool, &actions, nil, argv, environ)
  guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
  var status: Int32 = 0
  while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
}

func sampleReceipt(reprint: Bool = false) -> MoneyReceipt {
  var r = MoneyReceipt(
    number: "DEMO-2026-000042", centre: BilingualText(bn: "ভূমি ভবন, তেজগাঁও", en: "Bhumi Bhaban, Tejgaon"),
    operatorName: "Nasrin Akter", citizenName: "মোছাম্মৎ রহিমা খাতুন",
    service: BilingualText(bn: "ই-নামজারি আবেদন", en: "e-Namjari application"), applicationNumber: "NJ-2026-7781",
    lines: [
      ReceiptLine(label: BilingualText(bn: "কেন্দ্রের সেবা ফি", en: "Centre's service fee"), amount: 300),
      ReceiptLine(label: BilingualText(bn: "অতিরিক্ত ৫ পৃষ্ঠা", en: "5 extra pages"), amount: 15),
    ], date: CivilDate(year: 2025, month: 1, day: 26)!, time: "11:05", verification: "DEMO-2026-000042|315|a1b2c3d4")
  r.reprint = reprint
  return r
}

@Suite(.serialized) struct CupsTests {
  let cups = PrivateCups.shared
  var printer: Printer { Printer(server: cups.server, timeoutSeconds: 10) }

  @Test func slipReachesTheQueueByteForByte() throws {
    let pdf = Documents.acknowledgementSlip(sampleSlip())
    let outcome = printer.printPDF(pdf, queue: "capture", title: "slip")
    #expect(outcome.state == .completed && outcome.message.en == "Printed")
    let job = try #require(outcome.jobID)
    #expect(cups.captured("capture", job: job) == pdf)
  }

  @Test func receiptOnTheSocketThermalPrinter() throws {
    let before = cups.thermalJobs()
    let pdf = Documents.moneyReceipt(sampleReceipt(), paper: .roll80)
    let outcome = printer.printPDF(pdf, queue: "thermal", title: "receipt")
    #expect(outcome.succeeded, "\(outcome)")
    var after = cups.thermalJobs()
    for _ in 0..<40 where after.count == before.count {
      usleep(50_000)
      after = cups.thermalJobs()
    }
    let new = try #require(Set(after).subtracting(before).first)
    let bytes = try #require(FileManager.default.contents(atPath: cups.dir + "/thermal/" + new))
    #expect(bytes == pdf)
    let text = try pdfText(bytes)
    #expect(text.contains("DEMO-2026-000042") && squeezed(text).contains(squeezed("Taka Three Hundred Fifteen only")))
  }

  @Test func disabledQueueIsNotReadyInWords() throws {
    try cups.admin("cupsdisable", ["a4"])
    defer { try? cups.admin("cupsenable", ["a4"]) }
    let outcome = printer.printPDF(Documents.acknowledgementSlip(sampleSlip()), queue: "a4", title: "x")
    #expect(outcome.state == .printerNotReady)
    #expect(outcome.message.bn == "প্রিন্টার বন্ধ আছে")
    if case .success(let s) = printer.queueStatus("a4") { #expect(s.state == 5) } else { Issue.record("status") }
  }

  @Test func rejectingQueueIsNotReadyInWords() throws {
    try cups.admin("cupsreject", ["a4"])
    defer { try? cups.admin("cupsaccept", ["a4"]) }
    let outcome = printer.printPDF(Documents.acknowledgementSlip(sampleSlip()), queue: "a4", title: "x")
    #expect(outcome.state == .printerNotReady && outcome.message.en == "The printer is not taking jobs now")
  }

  @Test(arguments: [
    ("jam", "Paper is jammed in the printer"), ("offline", "The printer is offline"),
    ("media-empty", "The printer is out of paper"), ("door-open", "The printer's cover is open"),
    ("fail", "Printing failed"),
  ])
  func backendFaultsAreSaidInWords(fault: String, words: String) throws {
    try cups.fault("capture", fault)
    defer { try? cups.fault("capture", nil) }
    let outcome = printer.printPDF(Documents.acknowledgementSlip(sampleSlip()), queue: "capture", title: "x")
    #expect(outcome.state == .failed, "\(outcome)")
    #expect(outcome.message.en == words, "\(outcome.message)")
    try cups.fault("capture", nil)
    // Then the printer is mended: printing again works.
    #expect(printer.printPDF(Documents.acknowledgementSlip(sampleSlip()), queue: "capture", title: "x").succeeded)
  }

  @Test func unreachableSocketPrinterTimesOutAndTheJobIsCancelled() throws {
    let port = 1 + Int.random(in: 20000...30000)
    try cups.admin(
      "lpadmin", ["-p", "deadsocket", "-v", "socket://127.0.0.1:\(port)", "-E", "-o", "printer-error-policy=abort-job"])
    defer { try? cups.admin("lpadmin", ["-x", "deadsocket"]) }
    let quick = Printer(server: cups.server, timeoutSeconds: 3)
    let outcome = quick.printPDF(Documents.acknowledgementSlip(sampleSlip()), queue: "deadsocket", title: "x")
    #expect(outcome.state == .timedOut || outcome.state == .failed, "\(outcome)")
    #expect(!outcome.succeeded)
    #expect(!outcome.message.bn.isEmpty)
  }

  @Test func unknownQueueAndNoServer() {
    #expect(printer.printPDF(Data(), queue: "nope", title: "x").state == .noPrinter)
    let down = Printer(server: "127.0.0.1:9", timeoutSeconds: 2).printPDF(Data(), queue: "capture", title: "x")
    #expect(down.state == .serverDown && down.message.bn == "প্রিন্ট সার্ভিস চলছে না")
  }

  /// cupsd goes away while a job is being printed, then comes back: the job is reported in words,
  /// and the reprint (marked as such on the paper) succeeds.
  @Test func cupsdStoppedMidJobThenRestored() async throws {
    let own = try PrivateCups.start()
    defer { try? own.stop() }
    try own.fault("capture", "hang")
    let p = Printer(server: own.server, timeoutSeconds: 20)
    let receipt = sampleReceipt()
    let task = Task.detached {
      p.printPDF(Documents.moneyReceipt(receipt, paper: .roll80), queue: "capture", title: "r")
    }
    try await Task.sleep(for: .milliseconds(800))
    try own.stop()
    let outcome = await task.value
    #expect(outcome.state == .serverDown, "\(outcome)")
    #expect(outcome.message.en == "The print service is not running")
    try own.fault("capture", nil)
    let restarted = try PrivateCups.start(in: own.dir)
    defer { try? restarted.stop() }
    var ready: Result<QueueStatus, PrintOutcomeError> = .failure(.init(state: .serverDown, message: Printer.serverDown))
    for _ in 0..<50 {
      ready = Printer(server: restarted.server).queueStatus("capture")
      if case .success = ready { break }
      try await Task.sleep(for: .milliseconds(100))
    }
    #expect((try? ready.get()) != nil, "cupsd is back: \(ready)")
    let again = Printer(server: restarted.server, timeoutSeconds: 20).printPDF(
      Documents.moneyReceipt(sampleReceipt(reprint: true), paper: .roll80), queue: "capture", title: "r")
    #expect(again.succeeded, "\(again) via \(restarted.server) in \(restarted.dir)")
    let job = try #require(again.jobID)
    let bytes = try #require(restarted.captured("capture", job: job))
    #expect(try pdfText(bytes).contains("REPRINT"))
  }

  @Test func listsQueues() throws {
    guard case .success(let queues) = printer.queues() else {
      Issue.record("queues")
      return
    }
    #expect(Set(queues.map(\.name)).isSuperset(of: ["capture", "a4", "thermal"]))
  }
}
