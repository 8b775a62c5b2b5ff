import ArgumentParser
import Foundation
import KioskCore
import KioskPrint
import KioskStore

/// Options every command shares.
struct Common: ParsableArguments {
  @Option(name: .long, help: "Config file (default: BHUMISEBA_CONFIG, else the embedded demo centre).")
  var config: String?

  @Flag(name: .long, help: "Print JSON instead of text.")
  var json = false

  func setup() throws -> KioskSetup {
    do {
      return try KioskSetup.load(configPath: config)
    } catch {
      throw ValidationError("cannot start:\n\(error)")
    }
  }

  func emit(_ text: String, _ object: Any) throws {
    if json {
      let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
      print(String(decoding: data, as: UTF8.self))
    } else {
      print(text)
    }
  }
}

@main
struct KioskCtl: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kioskctl",
    abstract: "Bhumiseba Kiosk administration: catalogue, fees, dates, drafts, printers.",
    subcommands: [
      CatalogueCommand.self, DateCommand.self, PrintersCommand.self, PrintTestCommand.self, DraftsCommand.self,
    ])
}

struct CatalogueCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "catalogue", abstract: "Services with ids and names.")
  @OptionGroup var common: Common

  func run() throws {
    let setup = try common.setup()
    let rows = setup.catalogue.services.map { s in
      [
        "id": s.id, "name_bn": s.name.bn, "name_en": s.name.en,
        "centre_fee": s.centreFee?.byClass[setup.config.areaClass] as Any,
      ]
    }
    let text = setup.catalogue.services.map { "\($0.id)\t\($0.name.bn)\t\($0.name.en)" }.joined(separator: "\n")
    try common.emit(text, rows)
  }
}

struct DateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "date", abstract: "The Bengali calendar date of a Gregorian date.")
  @OptionGroup var common: Common
  @Argument(help: "YYYY-MM-DD") var date: String
  @Option(help: "bn or en") var lang: Language = .bn

  func run() throws {
    guard let civil = CivilDate(iso: date) else {
      throw ValidationError("'\(date)' is not a date of the form YYYY-MM-DD")
    }
    let b = BanglaDate(civil)
    try common.emit(
      b.formatted(lang),
      ["date": civil.iso, "bangla": b.formatted(lang), "year": b.year, "month": b.month, "day": b.day])
  }
}

extension Language: ExpressibleByArgument {}

struct PrintersCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "printers", abstract: "CUPS queues and their states.")
  @OptionGroup var common: Common

  func run() throws {
    let setup = try common.setup()
    let printer = Printer(server: setup.config.cupsServer)
    switch printer.queues() {
    case .failure(let e):
      throw ValidationError("\(e.message.bn) / \(e.message.en)")
    case .success(let queues):
      let text = queues.map { q -> String in
        let trouble = q.trouble.map { "\($0.bn) / \($0.en)" } ?? "ready"
        return "\(q.name)\tstate=\(q.state)\taccepting=\(q.accepting)\t\(trouble)\t\(q.reasons.joined(separator: ","))"
      }.joined(separator: "\n")
      try common.emit(
        text,
        queues.map {
          [
            "name": $0.name, "state": $0.state, "accepting": $0.accepting, "reasons": $0.reasons,
            "ready": $0.trouble == nil,
          ]
        })
    }
  }
}

struct PrintTestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "print-test", abstract: "Prints a test slip and follows the job to its end.")
  @OptionGroup var common: Common
  @Argument(help: "Queue name (empty: CUPS's default destination)") var queue: String = ""

  func run() throws {
    let setup = try common.setup()
    let printer = Printer(server: setup.config.cupsServer, timeoutSeconds: Double(setup.config.jobTimeoutSeconds))
    let pdf = Documents.acknowledgementSlip(
      AcknowledgementSlip(
        centre: setup.config.centreName, service: BilingualText(bn: "পরীক্ষামূলক ছাপা", en: "Test print"),
        date: CivilDate(secondsSince1970: Date().timeIntervalSince1970), code: ResumeCode.generate(),
        applicantName: nil,
        documents: [], centreFee: nil, governmentFees: [], usualDays: nil))
    let outcome = printer.printPDF(pdf, queue: queue, title: "kioskctl print-test")
    try common.emit(
      "\(outcome.state.rawValue)\t\(outcome.message.bn) / \(outcome.message.en)\tjob \(outcome.jobID.map(String.init) ?? "-")",
      [
        "state": outcome.state.rawValue, "queue": outcome.queue, "job": outcome.jobID as Any,
        "message_bn": outcome.message.bn, "message_en": outcome.message.en,
      ])
    if !outcome.succeeded { throw ExitCode(1) }
  }
}

struct DraftsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "drafts", abstract: "Drafts kept on this kiosk.", subcommands: [List.self])

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Every draft: code, service, state, last change (no answers).")
    @OptionGroup var common: Common

    func run() throws {
      let setup = try common.setup()
      let store = try KioskStore(path: setup.databasePath())
      let drafts = try store.drafts()
      let iso = ISO8601DateFormatter()
      try common.emit(
        drafts.map {
          "\($0.resumeCode.grouped)\t\($0.serviceID)\t\($0.state.rawValue)\t\(iso.string(from: $0.updatedAt))"
        }.joined(separator: "\n"),
        drafts.map {
          [
            "code": $0.resumeCode.grouped, "service": $0.serviceID, "state": $0.state.rawValue,
            "updated": iso.string(from: $0.updatedAt),
          ]
        })
    }
  }
}
