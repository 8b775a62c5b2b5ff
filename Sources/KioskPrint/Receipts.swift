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
  /// The share folder whose assets/documents/ holds the pictures of the papers to bring (each
  /// document's line shows the pictures its words name, `DocumentPicture`); nil: words only.
  public var pictureFolder: String?

  public init(
    centre: BilingualText, areaClass: String, service: BilingualText, summary: BilingualText, choice: BilingualText?,
    documents: [BilingualText], centreFees: [ReceiptLine], governmentFees: [ReceiptLine], usualDays: Int?,
    tracking: BilingualText, date: CivilDate, pictureFolder: String? = nil
  ) {
    self.pictureFolder = pictureFolder
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
  /// The day's queue: tokens issued, called, served, skipped and the waits, by hour and service.
  public var queue: QueueFigures?
  /// A kind of complaint and how many were made.
  public struct ComplaintLine: Sendable, Codable, Equatable {
    public var kind: BilingualText
    public var count: Int
    public init(kind: BilingualText, count: Int) {
      self.kind = kind
      self.count = count
    }
  }
  /// A service's feedback: how many taps of rating 1 (poor), 2 (fair), 3 (good).
  public struct FeedbackLine: Sendable, Codable, Equatable {
    public var serviceID: String
    public var counts: [Int]
    public init(serviceID: String, counts: [Int]) {
      self.serviceID = serviceID
      self.counts = counts
    }
  }
  /// The day's complaints by kind; every kind, with its zero.
  public var complaints: [ComplaintLine] = []
  /// The complaints register's head when the day was closed (row · first 16 hex digits of its hash).
  public var complaintHead: String?
  /// The day's one-tap feedback by service.
  public var feedback: [FeedbackLine] = []

  public init(
    centre: BilingualText, date: CivilDate, entries: [Entry], serviceNames: [String: BilingualText],
    operatorNames: [String: String]? = nil, queue: QueueFigures? = nil
  ) {
    self.centre = centre
    self.date = date
    self.entries = entries
    self.serviceNames = serviceNames
    self.operatorNames = operatorNames
    self.queue = queue
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

/// The columns of the receipts' and reports' rows, as fractions of the line's width.
enum Columns {
  /// The receipt's number beside its label.
  static let number = [0.3, 0.7]
  /// A label and its value (date, citizen, service, operator, the total on a receipt).
  static let field = [0.35, 0.65]
  /// A fee line and its amount on a receipt.
  static let item = [0.62, 0.38]
  /// A fee line and its amount on the checklist; the voids on the day-end report.
  static let line = [0.7, 0.3]
  /// Name, count and taka: the day-end report's totals by service and by operator.
  static let summary = [0.6, 0.2, 0.2]
  /// The day-end report's grand total.
  static let total = [0.6, 0.4]
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
    let words = tr("In words: {1}", .init(bn: AmountInWords.taka(r.total, .bn), en: AmountInWords.taka(r.total, .en)))
    let fixed = tr("Fees are fixed by the government. Pay nothing without a receipt.")
    var blocks: [Block] = []
    if r.reprint {
      blocks.append(.text(tr("REPRINT").bn + " · " + tr("REPRINT").en, size: 14 * k, bold: true, align: .center))
    }
    blocks += [
      .text(tr("Money receipt").both, size: 12 * k, bold: true, align: .center),
      .text(r.centre.bn, size: 8 * k, align: .center),
      .text(r.centre.en, size: 8 * k, align: .center),
      .rule,
      .row([tr("No.").both, r.number], widths: Columns.number, size: 9 * k, bold: true),
      .row(
        [tr("Date").both, r.date.formatted(.bn) + ", " + BengaliDigits.toBengali(r.time)], widths: Columns.field,
        size: 8 * k),
      .row(["", r.date.formatted(.en) + ", " + r.time], widths: Columns.field, size: 8 * k),
      .row(["", BanglaDate(r.date).formatted(.bn)], widths: Columns.field, size: 8 * k),
      .row([tr("Citizen").both, r.citizenName], widths: Columns.field, size: 9 * k),
      .row([tr("Service").both, r.service.bn + " / " + r.service.en], widths: Columns.field, size: 9 * k),
    ]
    if let app = r.applicationNumber {
      blocks.append(.row([tr("Application no.").both, app], widths: Columns.field, size: 9 * k))
    }
    blocks.append(.row([tr("Operator").both, r.operatorName], widths: Columns.field, size: 9 * k))
    if let replaced = r.replacesNumber {
      blocks.append(.text(tr("Replaces receipt {1}", .same("\(replaced)")).both, size: 8 * k, bold: true))
    }
    blocks.append(.rule)
    blocks.append(.row([tr("Item").both, tr("Taka").both], widths: Columns.item, size: 8 * k, bold: true))
    for line in r.lines {
      blocks.append(
        .row([line.label.bn + " / " + line.label.en, amount(line.amount)], widths: Columns.item, size: 9 * k))
    }
    blocks += [
      .rule,
      .row([tr("Total").both, tk(r.total)], widths: Columns.field, size: 11 * k, bold: true),
      .text(words.bn, size: 9 * k),
      .text(words.en, size: 9 * k),
    ]
    if let tracking = r.tracking {
      // What to keep and where to follow it, on the paper the citizen takes home.
      // The application number is "above" only once the application is filed; the service's own
      // tracking text says what else it is followed with (the NID, a mobile number).
      let keep =
        r.applicationNumber == nil
        ? tr("Keep: this receipt; once filed, the portal's application number").both
        : tr("Keep: this receipt and the application number above").both
      blocks += [
        .rule, .text(tr("To follow it").both, size: 9 * k, bold: true), .text(keep, size: 8 * k),
        .text(tracking.bn, size: 8 * k), .text(tracking.en, size: 8 * k), .rule,
      ]
    }
    blocks += [
      .qr(r.verification, size: a4 ? 100 : 90),
      .text(r.verification, size: 6 * k, align: .center),
      .text(fixed.bn, size: 8 * k, align: .center),
      .text(fixed.en, size: 8 * k, align: .center),
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
    blocks += [.space(6), .text(tr("What to bring").both, size: 13, bold: true)]
    for (i, d) in s.documents.enumerated() {
      let n = i + 1
      let line = "\(BengaliDigits.toBengali(String(n))). \(d.bn) / \(n). \(d.en)"
      if let folder = s.pictureFolder {
        let pictures = DocumentPicture.pictures(for: d).map { folder + "/" + $0.path }
        blocks.append(.pictured(line, pictures: pictures, size: 11, pictureSize: 30))
      } else {
        blocks.append(.text(line, size: 11))
      }
    }
    blocks += [.space(6), .text(tr("What it costs").both + " (\(s.areaClass))", size: 13, bold: true)]
    for l in s.centreFees {
      blocks.append(
        .row(
          [tr("To the centre").both + ": " + l.label.bn + " / " + l.label.en, tk(l.amount)], widths: Columns.line,
          size: 11))
    }
    for l in s.governmentFees {
      blocks.append(
        .row(
          [tr("To the government online").both + ": " + l.label.bn + " / " + l.label.en, tk(l.amount)],
          widths: Columns.line, size: 11))
    }
    if let days = s.usualDays {
      blocks.append(
        .text(
          tr("Usually takes {1} days", .digits("\(days)")).both, size: 11))
    }
    blocks += [
      .space(6), .text(tr("To follow it").both, size: 13, bold: true), .text(s.tracking.bn, size: 11),
      .text(s.tracking.en, size: 10), .rule, .text(helplines.bn + " / " + helplines.en, size: 10, align: .center),
    ]
    return PDFCanvas.pdf(.a4, marginMM: 18, footer: pageFooter, blocks: blocks)
  }

  /// The day's queue on the Z report: the day's line, then by hour (of the token) and by service.
  static func queueBlocks(_ q: QueueFigures, _ r: DayEndReport) -> [Block] {
    let widths = [0.3, 0.1, 0.1, 0.1, 0.1, 0.15, 0.15]
    let head = [
      "", tr("Issued").both, tr("Called").both, tr("Served").both, tr("Skipped").both, tr("Mean wait").both,
      tr("90% wait").both,
    ]
    func line(_ name: String, _ f: QueueFigureRow, bold: Bool = false) -> Block {
      .row(
        [
          name, String(f.issued), String(f.called), String(f.served), String(f.skipped),
          QueueFigures.minutes(f.meanWaitSeconds, .en), QueueFigures.minutes(f.p90WaitSeconds, .en),
        ], widths: widths, size: 9, bold: bold)
    }
    var blocks: [Block] = [
      .space(6), .text(tr("Waiting figures (tokens)").both, size: 12, bold: true),
      .text(tr("Wait: from the token to the call; 90%: nine in ten waited this long or less.").both, size: 9),
      .row(head, widths: widths, size: 9, bold: true),
      line(tr("Whole day").both, q.total, bold: true),
    ]
    if !q.byHour.isEmpty {
      blocks.append(.text(tr("By hour (when the token was taken)").both, size: 10, bold: true))
      for h in q.byHour { blocks.append(line(QueueFigures.hourSpan(h.key, .en), h)) }
    }
    if !q.byService.isEmpty {
      blocks.append(.text(tr("By service").both, size: 10, bold: true))
      for s in q.byService { blocks.append(line(r.serviceNames[s.key]?.bn ?? s.key, s)) }
    }
    return blocks
  }

  /// The day's complaints by kind, the register's head, and the day's feedback by service.
  static func complaintBlocks(_ r: DayEndReport) -> [Block] {
    var blocks: [Block] = [
      .space(6), .text(tr("Complaints").both, size: 12, bold: true),
    ]
    for c in r.complaints {
      blocks.append(.row([c.kind.both, String(c.count)], widths: Columns.line, size: 10))
    }
    let all = r.complaints.reduce(0) { $0 + $1.count }
    blocks.append(.row([tr("Complaints made today").both, String(all)], widths: Columns.line, size: 10, bold: true))
    if let head = r.complaintHead {
      blocks += [
        .text(tr("Complaints register head (for verification)").both, size: 10, bold: true), .text(head, size: 10),
      ]
    }
    if !r.feedback.isEmpty {
      let widths = [0.55, 0.15, 0.15, 0.15]
      blocks += [
        .space(6), .text(tr("Feedback after the visit").both, size: 12, bold: true),
        .row(
          [tr("Service").both, tr("Poor").both, tr("Fair").both, tr("Good").both], widths: widths, size: 9,
          bold: true),
      ]
      for f in r.feedback {
        blocks.append(
          .row([r.serviceNames[f.serviceID]?.bn ?? f.serviceID] + f.counts.map { String($0) }, widths: widths, size: 9))
      }
    }
    return blocks
  }

  static func pageFooter(_ page: Int, _ count: Int) -> String {
    let t = tr("Page {1}/{2}", .digits(String(page)), .digits(String(count)))
    return t.bn + " · " + t.en
  }

  /// The day-end (Z) report on A4: by service, by operator, every receipt and void, totals.
  public static func dayEnd(_ r: DayEndReport) -> Data {
    let columns = [0.25, 0.08, 0.2, 0.12, 0.25, 0.1]
    var blocks: [Block] = [
      .text(tr("Day-end report (Z)").both, size: 16, bold: true),
      .text(r.centre.bn + " / " + r.centre.en, size: 10),
      .text(bothCalendars(r.date, .bn) + "  ·  " + bothCalendars(r.date, .en), size: 10),
      .rule,
      .text(tr("By service").both, size: 12, bold: true),
      .row([tr("Service").both, tr("Receipts").both, tr("Taka").both], widths: Columns.summary, size: 10, bold: true),
    ]
    for (id, count, total) in r.totals(by: \.serviceID) {
      let name = r.serviceName(id)
      blocks.append(.row([name, String(count), BengaliDigits.grouped(total, .en)], widths: Columns.summary, size: 10))
    }
    blocks += [
      .space(6), .text(tr("By operator").both, size: 12, bold: true),
      .row([tr("Operator").both, tr("Receipts").both, tr("Taka").both], widths: Columns.summary, size: 10, bold: true),
    ]
    for (op, count, total) in r.totals(by: \.operatorID) {
      blocks.append(
        .row(
          [r.operatorName(op), String(count), BengaliDigits.grouped(total, .en)], widths: Columns.summary, size: 10))
    }
    blocks += [
      .space(6), .text(tr("Every receipt").both, size: 12, bold: true),
      .row(
        [
          trc("receipt column", "No.").both, tr("Time").both, tr("Service").both, tr("Operator").both, tr("Voids").both,
          tr("Taka").both,
        ],
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
      .row([trc("count of voids", "Voids").both, String(voids)], widths: Columns.line, size: 11),
      .row([tr("Total").both, tk(r.total)], widths: Columns.total, size: 13, bold: true),
      .text(
        tr(
          "In words: {1}",
          .init(bn: AmountInWords.taka(max(0, r.total), .bn), en: AmountInWords.taka(max(0, r.total), .en))
        )
        .both, size: 10),
    ]
    if let q = r.queue { blocks += queueBlocks(q, r) }
    if let head = r.ledgerHead {
      blocks += [
        .space(6), .text(tr("Ledger head (for verification)").both, size: 10, bold: true),
        .text(head, size: 10),
      ]
    }
    blocks += complaintBlocks(r)
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
  /// e-Namjari by inheritance: each heir's share, after the answers.
  public var shares: PrintedShares?
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
      .text(tr("Filing sheet").both, size: 16, bold: true),
      .text(s.service.bn + " / " + s.service.en, size: 12, bold: true),
      .text(s.centre.bn + " / " + s.centre.en, size: 10),
      .text(bothCalendars(s.date, .bn) + "  ·  " + bothCalendars(s.date, .en), size: 10),
      .row([tr("Code").both, s.code], widths: Columns.field, size: 11, bold: true),
    ]
    if let n = s.applicationNumber {
      blocks.append(.row([tr("Portal application no.").both, n], widths: Columns.field, size: 11))
    }
    blocks.append(.rule)
    for row in s.rows {
      blocks.append(
        .row([row.label.bn + " / " + row.label.en, row.value], widths: [0.45, 0.55], size: 11, rightAlignLast: false))
    }
    if let shares = s.shares { blocks += shares.blocks(size: 10) }
    blocks += [.rule, .text(tr("File on the portal with the citizen present.").both, size: 9)]
    return PDFCanvas.pdf(.a4, marginMM: 18, footer: pageFooter, blocks: blocks)
  }
}
