/// One line of what a citizen pays, in whole taka (no floating point anywhere near money).
public struct FeeLine: Sendable, Equatable {
  public enum Kind: String, Sendable { case centre, pageSurcharge = "page-surcharge", government }
  public let id: String
  public let kind: Kind
  public let label: BilingualText
  public let amount: Int
}

/// What a service costs at a centre of an area class, split as the citizen pays it.
public struct FeeQuote: Sendable, Equatable {
  /// Paid to the centre now (its fixed service fee, and the page surcharge).
  public let centreLines: [FeeLine]
  /// Paid to the government on the portal at filing.
  public let governmentAtFiling: [FeeLine]
  /// Paid to the government later (the DCR after approval).
  public let governmentLater: [FeeLine]
  public var centreTotal: Int { centreLines.reduce(0) { $0 + $1.amount } }
  public var governmentAtFilingTotal: Int { governmentAtFiling.reduce(0) { $0 + $1.amount } }
}

public enum FeeError: Error, Sendable, Equatable {
  case noCentreFee(String)
  case badPageCount(Int)
}

/// The LSFC guideline's fee rules applied to the catalogue: a service, an area class and the
/// number of scanned pages give the fee lines. Nothing here is typed by hand.
public enum FeeEngine {
  /// The number of scanned pages a citizen gave for the page surcharge: the answer to the
  /// service's question of type `pages` (the catalogue names it; 0 where there is none).
  public static func pageCount(_ service: Service, answers: [String: String]) -> Int {
    guard let question = service.questions.first(where: { $0.type == .pages }) else { return 0 }
    return Int(answers[question.id] ?? "") ?? 0
  }

  public static func quote(_ service: Service, areaClass: AreaClass, pages: Int = 0) throws(FeeError) -> FeeQuote {
    guard pages >= 0, pages <= 100_000 else { throw .badPageCount(pages) }
    var centre: [FeeLine] = []
    if let fee = service.centreFee {
      guard let base = fee.byClass[areaClass] else { throw .noCentreFee(service.id) }
      centre.append(
        FeeLine(
          id: "centre-fee", kind: .centre,
          label: tr(
            "Centre's service fee (area class {1})", .init(bn: "\(areaClass.bengaliName)", en: "\(areaClass.rawValue)")),
          amount: base))
      if let free = fee.freePages, let per = fee.perExtraPage, pages > free {
        let extra = pages - free
        centre.append(
          FeeLine(
            id: "page-surcharge", kind: .pageSurcharge,
            label: tr("{1} extra pages × Tk {2}", .digits("\(extra)"), .digits("\(per)")),
            amount: extra * per))
      }
    }
    func lines(_ timing: FeeTiming) -> [FeeLine] {
      service.governmentFees.filter { $0.when == timing }.map {
        FeeLine(id: $0.id, kind: .government, label: $0.name, amount: $0.amount)
      }
    }
    return FeeQuote(centreLines: centre, governmentAtFiling: lines(.filing), governmentLater: lines(.afterApproval))
  }
}

extension AreaClass {
  /// The area as the guideline's fee table names it (it gives the classes no letters).
  public var bengaliName: String {
    switch self {
    case .a: return tr("unions and upazila headquarters").bn
    case .b: return tr("municipal areas").bn
    case .c: return tr("city corporations and Savar municipality").bn
    }
  }
}
