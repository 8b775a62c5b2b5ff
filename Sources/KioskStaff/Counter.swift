import Foundation
import KioskCore
import KioskPrint
import KioskStore

/// The staff counter's work, without a screen: what to charge (from the catalogue and the centre's
/// area class, never typed by hand), receipts issued and printed, reprints, voids, the day-end
/// report. Used by the kiosk's staff mode and by kioskctl; tested on a real file and a real cupsd.
public struct Counter: Sendable {
  public let setup: KioskSetup
  public let store: KioskStore
  public let printer: Printer

  public init(setup: KioskSetup, store: KioskStore, printer: Printer) {
    self.setup = setup
    self.store = store
    self.printer = printer
  }

  var config: KioskConfig { setup.config }
  /// Receipts go to the roll printer; the A4 queue takes reports when there is one.
  public var receiptQueue: String { config.slipQueue }
  public var reportQueue: String { config.a4Queue.isEmpty ? config.slipQueue : config.a4Queue }

  /// What the centre charges for a draft: its service fee by area class and the page surcharge
  /// from the scanned-pages answer (or `pages`, when staff counted them).
  public func charge(forDraft draftID: Int64, pages: Int? = nil) throws -> (Service, [LedgerLine]) {
    guard let draft = try store.draft(id: draftID), let service = setup.catalogue.service(draft.serviceID) else {
      throw CounterError.unknownDraft
    }
    let answers = try store.answers(draftID: draftID)
    let count = pages ?? FeeEngine.pageCount(service, answers: answers)
    let quote = try FeeEngine.quote(service, areaClass: config.areaClass, pages: count)
    return (service, quote.centreLines.map(LedgerLine.init))
  }

  /// Issues the receipt (numbered and chained before anything prints), then prints it.
  public func chargeAndPrint(draftID: Int64, operator op: Operator, pages: Int? = nil, now: Date = Date()) throws
    -> (LedgerReceipt, PrintOutcome)
  {
    let receipt = try issueReceipt(forDraft: draftID, operator: op, pages: pages, now: now)
    return (receipt, try printReceipt(receipt, operator: op, reprint: false))
  }

  /// The receipt for a draft's fee, in the ledger (numbered and chained), not yet printed.
  public func issueReceipt(forDraft draftID: Int64, operator op: Operator, pages: Int? = nil, now: Date = Date())
    throws -> LedgerReceipt
  {
    let (service, lines) = try charge(forDraft: draftID, pages: pages)
    return try store.issueReceipt(
      centreID: config.receiptPrefix, draftID: draftID, serviceID: service.id, operatorID: op.id, lines: lines, now: now
    )
  }

  /// Charges for a handout (a khatian or DCR PDF from the portal): the service's fee lines for
  /// the PDF's page count, then the PDF and its receipt are printed.
  public func printHandout(
    pdf: Data, serviceID: String, draftID: Int64?, operator op: Operator, now: Date = Date()
  ) throws -> (LedgerReceipt, PrintOutcome, PrintOutcome) {
    let receipt = try handoutReceipt(pdf: pdf, serviceID: serviceID, draftID: draftID, operator: op, now: now)
    let paper = printHandoutPaper(pdf, receipt: receipt)
    return (receipt, paper, try printReceipt(receipt, operator: op, reprint: false))
  }

  /// The receipt for a handout: the service's fee lines for the PDF's page count, in the ledger.
  /// Throws before anything is issued when the PDF cannot be read or the service is unknown.
  public func handoutReceipt(pdf: Data, serviceID: String, draftID: Int64?, operator op: Operator, now: Date = Date())
    throws -> LedgerReceipt
  {
    guard let service = setup.catalogue.service(serviceID) else { throw CounterError.unknownService(serviceID) }
    let handout = try Handout(pdf: pdf)
    let quote = try FeeEngine.quote(service, areaClass: config.areaClass, pages: handout.pageCount)
    return try store.issueReceipt(
      centreID: config.receiptPrefix, draftID: draftID, serviceID: service.id, operatorID: op.id,
      lines: quote.centreLines.map(LedgerLine.init), now: now)
  }

  /// The portal's PDF itself, byte for byte, on the A4 queue (its receipt goes to the roll).
  public func printHandoutPaper(_ pdf: Data, receipt: LedgerReceipt) -> PrintOutcome {
    printer.printPDF(pdf, queue: reportQueue, title: "handout-\(receipt.displayNumber)")
  }

