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
      // A mistake in the settings is not a misuse of kioskctl: exit 1, no usage text.
      throw CommandFailure("cannot start:\n\(error)")
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

/// The texts' catalogues first (before any thread: it sets LANGUAGE), then the command.
@main
enum KioskCtlMain {
  static func main() {
    if let problem = Texts.prepare() {
      FileHandle.standardError.write(Data("kioskctl: the texts are missing: \(problem)\n".utf8))
      exit(1)
    }
    KioskCtl.mainReportingJSON()
  }
}

struct KioskCtl: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kioskctl",
    abstract: "Bhumiseba Kiosk administration: catalogue, fees, dates, drafts, printers, operators, ledger.",
    version: BhumisebaVersion.string,
    subcommands: [
      CatalogueCommand.self, FeeCommand.self, DateCommand.self, WordsCommand.self, ValidateCommand.self,
      PlacesCommand.self, PrintersCommand.self, PrintTestCommand.self, DraftsCommand.self, AuditCommand.self,
      SamplesCommand.self, OperatorCommand.self, LedgerCommand.self, ReportCommand.self,
      HandoutCommand.self, StoreCommand.self, QueueCommand.self, SharesCommand.self, SayCommand.self,
      ComplaintsCommand.self, DoctorCommand.self, BackupCommand.self, ScreenCommand.self,
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

struct PrintTestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "print-test", abstract: "Prints a test slip and follows the job to its end.")
  @OptionGroup var common: Common
  @Argument(help: "Queue name (empty: CUPS's default destination)") var queue: String = ""

  func run() throws {
    let setup = try common.setup()
    let printer = Printer(config: setup.config)
    let pdf = Documents.acknowledgementSlip(
      AcknowledgementSlip(
        centre: setup.config.centreName, service: tr("Test print"),
        date: CivilDate(secondsSince1970: Date().timeIntervalSince1970), code: ResumeCode.generate(),
        applicantName: nil,
        documents: [], centreFee: nil, governmentFees: [], usualDays: nil))
    let outcome = printer.printPDF(
      pdf, queue: queue, title: "kioskctl print-test",
      progress: { w in FileHandle.standardError.write(Data("\(w.bn) / \(w.en)\n".utf8)) })
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
    commandName: "drafts", abstract: "Drafts kept on this kiosk.", subcommands: [List.self, Show.self, Purge.self])

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Every draft: code, service, state, last change (no answers), least recently changed first.")
    @OptionGroup var common: Common
    @Option(help: "At most this many") var limit: Int?

    /// Printed a page at a time as it is read: the same memory for ten drafts and a million.
    func run() throws {
      let setup = try common.setup()
      let store = try KioskStore.open(setup)
      let out = FileHandle.standardOutput
      var remaining = limit ?? Int.max
      var cursor: DraftCursor?
      var first = true
      if common.json { out.write(Data("[".utf8)) }
      while remaining > 0 {
        let page = try store.draftsPage(after: cursor, limit: min(1000, remaining))
        var text = ""
        for d in page.drafts {
          let updated = isoUTC(d.updatedAt)
          if common.json {
            text +=
              (first ? "" : ",")
              + "{\"code\":\(jsonString(d.resumeCode.grouped)),\"service\":\(jsonString(d.serviceID)),"
              + "\"state\":\(jsonString(d.state.rawValue)),\"updated\":\(jsonString(updated))}"
          } else {
            text += "\(d.resumeCode.grouped)\t\(d.serviceID)\t\(d.state.rawValue)\t\(updated)\n"
          }
          first = false
        }
        out.write(Data(text.utf8))
        remaining -= page.drafts.count
        guard let next = page.next else { break }
        cursor = next
      }
      if common.json { out.write(Data("]\n".utf8)) }
    }
  }
}

