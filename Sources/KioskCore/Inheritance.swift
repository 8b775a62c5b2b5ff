import Foundation

// Shares of a deceased Muslim's estate under Hanafi law, as applied in Bangladesh (the Sirajiyyah,
// as set out in Mulla's Principles of Mahomedan Law, ch. VII): the sharers, the residuaries,
// exclusion (hajb), increase ('awl), return (radd, never to a spouse) and the two 'Umariyya cases.
// Exact fractions throughout; a family the rules here do not cover is refused in words.

/// An exact fraction, always reduced, the denominator positive. Arithmetic that would overflow
/// Int64 throws (`InheritanceRefusal.tooLarge`) instead of trapping or rounding.
public struct Fraction: Sendable, Hashable, Comparable, CustomStringConvertible {
  public let numerator: Int64
  public let denominator: Int64

  public static let zero = Fraction(reduced: 0, 1)
  public static let one = Fraction(reduced: 1, 1)

  init(reduced numerator: Int64, _ denominator: Int64) {
    self.numerator = numerator
    self.denominator = denominator
  }

  /// `numerator/denominator`, reduced; the denominator must not be 0.
  public init(_ numerator: Int64, _ denominator: Int64 = 1) {
    precondition(denominator != 0, "a fraction's denominator is 0")
    let g = Fraction.gcd(numerator, denominator)
    let sign: Int64 = denominator < 0 ? -1 : 1
    self.init(reduced: sign * numerator / g, sign * denominator / g)
  }

  static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
    var (x, y) = (a.magnitude, b.magnitude)
    while y != 0 { (x, y) = (y, x % y) }
    return x == 0 ? 1 : Int64(x)
  }

  static func checked(_ r: (partialValue: Int64, overflow: Bool)) throws(InheritanceRefusal) -> Int64 {
    if r.overflow { throw .tooLarge }
    return r.partialValue
  }

  public func adding(_ o: Fraction) throws(InheritanceRefusal) -> Fraction {
    let g = Fraction.gcd(denominator, o.denominator)
    let a = try Fraction.checked(numerator.multipliedReportingOverflow(by: o.denominator / g))
    let b = try Fraction.checked(o.numerator.multipliedReportingOverflow(by: denominator / g))
    let d = try Fraction.checked(denominator.multipliedReportingOverflow(by: o.denominator / g))
    return Fraction(try Fraction.checked(a.addingReportingOverflow(b)), d)
  }

  public func subtracting(_ o: Fraction) throws(InheritanceRefusal) -> Fraction {
    try adding(Fraction(reduced: -o.numerator, o.denominator))
  }

  public func multiplied(by o: Fraction) throws(InheritanceRefusal) -> Fraction {
    // Cross-reduced first, so that the products stay as small as they can.
    let g1 = Fraction.gcd(numerator, o.denominator)
    let g2 = Fraction.gcd(o.numerator, denominator)
    let n = try Fraction.checked((numerator / g1).multipliedReportingOverflow(by: o.numerator / g2))
    let d = try Fraction.checked((denominator / g2).multipliedReportingOverflow(by: o.denominator / g1))
    return Fraction(n, d)
  }

  public func divided(by o: Fraction) throws(InheritanceRefusal) -> Fraction {
    precondition(o.numerator != 0, "division of a fraction by 0")
    return try multiplied(by: Fraction(o.denominator, o.numerator))
  }

  /// "7/24"; "0"; "1"; a whole number without "/1".
  public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }

  public static func < (a: Fraction, b: Fraction) -> Bool {
    // Compared in 128 bits: never overflows.
    let l = a.numerator.multipliedFullWidth(by: b.denominator)
    let r = b.numerator.multipliedFullWidth(by: a.denominator)
    return (l.high, l.low) < (r.high, r.low)
  }

  /// A decimal number as people write it ("33", "12.5", "০.৭৫"), exactly; nil if it is not one.
  public static func parseDecimal(_ text: String) -> Fraction? {
    let t = BengaliDigits.toLatin(text.trimmingSpaces)
    let parts = t.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), t.count <= 15, parts.allSatisfy({ !$0.isEmpty }),
      parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }), let whole = Int64(String(parts[0]))
    else { return nil }
    guard parts.count == 2, let fraction = Int64(String(parts[1])) else { return Fraction(whole) }
    let scale = (0..<parts[1].count).reduce(Int64(1)) { r, _ in r * 10 }
    return Fraction(whole * scale + fraction, scale)
  }

  /// The value with `places` decimal places, rounded half up ("4.1250"); for non-negative values.
  public func decimalString(places: Int) -> String {
    let scale = (0..<places).reduce(Int64(1)) { r, _ in r * 10 }
    let (q, r) = numerator.quotientAndRemainder(dividingBy: denominator)
    // (2·r·scale + d) / (2·d), in 128 bits: rounded half up, never overflowing.
    let d = denominator.magnitude
    let twice = (r.magnitude * 2).multipliedFullWidth(by: UInt64(scale))
    let (low, carry) = twice.low.addingReportingOverflow(d)
    let scaled = (2 * d).dividingFullWidth((twice.high + (carry ? 1 : 0), low)).quotient
    var whole = q.magnitude
    var frac = scaled
    if frac >= UInt64(scale) {
      whole += 1
      frac -= UInt64(scale)
    }
    guard places > 0 else { return "\(whole)" }
    let digits = String(frac)
    return "\(whole)." + String(repeating: "0", count: places - digits.count) + digits
  }
}