  /// The paper form of a ledger row.
  public func moneyReceipt(_ r: LedgerReceipt, operatorName: String, reprint: Bool) throws -> MoneyReceipt {
    let answers = try r.draftID.map { try store.answers(draftID: $0) } ?? [:]
    let service = setup.catalogue.service(r.serviceID)
    var paper = MoneyReceipt(
      number: r.displayNumber, centre: config.centreName, operatorName: operatorName,
      citizenName: answers["applicant_name"] ?? "",
      service: service?.name ?? BilingualText(bn: r.serviceID, en: r.serviceID),
      applicationNumber: try r.draftID.flatMap { try store.applicationNumber(draftID: $0) },
      lines: r.lines.map { ReceiptLine(label: BilingualText(bn: $0.bn, en: $0.en), amount: $0.amount) },
      date: CivilDate(secondsSince1970: r.issuedAt.timeIntervalSince1970), time: Counter.time(r.issuedAt),
      verification: r.verification)
    paper.reprint = reprint
    if r.draftID != nil { paper.tracking = service?.tracking }
    if let voided = try r.voidsReceipt.flatMap({ try store.receipt(id: $0) }) {
      paper.replacesNumber = voided.displayNumber
    }
    return paper
  }

  /// Prints a receipt (or reprints it, marked so on the paper). A failed print keeps the PDF as a
  /// "not printed" job; the ledger row stays as it is.
  public func printReceipt(_ r: LedgerReceipt, operator op: Operator, reprint: Bool) throws -> PrintOutcome {
    let paper = printer.rollPaper(forQueue: receiptQueue)
    let pdf = Documents.moneyReceipt(try moneyReceipt(r, operatorName: op.name, reprint: reprint), paper: paper)
    let outcome = try printKept(
      pdf, draftID: r.draftID, kind: "receipt", queue: receiptQueue, title: "receipt-\(r.displayNumber)")
    if outcome.succeeded {
      do {
        try store.markReceiptPrinted(r.id, operatorID: op.id, reprint: reprint)
      } catch {
        throw UnrecordedPrint(outcome: outcome, error: error)
      }
    }
    return outcome
  }

