import ArgumentParser
import Foundation
import KioskCore
import KioskPrint

extension PrinterKind: ExpressibleByArgument {}

/// `kioskctl printers`: the queues in words; `add` sets one up in one command (driverless for an
/// IPP Everywhere office printer, a raw queue for an ESC/POS thermal printer); `test` prints the
/// page that shows alignment, Bengali text and a QR code.
struct PrintersCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "printers", abstract: "CUPS queues and their states; add and test a printer.",
    subcommands: [List.self, Add.self, Test.self], defaultSubcommand: List.self)

  /// A queue's state in words: trouble first, then what the printer last reported, then its state.
  static func words(_ q: QueueStatus) -> BilingualText {
    if let trouble = q.trouble { return trouble }
    if let warning = q.warning { return warning }
    return q.state == 4 ? Printer.printing : tr("Ready")
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Each queue's state in words.")
    @OptionGroup var common: Common

    func run() throws {
      let setup = try common.setup()
      let printer = Printer(server: setup.config.cupsServer, requestSeconds: 5)
      switch printer.queues() {
      case .failure(let e):
        FileHandle.standardError.write(Data("\(e.state.rawValue)\t\(e.message.bn) / \(e.message.en)\n".utf8))
        throw ExitCode(1)
      case .success(let queues):
        let text = queues.map { q -> String in
          let w = PrintersCommand.words(q)
          return
            "\(q.name)\t\(q.kind?.rawValue ?? "-")\t\(w.bn) / \(w.en)\tstate=\(q.state)\taccepting=\(q.accepting)\t\(q.reasons.joined(separator: ","))"
        }.joined(separator: "\n")
        try common.emit(
          text,
          queues.map {
            [
              "name": $0.name, "kind": $0.kind?.rawValue ?? "", "state": $0.state, "accepting": $0.accepting,
              "reasons": $0.reasons, "ready": $0.trouble == nil, "words_bn": PrintersCommand.words($0).bn,
              "words_en": PrintersCommand.words($0).en,
            ]
          })
      }
    }
  }

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add",
      abstract:
        "Sets up a queue with lpadmin: a4 (IPP Everywhere, driverless) or thermal80/thermal58 (ESC/POS, status filter).",
      discussion: """
        kioskctl printers add office ipp://192.0.2.10/ipp/print --kind a4
        kioskctl printers add slips socket://192.0.2.20:9100 --kind thermal80
        kioskctl printers add slips 'usb://EPSON/TM-T20III?serial=X5' --kind thermal80

        A thermal queue gets Bhumiseba's PPD (assets/cups/bhumiseba-thermal.ppd): its filter, \
        bhumiseba-escpos-status in CUPS's filter folder, asks the printer for paper and cover \
        (DLE EOT) at the start of each job.
        """)
    @OptionGroup var common: Common
    @Argument(help: "Queue name") var name: String
    @Argument(help: "Device URI: ipp://, ipps:// (a4), socket://host:9100 or usb://… (thermal)") var uri: String
    @Option(help: "a4, thermal80 or thermal58") var kind: PrinterKind

    func run() throws {
      let setup = try common.setup()
      var args: [String] = []
      if !setup.config.cupsServer.isEmpty { args += ["-h", setup.config.cupsServer] }
      args += ["-p", name, "-v", uri, "-D", "\(name) \(kind.tag)", "-E", "-o", "printer-error-policy=abort-job"]
      if kind == .a4 {
        guard uri.hasPrefix("ipp://") || uri.hasPrefix("ipps://") || uri.hasPrefix("dnssd://") else {
          throw ValidationError("an a4 office printer is added driverless: give its ipp:// or ipps:// URI")
        }
        args += ["-m", "everywhere"]
      } else {
        // Our PPD: no driver, one filter that asks the printer's real-time status (DLE EOT)
        // through the backend before the raster goes, for USB printers too.
        let ppd = setup.shareDirectory + "/assets/cups/bhumiseba-thermal.ppd"
        guard FileManager.default.fileExists(atPath: ppd) else { throw ValidationError("\(ppd) is missing") }
        args += ["-P", ppd]
      }
      let (status, output) = try lpadmin(args)
      guard status == 0 else { throw ValidationError("lpadmin failed: \(output)") }
      var text = "\(name)\t\(kind.rawValue)\t\(uri)\tadded"
      var object: [String: Any] = ["name": name, "kind": kind.rawValue, "uri": uri, "added": true]
      if kind != .a4, let address = EscPos.socketAddress(deviceURI: uri) {
        let answer = EscPos.askStatus(host: address.host, port: address.port)
        let said: String
        switch answer {
        case .status(let s):
          let w = s.trouble ?? s.warning ?? tr("Ready")
          said = "\(w.bn) / \(w.en)"
        case .silent: said = "no real-time status (DLE EOT): paper and cover are not checked before a job"
        case .unreachable:
          let w = tr("The printer is offline")
          said = "\(w.bn) / \(w.en)"
        }
        text += "\t\(said)"
        object["status"] = said
      } else if kind != .a4 {
        let said = "paper and cover asked by the queue's filter (DLE EOT) at the start of each job"
        text += "\t\(said)"
        object["status"] = said
      }
      try common.emit(text, object)
    }

    func lpadmin(_ args: [String]) throws -> (Int32, String) {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: "/usr/sbin/lpadmin")
      p.arguments = args
      let pipe = Pipe()
      p.standardOutput = pipe
      p.standardError = pipe
      try p.run()
      let out = pipe.fileHandleForReading.readDataToEndOfFile()
      p.waitUntilExit()
      return (p.terminationStatus, String(decoding: out, as: UTF8.self))
    }
  }

  struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "test", abstract: "Prints a page that shows alignment, Bengali text and a QR code.")
    @OptionGroup var common: Common
    @Argument(help: "Queue name") var name: String

    func run() throws {
      let setup = try common.setup()
      let printer = Printer(config: setup.config)
      let kind: PrinterKind
      switch printer.queueStatus(name) {
      case .failure(let e):
        FileHandle.standardError.write(Data("\(e.state.rawValue)\t\(e.message.bn) / \(e.message.en)\n".utf8))
        throw ExitCode(1)
      case .success(let q): kind = q.kind ?? .a4
      }
      let pdf = Documents.testPage(
        queue: name, kind: kind, centre: setup.config.centreName,
        date: CivilDate(secondsSince1970: Date().timeIntervalSince1970))
      let outcome = printer.printPDF(
        pdf, queue: name, title: "kioskctl printers test",
        progress: { w in FileHandle.standardError.write(Data("\(w.bn) / \(w.en)\n".utf8)) })
      let notice = outcome.notice.map { "\t\($0.bn) / \($0.en)" } ?? ""
      try common.emit(
        "\(outcome.state.rawValue)\t\(outcome.message.bn) / \(outcome.message.en)\tjob \(outcome.jobID.map(String.init) ?? "-")\(notice)",
        [
          "state": outcome.state.rawValue, "queue": outcome.queue, "job": outcome.jobID as Any, "kind": kind.rawValue,
          "message_bn": outcome.message.bn, "message_en": outcome.message.en,
        ])
      if !outcome.succeeded { throw ExitCode(1) }
    }
  }
}