/// The heirs the calculator knows, as `kioskctl shares` names them.
public enum HeirKind: String, Sendable, CaseIterable, Codable {
  case husband, wife, son, daughter
  case sonsSon = "sons_son"
  case sonsDaughter = "sons_daughter"
  case father, mother
  case paternalGrandfather = "paternal_grandfather"
  case paternalGrandmother = "paternal_grandmother"
  case maternalGrandmother = "maternal_grandmother"
  case fullBrother = "full_brother"
  case fullSister = "full_sister"
  case paternalHalfBrother = "paternal_half_brother"
  case paternalHalfSister = "paternal_half_sister"
  case maternalHalfBrother = "maternal_half_brother"
  case maternalHalfSister = "maternal_half_sister"

  /// At most this many of a kind (one husband, four wives, one father …).
  public var maximum: Int {
    switch self {
    case .husband, .father, .mother, .paternalGrandfather, .paternalGrandmother, .maternalGrandmother: 1
    case .wife: 4
    default: 99
    }
  }

  public var isMale: Bool {
    switch self {
    case .husband, .son, .sonsSon, .father, .paternalGrandfather, .fullBrother, .paternalHalfBrother,
      .maternalHalfBrother:
      true
    default: false
    }
  }

  public var name: BilingualText {
    switch self {
    case .husband: tr("Husband")
    case .wife: tr("Wife")
    case .son: tr("Son")
    case .daughter: tr("Daughter")
    case .sonsSon: tr("Son's son")
    case .sonsDaughter: tr("Son's daughter")
    case .father: tr("Father")
    case .mother: tr("Mother")
    case .paternalGrandfather: tr("Father's father")
    case .paternalGrandmother: tr("Father's mother")
    case .maternalGrandmother: tr("Mother's mother")
    case .fullBrother: tr("Full brother")
    case .fullSister: tr("Full sister")
    case .paternalHalfBrother: tr("Half brother (same father)")
    case .paternalHalfSister: tr("Half sister (same father)")
    case .maternalHalfBrother: tr("Half brother (same mother)")
    case .maternalHalfSister: tr("Half sister (same mother)")
    }
  }
}

/// Why a family is not answered: said to the citizen, who is sent to the counter.
public enum InheritanceRefusal: Error, Sendable, Equatable {
  case noHeirs
  case tooMany(HeirKind, Int)
  case husbandAndWife
  case spouseAlone
  case unknownRelation(String)
  case tooLarge

