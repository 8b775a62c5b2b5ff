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
      let store = try KioskStore.open(setup)
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
      let store = try KioskStore.open(try common.setup())
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
      let store = try KioskStore.open(try common.setup())
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
      let store = try KioskStore.open(try common.setup())
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
      let ops = try KioskStore.open(try common.setup()).operators()
      try common.emit(
        ops.map { "\($0.id)\t\($0.name)\t\($0.disabled ? "disabled" : "active")" }.joined(separator: "\n"),
        ops.map { ["id": $0.id, "name": $0.name, "disabled": $0.disabled] })
    }
  }
}

/// A day given as YYYY-MM-DD, else today in Bangladesh.
func bangladeshDay(_ text: String?) throws -> CivilDate {
  guard let text else { return CivilDate(secondsSince1970: Date().timeIntervalSince1970) }
  guard let d = CivilDate(iso: text) else { throw ValidationError("'\(text)' is not a date YYYY-MM-DD") }
  return d
}

func dayStart(_ text: String) throws -> Date {
  guard let d = CivilDate(iso: text) else { throw ValidationError("'\(text)' is not a date YYYY-MM-DD") }
  return Date(timeIntervalSince1970: Double(d.dayNumber * 86400 - 6 * 3600))
}

struct LedgerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ledger", abstract: "The receipts ledger: verify its hash chain, export it.",
    subcommands: [Verify.self, CheckReceipt.self, Head.self, Export.self])

  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check the keyed hash chain, the numbering and every saved head; name the first bad row (exit 1).",
      discussion: """
        Reads the ledger a page at a time. By default the chain is checked from the last verified \
        head on (every head is always checked); --full checks every row and then saves a verified head.
        """)
    @OptionGroup var common: Common
    @Flag(help: "Check every row from the first, then save a verified head") var full = false
    func run() throws {
      let store = try KioskStore.open(try common.setup())
      let count = try store.receiptCount()
      let check = try store.checkLedger(full: full)
      if let problem = check.problem {
        try common.emit(
          "ledger BROKEN at \(problem)",
          ["ok": false, "row": problem.rowID, "receipt": problem.number, "reason": problem.reason])
        throw ExitCode(1)
      }
      if full { try store.saveLedgerHead(kind: "verified", operatorID: "kioskctl") }
      let unkeyed = check.unkeyed > 0 ? "; \(check.unkeyed) rows from before the key (plain SHA-256)" : ""
      try common.emit(
        "ledger ok: \(count) rows; checked \(check.checked) from row \(check.from), \(check.heads) saved heads hold\(unkeyed)",
        ["ok": true, "rows": count, "checked": check.checked, "from": check.from, "heads": check.heads])
    }
  }

  struct CheckReceipt: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check-receipt",
      abstract: "Check a receipt from its QR code's text (BHUMISEBA-RECEIPT:…) against the ledger (exit 1 if not).")
    @OptionGroup var common: Common
    @Argument(help: "What the scanner read from the receipt's QR code") var qr: String
    func run() throws {
      let store = try KioskStore.open(try common.setup())
      if let wrong = try store.checkReceipt(qr: qr) {
        try common.emit("receipt NOT as the ledger has it: \(wrong)", ["ok": false, "reason": wrong])
        throw ExitCode(1)
      }
      try common.emit("receipt ok: as the ledger has it", ["ok": true])
    }
  }

  struct Head: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Save the ledger's head now (also done by the day-end report), and list the saved ones.")
    @OptionGroup var common: Common
    @Flag(help: "Only list the saved heads") var list = false
    func run() throws {
      let store = try KioskStore.open(try common.setup())
      if !list { try store.saveLedgerHead(kind: "manual", operatorID: "kioskctl") }
      let heads = try store.ledgerHeads()
      try common.emit(
        heads.map { "\($0.kind)\t\(ISO8601DateFormatter().string(from: $0.at))\t\($0.printed)" }.joined(
          separator: "\n"),
        heads.map { ["kind": $0.kind, "row": $0.receiptID, "number": $0.lastNumber, "hash": $0.hash] })
    }
  }

  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The ledger as CSV, days in Bangladesh time.")
    @OptionGroup var common: Common
    @Option(help: "First day, YYYY-MM-DD") var from: String?
    @Option(help: "Last day, YYYY-MM-DD (included)") var to: String?
    func run() throws {
      let store = try KioskStore.open(try common.setup())
      let start = try from.map(dayStart) ?? .distantPast
      let end = try to.map { try dayStart($0).addingTimeInterval(86400) } ?? .distantFuture
      let csv = try store.ledgerCSV(from: start, to: end)
      guard common.json else {
        print(csv, terminator: "")
        return
      }
      // --json: the same rows as objects keyed by the CSV's header.
      let rows = csvRows(csv)
      guard let header = rows.first else { return try common.emit("", [[String: String]]()) }
      try common.emit(
        "",
        rows.dropFirst().map { row in
          Dictionary(zip(header, row), uniquingKeysWith: { first, _ in first })
        })
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
    let store = try KioskStore.open(setup)
    let counter = Counter(setup: setup, store: store, printer: Printer(config: setup.config))
    let date = try bangladeshDay(day)
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
    let queue = try report.queue ?? store.queueReport(day: date)
    lines += queueLines(queue, services: report.serviceNames)
    for (kind, count) in zip(ComplaintKind.allCases, report.complaints) {
      lines.append("complaints \(kind)\t\(count.count)")
    }
    for f in report.feedback {
      lines.append("feedback \(f.serviceID)\tpoor \(f.counts[0])\tfair \(f.counts[1])\tgood \(f.counts[2])")
    }
    try common.emit(
      lines.joined(separator: "\n"),
      [
        "date": date.iso, "total": report.total, "queue": queueJSON(queue),
        "complaints": Dictionary(
          uniqueKeysWithValues: zip(ComplaintKind.allCases, report.complaints).map { ($0.rawValue, $1.count) }),
        "feedback": Dictionary(report.feedback.map { ($0.serviceID, $0.counts) }, uniquingKeysWith: { a, _ in a }),
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
    let store = try KioskStore.open(setup)
    guard let op = try store.operators().first(where: { $0.id == operatorID && !$0.disabled }) else {
      throw ValidationError("no active operator '\(operatorID)'")
    }
    guard let pdf = FileManager.default.contents(atPath: file) else { throw ValidationError("\(file): cannot read it") }
    let counter = Counter(setup: setup, store: store, printer: Printer(config: setup.config))
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

struct StoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "store",
    abstract: "The store: the kiosk's own file or the centre's PostgreSQL database ([store] url).",
    subcommands: [Status.self, Migrate.self, Init.self, AddLogin.self, Copy.self, Check.self, Recover.self])

  struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Which store, its migrations, drafts and receipts.")
    @OptionGroup var common: Common
    func run() throws {
      // A centre server whose TLS certificate fails a check stops here with the check and the
      // CA file named (StoreError.badCertificate), not as a server that is away.
      let store = try KioskStore.open(try common.setup())
      let applied = try store.appliedMigrations()
      // A kiosk's login on a centre's database reads no queue (only drafts by their codes).
      var queue: Int? = nil
      var drafts = 0
      do {
        queue = try store.staffQueueCount()
        drafts = try store.draftsPage(limit: 1).drafts.count
      } catch StoreError.deskOnly {
        queue = nil
      }
      try common.emit(
        "\(store.dialect.rawValue) \(store.path)\nmigrations: \(applied.count) applied, last \(applied.last ?? "-")\n"
          + "receipts: \(try store.receiptCount())\nwaiting in the queue: "
          + (queue.map(String.init) ?? "- (a kiosk's login: the queue is read at a desk)"),
        [
          "engine": store.dialect.rawValue, "store": store.path, "migrations": applied,
          "receipts": try store.receiptCount(),
          "queue": queue ?? -1, "has_drafts": drafts > 0,
        ])
    }
  }

  struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Bring the schema up to date (on a centre database: run as its owner, the centre's admin).")
    @OptionGroup var common: Common
    func run() throws {
      let store = try KioskStore.open(try common.setup())
      try common.emit("\(store.path): \(try store.appliedMigrations().count) migrations applied", ["ok": true])
    }
  }

  struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Make a centre database ready: its schema, the kiosk and desk roles, and the ledger key file.",
      discussion: """
        Run once, as the database's owner, with [store] url (or BHUMISEBA_STORE_URL) naming it. The \
        ledger key is made at ledger_key_file when there is none: copy it (mode 0400) to every desk \
        and kiosk of the centre, and keep it in the centre's backup apart from the database.
        """)
    @OptionGroup var common: Common
    func run() throws {
      let setup = try common.setup()
      let store = try KioskStore.open(setup)
      try store.prepareLedgerKey()
      try common.emit(
        "\(store.path): ready (\(try store.appliedMigrations().count) migrations); ledger key \(store.ledgerKeyPath)",
        ["ok": true, "ledger_key": store.ledgerKeyPath])
    }
  }

  struct AddLogin: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add-login",
      abstract: "A login role for one kiosk or desk of the centre (PostgreSQL; run as the centre's admin).")
    @OptionGroup var common: Common
    @Argument(help: "The role's name, e.g. kiosk2 or desk4") var name: String
    @Option(help: "kiosk or desk") var kind: String = "kiosk"
    @Option(help: "A file holding its password (else it logs in through the server's own rules, e.g. peer)")
    var passwordFile: String?
    func run() throws {
      let store = try KioskStore.open(try common.setup())
      let password = try passwordFile.map {
        try String(contentsOfFile: $0, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
      }
      try store.addLogin(name: name, desk: kind == "desk", password: password)
      try common.emit("role \(name) (\(kind)) may now log in to \(store.path)", ["ok": true])
    }
  }

  struct Copy: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Move this kiosk's data (its SQLite file) into a new centre database, the ledger's chain intact.")
    @OptionGroup var common: Common
    @Option(help: "The centre database, postgresql://…") var to: String
    func run() throws {
      let setup = try common.setup()
      let from = try KioskStore(path: setup.databasePath(), ledgerKeyPath: setup.ledgerKeyPath())
      let target = try KioskStore(url: to, ledgerKeyPath: setup.ledgerKeyPath())
      let report = try from.copy(to: target)
      let check = try target.checkLedger()
      if let problem = check.problem {
        throw ValidationError("copied, but the centre's ledger does not verify: \(problem)")
      }
      try common.emit(
        report.rows.sorted { $0.key < $1.key }.map { "\($0.key)\t\($0.value)" }.joined(separator: "\n")
          + "\nledger verified on \(target.path): \(check.checked) rows",
        report.rows)
    }
  }

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Full integrity check and ledger check (exit 1 when either fails).")
    @OptionGroup var common: Common
    func run() throws {
      let setup = try common.setup()
      let path = setup.databasePath()
      let store = try KioskStore(path: path, ledgerKeyPath: setup.ledgerKeyPath())
      let integrity = try store.integrityCheck()
      let ledger = try store.verifyLedger()
      try common.emit(
        "\(path)\nintegrity: \(integrity)\n" + (ledger.map { "ledger BROKEN at \($0)" } ?? "ledger ok"),
        ["path": path, "integrity": integrity, "ledger_ok": ledger == nil])
      if integrity != "ok" || ledger != nil { throw ExitCode(1) }
    }
  }

  struct Recover: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Recover a damaged database into a new file, row by row; the original is kept as it is.",
      discussion: """
        Stop the kiosk first (systemctl stop bhumiseba-kiosk). Without --replace the recovered copy is \
        written next to the database (or to --output) and nothing else changes. With --replace the \
        damaged file is renamed <db>.damaged-<time> (kept, with its -wal) and the recovered one takes \
        its place, but only when the recovered receipts ledger holds.
        """)
    @OptionGroup var common: Common
    @Option(help: "Where to write the recovered database (default: <db>.recovered-<time>)") var output: String?
    @Flag(help: "Put the recovered file in place of the damaged one (which is kept, renamed)") var replace = false

    func run() throws {
      let path = try common.setup().databasePath()
      let stamp = String(Int(Date().timeIntervalSince1970)) + "-\(getpid())"
      let out = output ?? path + ".recovered-" + stamp
      let report: RecoveryReport
      do {
        report = try KioskStore.recover(damaged: path, into: out)
      } catch let e as RecoveryError {
        throw CommandFailure(e.description)
      }
      var text = report.description
      if replace {
        let users = processesHolding(path)
        guard users.isEmpty else {
          throw CommandFailure(
            text + "\nnot replaced: process \(users.map(String.init).joined(separator: ", ")) still has \(path) open; "
              + "stop the kiosk (systemctl stop bhumiseba-kiosk) and run this again")
        }
        guard report.ledgerProblem == nil else {
          throw CommandFailure(
            text + "\nnot replaced: the recovered ledger does not hold; keep the kiosk stopped and call support")
        }
        let fm = FileManager.default
        let kept = path + ".damaged-" + stamp
        try fm.moveItem(atPath: path, toPath: kept)
        for suffix in ["-wal", "-shm"] where fm.fileExists(atPath: path + suffix) {
          try fm.moveItem(atPath: path + suffix, toPath: kept + suffix)
        }
        try fm.moveItem(atPath: out, toPath: path)
        text += "\nreplaced: \(path) is the recovered database; the damaged one is kept as \(kept)"
      } else {
        text +=
          "\nto use it: stop the kiosk, then run `kioskctl store recover --replace` (or move it in place yourself)"
      }
      try common.emit(
        text,
        [
          "recovered": replace ? path : out, "drafts": report.drafts, "receipts": report.receipts,
          "operators": report.operators, "audit_entries": report.auditEntries, "damaged_tables": report.damagedTables,
          "ledger_ok": report.ledgerProblem == nil, "replaced": replace,
        ])
      if report.ledgerProblem != nil { throw ExitCode(1) }
    }
  }
}