  /// The Z report of a day: every receipt and void, totals by service and operator.
  public func dayEnd(_ day: CivilDate) throws -> DayEndReport {
    let rows = try store.receipts(on: day)
    let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0) })
    let entries = try rows.map { r in
      DayEndReport.Entry(
        number: r.displayNumber, time: Counter.time(r.issuedAt), serviceID: r.serviceID, operatorID: r.operatorID,
        total: r.total,
        voids: try r.voidsReceipt.map { id in
          if let known = byID[id] { return known.displayNumber }
          return try store.receipt(id: id)?.displayNumber ?? "?"
        })
    }
    var names: [String: BilingualText] = [:]
    for s in setup.catalogue.services { names[s.id] = s.name }
    let people = Dictionary(try store.operators().map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    var report = DayEndReport(
      centre: config.centreName, date: day, entries: entries, serviceNames: names, operatorNames: people,
      queue: try store.queueReport(day: day))
    let complaints = try store.complaintCounts(on: day)
    report.complaints = ComplaintKind.allCases.map {
      DayEndReport.ComplaintLine(kind: $0.words, count: complaints[$0] ?? 0)
    }
    var feedback: [String: [Int]] = [:]
    for f in try store.feedbackCounts(on: day) { feedback[f.serviceID, default: [0, 0, 0]][f.rating - 1] += f.count }
    report.feedback = feedback.keys.sorted().map { DayEndReport.FeedbackLine(serviceID: $0, counts: feedback[$0]!) }
    return report
  }

  /// The Z report of a day being closed: with the ledger's head, saved now (see `printDayEnd`).
  public func closeDay(_ day: CivilDate, operatorID: String) throws -> DayEndReport {
    var report = try dayEnd(day)
    report.ledgerHead = try store.saveLedgerHead(kind: "day-end", operatorID: operatorID)?.printed
    report.complaintHead = try store.saveComplaintHead(kind: "day-end", operatorID: operatorID)?.printed
    return report
  }

  /// The Z report as CSV: one line per receipt, then totals by service and by operator, then the
  /// queue's figures (kind `queue-day`, `queue-hour` keyed 09 for 09:00–09:59, `queue-service`) in
  /// the last six columns, waits in whole seconds (empty: no token called).
  public func dayEndCSV(_ day: CivilDate) throws -> String {
    let report = try dayEnd(day)
    let none = ",,,,,,"
    var out = "kind,key,number,time,service,operator,total,voids,issued,called,served,skipped,mean_wait_s,p90_wait_s\n"
    for e in report.entries {
      out +=
        ["receipt", "", e.number, e.time, e.serviceID, e.operatorID, String(e.total), e.voids ?? ""]
        .joined(separator: ",") + none + "\n"
    }
    for (key, count, total) in report.totals(by: \.serviceID) {
      out += "service,\(key),\(count),,,,\(total),\(none)\n"
    }
    for (key, count, total) in report.totals(by: \.operatorID) {
      out += "operator,\(key),\(count),,,,\(total),\(none)\n"
    }
    out += "total,,\(report.entries.filter { $0.voids == nil }.count),,,,\(report.total),\(none)\n"
    if let q = report.queue {
      func line(_ kind: String, _ f: QueueFigureRow) -> String {
        let wait = { (s: Double?) in s.map { String(Int($0.rounded())) } ?? "" }
        return "\(kind),\(f.key),,,,,,,\(f.issued),\(f.called),\(f.served),\(f.skipped),"
          + "\(wait(f.meanWaitSeconds)),\(wait(f.p90WaitSeconds))\n"
      }
      out += line("queue-day", q.total)
      for h in q.byHour { out += line("queue-hour", h) }
      for s in q.byService { out += line("queue-service", s) }
    }
    // The day's complaints by kind (number: how many), and the feedback by service and rating
    // (key service/rating, number: how many taps).
    for (kind, count) in zip(ComplaintKind.allCases, report.complaints) {
      out += "complaint,\(kind.rawValue),\(count.count),,,,,\(none)\n"
    }
    for f in report.feedback {
      for (i, n) in f.counts.enumerated() { out += "feedback,\(f.serviceID)/\(i + 1),\(n),,,,,\(none)\n" }
    }
    return out
  }

  /// Closes the day: the ledger's head is saved (with the key's MAC) and printed on the Z report,
  /// so that a later deleted or rewritten tail is found by `kioskctl ledger verify` and by paper.
  public func printDayEnd(_ day: CivilDate, operatorID: String = "day-end") throws -> PrintOutcome {
    let pdf = Documents.dayEnd(try closeDay(day, operatorID: operatorID))
    return try printKept(pdf, draftID: nil, kind: "day-end", queue: reportQueue, title: "day-end-\(day.iso)")
  }

  /// Prints a document and keeps it as a print job (with its PDF) first, so that one that does
  /// not print stays "not printed" and can be printed again. Throws before printing when the job
  /// cannot be kept (nothing printed), `UnrecordedPrint` when it went to the printer but its
  /// outcome could not be recorded (never print it again on that error: it may have printed).
  public func printKept(_ pdf: Data, draftID: Int64?, kind: String, queue: String, title: String) throws
    -> PrintOutcome
  {
    let record = try store.recordPrintJob(draftID: draftID, kind: kind, queue: queue, pdf: pdf)
    let outcome = printer.printPDF(pdf, queue: queue, title: title)
    do {
      try store.updatePrintJob(
        id: record, state: outcome.succeeded ? "printed" : "not-printed", message: outcome.state.rawValue,
        cupsJobID: outcome.jobID)
    } catch {
      throw UnrecordedPrint(outcome: outcome, error: error)
    }
    return outcome
  }

  /// Prints a citizen's or a staff member's document whatever the store does: kept as a print job
  /// when the store takes it, printed without a kept copy when it does not. What the store could
  /// not do is in `trouble`, for the page to say (the paper matters more than the copy).
  public func printReporting(_ pdf: Data, draftID: Int64?, kind: String, queue: String, title: String)
    -> StaffPrint
  {
    do {
      return StaffPrint(outcome: try printKept(pdf, draftID: draftID, kind: kind, queue: queue, title: title))
    } catch let e as UnrecordedPrint {
      return StaffPrint(
        outcome: e.outcome,
        trouble: StaffWords.prefixed(
          StaffWords.trouble(e.error), tr("the print job was not recorded")))
    } catch {
      let outcome = printer.printPDF(pdf, queue: queue, title: title)
      return StaffPrint(
        outcome: outcome,
        trouble: StaffWords.prefixed(
          StaffWords.trouble(error), tr("no copy was kept (to print it again, print it anew)")))
    }
  }

  /// HH:MM in Bangladesh time.
  public static func time(_ date: Date) -> String {
    let s = (Int(date.timeIntervalSince1970) + 6 * 3600) % 86400
    return String(format: "%02d:%02d", s / 3600, (s % 3600) / 60)
  }
}

/// A document went to the printer (it printed, or the printer said why not) but the store could
/// not record that afterwards: the paper may be out, so it must not be printed again on this error.
public struct UnrecordedPrint: Error, CustomStringConvertible {
  public let outcome: PrintOutcome
  public let error: any Error
  public init(outcome: PrintOutcome, error: any Error) {
    self.outcome = outcome
    self.error = error
  }
  public var description: String {
    (outcome.succeeded ? "printed" : "not printed (\(outcome.message.en))") + ", but not recorded: \(error)"
  }
}

public enum CounterError: Error, Sendable, Equatable, CustomStringConvertible {
  case unknownDraft
  case unknownService(String)
  public var description: String {
    switch self {
    case .unknownDraft: return "no such draft"
    case .unknownService(let id): return "no service '\(id)'"
    }
  }
}
