import ArgumentParser
import Foundation
import KioskCore
import KioskPrint
import KioskStaff
import KioskStore

/// Reads a PIN: from standard input with --pin-stdin (scripts), else asked for without echo.
func readPIN(fromStdin: Bool, prompt: String) throws -> String {
  if fromStdin {
    guard let line = readLine() else { throw ValidationError("no PIN on standard input") }
    return line.trimmingCharacters(in: .whitespaces)
  }
  guard let p = getpass(prompt) else { throw ValidationError("no PIN given") }
  return String(cString: p)
}

struct OperatorCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "operator", abstract: "Staff who may open staff mode (PINs are kept only as Argon2id hashes).",
    subcommands: [Add.self, Disable.self, Enable.self, SetPIN.self, List.self])

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Add an operator; asks for a PIN of 6 or more digits.")
    @OptionGroup var common: Common
    @Argument(help: "Operator id (short, no spaces), e.g. salma") var id: String
    @Option(help: "Name as printed on receipts") var name: String
    @Flag(help: "Read the PIN from standard input") var pinStdin = false

    func run() throws {
      let setup = try common.setup()
      let store = try KioskStore(path: setup.databasePath())
      let pin = try readPIN(fromStdin: pinStdin, prompt: "PIN for \(id): ")
      do {
        try store.addOperator(id: id, name: name, pin: pin, actor: "kioskctl")
      } catch let e as StaffError {
        throw ValidationError(e.description)
      }
      try common.emit("added \(id)", ["added": id])
    }
  }

  struct Disable: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Disable an operator (kept for the ledger).")
    @OptionGroup var common: Common
    @Argument var id: String
    func run() throws {
      let store = try KioskStore(path: try common.setup().databasePath())
      do { try store.setOperatorDisabled(id: id, true, actor: "kioskctl") } catch let e as StaffError {
        throw ValidationError(e.description)
      }
      try common.emit("disabled \(id)", ["disabled": id])
    }
  }

  struct Enable: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Enable an operator again.")
    @OptionGroup var common: Common
    @Argument var id: String
    func run() throws {
      let store = try KioskStore(path: try common.setup().databasePath())
      do { try store.setOperatorDisabled(id: id, false, actor: "kioskctl") } catch let e as StaffError {
        throw ValidationError(e.description)
      }
      try common.emit("enabled \(id)", ["enabled": id])
    }
  }

  struct SetPIN: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set-pin", abstract: "A new PIN; lifts a lock.")
    @OptionGroup var common: Common
    @Argument var id: String
    @Flag(help: "Read the PIN from standard input") var pinStdin = false
    func run() throws {
      let store = try KioskStore(path: try common.setup().databasePath())
      let pin = try readPIN(fromStdin: pinStdin, prompt: "New PIN for \(id): ")
      do { try store.setOperatorPIN(id: id, pin: pin, actor: "kioskctl") } catch let e as StaffError {
        throw ValidationError(e.description)
      }
      try common.emit("PIN set for \(id)", ["pin-set": id])
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Operators and whether they may log in.")
    @OptionGroup var common: Common
    func run() throws {
      let ops = try KioskStore(path: try common.setup().databasePath()).operators()
      try common.emit(
        ops.map { "\($0.id)\t\($0.name)\t\($0.disabled ? "disabled" : "active")" }.joined(separator: "\n"),
        ops.map { ["id": $0.id, "name": $0.name, "disabled": $0.disabled] })
    }
  }
}

func dayStart(_ text: String) throws -> Date {
  guard let d = CivilDate(iso: text) else { throw ValidationError("'\(text)' is not a date YYYY-MM-DD") }
  return Date(timeIntervalSince1970: Double(d.dayNumber * 86400 - 6 * 3600))
}

struct LedgerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ledger", abstract: "The receipts ledger: verify its hash chain, export it.",
    subcommands: [Verify.self, Export.self])

  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Recompute the hash chain and the numbering; name the first bad row (exit 1).")
    @OptionGroup var common: Common
    func run() throws {
      let store = try KioskStore(path: try common.setup().databasePath())
      let count = try store.receipts().count
      if let problem = try store.verifyLedger() {
        try common.emit(
          "ledger BROKEN at \(problem)",
          ["ok": false, "row": problem.rowID, "receipt": problem.number, "reason": problem.reason])
        throw ExitCode(1)
      }
      try common.emit("ledger ok: \(count) rows, chain and numbering hold", ["ok": true, "rows": count])
    }
  }

  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The ledger as CSV, days in Bangladesh time.")
    @OptionGroup var common: Common
    @Option(help: "First day, YYYY-MM-DD") var from: String?
    @Option(help: "Last day, YYYY-MM-DD (included)") var to: String?
    func run() throws {
      let store = try KioskStore(path: try common.setup().databasePath())
      let start = try from.map(dayStart) ?? .distantPast
      let end = try to.map { try dayStart($0).addingTimeInterval(86400) } ?? .distantFuture
      print(try store.ledgerCSV(from: start, to: end), terminator: "")
    }
  }
}

struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report", abstract: "The day-end (Z) report: receipts by service and operator, voids, totals.")
  @OptionGroup var common: Common
  @Argument(help: "The day, YYYY-MM-DD (default: today in Bangladesh)") var day: String?
  @Flag(help: "CSV instead of text") var csv = false
  @Flag(name: .customLong("print"), help: "Print it (A4 queue, else the slip queue)") var printIt = false
  @Option(help: "Write the PDF here") var pdf: String?

  func run() throws {
    let setup = try common.setup()
    let store = try KioskStore(path: setup.databasePath())
    let counter = Counter(setup: setup, store: store, printer: Printer(server: setup.config.cupsServer))
    let date =
      try day.map {
        guard let d = CivilDate(iso: $0) else { throw ValidationError("'\($0)' is not a date YYYY-MM-DD") }
        return d
      } ?? CivilDate(secondsSince1970: Date().timeIntervalSince1970)
    let report = try counter.dayEnd(date)
    if let pdf { try Documents.dayEnd(report).write(to: URL(fileURLWithPath: pdf)) }
    if printIt {
      let outcome = try counter.printDayEnd(date)
      if !outcome.succeeded { throw ValidationError("\(outcome.message.bn) / \(outcome.message.en)") }
    }
    if csv {
      print(try counter.dayEndCSV(date), terminator: "")
      return
    }
    var lines = ["Day-end report \(date.iso) — \(setup.config.centreName.en)"]
    for e in report.entries {
      lines.append(
        "\(e.number)\t\(e.time)\t\(e.serviceID)\t\(e.operatorID)\t\(e.total)\(e.voids.map { "\tvoids \($0)" } ?? "")")
    }
    for (k, n, t) in report.totals(by: \.serviceID) { lines.append("service \(k)\t\(n)\t\(t)") }
    for (k, n, t) in report.totals(by: \.operatorID) { lines.append("operator \(k)\t\(n)\t\(t)") }
    lines.append("total\t\(report.total)")
    try common.emit(
      lines.joined(separator: "\n"),
      [
        "date": date.iso, "total": report.total,
        "receipts": report.entries.map {
          [
            "number": $0.number, "service": $0.serviceID, "operator": $0.operatorID, "total": $0.total,
            "voids": $0.voids ?? "",
          ] as [String: Any]
        },
      ])
  }
}

struct HandoutCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "handout",
    abstract: "Print a PDF from the portal (khatian, DCR) for a citizen, with its fee line and receipt.")
  @OptionGroup var common: Common
  @Argument(help: "The PDF downloaded from the portal") var file: String
  @Option(help: "The service charged: khatian-copy or namjari-dcr") var service: String = "khatian-copy"
  @Option(name: .customLong("operator"), help: "Operator id (see kioskctl operator list)") var operatorID: String

  func run() throws {
    let setup = try common.setup()
    let store = try KioskStore(path: setup.databasePath())
    guard let op = try store.operators().first(where: { $0.id == operatorID && !$0.disabled }) else {
      throw ValidationError("no active operator '\(operatorID)'")
    }
    guard let pdf = FileManager.default.contents(atPath: file) else { throw ValidationError("\(file): cannot read it") }
    let counter = Counter(setup: setup, store: store, printer: Printer(server: setup.config.cupsServer))
    do {
      let (receipt, paper, slip) = try counter.printHandout(pdf: pdf, serviceID: service, draftID: nil, operator: op)
      try common.emit(
        "receipt \(receipt.displayNumber)\ttotal \(receipt.total)\thandout \(paper.message.en)\treceipt \(slip.message.en)",
        [
          "receipt": receipt.displayNumber, "total": receipt.total, "handout_printed": paper.succeeded,
          "receipt_printed": slip.succeeded,
        ])
      if !paper.succeeded || !slip.succeeded { throw ExitCode(1) }
    } catch let e as Handout.Problem {
      throw ValidationError("\(file): \(e)")
    }
  }
}