  public var message: BilingualText {
    switch self {
    case .noHeirs: tr("No heir was given.")
    case .tooMany(let kind, let max):
      tr("There can be at most {1} of '{2}'.", .digits(String(max)), .text(kind.name))
    case .husbandAndWife: tr("A husband and a wife cannot both be heirs of one person.")
    case .spouseAlone:
      tr(
        "With a husband or wife as the only heir the rest goes to distant kindred, which this calculator does not cover."
      )
    case .unknownRelation(let word): tr("The relation '{1}' is not one this calculator knows.", .same(word))
    case .tooLarge: tr("The numbers are too large for this calculator.")
    }
  }

  /// The message and where to go: "… Please ask at the counter."
  public var sentence: BilingualText {
    tr("{1} Please ask at the counter.", .text(message))
  }
}

/// How an heir's share came about, for the page, the papers and the tests.
public enum ShareBasis: Sendable, Equatable {
  /// A fixed share (the share before any increase or return).
  case sharer(Fraction)
  /// A fixed share and the residue (the father or grandfather with daughters only).
  case sharerAndResidue(Fraction)
  /// The residue, with others (2:1 male to female).
  case residuary
  /// Excluded by a nearer heir.
  case excluded(by: HeirKind)
  /// A residuary who is left nothing: the sharers took the whole.
  case nothingLeft
}

/// One kind of heir in the answer.
public struct HeirShare: Sendable, Equatable {
  public let kind: HeirKind
  public let count: Int
  /// The group's share of the whole estate.
  public let share: Fraction
  public let basis: ShareBasis
  /// One heir's share.
  public var each: Fraction { Fraction(share.numerator, share.denominator * Int64(count)) }
}

/// What the table says about the case as a whole; each is printed under the table.
public enum ShareNote: Sendable, Equatable, Hashable {
  /// The shares came to more than the whole and were reduced in proportion ('awl).
  case awl(Fraction)
  /// The shares came to less than the whole with no residuary: the rest went back to the sharers (radd).
  case radd
  /// Husband or wife, father and mother: the mother took a third of what the spouse left.
  case umariyya
  /// Schools differ; the Hanafi answer is given.
  case hanafiRaddNotToSpouse
  case hanafiGrandfatherExcludesSiblings
  case hanafiNoUmariyyaWithGrandfather
  case hanafiMushtaraka
  case hanafiFatherExcludesHisMother
  /// Radd assumes no residuary outside this list (a brother's son, an uncle, a cousin).
  case raddAssumesNoOtherAgnates
  /// "Brother" and "sister" from the kiosk's question were taken as full brother and sister.
  case siblingsTakenAsFull

  public var text: BilingualText {
    switch self {
    case .awl(let total):
      tr(
        "Increase ('awl): the fixed shares came to {1} of the estate, so each was reduced in proportion.",
        .digits(total.description))
    case .radd:
      tr("Return (radd): the shares left a part over and no residuary; it went back to the sharers in proportion.")
    case .umariyya:
      tr("'Umariyya case: the mother takes a third of what is left after the husband's or wife's share.")
    case .hanafiRaddNotToSpouse:
      tr("Schools differ; the Hanafi answer is used: the return does not go to the husband or wife.")
    case .hanafiGrandfatherExcludesSiblings:
      tr("Schools differ; the Hanafi answer (Abu Hanifa) is used: the father's father excludes brothers and sisters.")
    case .hanafiNoUmariyyaWithGrandfather:
      tr(
        "Schools differ; the Hanafi answer is used: with the father's father (not the father) the mother takes a third of the whole."
      )
    case .hanafiMushtaraka:
      tr(
        "Schools differ; the Hanafi answer is used: the full brothers and sisters get nothing when the sharers take the whole (no sharing with the half siblings by the mother)."
      )
    case .hanafiFatherExcludesHisMother:
      tr("Schools differ; the Hanafi answer is used: the father excludes his own mother.")
    case .raddAssumesNoOtherAgnates:
      tr(
        "This assumes no other relative on the father's side (a brother's son, an uncle, a cousin); if there is one, ask at the counter."
      )
    case .siblingsTakenAsFull:
      tr(
        "Brothers and sisters are taken as full (same father and mother); for half brothers or sisters, ask at the counter."
      )
    }
  }