/// A JSON string literal (what JSONSerialization writes for one string, without its cost per call).
func jsonString(_ s: String) -> String {
  var out = "\""
  for u in s.unicodeScalars {
    switch u {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    default:
      if u.value < 0x20 {
        let hex = String(u.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      } else {
        out.unicodeScalars.append(u)
      }
    }
  }
  return out + "\""
}

/// 2026-09-21T14:13:20Z, as ISO8601DateFormatter writes it, without its cost per call (a million
/// drafts listed).
func isoUTC(_ date: Date) -> String {
  let t = Int(date.timeIntervalSince1970.rounded(.down))
  let (days, secs) = (t >= 0 ? t / 86400 : (t - 86399) / 86400, ((t % 86400) + 86400) % 86400)
  let d = CivilDate(dayNumber: days)
  func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
  return "\(d.iso)T\(two(secs / 3600)):\(two(secs / 60 % 60)):\(two(secs % 60))Z"
}

extension AreaClass: ExpressibleByArgument {
  public init?(argument: String) { self.init(rawValue: argument.uppercased()) }
}

struct FeeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fee", abstract: "Fee lines and total of a service at an area class.")
  @OptionGroup var common: Common
  @Argument(help: "Service id (see `kioskctl catalogue`)") var service: String
  @Option(help: "Area class A, B or C (default: the centre's)") var area: AreaClass?
  @Option(help: "Scanned pages to upload") var pages: Int = 0

  func run() throws {
    let setup = try common.setup()
    guard let s = setup.catalogue.service(service) else {
      throw CommandFailure("no service '\(service)'; see `kioskctl catalogue`")
    }
    let areaClass = area ?? setup.config.areaClass
    let quote: FeeQuote
    do {
      quote = try FeeEngine.quote(s, areaClass: areaClass, pages: pages)
    } catch {
      throw ValidationError("\(error)")
    }
    func row(_ l: FeeLine) -> [String: Any] {
      ["id": l.id, "kind": l.kind.rawValue, "label_bn": l.label.bn, "label_en": l.label.en, "amount": l.amount]
    }
    var text = quote.centreLines.map { "\($0.label.en)\t\($0.amount)" }
    text.append("Total at the centre\t\(quote.centreTotal)")
    text += quote.governmentAtFiling.map { "Government, at filing: \($0.label.en)\t\($0.amount)" }
    text += quote.governmentLater.map { "Government, later: \($0.label.en)\t\($0.amount)" }
    try common.emit(
      text.joined(separator: "\n"),
      [
        "service": s.id, "area_class": areaClass.rawValue, "pages": pages, "lines": quote.centreLines.map(row),
        "total": quote.centreTotal, "government_at_filing": quote.governmentAtFiling.map(row),
        "government_later": quote.governmentLater.map(row),
      ])
  }
}

struct WordsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "words", abstract: "An amount of taka in words.")
  @OptionGroup var common: Common
  @Argument(help: "Whole taka (Latin or Bengali digits)") var amount: String
  @Option(help: "bn or en") var lang: Language = .bn

  func run() throws {
    guard let n = Int(BengaliDigits.toLatin(amount)), n >= 0 else {
      throw ValidationError("'\(amount)' is not a whole amount of taka")
    }
    let words = AmountInWords.taka(n, lang)
    try common.emit(words, ["amount": n, "words": words])
  }
}

struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate", abstract: "Checks an NID, mobile number or date as the kiosk does.")
  enum Kind: String, ExpressibleByArgument, CaseIterable { case nid, mobile, date }
  @OptionGroup var common: Common
  @Argument(help: "nid, mobile or date") var kind: Kind
  @Argument(help: "The value as a person would type it") var value: String
  @Option(help: "Date of birth YYYY-MM-DD (a 17-digit NID starts with its year)") var dob: String?

  func run() throws {
    let today = CivilDate(secondsSince1970: Date().timeIntervalSince1970)
    let result: Result<String, ValidationFailure>
    switch kind {
    case .nid: result = Validators.nid(value, dateOfBirth: dob.flatMap(CivilDate.init(iso:)))
    case .mobile: result = Validators.mobile(value)
    case .date: result = Validators.date(value, today: today, pastOnly: false).map(\.iso)
    }
    switch result {
    case .success(let v):
      try common.emit(v, ["ok": true, "value": v])
    case .failure(let f):
      try common.emit(
        "\(f.message.bn)\n\(f.message.en)", ["ok": false, "message_bn": f.message.bn, "message_en": f.message.en])
      throw ExitCode(1)
    }
  }
}

