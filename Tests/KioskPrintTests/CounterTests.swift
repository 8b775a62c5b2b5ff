import Foundation
import KioskCore
import KioskStaff
import KioskStore
import KioskTesting
import Testing

@testable import KioskPrint

/// The staff counter on a real database file and the private cupsd: charge, print, reprint, void,
/// reissue, a jammed printer, and the day-end report adding up.
@Suite(.serialized) struct CounterTests {
  let cups = PrivateCups.shared

  func counter(_ dir: String, slipQueue: String = "a4") throws -> Counter {
    let conf = dir + "/kiosk.conf"
    try """
    [storage]
    data_dir = \(dir)/data
    [printing]
    cups_server = \(cups.server)
    slip_queue = \(slipQueue)
    a4_queue = a4
    """.write(toFile: conf, atomically: true, encoding: .utf8)
    let setup = try KioskSetup.load(configPath: conf, environment: [:])
    return Counter(
      setup: setup, store: try KioskStore(path: setup.databasePath(environment: [:])),
      printer: Printer(server: cups.server, timeoutSeconds: 10))
  }

  /// The text of what cupsd's capture backend received for a job.
  func printed(_ outcome: PrintOutcome) throws -> String {
    let job = try #require(outcome.jobID)
    let bytes = try #require(cups.captured("a4", job: job))
    return try pdfText(bytes)
  }

  func scratchDir() throws -> String { try scratchDirectory("kiosk-counter") }

  @Test func chargeReprintVoidReissueAndTheDayAddsUp() throws {
    let dir = try scratchDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let c = try counter(dir)
    let store = c.store
    let draft = try store.createDraft(serviceID: "namjari", language: .bn)
    try store.saveAnswer(draftID: draft.id, questionID: "applicant_name", value: "মোছাম্মৎ রহিমা খাতুন")
    try store.saveAnswer(draftID: draft.id, questionID: "scanned_pages", value: "25")
    try store.markFiled(draftID: draft.id, applicationNumber: "NJ-2026-7781", operatorID: "salma")
    let op = Operator(id: "salma", name: "সালমা আক্তার", disabled: false)

    // The fee comes from the catalogue: namjari at area class C, 25 pages (5 over the free 20).
    let (_, lines) = try c.charge(forDraft: draft.id)
    let namjari = try #require(c.setup.catalogue.service("namjari"))
    let quote = try FeeEngine.quote(namjari, areaClass: .c, pages: 25)
    #expect(lines.map(\.amount) == quote.centreLines.map(\.amount) && lines.count == 2)
    let total = quote.centreTotal

    let (receipt, outcome) = try c.chargeAndPrint(draftID: draft.id, operator: op)
    #expect(outcome.succeeded, "\(outcome)")
    #expect(receipt.number == 1 && receipt.total == total)
    let paper = try printed(outcome)
    #expect(paper.contains(receipt.displayNumber) && paper.contains("NJ-2026-7781"))
    #expect(squeezed(paper).contains(squeezed(AmountInWords.taka(total, .en))), "\(paper)")
    #expect(squeezed(paper).contains(squeezed("রহিমা খাতুন")))
    #expect(!paper.contains("REPRINT"))
    #expect(try store.receipt(id: receipt.id)?.printed == true)

    let again = try c.printReceipt(receipt, operator: op, reprint: true)
    #expect(try printed(again).contains("REPRINT"))

    // Wrong page count: void with a reason, reissue for 20 pages.
    let void = try store.voidReceipt(receipt.id, reason: "ভুল পৃষ্ঠা সংখ্যা / wrong page count", operatorID: op.id)
    let (second, printed2) = try c.chargeAndPrint(draftID: draft.id, operator: op, pages: 20)
    #expect(printed2.succeeded && second.number == 3 && second.total == quote.centreLines[0].amount)
    #expect(void.number == 2 && void.total == -total)

    let day = CivilDate(secondsSince1970: Date().timeIntervalSince1970)
    let report = try c.dayEnd(day)
    let sum = try store.receipts(on: day).reduce(0) { $0 + $1.total }
    #expect(report.total == sum && sum == second.total, "the Z report's total equals the day's receipts")
    #expect(report.entries.first { $0.voids != nil }?.voids == receipt.displayNumber)
    let csv = try c.dayEndCSV(day)
    #expect(csv.contains("total,,2,,,,\(sum),"), "\(csv)")
    #expect(csv.contains("operator,salma,2,,,,\(sum),"), "\(csv)")
    let z = try c.printDayEnd(day)
    #expect(z.succeeded)
    let zText = try printed(z)
    #expect(zText.contains(receipt.displayNumber) && zText.contains(second.displayNumber), "\(zText)")
    #expect(try store.verifyLedger() == nil)
    let log = try store.auditLog().map(\.action)
    #expect(log.contains("receipt-issue") && log.contains("receipt-void") && log.contains("receipt-reprint"))
  }