  /// A difference between the schools (said on the screen with the Hanafi answer).
  public var schoolsDiffer: Bool {
    switch self {
    case .hanafiRaddNotToSpouse, .hanafiGrandfatherExcludesSiblings, .hanafiNoUmariyyaWithGrandfather,
      .hanafiMushtaraka, .hanafiFatherExcludesHisMother:
      true
    default: false
    }
  }
}

/// Every heir's share of one estate.
public struct ShareTable: Sendable, Equatable {
  public let rows: [HeirShare]
  public let notes: [ShareNote]

  public func share(of kind: HeirKind) -> Fraction? { rows.first { $0.kind == kind }?.share }
  public func row(_ kind: HeirKind) -> HeirShare? { rows.first { $0.kind == kind } }
}

/// The calculator. `counts` gives how many of each kind survive the deceased (0 or absent: none).
public enum Hanafi {
  public static func shares(_ counts: [HeirKind: Int]) throws(InheritanceRefusal) -> ShareTable {
    var n: [HeirKind: Int] = [:]
    for (kind, count) in counts where count != 0 {
      if count < 0 || count > kind.maximum { throw .tooMany(kind, kind.maximum) }
      n[kind] = count
    }
    func c(_ k: HeirKind) -> Int { n[k] ?? 0 }
    func has(_ k: HeirKind) -> Bool { c(k) > 0 }
    if n.isEmpty { throw .noHeirs }
    if has(.husband) && has(.wife) { throw .husbandAndWife }
    if n.keys.allSatisfy({ $0 == .husband || $0 == .wife }) { throw .spouseAlone }

    var notes: [ShareNote] = []
    var fixed: [HeirKind: Fraction] = [:]
    var excluded: [HeirKind: HeirKind] = [:]
    let maleDescendant = has(.son) || has(.sonsSon)
    let descendant = maleDescendant || has(.daughter) || has(.sonsDaughter)
    let femaleDescendant = has(.daughter) || has(.sonsDaughter)
    let siblings = [
      HeirKind.fullBrother, .fullSister, .paternalHalfBrother, .paternalHalfSister, .maternalHalfBrother,
      .maternalHalfSister,
    ].reduce(0) { $0 + c($1) }
    let fatherOrGrandfather: HeirKind? =
      has(.father) ? .father : has(.paternalGrandfather) ? .paternalGrandfather : nil

    // Spouses.
    let spouseShare: Fraction
    if has(.husband) {
      spouseShare = descendant ? Fraction(1, 4) : Fraction(1, 2)
      fixed[.husband] = spouseShare
    } else if has(.wife) {
      spouseShare = descendant ? Fraction(1, 8) : Fraction(1, 4)
      fixed[.wife] = spouseShare
    } else {
      spouseShare = .zero
    }
    let spouse = has(.husband) || has(.wife)

    // Father, and the father's father when there is no father.
    if has(.paternalGrandfather) && has(.father) { excluded[.paternalGrandfather] = .father }
    if let f = fatherOrGrandfather, descendant { fixed[f] = Fraction(1, 6) }

    // Mother.
    if has(.mother) {
      if descendant || siblings >= 2 {
        fixed[.mother] = Fraction(1, 6)
      } else if spouse && has(.father) {
        fixed[.mother] = try Fraction.one.subtracting(spouseShare).multiplied(by: Fraction(1, 3))
        notes.append(.umariyya)
      } else {
        fixed[.mother] = Fraction(1, 3)
        if spouse && fatherOrGrandfather == .paternalGrandfather { notes.append(.hanafiNoUmariyyaWithGrandfather) }
      }
    }

    // Grandmothers: a sixth between those not excluded.
    if has(.maternalGrandmother) && has(.mother) { excluded[.maternalGrandmother] = .mother }
    if has(.paternalGrandmother) {
      if has(.mother) {
        excluded[.paternalGrandmother] = .mother
      } else if has(.father) {
        excluded[.paternalGrandmother] = .father
        notes.append(.hanafiFatherExcludesHisMother)
      }
    }
    let grandmothers = [HeirKind.paternalGrandmother, .maternalGrandmother].filter { has($0) && excluded[$0] == nil }
    let grandmotherHeads = grandmothers.reduce(0) { $0 + c($1) }
    for g in grandmothers { fixed[g] = Fraction(Int64(c(g)), 6 * Int64(grandmotherHeads)) }

    // Daughters and son's children.
    if has(.daughter) && !has(.son) { fixed[.daughter] = c(.daughter) == 1 ? Fraction(1, 2) : Fraction(2, 3) }
    if has(.sonsSon) && has(.son) { excluded[.sonsSon] = .son }
    if has(.sonsDaughter) {
      if has(.son) {
        excluded[.sonsDaughter] = .son
      } else if has(.sonsSon) {
        // residuary with the son's son
      } else if c(.daughter) >= 2 {
        excluded[.sonsDaughter] = .daughter
      } else if c(.daughter) == 1 {
        fixed[.sonsDaughter] = Fraction(1, 6)
      } else {
        fixed[.sonsDaughter] = c(.sonsDaughter) == 1 ? Fraction(1, 2) : Fraction(2, 3)
      }
    }

    // Half siblings by the mother: excluded by any descendant, the father and his father.
    let uterine = [HeirKind.maternalHalfBrother, .maternalHalfSister].filter(has)
    let uterineHeads = uterine.reduce(0) { $0 + c($1) }
    for u in uterine {
      if let f = fatherOrGrandfather {
        excluded[u] = f
      } else if descendant {
        excluded[u] = [HeirKind.son, .sonsSon, .daughter, .sonsDaughter].first(where: has)!
      } else {
        fixed[u] = Fraction(Int64(c(u)), Int64(uterineHeads) * (uterineHeads == 1 ? 6 : 3))
      }
    }

    // Full and paternal half siblings.
    let fullAndPaternal: [HeirKind] = [.fullBrother, .fullSister, .paternalHalfBrother, .paternalHalfSister]
    for s in fullAndPaternal where has(s) {
      if has(.son) {
        excluded[s] = .son
      } else if has(.sonsSon) {
        excluded[s] = .sonsSon
      } else if has(.father) {
        excluded[s] = .father
      } else if has(.paternalGrandfather) {
        excluded[s] = .paternalGrandfather
        if !notes.contains(.hanafiGrandfatherExcludesSiblings) { notes.append(.hanafiGrandfatherExcludesSiblings) }
      }
    }
    let fullSisterResiduaryWithDaughters =
      has(.fullSister) && excluded[.fullSister] == nil && !has(.fullBrother) && femaleDescendant
    if has(.fullSister) && excluded[.fullSister] == nil && !has(.fullBrother) && !femaleDescendant {
      fixed[.fullSister] = c(.fullSister) == 1 ? Fraction(1, 2) : Fraction(2, 3)
    }
    for s in [HeirKind.paternalHalfBrother, .paternalHalfSister] where has(s) && excluded[s] == nil {
      if has(.fullBrother) {
        excluded[s] = .fullBrother
      } else if fullSisterResiduaryWithDaughters {
        excluded[s] = .fullSister
      }
    }
    if has(.paternalHalfSister) && excluded[.paternalHalfSister] == nil && !has(.paternalHalfBrother) {
      if c(.fullSister) >= 2 {
        excluded[.paternalHalfSister] = .fullSister
      } else if c(.fullSister) == 1 {
        fixed[.paternalHalfSister] = Fraction(1, 6)
      } else if !femaleDescendant {
        fixed[.paternalHalfSister] = c(.paternalHalfSister) == 1 ? Fraction(1, 2) : Fraction(2, 3)
      }
    }

    // The residuaries, nearest first: (kinds, weight of each head).
    let residuaryGroups: [[HeirKind]] = [
      [.son, .daughter], [.sonsSon, .sonsDaughter], [.father], [.paternalGrandfather], [.fullBrother, .fullSister],
      [.fullSister], [.paternalHalfBrother, .paternalHalfSister], [.paternalHalfSister],
    ]
    var residuary: [HeirKind] = []
    for group in residuaryGroups {
      let lead = group[0]
      guard has(lead), excluded[lead] == nil else { continue }
      switch lead {
      case .father, .paternalGrandfather: if maleDescendant { continue }
      case .fullSister: if !fullSisterResiduaryWithDaughters { continue }
      case .paternalHalfSister: if fixed[.paternalHalfSister] != nil || !femaleDescendant { continue }
      default: break
      }
      residuary = group.filter { has($0) && excluded[$0] == nil && (fixed[$0] == nil || $0 == lead) }
      break
    }

    var total = Fraction.zero
    for (_, f) in fixed { total = try total.adding(f) }
    var final: [HeirKind: Fraction] = fixed
    if total > .one {
      for (k, f) in fixed { final[k] = try f.divided(by: total) }
      notes.insert(.awl(total), at: 0)
    } else if !residuary.isEmpty {
      let rest = try Fraction.one.subtracting(total)
      let heads = residuary.reduce(Int64(0)) { $0 + Int64(c($1)) * ($1.isMale ? 2 : 1) }
      for k in residuary {
        let part = try rest.multiplied(by: Fraction(Int64(c(k)) * (k.isMale ? 2 : 1), heads))
        final[k] = try (final[k] ?? .zero).adding(part)
      }
    } else if total < .one {
      let returners = fixed.keys.filter { $0 != .husband && $0 != .wife }
      var sum = Fraction.zero
      for k in returners { sum = try sum.adding(fixed[k]!) }
      if returners.isEmpty || sum == .zero { throw .spouseAlone }
      let pool = try Fraction.one.subtracting(spouseShare)
      for k in returners { final[k] = try fixed[k]!.divided(by: sum).multiplied(by: pool) }
      notes.insert(.radd, at: 0)
      if spouse { notes.append(.hanafiRaddNotToSpouse) }
      notes.append(.raddAssumesNoOtherAgnates)
    }
    // The Mushtaraka family: full brothers left nothing beside the half siblings by the mother.
    if has(.fullBrother) && excluded[.fullBrother] == nil && (final[.fullBrother] ?? .zero) == .zero
      && uterineHeads >= 2 && !descendant && fatherOrGrandfather == nil
    {
      notes.append(.hanafiMushtaraka)
    }

    let rows = HeirKind.allCases.compactMap { k -> HeirShare? in
      guard has(k) else { return nil }
      let share = final[k] ?? .zero
      let basis: ShareBasis
      if let by = excluded[k] {
        basis = .excluded(by: by)
      } else if let f = fixed[k] {
        // The father's residue, when the sharers left one (none under an increase).
        basis = residuary.contains(k) && share > f ? .sharerAndResidue(f) : .sharer(f)
      } else if share == .zero {
        basis = .nothingLeft
      } else {
        basis = .residuary
      }
      return HeirShare(kind: k, count: c(k), share: share, basis: basis)
    }
    return ShareTable(rows: rows, notes: notes)
  }

