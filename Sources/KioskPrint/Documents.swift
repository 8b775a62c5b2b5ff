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

/// Documents as pure functions from data to PDF bytes.
public enum Documents {
  public static let helplines = BilingualText(
    bn: "হেল্পলাইন: ১৬১২২ (ভূমিসেবা, ২৪ ঘণ্টা) · ৩৩৩ (জাতীয় কল সেন্টার)",
    en: "Helplines: 16122 (land services, 24 hours) · 333 (national call centre)")

  static func taka(_ amount: Int, _ language: Language) -> String {
    language == .bn ? BengaliDigits.grouped(amount, .bn) + " টাকা" : "Tk " + BengaliDigits.grouped(amount, .en)
  }

  /// The slip a citizen takes to the counter: 80 mm roll.
  public static func acknowledgementSlip(_ slip: AcknowledgementSlip) -> Data {
    var blocks: [Block] = [
      .text("ভূমিসেবা কিয়স্ক · Bhumiseba Kiosk", size: 11, bold: true, align: .center),
      .text(slip.centre.bn, size: 8, align: .center),
      .text(slip.centre.en, size: 8, align: .center),
      .rule,
    ]
    if let token = slip.token {
      blocks += [
        .text("টোকেন / Token", size: 10, align: .center),
        .text(token.bn, size: 30, bold: true, align: .center),
        .text(token.en, size: 12, align: .center),
        .text("ডাক না আসা পর্যন্ত অপেক্ষা করুন", size: 9, bold: true, align: .center),
        .text("Wait until your token is called", size: 9, align: .center),
        .rule,
      ]
    }
    blocks += [
      .text("প্রাপ্তি স্বীকারপত্র / Acknowledgement slip", size: 10, bold: true, align: .center),
      .text(slip.service.bn, size: 10, align: .center),
      .text(slip.service.en, size: 9, align: .center),
      .text(slip.date.formatted(.bn) + " / " + slip.date.formatted(.en), size: 8, align: .center),
      .text(
        BanglaDate(slip.date).formatted(.bn) + " / " + BanglaDate(slip.date).formatted(.en), size: 8, align: .center),
      .rule,
      .text("আপনার কোড / Your code", size: 9, align: .center),
      .text(slip.code.grouped, size: 16, bold: true, align: .center),
      .text(slip.code.formatted(.bn), size: 12, align: .center),
      .qr(slip.code.qrPayload, size: 110),
    ]
    if let name = slip.applicantName, !name.isEmpty {
      blocks.append(.text("আবেদনকারী / Applicant: " + name, size: 9))
    }
    if let fee = slip.centreFee {
      blocks.append(.text("কেন্দ্রের সেবা ফি / Centre's fee: \(taka(fee, .bn)) / \(taka(fee, .en))", size: 9))
    }
    for g in slip.governmentFees {
      blocks.append(.text("\(g.name.bn) / \(g.name.en): \(taka(g.amount, .bn)) / \(taka(g.amount, .en))", size: 8))
    }
    if let days = slip.usualDays {
      blocks.append(
        .text(
          "সাধারণত সময় লাগে \(BengaliDigits.toBengali(String(days))) দিন / Usually takes \(days) days", size: 8))
    }
    if !slip.documents.isEmpty {
      blocks.append(.rule)
      blocks.append(.text("যা সঙ্গে আনবেন / What to bring", size: 9, bold: true))
      for d in slip.documents { blocks.append(.text("• \(d.bn) / \(d.en)", size: 8)) }
    }
    if let steps = slip.nextSteps {
      blocks.append(.rule)
      blocks.append(.text("\(steps.heading.bn) / \(steps.heading.en)", size: 9, bold: true))
      for i in steps.items { blocks.append(.text("• \(i.bn) / \(i.en)", size: 8)) }
    }
    if let tracking = slip.tracking {
      // What to keep and where to follow it, as the confirmation page says.
      blocks += [
        .rule, .text("যা রেখে দেবেন / What to keep", size: 9, bold: true),
        .text("• এখন: এই স্লিপ ও ওপরের কোড / Now: this slip and the code above", size: 8),
        .text(
          "• দাখিলের পর: রসিদে লেখা পোর্টালের আবেদন নম্বর, আর আপনার জাতীয় পরিচয়পত্র নম্বর / After filing: the portal's application number on your receipt, and your NID number",
          size: 8),
        .text("অবস্থা জানতে / To follow it", size: 9, bold: true), .text(tracking.bn, size: 8),
        .text(tracking.en, size: 8),
      ]
    }
    blocks += [
      .rule,
      .text(
        "এরপর: এই স্লিপ নিয়ে কাউন্টারে যান। কর্মী আপনার সঙ্গে আবেদনটি শেষ করে দাখিল করবেন এবং নির্ধারিত ফি নিয়ে রসিদ দেবেন।",
        size: 8),
      .text(
        "Next: take this slip to the counter. Staff will finish and file the application with you, take the fixed fee and give you a receipt.",
        size: 8),
      .text(helplines.bn, size: 8, align: .center),
      .text(helplines.en, size: 8, align: .center),
    ]
    return PDFCanvas.pdf(.roll80, marginMM: 4, blocks: blocks)
  }
}