  /// The day's waiting figures on the Z report (paper and CSV): tokens issued and called at known
  /// times, by hour and by service, the mean and 90th-percentile waits.
  @Test func theZReportCarriesTheWaitingFigures() throws {
    let dir = try scratchDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let c = try counter(dir)
    let day = CivilDate(year: 2026, month: 12, day: 7)!
    let nine = Double(day.dayNumber * 86400 - 6 * 3600 + 9 * 3600)  // 09:00 in Bangladesh
    func at(_ minutes: Int) -> Date { Date(timeIntervalSince1970: nine + Double(minutes * 60)) }
    for (service, letter, issued) in [("namjari", "ক", 0), ("namjari", "ক", 10), ("khatian-copy", "খ", 70)] {
      let d = try c.store.createDraft(serviceID: service, language: .bn)
      _ = try c.store.issueToken(draftID: d.id, serviceID: service, letter: letter, now: at(issued))
    }
    let first = try #require(try c.store.callNext(desk: "1", now: at(12)))  // waited 12 min
    _ = try c.store.callNext(desk: "2", now: at(40))  // 30 min
    try c.store.finishToken(first.id, served: true, desk: "1", now: at(20))

    let report = try c.dayEnd(day)
    #expect(report.queue?.total.issued == 3 && report.queue?.total.called == 2 && report.queue?.total.served == 1)
    let csv = try c.dayEndCSV(day)
    #expect(csv.hasPrefix("kind,key,number,time,service,operator,total,voids,issued,called,served,skipped,"))
    #expect(csv.contains("queue-day,,,,,,,,3,2,1,0,1260,1800\n"), "\(csv)")
    #expect(csv.contains("queue-hour,09,,,,,,,2,2,1,0,1260,1800\n"), "\(csv)")
    #expect(csv.contains("queue-hour,10,,,,,,,1,0,0,0,,\n"), "\(csv)")
    #expect(csv.contains("queue-service,khatian-copy,,,,,,,1,0,0,0,,\n"), "\(csv)")
    let paper = squeezed(try pdfText(Documents.dayEnd(report)))
    #expect(paper.contains(squeezed("Waiting figures (tokens)")), "\(paper)")
    #expect(paper.contains(squeezed("09:00–10:00 2 2 1 0 21 min 30 min")), "\(paper)")
    #expect(paper.contains(squeezed("10:00–11:00 1 0 0 0 — —")), "\(paper)")
  }