  /// The kiosk's relation words (namjari.json's heirs.N.relation) as heir kinds. "brother" and
  /// "sister" are taken as full siblings (said in a note); "other" cannot be reckoned.
  public static func counts(relations: [String]) throws(InheritanceRefusal) -> (
    counts: [HeirKind: Int], notes: [ShareNote]
  ) {
    var counts: [HeirKind: Int] = [:]
    var notes: [ShareNote] = []
    for word in relations {
      let kind: HeirKind
      switch word {
      case "grandson": kind = .sonsSon
      case "granddaughter": kind = .sonsDaughter
      case "brother", "sister":
        kind = word == "brother" ? .fullBrother : .fullSister
        if !notes.contains(.siblingsTakenAsFull) { notes.append(.siblingsTakenAsFull) }
      default:
        guard let k = HeirKind(rawValue: word) else { throw .unknownRelation(word) }
        kind = k
      }
      counts[kind, default: 0] += 1
    }
    return (counts, notes)
  }
}

/// Land in a district's units (FACTS §11): decimals (শতক), and bigha and katha, whose size the
/// centre sets (`[land] bigha_decimals`, 20 katha to the bigha).
public struct LandUnits: Sendable, Equatable {
  /// Decimals in one bigha (30, 33, 33.33 … by district).
  public let bighaDecimals: Fraction

