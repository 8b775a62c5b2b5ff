import Foundation
import KioskCore

/// One line of a money receipt.
public struct ReceiptLine: Sendable, Codable, Equatable {
  public let label: BilingualText
  public let amount: Int
  public init(label: BilingualText, amount: Int) {
    self.label = label
    self.amount = amount
  }
}

/// A money receipt (মানি রসিদ): what the citizen paid the centre, line by line.
public struct MoneyReceipt: Sendable, Codable, Equatable {
  /// e.g. DEMO-2026-000123: centre, year, gapless number.
  public var number: String
  public var centre: BilingualText
  public var operatorName: String
  public var citizenName: String
  public var service: BilingualText
  public var applicationNumber: String?
  public var lines: [ReceiptLine]
  public var date: CivilDate
  /// HH:MM, Bangladesh time.
  public var time: String
  /// Receipt number + total + the ledger hash: what the QR code carries.
  public var verification: String
  /// Printed again: marked on the paper so that two papers never look like two payments.
  public var reprint = false
  /// This receipt replaces a voided one.
  public var replacesNumber: String?
  /// Where the citizen follows the application (the service's tracking text), with what to keep.
  public var tracking: BilingualText?

  public var total: Int { lines.reduce(0) { $0 + $1.amount } }

  public init(
    number: String, centre: BilingualText, operatorName: String, citizenName: String, service: BilingualText,
    applicationNumber: String?, lines: [ReceiptLine], date: CivilDate, time: String, verification: String
  ) {
    self.number = number
    self.centre = centre
    self.operatorName = operatorName
    self.citizenName = citizenName
    self.service = service
    self.applicationNumber = applicationNumber
    self.lines = lines
    self.date = date
    self.time = time
    self.verification = verification
  }
}

/// The sheet "what to bring and what it costs" for one service at this centre.
public struct RequiredDocumentsSheet: Sendable, Codable, Equatable {
  public var centre: BilingualText
  public var areaClass: String
  public var service: BilingualText
  public var summary: BilingualText
  public var choice: BilingualText?
  public var documents: [BilingualText]
  public var centreFees: [ReceiptLine]
  public var governmentFees: [ReceiptLine]
  public var usualDays: Int?
  public var tracking: BilingualText
  public var date: CivilDate

  public init(
    centre: BilingualText, areaClass: String, service: BilingualText, summary: BilingualText, choice: BilingualText?,
    documents: [BilingualText], centreFees: [ReceiptLine], governmentFees: [ReceiptLine], usualDays: Int?,
    tracking: BilingualText, date: CivilDate
  ) {
    self.centre = centre
    self.areaClass = areaClass
    self.service = service
    self.summary = summary
    self.choice = choice
    self.documents = documents
    self.centreFees = centreFees
    self.governmentFees = governmentFees
    self.usualDays = usualDays
    self.tracking = tracking
    self.date = date
  }
}

/// The day-end (Z) report: every receipt of the day, grouped, with voids, and totals.
public struct DayEndReport: Sendable, Codable, Equatable {
  public struct Entry: Sendable, Codable, Equatable {
    public let number: String
    public let time: String
    public let serviceID: String
    public let operatorID: String
    public let total: Int
    /// Set on a voiding entry: the number it voids.
    public let voids: String?
    public init(number: String, time: String, serviceID: String, operatorID: String, total: Int, voids: String?) {
      self.number = number
      self.time = time
      self.serviceID = serviceID
      self.operatorID = operatorID
      self.total = total
      self.voids = voids
    }
  }
  public var centre: BilingualText
  public var date: CivilDate
  public var entries: [Entry]
  public var serviceNames: [String: BilingualText]
  /// Operators' names by id (the report names people, not ids).
  public var operatorNames: [String: String]?
  /// The receipts ledger's head when the day was closed (row · number · first 16 hex digits of
  /// its hash), saved with the report: `kioskctl ledger verify` checks the ledger against it.
  public var ledgerHead: String?

  public init(
    centre: BilingualText, date: CivilDate, entries: [Entry], serviceNames: [String: BilingualText],
    operatorNames: [String: String]? = nil
  ) {
    self.centre = centre
    self.date = date
    self.entries = entries
    self.serviceNames = serviceNames
    self.operatorNames = operatorNames
  }

  func serviceName(_ id: String) -> String { serviceNames[id].map { "\($0.bn) / \($0.en)" } ?? id }
  func operatorName(_ id: String) -> String { operatorNames?[id] ?? id }

