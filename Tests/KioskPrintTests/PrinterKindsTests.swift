import Foundation
import KioskCore
import Testing

@testable import KioskPrint

extension PrivateCups {
  /// The thermal stand-in's state for DLE EOT (scripts/escpos-printer.py); nil: ready.
  func thermalStatus(_ word: String?) throws {
    let path = dir + "/thermal/status"
    if let word {
      try word.write(toFile: path, atomically: true, encoding: .utf8)
    } else {
      try? FileManager.default.removeItem(atPath: path)
    }
  }

  /// The office printer's next job: how long it takes and what it reports meanwhile
  /// (scripts/ippeve-job.sh).
  func officeJob(seconds: Int, states: [String] = [], after: [String] = []) throws {
    try "\(seconds)\n".write(toFile: dir + "/ippeve/seconds", atomically: true, encoding: .utf8)
    try states.joined(separator: "\n").write(toFile: dir + "/ippeve/states", atomically: true, encoding: .utf8)
    try after.joined(separator: "\n").write(toFile: dir + "/ippeve/after", atomically: true, encoding: .utf8)
  }

  func thermalFiles(_ suffix: String) -> Set<String> {
    Set(
      ((try? FileManager.default.contentsOfDirectory(atPath: dir + "/thermal")) ?? []).filter { $0.hasSuffix(suffix) })
  }

  func pid(_ name: String) throws -> pid_t {
    let text = try String(contentsOfFile: dir + "/" + name + ".pid", encoding: .utf8)
    return try #require(pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)))
  }
}

func zbar(_ png: String) throws -> String {
  try run("/usr/bin/zbarimg", ["-q", "--raw", png]).trimmingCharacters(in: .whitespacesAndNewlines)
}

/// ESC/POS thermal printers, the driverless office printer (ippeveprinter) and a print server
/// that stops answering, against the private cupsd of scripts/private-cupsd.sh.
@Suite(.serialized) struct PrinterKindsTests {
  let cups = PrivateCups.shared
  var printer: Printer { Printer(server: cups.server, timeoutSeconds: 10) }

  @Test func encoderSendsBandsOfRasterThenCuts() {
    let image = Bitmap(width: 576, height: 600, bits: [UInt8](repeating: 0xAA, count: 72 * 600))
    let bytes = [UInt8](EscPos.encode(image))
    #expect(Array(bytes.prefix(2)) == [0x1B, 0x40])
    // Three bands: 256, 256 and 88 lines of 72 bytes.
    #expect(Array(bytes[2..<10]) == [0x1D, 0x76, 0x30, 0x00, 72, 0, 0, 1])
    let second = 10 + 72 * 256
    #expect(Array(bytes[second..<(second + 8)]) == [0x1D, 0x76, 0x30, 0x00, 72, 0, 0, 1])
    let third = second + 8 + 72 * 256
    #expect(Array(bytes[third..<(third + 8)]) == [0x1D, 0x76, 0x30, 0x00, 72, 0, 88, 0])
    #expect(Array(bytes.suffix(4)) == [0x1D, 0x56, 0x42, 0x00])
    #expect(bytes.count == 2 + 3 * 8 + 72 * 600 + 3 + 4)
  }

  @Test func queueKindAndSocketAddress() {
    #expect(PrinterKind.from(info: "Thermal 80 mm [bhumiseba:thermal80]") == .thermal80)
    #expect(PrinterKind.from(info: "Office") == nil)
    let plain = EscPos.socketAddress(deviceURI: "socket://10.0.0.5")
    #expect(plain?.host == "10.0.0.5" && plain?.port == 9100)
    let withPort = EscPos.socketAddress(deviceURI: "socket://127.0.0.1:4000?waiteof=false")
    #expect(withPort?.host == "127.0.0.1" && withPort?.port == 4000)
    #expect(EscPos.socketAddress(deviceURI: "ipp://x/ipp/print") == nil)
  }