  public init(bighaDecimals: Fraction) { self.bighaDecimals = bighaDecimals }

  /// "4.1250 decimals" in the screen's language, with the unit named.
  public func decimals(_ value: Fraction, _ language: Language) -> String {
    tr("{1} decimals", .digits(value.decimalString(places: 4)))[language]
  }

  /// "0 bigha 2.50 katha": whole bigha and the katha rounded to two places.
  public func bighaKatha(_ value: Fraction, _ language: Language) throws(InheritanceRefusal) -> String {
    let katha = try value.multiplied(by: Fraction(20)).divided(by: bighaDecimals)
    let bigha = katha.numerator / (katha.denominator * 20)
    let rest = try katha.subtracting(Fraction(bigha * 20))
    return tr(
      "{1} bigha {2} katha (a bigha of {3} decimals)", .digits(String(bigha)), .digits(rest.decimalString(places: 2)),
      .digits(bighaDecimals.decimalString(places: 2)))[language]
  }
}

extension Hanafi {
  /// `KIND=COUNT` words (`kioskctl shares`): each kind once, counts from 0; throws in words otherwise.
  public static func parseCounts(_ words: [String]) throws(InheritanceInputError) -> [HeirKind: Int] {
    var counts: [HeirKind: Int] = [:]
    for word in words {
      let parts = word.split(separator: "=", omittingEmptySubsequences: false)
      guard parts.count == 2, let kind = HeirKind(rawValue: String(parts[0])) else {
        throw InheritanceInputError(
          word: word,
          problem: "is not KIND=COUNT with a kind from: \(HeirKind.allCases.map(\.rawValue).joined(separator: " "))")
      }
      guard let n = Int(BengaliDigits.toLatin(String(parts[1]))), n >= 0 else {
        throw InheritanceInputError(word: word, problem: "needs a whole number of heirs (0 or more)")
      }
      if counts[kind] != nil {
        throw InheritanceInputError(word: word, problem: "names \(kind.rawValue) a second time")
      }
      counts[kind] = n
    }
    return counts
  }
}