  /// Voids carry the negative of what they void, so every sum below nets them out.
  public var total: Int { entries.reduce(0) { $0 + $1.total } }
  public func totals(by key: (Entry) -> String) -> [(String, count: Int, total: Int)] {
    var out: [String: (Int, Int)] = [:]
    for e in entries {
      let k = key(e)
      out[k, default: (0, 0)].0 += e.voids == nil ? 1 : 0
      out[k, default: (0, 0)].1 += e.total
    }
    return out.keys.sorted().map { ($0, out[$0]!.0, out[$0]!.1) }
  }
}

extension Documents {
  /// "৩০০ / 300": an amount in both digit sets, for a column headed টাকা / Taka.
  static func amount(_ value: Int) -> String {
    BengaliDigits.grouped(value, .bn) + " / " + BengaliDigits.grouped(value, .en)
  }

  static func tk(_ amount: Int) -> String {
    "৳ " + BengaliDigits.grouped(amount, .bn) + " / Tk " + BengaliDigits.grouped(amount, .en)
  }

  /// The money receipt, on an 80 mm roll or on A4.
  public static func moneyReceipt(_ r: MoneyReceipt, paper: PaperSize) -> Data {
    let a4: Bool
    if case .sheet = paper { a4 = true } else { a4 = false }
    let k = a4 ? 1.15 : 1.0
    var blocks: [Block] = []
    if r.reprint {
      blocks.append(.text("পুনর্মুদ্রণ · REPRINT", size: 14 * k, bold: true, align: .center))
    }
    blocks += [
      .text("মানি রসিদ / Money receipt", size: 12 * k, bold: true, align: .center),
      .text(r.centre.bn, size: 8 * k, align: .center),
      .text(r.centre.en, size: 8 * k, align: .center),
      .rule,
      .row(["রসিদ নং / No.", r.number], widths: [0.3, 0.7], size: 9 * k, bold: true),
      .row(
        ["তারিখ / Date", r.date.formatted(.bn) + ", " + BengaliDigits.toBengali(r.time)], widths: [0.35, 0.65],
        size: 8 * k),
      .row(["", r.date.formatted(.en) + ", " + r.time], widths: [0.35, 0.65], size: 8 * k),
      .row(["", BanglaDate(r.date).formatted(.bn)], widths: [0.35, 0.65], size: 8 * k),
      .row(["নাগরিক / Citizen", r.citizenName], widths: [0.35, 0.65], size: 9 * k),
      .row(["সেবা / Service", r.service.bn + " / " + r.service.en], widths: [0.35, 0.65], size: 9 * k),
    ]
    if let app = r.applicationNumber {
      blocks.append(.row(["আবেদন নং / Application no.", app], widths: [0.35, 0.65], size: 9 * k))
    }
    blocks.append(.row(["কর্মী / Operator", r.operatorName], widths: [0.35, 0.65], size: 9 * k))
    if let replaced = r.replacesNumber {
      blocks.append(.text("রসিদ \(replaced)-এর পরিবর্তে / Replaces receipt \(replaced)", size: 8 * k, bold: true))
    }
    blocks.append(.rule)
    blocks.append(.row(["বিবরণ / Item", "টাকা / Taka"], widths: [0.62, 0.38], size: 8 * k, bold: true))
    for line in r.lines {
      blocks.append(
        .row([line.label.bn + " / " + line.label.en, amount(line.amount)], widths: [0.62, 0.38], size: 9 * k))
    }
    blocks += [
      .rule,
      .row(["মোট / Total", tk(r.total)], widths: [0.35, 0.65], size: 11 * k, bold: true),
      .text("কথায়: " + AmountInWords.taka(r.total, .bn), size: 9 * k),
      .text("In words: " + AmountInWords.taka(r.total, .en), size: 9 * k),
    ]
    if let tracking = r.tracking {
      // What to keep and where to follow it, on the paper the citizen takes home.
      // The application number is "above" only once the application is filed; the service's own
      // tracking text says what else it is followed with (the NID, a mobile number).
      let keep =
        r.applicationNumber == nil
        ? "রেখে দিন: এই রসিদ; দাখিলের পর পোর্টালের আবেদন নম্বর / Keep: this receipt; once filed, the portal's application number"
        : "রেখে দিন: এই রসিদ ও ওপরের আবেদন নম্বর / Keep: this receipt and the application number above"
      blocks += [
        .rule, .text("অবস্থা জানতে / To follow it", size: 9 * k, bold: true), .text(keep, size: 8 * k),
        .text(tracking.bn, size: 8 * k), .text(tracking.en, size: 8 * k), .rule,
      ]
    }
    blocks += [
      .qr(r.verification, size: a4 ? 100 : 90),
      .text(r.verification, size: 6 * k, align: .center),
      .text(
        "ফি সরকার নির্ধারিত (ভূমিসেবা সহায়তা নির্দেশিকা ২০২৫)। রসিদ ছাড়া কোনো টাকা দেবেন না।", size: 8 * k,
        align: .center),
      .text("Fees are fixed by the government. Pay nothing without a receipt.", size: 8 * k, align: .center),
      .text(helplines.bn + " / " + helplines.en, size: 7 * k, align: .center),
    ]
    return PDFCanvas.pdf(paper, marginMM: a4 ? 20 : 4, blocks: blocks)
  }