struct PlacesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "places",
    abstract: "The list of divisions, districts, upazilas and city corporations, unions and thanas, and their wards.",
    subcommands: [Search.self, Check.self])

  static func load(_ common: Common) throws -> PlaceDirectory {
    let setup = try common.setup()
    do {
      return try PlaceDirectory.load(directory: setup.shareDirectory + "/assets/places")
    } catch {
      throw ValidationError("\(error)")
    }
  }

  struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Places that TEXT names, best first, as the kiosk's place search finds them (Bengali or English, any common spelling)."
    )
    @OptionGroup var common: Common
    @Argument(help: "A name, its beginning, or a name and its parents (\"Tejgaon, Dhaka\")") var text: String
    @Option(help: "At most this many") var limit = 20

    func run() throws {
      let matches = try PlacesCommand.load(common).search(text, limit: limit)
      try common.emit(
        matches.map { "\($0.place.level.name.en)\t\($0.label(.bn))\t\($0.label(.en))" }.joined(separator: "\n"),
        matches.map {
          [
            "level": $0.place.level.key, "id": $0.place.id, "bn": $0.label(.bn), "en": $0.label(.en),
            "match": "\($0.quality)",
          ]
        })
    }
  }

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Every defective row of the list, with file and line.")
    @OptionGroup var common: Common

    func run() throws {
      let d = try PlacesCommand.load(common)
      try common.emit(
        d.defects.map(\.description).joined(separator: "\n") + "\n\(d.places.count) places, \(d.defects.count) defects",
        ["places": d.places.count, "defects": d.defects.map(\.description)])
    }
  }
}

extension DraftsCommand {
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "One draft with its answers (a staff access: written to the audit log).")
    @OptionGroup var common: Common
    @Argument(help: "The resume code printed on the slip") var code: String
    @Option(help: "Who is looking (operator id), for the audit log") var `operator` = "kioskctl"

    func run() throws {
      let resume: ResumeCode
      switch ResumeCode.check(code) {
      case .success(let c): resume = c
      case .failure(let f): throw ValidationError("\(f.message.bn)\n\(f.message.en)")
      }
      let setup = try common.setup()
      let store = try KioskStore.open(setup)
      guard let draft = try store.draft(code: resume) else { throw CommandFailure("no draft with code \(resume)") }
      try store.audit(actor: `operator`, action: "open", subject: "draft:\(draft.id)", detail: "kioskctl drafts show")
      let answers = try store.answers(draftID: draft.id)
      let service = setup.catalogue.service(draft.serviceID)
      // In the order asked (a group's items, heirs.1.name…, before its count), then any others.
      let ordered = (service?.activeQuestions(answers).map(\.id) ?? []) + answers.keys.sorted()
      var seen = Set<String>()
      let rows = ordered.filter { answers[$0] != nil && seen.insert($0).inserted }
      let label: (String) -> String = { id in service?.question(forKey: id)?.label.en ?? id }
      try common.emit(
        (["code\t\(draft.resumeCode.grouped)", "service\t\(draft.serviceID)", "state\t\(draft.state.rawValue)"]
          + rows.map { "\(label($0))\t\(answers[$0] ?? "")" }).joined(separator: "\n"),
        [
          "code": draft.resumeCode.grouped, "service": draft.serviceID, "state": draft.state.rawValue,
          "answers": answers,
        ])
    }
  }

  struct Purge: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Deletes drafts past the retention periods of the config (audited with counts).")
    @OptionGroup var common: Common
    @Flag(help: "Only count what would be deleted.") var dryRun = false

    func run() throws {
      let setup = try common.setup()
      let store = try KioskStore.open(setup)
      let r = try store.purge(
        draftDays: setup.config.draftRetentionDays, filedDays: setup.config.filedRetentionDays, actor: "kioskctl",
        dryRun: dryRun)
      try common.emit(
        "\(dryRun ? "would delete" : "deleted"): \(r.unfiledDrafts) unfiled drafts (older than \(setup.config.draftRetentionDays) days), \(r.filedDrafts) filed drafts (older than \(setup.config.filedRetentionDays) days), \(r.printJobs) kept print jobs",
        [
          "dry_run": dryRun, "unfiled_drafts": r.unfiledDrafts, "filed_drafts": r.filedDrafts,
          "print_jobs": r.printJobs,
        ])
    }
  }
}

struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit", abstract: "The audit log: every staff access, print, void and purge.")
  @OptionGroup var common: Common
  @Option(help: "From this day (YYYY-MM-DD, Bangladesh time)") var since: String?

  func run() throws {
    let setup = try common.setup()
    var from: Date?
    if let since {
      guard let d = CivilDate(iso: since) else { throw ValidationError("'\(since)' is not a date YYYY-MM-DD") }
      from = Date(timeIntervalSince1970: Double(d.dayNumber * 86400 - 6 * 3600))
    }
    let store = try KioskStore.open(setup)
    let entries = try store.auditLog(since: from)
    let iso = ISO8601DateFormatter()
    try common.emit(
      entries.map { "\(iso.string(from: $0.at))\t\($0.actor)\t\($0.action)\t\($0.subject)\t\($0.detail)" }.joined(
        separator: "\n"),
      entries.map {
        [
          "at": iso.string(from: $0.at), "actor": $0.actor, "action": $0.action, "subject": $0.subject,
          "detail": $0.detail,
        ]
      })
  }
}

struct SamplesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "samples", abstract: "Writes every document, filled with sample data, as PDF to a folder (to look at)."
  )
  @OptionGroup var common: Common
  @Argument(help: "Folder to write to") var folder: String

  func run() throws {
    let setup = try common.setup()
    let c = setup.config
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let today = CivilDate(secondsSince1970: Date().timeIntervalSince1970)
    guard let namjari = setup.catalogue.service("namjari") else { throw ValidationError("no namjari service") }
    let quote = try FeeEngine.quote(namjari, areaClass: c.areaClass, pages: 25)
    let answers = ["acquisition_type": "purchase"]
    let receipt = MoneyReceipt(
      number: "\(c.centreID.uppercased())-\(today.year)-000042", centre: c.centreName, operatorName: "Nasrin Akter",
      citizenName: "মোছাম্মৎ রহিমা খাতুন", service: namjari.name, applicationNumber: "NJ-\(today.year)-7781",
      lines: quote.centreLines.map { ReceiptLine(label: $0.label, amount: $0.amount) }, date: today, time: "11:05",
      verification: "SAMPLE|\(quote.centreTotal)|0000")
    var reprint = receipt
    reprint.reprint = true
    let sheet = RequiredDocumentsSheet(
      centre: c.centreName, areaClass: c.areaClass.rawValue, service: namjari.name, summary: namjari.summary,
      choice: namjari.questions.first { $0.id == "acquisition_type" }?.options.first { $0.value == "purchase" }?.label,
      documents: namjari.documents(for: answers),
      centreFees: quote.centreLines.map { ReceiptLine(label: $0.label, amount: $0.amount) },
      governmentFees: (quote.governmentAtFiling + quote.governmentLater).map {
        ReceiptLine(label: $0.label, amount: $0.amount)
      },
      usualDays: namjari.usualDays, tracking: namjari.tracking, date: today)
    let files: [(String, Data)] = [
      (
        "slip-80mm.pdf",
        Documents.acknowledgementSlip(
          AcknowledgementSlip(
            centre: c.centreName, service: namjari.name, date: today, code: ResumeCode.generate(),
            applicantName: "মোছাম্মৎ রহিমা খাতুন", documents: namjari.documents(for: answers),
            centreFee: quote.centreTotal, governmentFees: namjari.governmentFees.filter { $0.when == .filing },
            usualDays: namjari.usualDays))
      ),
      ("receipt-80mm.pdf", Documents.moneyReceipt(receipt, paper: .roll80)),
      ("receipt-80mm-reprint.pdf", Documents.moneyReceipt(reprint, paper: .roll80)),
      ("receipt-a4.pdf", Documents.moneyReceipt(receipt, paper: .a4)),
      ("documents-a4.pdf", Documents.requiredDocuments(sheet)),
      (
        "day-end-a4.pdf",
        Documents.dayEnd(
          DayEndReport(
            centre: c.centreName, date: today,
            entries: [
              .init(number: "R-1", time: "09:10", serviceID: "namjari", operatorID: "op1", total: 315, voids: nil),
              .init(number: "R-2", time: "09:40", serviceID: "khatian-copy", operatorID: "op2", total: 150, voids: nil),
              .init(
                number: "R-3", time: "10:02", serviceID: "khatian-copy", operatorID: "op2", total: -150, voids: "R-2"),
            ],
            serviceNames: Dictionary(uniqueKeysWithValues: setup.catalogue.services.map { ($0.id, $0.name) })))
      ),
    ]
    for (name, data) in files { try data.write(to: URL(fileURLWithPath: folder + "/" + name)) }
    try common.emit(files.map { folder + "/" + $0.0 }.joined(separator: "\n"), files.map { folder + "/" + $0.0 })
  }
}
