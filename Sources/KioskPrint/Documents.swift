import Foundation
import KioskCore

/// What the acknowledgement slip (প্রাপ্তি স্বীকারপত্র) says.
public struct AcknowledgementSlip: Sendable {
  public var centre: BilingualText
  public var service: BilingualText
  public var date: CivilDate
  public var code: ResumeCode
  public var applicantName: String?
  public var documents: [BilingualText]
  /// The centre's fee for the service at this centre's area class, if it has one.
  public var centreFee: Int?
  public var governmentFees: [GovernmentFee]
  public var usualDays: Int?
  /// What comes next (e-Namjari: what to check in the draft khatian before the hearing).
  public var nextSteps: (heading: BilingualText, items: [BilingualText])?
  /// The queue token (ক-০২৩, and ক-023 for the English line), printed large at the top.
  public var token: (bn: String, en: String)?
  /// Where the citizen follows the application once filed (the service's tracking text).
  public var tracking: BilingualText?
  /// e-Namjari by inheritance: each heir's share (Muslim law, Hanafi school).
  public var shares: PrintedShares?

  public init(
    centre: BilingualText, service: BilingualText, date: CivilDate, code: ResumeCode, applicantName: String?,
    documents: [BilingualText], centreFee: Int?, governmentFees: [GovernmentFee], usualDays: Int?,
    nextSteps: (heading: BilingualText, items: [BilingualText])? = nil
  ) {
    self.nextSteps = nextSteps
    self.centre = centre
    self.service = service
    self.date = date
    self.code = code
    self.applicantName = applicantName
    self.documents = documents
    self.centreFee = centreFee
    self.governmentFees = governmentFees
    self.usualDays = usualDays
  }
}

/// Each heir's share of the deceased owner's estate (and land), as printed on the slip and the
/// filing sheet: the same table as the shares page, in Bengali and in English.
public struct PrintedShares: Sendable, Equatable {
  public var bn: [String]
  public var en: [String]
  public static let heading = tr("Each heir's share (Muslim law, Hanafi school; for guidance)")

  /// nil when the answers give no heir's relation.
  public init?(answers: [String: String], bighaDecimals: Fraction) {
    guard let shares = InheritanceShares.from(answers: answers) else { return nil }
    let units = LandUnits(bighaDecimals: bighaDecimals)
    bn = shares.paperLines(units, .bn)
    en = shares.paperLines(units, .en)
  }

  func blocks(size: Double) -> [Block] {
    [.rule, .text(PrintedShares.heading.both, size: size + 1, bold: true)] + bn.map { .text($0, size: size) }
      + en.map { .text($0, size: size - 1) }
  }
}

/// Documents as pure functions from data to PDF bytes.
public enum Documents {
  public static let helplines = tr("Helplines: 16122 (land services, 24 hours) · 333 (national call centre)")

  static func taka(_ amount: Int, _ language: Language) -> String {
    tr("Tk {1}", .grouped(amount))[language]
  }

  /// The slip a citizen takes to the counter: on a roll (80 mm, or 58 mm for such a printer).
  public static func acknowledgementSlip(_ slip: AcknowledgementSlip, paper: PaperSize = .roll80) -> Data {
    let next = tr(
      "Next: take this slip to the counter. Staff will finish and file the application with you, take the fixed fee and give you a receipt."
    )
    var blocks: [Block] = [
      .text(tr("Bhumiseba Kiosk").bn + " · " + tr("Bhumiseba Kiosk").en, size: 11, bold: true, align: .center),
      .text(slip.centre.bn, size: 8, align: .center),
      .text(slip.centre.en, size: 8, align: .center),
      .rule,
    ]
    if let token = slip.token {
      blocks += [
        .text(tr("Token").both, size: 10, align: .center),
        .text(token.bn, size: 30, bold: true, align: .center),
        .text(token.en, size: 12, align: .center),
        .text(tr("Wait until your token is called").bn, size: 9, bold: true, align: .center),
        .text(tr("Wait until your token is called").en, size: 9, align: .center),
        .rule,
      ]
    }
    blocks += [
      .text(tr("Acknowledgement slip").both, size: 10, bold: true, align: .center),
      .text(slip.service.bn, size: 10, align: .center),
      .text(slip.service.en, size: 9, align: .center),
      .text(slip.date.formatted(.bn) + " / " + slip.date.formatted(.en), size: 8, align: .center),
      .text(
        BanglaDate(slip.date).formatted(.bn) + " / " + BanglaDate(slip.date).formatted(.en), size: 8, align: .center),
      .rule,
      .text(tr("Your code").both, size: 9, align: .center),
      .text(slip.code.grouped, size: 16, bold: true, align: .center),
      .text(slip.code.formatted(.bn), size: 12, align: .center),
      .qr(slip.code.qrPayload, size: 110),
    ]
    if let name = slip.applicantName, !name.isEmpty {
      blocks.append(.text(tr("Applicant").both + ": " + name, size: 9))
    }
    if let fee = slip.centreFee {
      blocks.append(.text(tr("Centre's fee").both + ": \(taka(fee, .bn)) / \(taka(fee, .en))", size: 9))
    }
    for g in slip.governmentFees {
      blocks.append(.text("\(g.name.bn) / \(g.name.en): \(taka(g.amount, .bn)) / \(taka(g.amount, .en))", size: 8))
    }
    if let days = slip.usualDays {
      blocks.append(
        .text(
          tr("Usually takes {1} days", .digits("\(days)")).both, size: 8))
    }
    if !slip.documents.isEmpty {
      blocks.append(.rule)
      blocks.append(.text(tr("What to bring").both, size: 9, bold: true))
      for d in slip.documents { blocks.append(.text("• \(d.bn) / \(d.en)", size: 8)) }
    }
    if let steps = slip.nextSteps {
      blocks.append(.rule)
      blocks.append(.text("\(steps.heading.bn) / \(steps.heading.en)", size: 9, bold: true))
      for i in steps.items { blocks.append(.text("• \(i.bn) / \(i.en)", size: 8)) }
    }
    if let shares = slip.shares { blocks += shares.blocks(size: 8) }
    if let tracking = slip.tracking {
      // What to keep and where to follow it, as the confirmation page says.
      blocks += [
        .rule, .text(tr("What to keep").both, size: 9, bold: true),
        .text(tr("Now: this slip and the code above").both, size: 8),
        .text(
          tr("After filing: the portal's application number on your receipt, and your NID number").both,
          size: 8),
        .text(tr("To follow it").both, size: 9, bold: true), .text(tracking.bn, size: 8),
        .text(tracking.en, size: 8),
      ]
    }
    blocks += [
      .rule,
      .text(next.bn, size: 8),
      .text(next.en, size: 8),
      .text(helplines.bn, size: 8, align: .center),
      .text(helplines.en, size: 8, align: .center),
    ]
    return PDFCanvas.pdf(paper, marginMM: 4, blocks: blocks)
  }
}

