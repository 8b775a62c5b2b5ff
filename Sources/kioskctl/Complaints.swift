import ArgumentParser
import Foundation
import KioskCore
import KioskStore

/// `kioskctl complaints`: the complaints register for the inspecting officer (issue 20). It is
/// append-only and chained like the receipts ledger; `verify` names the first row that does not
/// hold. The mobile numbers citizens gave are shown only with --with-mobile.
struct ComplaintsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "complaints", abstract: "The complaints register: list, export, verify, respond.",
    subcommands: [List.self, Export.self, Verify.self, Respond.self])

  static func range(_ from: String?, _ to: String?) throws -> (Date, Date) {
    (
      try from.map(dayStart) ?? .distantPast,
      try to.map { try dayStart($0).addingTimeInterval(86400) } ?? .distantFuture
    )
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Every complaint (number, time, kind, amount asked, fixed fee, service, reference) and its responses.")
    @OptionGroup var common: Common
    @Option(help: "First day, YYYY-MM-DD") var from: String?
    @Option(help: "Last day, YYYY-MM-DD (included)") var to: String?
    @Flag(help: "Show the mobile numbers citizens gave (personal data)") var withMobile = false

    func run() throws {
      let store = try KioskStore.open(try common.setup())
      let (start, end) = try ComplaintsCommand.range(from, to)
      let f = ISO8601DateFormatter()
      var lines: [String] = []
      var objects: [[String: Any]] = []
      for (c, responses) in try store.complaints(from: start, to: end) {
        let mobile = withMobile ? (c.mobile ?? "") : (c.mobile == nil ? "" : "(mobile given)")
        lines.append(
          [
            c.displayNumber, f.string(from: c.at), c.kind.rawValue, c.askedAmount.map { "asked \($0)" } ?? "",
            c.fee.map { "fee \($0)" } ?? "", c.serviceID ?? "", c.reference ?? "", mobile,
          ].joined(separator: "\t"))
        for r in responses { lines.append("  response \(f.string(from: r.at)) \(r.operatorID): \(r.text)") }
        var o: [String: Any] = [
          "row": c.id, "number": c.displayNumber, "at": f.string(from: c.at), "kind": c.kind.rawValue,
          "asked": c.askedAmount ?? NSNull(), "fee": c.fee ?? NSNull(), "service": c.serviceID ?? NSNull(),
          "reference": c.reference ?? NSNull(),
          "responses": responses.map { ["at": f.string(from: $0.at), "operator": $0.operatorID, "text": $0.text] },
        ]
        if withMobile { o["mobile"] = c.mobile ?? NSNull() }
        objects.append(o)
      }
      try common.emit(lines.isEmpty ? "no complaints" : lines.joined(separator: "\n"), objects)
    }
  }

  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The register as CSV (a line per complaint, then its responses), days in Bangladesh time.")
    @OptionGroup var common: Common
    @Option(help: "First day, YYYY-MM-DD") var from: String?
    @Option(help: "Last day, YYYY-MM-DD (included)") var to: String?
    @Flag(help: "Include the mobile numbers citizens gave (personal data)") var withMobile = false
    func run() throws {
      let store = try KioskStore.open(try common.setup())
      let (start, end) = try ComplaintsCommand.range(from, to)
      print(try store.complaintsCSV(from: start, to: end, withMobile: withMobile), terminator: "")
    }
  }

  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check the register's keyed hash chain, numbering and saved heads; name the first bad row (exit 1).",
      discussion: "A register that holds gets a verified head saved, like `ledger verify --full`.")
    @OptionGroup var common: Common
    func run() throws {
      let store = try KioskStore.open(try common.setup())
      let check = try store.checkComplaints()
      if let p = check.problem {
        try common.emit(
          "complaints BROKEN at \(p)", ["ok": false, "row": p.rowID, "complaint": p.number, "reason": p.reason])
        throw ExitCode(1)
      }
      try store.saveComplaintHead(kind: "verified", operatorID: "kioskctl")
      try common.emit(
        "complaints ok: \(check.checked) rows checked, \(check.heads) saved heads hold",
        ["ok": true, "rows": check.checked, "heads": check.heads])
    }
  }

  struct Respond: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Add a response to a complaint (a new row: the complaint itself is never changed).")
    @OptionGroup var common: Common
    @Argument(help: "The complaint's number (DEMO-C-000012) or row") var complaint: String
    @Option(help: "The response") var text: String
    @Option(name: .customLong("operator"), help: "Operator id (see kioskctl operator list)") var operatorID: String
    func run() throws {
      let store = try KioskStore.open(try common.setup())
      guard let c = try store.complaint(number: complaint) else {
        throw ValidationError(ComplaintError.unknownComplaint(complaint).description)
      }
      let r = try store.respondToComplaint(c.id, text: text, operatorID: operatorID)
      try common.emit("response row \(r.id) to \(c.displayNumber)", ["row": r.id, "complaint": c.displayNumber])
    }
  }
}