/// The processes (of this user) that have `path` open, from /proc/PID/fd.
func processesHolding(_ path: String) -> [Int32] {
  let fm = FileManager.default
  let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
  let me = getpid()
  var found: [Int32] = []
  for entry in (try? fm.contentsOfDirectory(atPath: "/proc")) ?? [] {
    guard let pid = Int32(entry), pid != me else { continue }
    let fds = (try? fm.contentsOfDirectory(atPath: "/proc/\(entry)/fd")) ?? []
    if fds.contains(where: { (try? fm.destinationOfSymbolicLink(atPath: "/proc/\(entry)/fd/\($0)")) == target }) {
      found.append(pid)
    }
  }
  return found
}

/// A failure said in words, without the usage text ArgumentParser adds to a ValidationError.
struct CommandFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

struct QueueCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "queue", abstract: "The centre's queue of tokens: call the next, see who was called, today's figures.",
    subcommands: [CallNext.self, Done.self, Board.self, Figures.self])

  struct CallNext: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "call-next", abstract: "Call the longest-waiting token to a desk (each token goes to one desk).")
    @OptionGroup var common: Common
    @Option(help: "The desk's name, as the board shows it") var desk: String
    @Option(help: "Only these letters, e.g. ক,খ") var letters: String?
    func run() throws {
      let store = try KioskStore.open(try common.setup())
      let only = letters.map { $0.split(separator: ",").map(String.init) }
      guard let t = try store.callNext(desk: desk, letters: only) else {
        try common.emit("nobody waits", ["called": NSNull()])
        return
      }
      try common.emit(
        "\(t.shown(.bn)) (\(t.shown(.en))) → \(desk)", ["called": t.shown(.en), "id": t.id, "desk": desk])
    }
  }

  struct Done: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "A called token was served (or, --skipped, did not come).")
    @OptionGroup var common: Common
    @Argument(help: "The token's id (as call-next --json gives it)") var id: Int64
    @Option(help: "The desk's name") var desk: String
    @Flag(help: "The citizen did not come") var skipped = false
    func run() throws {
      let store = try KioskStore.open(try common.setup())
      try store.finishToken(id, served: !skipped, desk: desk)
      try common.emit(skipped ? "skipped" : "served", ["ok": true])
    }
  }

  struct Board: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The last called tokens and their desks, newest first.")
    @OptionGroup var common: Common
    func run() throws {
      let store = try KioskStore.open(try common.setup())
      let last = try store.lastCalled()
      try common.emit(
        last.map { "\($0.shown(.bn))\t\($0.desk ?? "")" }.joined(separator: "\n"),
        last.map { ["token": $0.shown(.en), "desk": $0.desk ?? ""] })
    }
  }

  struct Figures: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Tokens issued, called, served and skipped, and the waits, by hour and service.")
    @OptionGroup var common: Common
    @Argument(help: "The day, YYYY-MM-DD (default: today in Bangladesh)") var day: String?
    func run() throws {
      let store = try KioskStore.open(try common.setup())
      let date = try bangladeshDay(day)
      let q = try store.queueReport(day: date)
      var names: [String: BilingualText] = [:]
      for s in try common.setup().catalogue.services { names[s.id] = s.name }
      try common.emit(
        (["\(date.iso)"] + queueLines(q, services: names)).joined(separator: "\n"), queueJSON(q))
    }
  }
}