  /// What to bring and what it costs, on A4.
  public static func requiredDocuments(_ s: RequiredDocumentsSheet) -> Data {
    var blocks: [Block] = [
      .text(s.service.bn, size: 18, bold: true),
      .text(s.service.en, size: 14, bold: true),
      .text(s.centre.bn + " / " + s.centre.en, size: 10),
      .text(bothCalendars(s.date, .bn) + "  ·  " + bothCalendars(s.date, .en), size: 9),
      .rule,
      .text(s.summary.bn, size: 11),
      .text(s.summary.en, size: 10),
    ]
    if let choice = s.choice { blocks.append(.text(choice.bn + " / " + choice.en, size: 11, bold: true)) }
    blocks += [.space(6), .text("যা সঙ্গে আনবেন / What to bring", size: 13, bold: true)]
    for (i, d) in s.documents.enumerated() {
      let n = i + 1
      blocks.append(.text("\(BengaliDigits.toBengali(String(n))). \(d.bn) / \(n). \(d.en)", size: 11))
    }
    blocks += [.space(6), .text("খরচ / What it costs (\(s.areaClass))", size: 13, bold: true)]
    for l in s.centreFees {
      blocks.append(
        .row(["কেন্দ্রকে / To the centre: " + l.label.bn + " / " + l.label.en, tk(l.amount)], widths: [0.7, 0.3], size: 11))
    }
    for l in s.governmentFees {
      blocks.append(
        .row(
          ["সরকারকে অনলাইনে / To the government online: " + l.label.bn + " / " + l.label.en, tk(l.amount)],
          widths: [0.7, 0.3], size: 11))
    }
    if let days = s.usualDays {
      blocks.append(
        .text(
          "সাধারণত সময় লাগে \(BengaliDigits.toBengali(String(days))) দিন / Usually takes \(days) days", size: 11))
    }
    blocks += [
      .space(6), .text("অবস্থা জানতে / To follow it", size: 13, bold: true), .text(s.tracking.bn, size: 11),
      .text(s.tracking.en, size: 10), .rule, .text(helplines.bn + " / " + helplines.en, size: 10, align: .center),
    ]
    return PDFCanvas.pdf(.a4, marginMM: 18, footer: pageFooter, blocks: blocks)
  }

  static func pageFooter(_ page: Int, _ count: Int) -> String {
    "পৃষ্ঠা \(BengaliDigits.toBengali(String(page)))/\(BengaliDigits.toBengali(String(count))) · Page \(page)/\(count)"
  }