  @Test func aJammedPrinterLeavesTheReceiptNotPrintedAndReprintable() throws {
    let dir = try scratchDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let c = try counter(dir)
    let draft = try c.store.createDraft(serviceID: "khatian-copy", language: .bn)
    let op = Operator(id: "salma", name: "Salma", disabled: false)
    try cups.fault("a4", "jam")
    let (receipt, outcome) = try c.chargeAndPrint(draftID: draft.id, operator: op)
    try cups.fault("a4", nil)
    #expect(!outcome.succeeded && outcome.message.en.contains("jam"), "\(outcome)")
    #expect(try c.store.receipt(id: receipt.id)?.printed == false, "kept as not printed")
    #expect(try c.store.printJobs(draftID: draft.id).last?.state == "not-printed")
    let retry = try c.printReceipt(receipt, operator: op, reprint: true)
    #expect(retry.succeeded)
    #expect(try c.store.receipt(id: receipt.id)?.printed == true)
    #expect(try c.store.receipts().count == 1, "no second number for the same payment")
  }

  /// A USB thermal printer out of paper, heard by its queue's filter at the job's start (the
  /// `escposusb` stand-in): the receipt is not printed and stays reprintable; with paper in, the
  /// reprint is the only one that comes out.
  @Test func aThermalPrinterOutOfPaperLeavesTheReceiptReprintableAndPrintedOnce() throws {
    let dir = try scratchDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let c = try counter(dir, slipQueue: "escposusb")
    let draft = try c.store.createDraft(serviceID: "khatian-copy", language: .bn)
    let op = Operator(id: "salma", name: "Salma", disabled: false)
    let before = cups.thermalFiles(".png")
    try "paper-out".write(toFile: cups.dir + "/thermal/status", atomically: true, encoding: .utf8)
    let (receipt, outcome) = try c.chargeAndPrint(draftID: draft.id, operator: op)
    try? FileManager.default.removeItem(atPath: cups.dir + "/thermal/status")
    #expect(!outcome.succeeded && outcome.message.en == "The printer is out of paper", "\(outcome)")
    #expect(try c.store.receipt(id: receipt.id)?.printed == false, "kept as not printed")
    #expect(try c.store.printJobs(draftID: draft.id).last?.state == "not-printed")
    let retry = try c.printReceipt(receipt, operator: op, reprint: true)
    #expect(retry.succeeded, "\(retry)")
    #expect(try c.store.receipt(id: receipt.id)?.printed == true)
    #expect(try c.store.receipts().count == 1, "no second number for the same payment")
    usleep(500_000)
    #expect(cups.thermalFiles(".png").subtracting(before).count == 1, "one receipt came out, not two")
  }

  @Test func aPortalPDFIsPrintedAsAHandoutWithItsReceipt() throws {
    let dir = try scratchDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let c = try counter(dir)
    // A two-page PDF standing in for a khatian downloaded from the portal.
    let portal = Documents.filingSheet(
      FilingSheet(
        centre: c.setup.config.centreName, service: BilingualText(bn: "খতিয়ান", en: "Khatian"), code: "-",
        applicationNumber: nil, rows: (1...60).map { (BilingualText(bn: "দাগ \($0)", en: "Dag \($0)"), "\($0)") },
        date: CivilDate(year: 2026, month: 11, day: 22)!))
    #expect(try Handout(pdf: portal).pageCount >= 2)
    let op = Operator(id: "salma", name: "Salma", disabled: false)
    let (receipt, paper, slip) = try c.printHandout(pdf: portal, serviceID: "khatian-copy", draftID: nil, operator: op)
    #expect(paper.succeeded && slip.succeeded)
    #expect(cups.captured("a4", job: try #require(paper.jobID)) == portal, "the portal's PDF byte for byte")
    let fee = try #require(c.setup.catalogue.service("khatian-copy")?.centreFee?.byClass[.c])
    #expect(receipt.total == fee && receipt.serviceID == "khatian-copy")
    #expect(try printed(slip).contains(receipt.displayNumber))
    #expect(throws: Handout.Problem.self) {
      _ = try c.printHandout(pdf: Data("junk".utf8), serviceID: "khatian-copy", draftID: nil, operator: op)
    }
    #expect(try c.store.receipts().count == 1, "no receipt for a file that is not a PDF")
  }
}