/// The day's waiting figures as text: the day, then by hour (of the token) and by service; waits
/// issue → call, mean and 90th percentile (nine in ten waited this long or less).
func queueLines(_ q: QueueFigures, services: [String: BilingualText]) -> [String] {
  func line(_ name: String, _ f: QueueFigureRow) -> String {
    "\(name)\tissued \(f.issued)\tcalled \(f.called)\tserved \(f.served)\tskipped \(f.skipped)"
      + "\twaiting \(f.waiting)\tmean wait \(QueueFigures.minutes(f.meanWaitSeconds, .en))"
      + "\tp90 wait \(QueueFigures.minutes(f.p90WaitSeconds, .en))"
  }
  return [line("tokens", q.total)] + q.byHour.map { line("tokens hour \(QueueFigures.hourSpan($0.key, .en))", $0) }
    + q.byService.map { line("tokens service \($0.key) (\(services[$0.key]?.en ?? $0.key))", $0) }
}

/// The same for --json: waits in seconds (null when no token was called).
func queueJSON(_ q: QueueFigures) -> [String: Any] {
  func row(_ f: QueueFigureRow) -> [String: Any] {
    [
      "key": f.key, "issued": f.issued, "called": f.called, "served": f.served, "skipped": f.skipped,
      "waiting": f.waiting, "mean_wait_s": f.meanWaitSeconds ?? NSNull(), "p90_wait_s": f.p90WaitSeconds ?? NSNull(),
      "max_wait_s": f.maxWaitSeconds ?? NSNull(),
    ]
  }
  return [
    "day": q.day.iso, "total": row(q.total), "by_hour": q.byHour.map(row), "by_service": q.byService.map(row),
    "issued": q.total.issued, "called": q.total.called, "served": q.total.served,
    "mean_wait_s": q.total.meanWaitSeconds ?? NSNull(),
  ]
}