  /// The day-end (Z) report on A4: by service, by operator, every receipt and void, totals.
  public static func dayEnd(_ r: DayEndReport) -> Data {
    let columns = [0.25, 0.08, 0.2, 0.12, 0.25, 0.1]
    var blocks: [Block] = [
      .text("দিন শেষের হিসাব (জেড রিপোর্ট) / Day-end report (Z)", size: 16, bold: true),
      .text(r.centre.bn + " / " + r.centre.en, size: 10),
      .text(bothCalendars(r.date, .bn) + "  ·  " + bothCalendars(r.date, .en), size: 10),
      .rule,
      .text("সেবা অনুযায়ী / By service", size: 12, bold: true),
      .row(["সেবা / Service", "রসিদ / Receipts", "টাকা / Taka"], widths: [0.6, 0.2, 0.2], size: 10, bold: true),
    ]
    for (id, count, total) in r.totals(by: \.serviceID) {
      let name = r.serviceName(id)
      blocks.append(.row([name, String(count), BengaliDigits.grouped(total, .en)], widths: [0.6, 0.2, 0.2], size: 10))
    }
    blocks += [
      .space(6), .text("কর্মী অনুযায়ী / By operator", size: 12, bold: true),
      .row(["কর্মী / Operator", "রসিদ / Receipts", "টাকা / Taka"], widths: [0.6, 0.2, 0.2], size: 10, bold: true),
    ]
    for (op, count, total) in r.totals(by: \.operatorID) {
      blocks.append(
        .row(
          [r.operatorName(op), String(count), BengaliDigits.grouped(total, .en)], widths: [0.6, 0.2, 0.2], size: 10))
    }
    blocks += [
      .space(6), .text("সব রসিদ / Every receipt", size: 12, bold: true),
      .row(
        ["নং / No.", "সময় / Time", "সেবা / Service", "কর্মী / Operator", "বাতিল করে / Voids", "টাকা / Taka"],
        widths: columns, size: 9, bold: true),
    ]
    for e in r.entries {
      blocks.append(
        .row(
          [
            e.number, e.time, r.serviceNames[e.serviceID]?.bn ?? e.serviceID, r.operatorName(e.operatorID),
            e.voids ?? "", BengaliDigits.grouped(e.total, .en),
          ],
          widths: columns, size: 9))
    }
    let voids = r.entries.filter { $0.voids != nil }.count
    blocks += [
      .rule,
      .row(["বাতিল / Voids", String(voids)], widths: [0.7, 0.3], size: 11),
      .row(["মোট / Total", tk(r.total)], widths: [0.6, 0.4], size: 13, bold: true),
      .text(
        "কথায়: " + AmountInWords.taka(max(0, r.total), .bn) + " / " + AmountInWords.taka(max(0, r.total), .en), size: 10),
    ]
    if let head = r.ledgerHead {
      blocks += [
        .space(6), .text("রসিদ খাতার শেষ সারি (যাচাইয়ের জন্য) / Ledger head (for verification)", size: 10, bold: true),
        .text(head, size: 10),
      ]
    }
    return PDFCanvas.pdf(.a4, marginMM: 18, footer: pageFooter, blocks: blocks)
  }
}

/// Every answer of a draft on A4, for staff to type into the portal beside the citizen.
public struct FilingSheet: Sendable, Equatable {
  public var centre: BilingualText
  public var service: BilingualText
  public var code: String
  public var applicationNumber: String?
  public var rows: [(label: BilingualText, value: String)]
  public var date: CivilDate
  public init(
    centre: BilingualText, service: BilingualText, code: String, applicationNumber: String?,
    rows: [(label: BilingualText, value: String)], date: CivilDate
  ) {
    self.centre = centre
    self.service = service
    self.code = code
    self.applicationNumber = applicationNumber
    self.rows = rows
    self.date = date
  }
  public static func == (a: FilingSheet, b: FilingSheet) -> Bool {
    a.code == b.code && a.rows.map(\.value) == b.rows.map(\.value) && a.applicationNumber == b.applicationNumber
  }
}

extension Documents {
  public static func filingSheet(_ s: FilingSheet) -> Data {
    var blocks: [Block] = [
      .text("ফাইলিং শীট / Filing sheet", size: 16, bold: true),
      .text(s.service.bn + " / " + s.service.en, size: 12, bold: true),
      .text(s.centre.bn + " / " + s.centre.en, size: 10),
      .text(bothCalendars(s.date, .bn) + "  ·  " + bothCalendars(s.date, .en), size: 10),
      .row(["কোড / Code", s.code], widths: [0.35, 0.65], size: 11, bold: true),
    ]
    if let n = s.applicationNumber {
      blocks.append(.row(["পোর্টালের আবেদন নং / Portal application no.", n], widths: [0.35, 0.65], size: 11))
    }
    blocks.append(.rule)
    for row in s.rows {
      blocks.append(
        .row([row.label.bn + " / " + row.label.en, row.value], widths: [0.45, 0.55], size: 11, rightAlignLast: false))
    }
    blocks += [.rule, .text("নাগরিকের উপস্থিতিতে পোর্টালে দাখিল করুন। / File on the portal with the citizen present.", size: 9)]
    return PDFCanvas.pdf(.a4, marginMM: 18, footer: pageFooter, blocks: blocks)
  }
}