/// What the complaint slip says (issue 20): the complaint's number, what it is about, the fixed
/// fee of the service, and where to go when the centre does not put it right.
public struct ComplaintSlip: Sendable {
  public var centre: BilingualText
  public var number: String
  public var date: CivilDate
  /// The time it was made, HH:MM in Bangladesh.
  public var time: String
  public var kind: BilingualText
  public var askedAmount: Int?
  public var service: BilingualText?
  /// The centre's fixed fee for that service (from the catalogue), and the government's fees at filing.
  public var fee: Int?
  public var governmentFee: Int?
  public var reference: String?

  public init(
    centre: BilingualText, number: String, date: CivilDate, time: String, kind: BilingualText, askedAmount: Int?,
    service: BilingualText?, fee: Int?, governmentFee: Int?, reference: String?
  ) {
    self.centre = centre
    self.number = number
    self.date = date
    self.time = time
    self.kind = kind
    self.askedAmount = askedAmount
    self.service = service
    self.fee = fee
    self.governmentFee = governmentFee
    self.reference = reference
  }
}

extension Documents {
  /// Where a complaint goes when the centre does not put it right.
  public static let escalation = tr(
    "If it is not put right: call 16122 (Ministry of Land, 24 hours) or go to the Deputy Commissioner's office (Revenue) of your district with this slip."
  )

  /// The complaint slip: on a roll (80 mm, or 58 mm for such a printer), Bengali first.
  public static func complaintSlip(_ c: ComplaintSlip, paper: PaperSize = .roll80) -> Data {
    let kept = tr("Your complaint is kept in a register that the centre cannot change or delete.")
    var blocks: [Block] = [
      .text(tr("Bhumiseba Kiosk").bn + " · " + tr("Bhumiseba Kiosk").en, size: 11, bold: true, align: .center),
      .text(c.centre.bn, size: 8, align: .center),
      .text(c.centre.en, size: 8, align: .center),
      .rule,
      .text(tr("Complaint slip").bn, size: 12, bold: true, align: .center),
      .text(tr("Complaint slip").en, size: 10, align: .center),
      .text(tr("Complaint no.").both, size: 9, align: .center),
      .text(c.number, size: 16, bold: true, align: .center),
      .text(
        c.date.formatted(.bn) + " " + BengaliDigits.toBengali(c.time) + " / " + c.date.formatted(.en) + " " + c.time,
        size: 8, align: .center),
      .rule,
      .text(c.kind.bn, size: 10, bold: true),
      .text(c.kind.en, size: 9),
    ]
    if let asked = c.askedAmount {
      blocks.append(.text(tr("Amount asked").both + ": \(taka(asked, .bn)) / \(taka(asked, .en))", size: 9))
    }
    if let service = c.service {
      blocks.append(.text(tr("Service").both + ": " + service.bn + " / " + service.en, size: 9))
    }
    if let fee = c.fee {
      blocks.append(
        .text(tr("Fixed centre fee").both + ": \(taka(fee, .bn)) / \(taka(fee, .en))", size: 10, bold: true))
    }
    if let g = c.governmentFee, g > 0 {
      blocks.append(
        .text(tr("Government fees at filing").both + ": \(taka(g, .bn)) / \(taka(g, .en))", size: 9))
    }
    if let r = c.reference {
      blocks.append(.text(tr("Receipt or code").both + ": " + r, size: 9))
    }
    blocks += [
      .rule,
      .text(kept.bn, size: 8),
      .text(kept.en, size: 8),
      .text(escalation.bn, size: 9, bold: true),
      .text(escalation.en, size: 8),
      .text(helplines.bn, size: 8, align: .center),
      .text(helplines.en, size: 8, align: .center),
    ]
    return PDFCanvas.pdf(paper, marginMM: 4, blocks: blocks)
  }
}
