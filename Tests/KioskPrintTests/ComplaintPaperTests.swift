import Foundation
import KioskCore
import KioskStaff
import KioskStore
import KioskTesting
import Testing

@testable import KioskPrint

/// The complaint slip, and the complaints and feedback on the day-end (Z) report (issue 20).
@Suite struct ComplaintPaperTests {
  @Test func theSlipCarriesTheNumberTheFixedFeeAndWhereToEscalateBengaliFirst() throws {
    let day = CivilDate(year: 2027, month: 1, day: 15)!
    let text = try pdfText(
      Documents.complaintSlip(
        ComplaintSlip(
          centre: BilingualText(bn: "ডেমো কেন্দ্র", en: "Demo centre"), number: "DEMO-C-000012", date: day, time: "14:40",
          kind: tr("Asked for more than the fixed fee"), askedAmount: 1500,
          service: BilingualText(bn: "ই-নামজারি", en: "e-Namjari"), fee: 1170,
          governmentFee: 70, reference: "DEMO-2027-000003")))
    let flat = squeezed(text)
    #expect(flat.contains("DEMO-C-000012"), "\(text)")
    #expect(flat.contains(squeezed("অভিযোগের স্লিপ")) && flat.contains(squeezed("Complaint slip")))
    #expect(flat.contains("১৬১২২") && flat.contains("16122"), "\(text)")
    #expect(flat.contains(squeezed("জেলা প্রশাসকের কার্যালয়")) && flat.contains(squeezed("Deputy Commissioner's office")))
    #expect(flat.contains(squeezed("কেন্দ্রের নির্ধারিত ফি")) && flat.contains("১,১৭০") && flat.contains("1,170"), "\(text)")
    #expect(flat.contains("১,৫০০") && flat.contains("DEMO-2027-000003"))
    let bn = try #require(flat.range(of: squeezed("অভিযোগের স্লিপ")))
    let en = try #require(flat.range(of: squeezed("Complaint slip")))
    #expect(bn.lowerBound < en.lowerBound, "Bengali first")
  }

  @Test func theZReportCountsComplaintsAndFeedbackAndCarriesTheRegistersHead() throws {
    let dir = try scratchDirectory("kiosk-complaints-z")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let conf = dir + "/kiosk.conf"
    try "[storage]\ndata_dir = \(dir)/data\n".write(toFile: conf, atomically: true, encoding: .utf8)
    let setup = try KioskSetup.load(configPath: conf, environment: [:])
    let store = try KioskStore(path: setup.databasePath(environment: [:]))
    let c = Counter(setup: setup, store: store, printer: Printer(server: dir + "/no-cups", timeoutSeconds: 1))
    let day = CivilDate(year: 2027, month: 1, day: 15)!
    let noon = Date(timeIntervalSince1970: Double(day.dayNumber * 86400 - 6 * 3600 + 12 * 3600))
    for (kind, offset) in [(ComplaintKind.overcharged, 0.0), (.overcharged, 60), (.conduct, 120), (.filing, 86400)] {
      _ = try store.fileComplaint(
        centreID: "DEMO", kind: kind, askedAmount: kind == .overcharged ? 2000 : nil, reference: nil,
        serviceID: "namjari", fee: 1170, mobile: "01712345678", now: noon.addingTimeInterval(offset))
    }
    for (rating, n) in [(3, 4), (1, 1)] {
      for _ in 0..<n { try store.recordFeedback(serviceID: "namjari", rating: rating, now: noon) }
    }
    try store.recordFeedback(serviceID: "khatian-copy", rating: 2, now: noon)

    let report = try c.closeDay(day, operatorID: "op1")
    #expect(report.complaints.map(\.count) == [2, 0, 0, 1, 0], "overcharged, filing, misuse, conduct, other")
    #expect(
      report.feedback == [
        .init(serviceID: "khatian-copy", counts: [0, 1, 0]), .init(serviceID: "namjari", counts: [1, 0, 4]),
      ])
    let head = try #require(report.complaintHead)
    #expect(head.hasPrefix("4 · "), "the register's last row when the day was closed: \(head)")
    #expect(try store.complaintHeads().map(\.kind) == ["day-end"])
    let csv = try c.dayEndCSV(day)
    #expect(csv.contains("complaint,overcharged,2,") && csv.contains("complaint,conduct,1,"), "\(csv)")
    #expect(csv.contains("feedback,namjari/3,4,") && csv.contains("feedback,namjari/1,1,"), "\(csv)")
    #expect(!csv.contains("01712345678"))
    let paper = squeezed(try pdfText(Documents.dayEnd(report)))
    #expect(paper.contains(squeezed("অভিযোগ / Complaints")), "\(paper)")
    #expect(paper.contains(squeezed("আজকের মোট অভিযোগ / Complaints made today 3")), "\(paper)")
    #expect(paper.contains(squeezed(head)), "\(paper)")
    #expect(paper.contains(squeezed("সেবা শেষে মতামত / Feedback after the visit")), "\(paper)")
    #expect(!paper.contains("01712345678"))
  }
}