  /// The slip goes to the thermal queue as ESC/POS raster 576 dots wide; the stand-in decodes it
  /// to a PNG whose QR code says what the PDF's says, and Bengali is drawn, not left to the printer.
  @Test(arguments: [("escpos", 576), ("thermal58", 384)])
  func slipAsEscPosRasterOnTheStandIn(queue: String, dots: Int) throws {
    if queue == "thermal58" {
      // The same stand-in, set up as a 58 mm printer (what `kioskctl printers add` does).
      let port = ProcessInfo.processInfo.environment["BHUMISEBA_TEST_THERMAL_PORT"] ?? thermalPort()
      try cups.admin(
        "lpadmin",
        [
          "-p", queue, "-v", "socket://127.0.0.1:\(port)", "-D", "58 mm \(PrinterKind.thermal58.tag)", "-E", "-o",
          "printer-error-policy=abort-job",
        ])
    }
    defer { if queue == "thermal58" { try? cups.admin("lpadmin", ["-x", queue]) } }
    let before = cups.thermalFiles(".png")
    let slip = sampleSlip()
    // Laid out for the queue's roll: 58 mm for the 58 mm printer, so its words are not the 80 mm
    // layout shrunk (a narrower page whose words wrap sooner: longer, at the same 384 dots).
    let paper = printer.rollPaper(forQueue: queue)
    let pdf = Documents.acknowledgementSlip(slip, paper: paper)
    if queue == "thermal58" {
      let shrunk = try EscPos.raster(pdf: Documents.acknowledgementSlip(slip, paper: .roll80), dots: dots)
      let laidOut = try EscPos.raster(pdf: pdf, dots: dots)
      #expect(laidOut.height > shrunk.height * 11 / 10, "58 mm layout \(laidOut.height), 80 mm shrunk \(shrunk.height)")
    } else {
      let same = try EscPos.raster(pdf: Documents.acknowledgementSlip(slip, paper: .roll80), dots: dots)
      #expect(try EscPos.raster(pdf: pdf, dots: dots).height == same.height, "80 mm stays 80 mm")
    }
    let outcome = printer.printPDF(pdf, queue: queue, title: "slip")
    #expect(outcome.succeeded, "\(outcome)")
    var after = cups.thermalFiles(".png")
    for _ in 0..<60 where after.count == before.count {
      usleep(50_000)
      after = cups.thermalFiles(".png")
    }
    let png = cups.dir + "/thermal/" + (try #require(after.subtracting(before).first))
    let commands = try String(contentsOfFile: png.replacingOccurrences(of: ".png", with: ".txt"), encoding: .utf8)
    // The escpos queue's filter asks DLE EOT 1, 2 and 4 first (the 58 mm queue here is raw).
    let asked = queue == "escpos" ? "DLE EOT 1\nDLE EOT 2\nDLE EOT 4\n" : ""
    #expect(commands.hasPrefix(asked + "ESC @\nGS v 0 \(dots / 8)x256\n"), "\(commands)")
    #expect(commands.hasSuffix("GS V 66 0\n"))
    let info = try run("/usr/bin/file", [png])
    #expect(info.contains("\(dots) x"), "\(info)")
    // The QR in what the printer printed, and in the PDF (as pdftoppm draws it): the same code.
    let printed = try zbar(png)
    let pdfPath = FileManager.default.temporaryDirectory.appendingPathComponent("bhumiseba-\(UUID()).pdf").path
    try pdf.write(to: URL(fileURLWithPath: pdfPath))
    defer {
      try? FileManager.default.removeItem(atPath: pdfPath)
      try? FileManager.default.removeItem(atPath: pdfPath + ".png")
    }
    _ = try run("/usr/bin/pdftoppm", ["-r", "200", "-png", "-singlefile", pdfPath, pdfPath])
    #expect(printed == slip.code.qrPayload)
    #expect(try zbar(pdfPath + ".png") == printed)
  }

  /// DLE EOT: paper out or the cover open is said before anything is sent; paper near its end
  /// prints and says so.
  @Test(arguments: [
    ("paper-out", "The printer is out of paper"), ("cover-open", "The printer's cover is open"),
  ])
  func thermalStatusIsSaidBeforeSending(status: String, words: String) throws {
    try cups.thermalStatus(status)
    defer { try? cups.thermalStatus(nil) }
    let before = cups.thermalFiles(".bin")
    let outcome = printer.printPDF(Documents.acknowledgementSlip(sampleSlip()), queue: "escpos", title: "slip")
    #expect(outcome.state == .printerNotReady && outcome.jobID == nil, "\(outcome)")
    #expect(outcome.message.en == words)
    #expect(!outcome.message.bn.isEmpty && outcome.message.bn != words)
    usleep(300_000)
    #expect(cups.thermalFiles(".bin") == before, "nothing was sent")
  }

  @Test func thermalPaperNearEndPrintsWithANotice() throws {
    try cups.thermalStatus("paper-near-end")
    defer { try? cups.thermalStatus(nil) }
    let outcome = printer.printPDF(Documents.moneyReceipt(sampleReceipt(), paper: .roll80), queue: "escpos", title: "r")
    #expect(outcome.succeeded, "\(outcome)")
    #expect(outcome.notice?.en == "The printer's paper is running low")
  }

  /// A thermal printer the kiosk cannot ask itself (USB: CUPS's usb backend holds it; here the
  /// `escposusb` queue, usb://, whose backend is CUPS's socket backend to the stand-in): the
  /// queue's filter asks DLE EOT through the back channel at the job's start. Paper out or the
  /// cover open: said in words, nothing reaches the printer, and the job is not left stopped in
  /// cupsd (where it could be restarted and print after all); `kioskctl printers` says it too.
  /// Mended, the next job prints and the reason is gone.
  @Test(arguments: [
    ("paper-out", "The printer is out of paper"), ("cover-open", "The printer's cover is open"),
  ])
  func usbThermalStatusFromTheFilterStopsTheJob(status: String, words: String) throws {
    try cups.thermalStatus(status)
    defer { try? cups.thermalStatus(nil) }
    let before = cups.thermalFiles(".bin")
    let outcome = printer.printPDF(Documents.acknowledgementSlip(sampleSlip()), queue: "escposusb", title: "slip")
    #expect(outcome.state == .printerNotReady && outcome.jobID != nil, "\(outcome)")
    #expect(outcome.message.en == words, "\(outcome)")
    #expect(!outcome.message.bn.isEmpty && outcome.message.bn != words)
    usleep(300_000)
    #expect(cups.thermalFiles(".bin") == before, "no raster reached the printer")
    let left = try run("/usr/bin/lpstat", ["-h", cups.server, "-o", "escposusb"])
    #expect(left.isEmpty, "no stopped job left to restart: \(left)")
    #expect(try printer.queueStatus("escposusb").get().warning?.en == words)
    try cups.thermalStatus(nil)
    let again = printer.printPDF(Documents.acknowledgementSlip(sampleSlip()), queue: "escposusb", title: "slip")
    #expect(again.succeeded && again.notice == nil, "\(again)")
    #expect(try printer.queueStatus("escposusb").get().warning == nil)
  }

  /// Paper near its end on a printer only the filter can ask: printed, and the notice said.
  @Test func usbThermalPaperNearEndPrintsWithANotice() throws {
    try cups.thermalStatus("paper-near-end")
    defer { try? cups.thermalStatus(nil) }
    let before = cups.thermalFiles(".png")
    let outcome = printer.printPDF(
      Documents.moneyReceipt(sampleReceipt(), paper: .roll80), queue: "escposusb", title: "r")
    #expect(outcome.succeeded, "\(outcome)")
    #expect(outcome.notice?.en == "The printer's paper is running low", "\(outcome)")
    #expect(outcome.notice?.bn.isEmpty == false)
    let png = try #require(newFile(".png", since: before))
    let commands = try String(contentsOfFile: png.replacingOccurrences(of: ".png", with: ".txt"), encoding: .utf8)
    #expect(commands.hasPrefix("DLE EOT 1\nDLE EOT 2\nDLE EOT 4\nESC @\nGS v 0 72x256\n"), "\(commands)")
    #expect(try printer.queueStatus("escposusb").get().warning?.en == "The printer's paper is running low")
  }

  /// A printer that does not answer DLE EOT: after the filter's deadline the job goes as it is,
  /// printed, with no alarm.
  @Test func usbThermalPrinterWithoutStatusStillPrints() throws {
    try cups.thermalStatus("silent")
    defer { try? cups.thermalStatus(nil) }
    let before = cups.thermalFiles(".png")
    let started = Date()
    let outcome = printer.printPDF(Documents.acknowledgementSlip(sampleSlip()), queue: "escposusb", title: "slip")
    let took = Date().timeIntervalSince(started)
    #expect(outcome.succeeded && outcome.notice == nil, "\(outcome)")
    #expect(newFile(".png", since: before) != nil, "the raster reached the printer")
    #expect(try printer.queueStatus("escposusb").get().warning == nil)
    print("thermal printer without DLE EOT on usb://: printed after \(took) s")
  }

  /// A network thermal printer without real-time status: the kiosk's own question (before the
  /// job) heard nothing, so the queue's filter is told not to ask again (bhumiseba-dle-eot=no)
  /// and the job goes without a second deadline; the printer gets no status question in it.
  @Test func socketThermalPrinterWithoutStatusIsAskedOnce() throws {
    try cups.thermalStatus("silent")
    defer { try? cups.thermalStatus(nil) }
    let before = cups.thermalFiles(".png")
    let started = Date()
    let outcome = printer.printPDF(Documents.acknowledgementSlip(sampleSlip()), queue: "escpos", title: "slip")
    let took = Date().timeIntervalSince(started)
    #expect(outcome.succeeded && outcome.notice == nil, "\(outcome)")
    let png = try #require(newFile(".png", since: before))
    let commands = try String(contentsOfFile: png.replacingOccurrences(of: ".png", with: ".txt"), encoding: .utf8)
    #expect(commands.hasPrefix("ESC @\n"), "the filter did not ask again: \(commands)")
    print("thermal printer without DLE EOT on socket://: printed after \(took) s")
  }

  /// The stand-in's file of the next job with `suffix` (it writes them once the connection ends).
  func newFile(_ suffix: String, since before: Set<String>) -> String? {
    for _ in 0..<60 {
      if let name = cups.thermalFiles(suffix).subtracting(before).first { return cups.dir + "/thermal/" + name }
      usleep(50_000)
    }
    return nil
  }

  /// CUPS's own IPP Everywhere printer takes longer than the old 20 s timeout to print a job it
  /// has whole: the job is followed to its end and reported printed, not cancelled.
  @Test func slowIppEverywhereJobIsReportedPrinted() throws {
    try cups.officeJob(seconds: 26)
    defer { try? cups.officeJob(seconds: 1) }
    let started = Date()
    let heard = Heard()
    let outcome = Printer(server: cups.server, timeoutSeconds: 20).printPDF(
      Documents.moneyReceipt(sampleReceipt(), paper: .a4), queue: "office", title: "receipt",
      progress: { heard.add($0) })
    let took = Date().timeIntervalSince(started)
    #expect(outcome.state == .completed, "\(outcome) after \(took) s")
    #expect(took > 22, "the job really was slower than the timeout: \(took) s")
    #expect(heard.words.contains(Printer.printing))
  }

  /// The office printer's states while it holds a job (set by its firmware: scripts/ippeve-job.sh)
  /// reach the outcome in words.
  @Test(arguments: [
    ("media-empty-error", "The printer is out of paper"), ("media-jam-error", "Paper is jammed in the printer"),
    ("cover-open-error", "The printer's cover is open"),
  ])
  func ippEverywhereStatesInWords(state: String, words: String) throws {
    try cups.officeJob(seconds: 8, states: [state])
    defer { try? cups.officeJob(seconds: 1) }
    let outcome = Printer(server: cups.server, timeoutSeconds: 3).printPDF(
      Documents.acknowledgementSlip(sampleSlip()), queue: "office", title: "slip")
    #expect(!outcome.succeeded)
    #expect(outcome.message.en == words, "\(outcome)")
    // Mended: once the printer says so, the next job prints.
    try cups.officeJob(seconds: 1)
    #expect(waitUntilOfficeIsClear())
    let again = Printer(server: cups.server, timeoutSeconds: 20).printPDF(
      Documents.acknowledgementSlip(sampleSlip()), queue: "office", title: "slip")
    #expect(again.succeeded, "\(again)")
  }

  /// The office printer's own state while idle, set through ippeveprinter's web forms (/media,
  /// /supplies) as a person at the printer would: cupsd hears it only during a job, so the kiosk
  /// asks the printer. Toner low is said with the queue and with a job that prints; paper out
  /// stops the next job before it is sent, and paper put in lets it print.
  @Test func ippEverywhereIdleStatesInWords() throws {
    let pdf = Documents.acknowledgementSlip(sampleSlip())
    try cups.officeJob(seconds: 1)
    try officeForm("supplies?supply0=25&supply1=3")
    defer { try? officeForm("supplies?supply0=25&supply1=75") }
    let status = try printer.queueStatus("office").get()
    #expect(status.warning?.en == "The printer's toner is low", "\(status)")
    let low = printer.printPDF(pdf, queue: "office", title: "slip")
    #expect(low.succeeded && low.notice?.en == "The printer's toner is low", "\(low)")
    try officeForm("media?size1=iso_a4_210x297mm&type1=stationery&level1=0&size3=&type3=&level3=-2")
    defer { try? officeForm("media?size1=iso_a4_210x297mm&type1=stationery&level1=250&size3=&type3=&level3=-2") }
    let empty = printer.printPDF(pdf, queue: "office", title: "slip")
    #expect(empty.state == .printerNotReady && empty.jobID == nil, "\(empty)")
    #expect(empty.message.en == "The printer is out of paper" && empty.message.bn == "প্রিন্টারে কাগজ শেষ")
    #expect(try printer.queueStatus("office").get().warning?.en == "The printer is out of paper")
    try officeForm("media?size1=iso_a4_210x297mm&type1=stationery&level1=250&size3=&type3=&level3=-2")
    try officeForm("supplies?supply0=25&supply1=75")
    #expect(waitUntilOfficeIsClear())
    #expect(printer.printPDF(pdf, queue: "office", title: "slip").succeeded)
  }

  /// A GET of ippeveprinter's web form (its forms are GET forms).
  func officeForm(_ pathAndQuery: String) throws {
    let device = try printer.queueStatus("office").get().deviceURI
    let base = device.replacingOccurrences(of: "ipp://", with: "http://").replacingOccurrences(
      of: "/ipp/print", with: "/")
    _ = try run(
      "/usr/bin/python3",
      ["-c", "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5).read()", base + pathAndQuery])
  }

  /// A network thermal printer that goes silent (its process stopped: the kernel still takes the
  /// connection and the bytes, nothing answers or prints): the job makes no progress, and within
  /// the no-progress timeout it is reported in words as not printed. The printer back, the next
  /// slip prints.
  @Test func aThermalPrinterGoneSilentIsReportedNotPrinted() throws {
    let own = try PrivateCups.start()
    defer { try? own.stop() }
    let listener = try own.pid("listener")
    let p = Printer(server: own.server, timeoutSeconds: 4, requestSeconds: 3)
    let slip = Documents.acknowledgementSlip(sampleSlip())
    #expect(p.printPDF(slip, queue: "escpos", title: "slip").succeeded, "the stand-in prints before")
    kill(listener, SIGSTOP)
    var resumed = false
    defer { if !resumed { kill(listener, SIGCONT) } }
    let started = Date()
    let outcome = p.printPDF(slip, queue: "escpos", title: "slip")
    let took = Date().timeIntervalSince(started)
    #expect(!outcome.succeeded, "\(outcome)")
    #expect(outcome.state == .timedOut || outcome.state == .printerNotReady, "\(outcome)")
    #expect(!outcome.message.en.isEmpty && !outcome.message.bn.isEmpty && outcome.message.bn != outcome.message.en)
    #expect(took < 15, "said within the timeout and the status question's deadline: \(took) s")
    kill(listener, SIGCONT)
    resumed = true
    var again = p.printPDF(slip, queue: "escpos", title: "slip")
    for _ in 0..<10 where !again.succeeded {
      usleep(500_000)
      again = p.printPDF(slip, queue: "escpos", title: "slip")
    }
    #expect(again.succeeded, "\(again)")
    print("thermal printer gone silent: \(outcome.state.rawValue) \"\(outcome.message.en)\" after \(took) s")
  }

  /// cupsd stopped with SIGSTOP still takes connections (the kernel's backlog) and never answers:
  /// every request has a deadline, and the outcome says the print service is not answering.
  @Test func stoppedCupsdIsNotAnsweringWithinTheDeadline() throws {
    let own = try PrivateCups.start()
    defer { try? own.stop() }
    let pid = try own.pid("cupsd")
    kill(pid, SIGSTOP)
    defer { kill(pid, SIGCONT) }
    let p = Printer(server: own.server, timeoutSeconds: 20, requestSeconds: 3)
    var started = Date()
    let outcome = p.printPDF(Documents.acknowledgementSlip(sampleSlip()), queue: "capture", title: "slip")
    var took = Date().timeIntervalSince(started)
    #expect(outcome.state == .noAnswer, "\(outcome)")
    #expect(outcome.message.en == "The print service is not answering" && !outcome.message.bn.isEmpty)
    #expect(took < 12, "\(took) s")
    started = Date()
    let status = p.queueStatus("capture")
    took = Date().timeIntervalSince(started)
    if case .failure(let e) = status { #expect(e.state == .noAnswer) } else { Issue.record("\(status)") }
    #expect(took < 12, "\(took) s")
  }

  /// Until the office printer itself reports nothing (at most 30 s).
  func waitUntilOfficeIsClear() -> Bool {
    guard case .success(let q) = printer.queueStatus("office") else { return false }
    for _ in 0..<150 {
      if printer.deviceReasons(q.deviceURI)?.isEmpty == true { return true }
      usleep(200_000)
    }
    return false
  }

  func thermalPort() -> String {
    let env = (try? String(contentsOfFile: cups.dir + "/conf/printers.conf", encoding: .utf8)) ?? ""
    let line = env.split(separator: "\n").first { $0.contains("DeviceURI socket://") } ?? ""
    return String(line.split(separator: ":").last ?? "")
  }
}

/// What a print's progress said, from another thread.
final class Heard: @unchecked Sendable {
  private let lock = NSLock()
  private var said: [BilingualText] = []
  func add(_ w: BilingualText) { lock.withLock { said.append(w) } }
  var words: [BilingualText] { lock.withLock { said } }
}