/// A `KIND=COUNT` word that cannot be read (for the command line).
public struct InheritanceInputError: Error, Sendable, CustomStringConvertible {
  public let word: String
  public let problem: String
  public var description: String { "'\(word)' \(problem)" }
}

extension ShareBasis {
  /// "fixed share 1/6", "excluded by Son" … in one language, digits in that language's.
  public func text(_ language: Language) -> String {
    switch self {
    case .sharer(let f): tr("fixed share {1}", .digits(f.description))[language]
    case .sharerAndResidue(let f): tr("fixed share {1} and the residue", .digits(f.description))[language]
    case .residuary: tr("residue")[language]
    case .excluded(let by): tr("excluded by: {1}", .text(by.name))[language]
    case .nothingLeft: tr("residuary; nothing is left")[language]
    }
  }
}

/// One row of the share table as the page, the papers and `kioskctl shares` show it.
public struct ShareLine: Sendable, Equatable {
  public let row: HeirShare
  /// One heir's land in decimals (nil without the land's amount).
  public let landEach: Fraction?

  /// Each heir's land with its units: "19.2500 decimals = 0 bigha 11.67 katha (…)"; nil without land.
  public func landText(_ units: LandUnits, _ language: Language) -> String? {
    guard let land = landEach else { return nil }
    let local = (try? units.bighaKatha(land, language)) ?? ""
    return local.isEmpty ? units.decimals(land, language) : "\(units.decimals(land, language)) = \(local)"
  }
}

extension ShareTable {
  /// The rows with each heir's land, for `land` decimals in all (nil: no land given).
  public func lines(land: Fraction?) throws(InheritanceRefusal) -> [ShareLine] {
    var out: [ShareLine] = []
    for row in rows {
      out.append(
        ShareLine(row: row, landEach: try land.map { (l) throws(InheritanceRefusal) in try row.each.multiplied(by: l) })
      )
    }
    return out
  }
}

/// The share table of an e-Namjari by inheritance, from the draft's answers: the heirs' relations
/// (`heirs.N.relation`, N up to `heirs`) and the land (`land_amount`, decimals). Shown on the
/// shares page, the slip and the filing sheet.
public struct InheritanceShares: Sendable, Equatable {
  /// The table and its lines, or why it is refused (said with "ask at the counter").
  public let result: Result<(table: ShareTable, lines: [ShareLine]), InheritanceRefusal>
  /// Notes about how the kiosk's answers were read (brothers taken as full).
  public let readingNotes: [ShareNote]
  public let land: Fraction?

  public static func == (a: InheritanceShares, b: InheritanceShares) -> Bool {
    a.readingNotes == b.readingNotes && a.land == b.land && a.notes == b.notes && a.lineValues == b.lineValues
      && a.refusal == b.refusal
  }

  var lineValues: [ShareLine] { (try? result.get().lines) ?? [] }
  public var refusal: InheritanceRefusal? {
    if case .failure(let r) = result { return r }
    return nil
  }
  /// Every note to print under the table: how the answers were read, then the table's own.
  public var notes: [ShareNote] { readingNotes + ((try? result.get().table.notes) ?? []) }

  /// nil when the answers name no heir's relation (not an inheritance case).
  public static func from(answers: [String: String], group: String = "heirs") -> InheritanceShares? {
    let count = answers[group].flatMap { Int($0) } ?? 0
    let relations = (1...max(count, 1)).compactMap { answers[GroupPosition.key(group, $0, "relation")] }
    guard !relations.isEmpty else { return nil }
    let land = answers["land_amount"].flatMap { Fraction.parseDecimal($0) }
    do {
      let (counts, notes) = try Hanafi.counts(relations: relations)
      do {
        let table = try Hanafi.shares(counts)
        let lines = try table.lines(land: land)
        return InheritanceShares(result: .success((table, lines)), readingNotes: notes, land: land)
      } catch {
        return InheritanceShares(result: .failure(error), readingNotes: notes, land: land)
      }
    } catch {
      return InheritanceShares(result: .failure(error), readingNotes: [], land: land)
    }
  }

  /// The table as lines of text for paper: "Son × 2: 5/9 (each 5/18) · 25.0000 decimals = …".
  public func paperLines(_ units: LandUnits, _ language: Language) -> [String] {
    switch result {
    case .failure(let refusal): return [refusal.sentence[language]]
    case .success(let (_, lines)):
      var out = lines.map { line -> String in
        var s = tr(
          "{1} × {2}: {3} of the estate (each {4})", .text(line.row.kind.name), .digits("\(line.row.count)"),
          .digits(line.row.share.description), .digits(line.row.each.description))[language]
        if let land = line.landText(units, language) { s += " · " + tr("land each: {1}", .same(land))[language] }
        return s
      }
      out += notes.map { "* " + $0.text[language] }
      return out
    }
  }
}
