import Foundation

/// Why an answer was refused, said in both languages, to show next to the field.
public struct ValidationFailure: Error, Sendable, Equatable {
  public let message: BilingualText
  public init(_ message: BilingualText) { self.message = message }
}

/// Checks and normalises what a person typed. Every check accepts Bengali or Latin digits and
/// returns the value to store (Latin digits, NFC, single spaces), or a failure to show.
public enum Validators {
  /// Latin digits, NFC, trimmed, inner runs of white space folded to one space.
  public static func clean(_ text: String) -> String {
    BengaliDigits.toLatin(text).precomposedStringWithCanonicalMapping
      .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }

  /// Digits that are not what they look like: a digit with a mark joined to it (an accent, a
  /// keycap, a variation selector: pasted text), or digits of a script other than Bengali and Latin.
  /// Checked per Unicode scalar, before anything else reads the digits. Text longer than any such
  /// answer (`maxDigitAnswerLength` scalars: a list of dag numbers is the longest) is refused too.
  public static func digitProblem(_ text: String) -> ValidationFailure? {
    if text.utf8.count > maxDigitAnswerLength * 4 || text.unicodeScalars.count > maxDigitAnswerLength {
      return ValidationFailure(tr("That is far too long for this answer"))
    }
    var previousWasDigit = false
    for s in text.unicodeScalars {
      let v = s.value
      let isOurDigit = (0x30...0x39).contains(v) || (0x09E6...0x09EF).contains(v)
      if !isOurDigit && s.properties.numericType == .decimal {
        return ValidationFailure(tr("Write the digits as Bengali (০–৯) or English (0–9) digits"))
      }
      let joins =
        [.nonspacingMark, .spacingMark, .enclosingMark].contains(s.properties.generalCategory)
        || s.properties.isVariationSelector
      if joins && previousWasDigit {
        return ValidationFailure(
          tr("A mark is joined to a digit (as in pasted text); type the digits alone, without marks"))
      }
      if !joins { previousWasDigit = isOurDigit }
    }
    return nil
  }

  public static let maxDigitAnswerLength = 1000

  static func digitsOnly(_ text: String, dropping: Set<Character> = [" ", "-"]) -> String {
    String(clean(text).filter { !dropping.contains($0) })
  }

  /// National ID: 10 digits (smart card, no leading 0), 13 digits, or 17 digits starting with the
  /// holder's year of birth (checked when the date of birth is known).
  public static func nid(_ text: String, dateOfBirth: CivilDate? = nil) -> Result<String, ValidationFailure> {
    if let problem = digitProblem(text) { return .failure(problem) }
    let d = digitsOnly(text)
    if d.isEmpty { return .failure(.init(tr("Enter the national ID number"))) }
    guard d.allSatisfy(\.isASCIIDigit) else {
      return .failure(.init(tr("A national ID number has digits only")))
    }
    switch d.count {
    case 10:
      if d.hasPrefix("0") {
        return .failure(.init(tr("A 10-digit NID does not start with 0")))
      }
    case 13: break
    case 17:
      guard let year = Int(d.prefix(4)) else {
        return .failure(.init(tr("A national ID number has digits only")))
      }
      if let dob = dateOfBirth, dob.year != year {
        return .failure(
          .init(
            tr("A 17-digit NID starts with the year of birth ({1})", .digits("\(dob.year)"))))
      }
      if !(1900...2100).contains(year) {
        return .failure(.init(tr("A 17-digit NID starts with the year of birth")))
      }
    default:
      return .failure(
        .init(
          tr("A national ID number has 10, 13 or 17 digits; you typed {1}", .digits("\(d.count)"))))
    }
    return .success(d)
  }

  /// Bangladeshi mobile: +880 / 880 / 0 prefixes, spaces and dashes allowed → 01XXXXXXXXX.
  public static func mobile(_ text: String) -> Result<String, ValidationFailure> {
    if let problem = digitProblem(text) { return .failure(problem) }
    var d = digitsOnly(text, dropping: [" ", "-", "(", ")", "."])
    if d.isEmpty { return .failure(.init(tr("Enter the mobile number"))) }
    if d.hasPrefix("+") { d.removeFirst() }
    if d.hasPrefix("00880") { d.removeFirst(2) }
    if d.hasPrefix("880") { d.removeFirst(2) }
    if d.count == 10, d.hasPrefix("1") { d = "0" + d }
    let chars = Array(d)
    guard d.allSatisfy(\.isASCIIDigit), chars.count == 11, chars[0] == "0", chars[1] == "1",
      ("3"..."9").contains(chars[2])
    else {
      return .failure(
        .init(
          tr("Enter an 11-digit mobile number starting with 01, e.g. 01712345678")))
    }
    return .success(d)
  }

  /// A date as YYYY-MM-DD or DD/MM/YYYY (or DD-MM-YYYY, DD.MM.YYYY). `pastOnly`: not after today.
  public static func date(_ text: String, today: CivilDate, pastOnly: Bool) -> Result<CivilDate, ValidationFailure> {
    if let problem = digitProblem(text) { return .failure(problem) }
    let t = digitsOnly(text, dropping: [" "])
    if t.isEmpty { return .failure(.init(tr("Enter the date"))) }
    var parsed = CivilDate(iso: t)
    if parsed == nil {
      let parts = t.split(whereSeparator: { "/.-".contains($0) }).map(String.init)
      if parts.count == 3, parts[2].count == 4, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]) {
        parsed = CivilDate(year: y, month: m, day: d)
      }
    }
    guard let date = parsed else {
      return .failure(
        .init(tr("Not a date; write day/month/year, e.g. 21/03/1985")))
    }
    if pastOnly && date > today {
      return .failure(.init(tr("The date cannot be in the future")))
    }
    if date.year < 1900 { return .failure(.init(tr("The year must be after 1900"))) }
    return .success(date)
  }

  /// A person's name in Bengali or Latin script: 2 to 100 characters, letters, spaces, . - '
  public static func personName(_ text: String) -> Result<String, ValidationFailure> {
    let n = clean(text)
    if n.isEmpty { return .failure(.init(tr("Enter the name"))) }
    let letters = n.unicodeScalars.filter { isNameLetter($0) }.count
    let allowed = n.unicodeScalars.allSatisfy { isNameLetter($0) || " .-'\u{200C}\u{200D}".unicodeScalars.contains($0) }
    guard allowed else {
      return .failure(.init(tr("A name has letters only, no digits or signs")))
    }
    guard letters >= 2, n.count <= 100 else {
      return .failure(.init(tr("Write a name of 2 to 100 characters")))
    }
    return .success(n)
  }

  static func isNameLetter(_ s: Unicode.Scalar) -> Bool {
    if (0x0980...0x09FF).contains(s.value) {
      // Bengali letters and signs, but not its digits, currency or fraction signs.
      return !(0x09E6...0x09FB).contains(s.value)
    }
    return s.properties.isAlphabetic && s.value < 0x0250
  }

  /// A record number such as a khatian or JL number: digits, optionally with "/" parts (১২৩/১).
  static func recordNumber(_ text: String, maxDigits: Int, what: BilingualText) -> Result<String, ValidationFailure> {
    if let problem = digitProblem(text) { return .failure(problem) }
    let t = digitsOnly(text)
    if t.isEmpty { return .failure(.init(tr("Enter the {1}", .text(what)))) }
    let parts = t.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.allSatisfy({ !$0.isEmpty && $0.count <= maxDigits && $0.allSatisfy(\.isASCIIDigit) }), parts.count <= 3
    else {
      return .failure(
        .init(
          tr("Write the {1} in digits (with / if needed), at most {2} digits", .text(what), .digits("\(maxDigits)"))))
    }
    return .success(t)
  }

  public static func khatian(_ text: String) -> Result<String, ValidationFailure> {
    recordNumber(text, maxDigits: 8, what: tr("khatian number"))
  }

  public static func jl(_ text: String) -> Result<String, ValidationFailure> {
    recordNumber(text, maxDigits: 4, what: tr("JL number"))
  }

  /// One or more dag (plot) numbers, separated by commas or spaces → "12, 13/1".
  public static func dags(_ text: String) -> Result<String, ValidationFailure> {
    if let problem = digitProblem(text) { return .failure(problem) }
    let items = clean(text).split(whereSeparator: { $0 == "," || $0 == " " || $0 == "،" }).map(String.init)
    if items.isEmpty { return .failure(.init(tr("Enter the dag number"))) }
    var out: [String] = []
    for item in items {
      switch recordNumber(item, maxDigits: 6, what: tr("dag number")) {
      case .success(let v): out.append(v)
      case .failure(let f): return .failure(f)
      }
    }
    return .success(out.joined(separator: ", "))
  }

  /// Land in decimals (শতক): a positive number with up to 4 decimal places, at most 1,00,000.
  public static func landAmount(_ text: String) -> Result<String, ValidationFailure> {
    if let problem = digitProblem(text) { return .failure(problem) }
    let t = digitsOnly(text, dropping: [" ", ","])
    let parts = t.split(separator: ".", omittingEmptySubsequences: false)
    guard !t.isEmpty, parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }), !parts[0].isEmpty,
      parts.count == 1 || (1...4).contains(parts[1].count), let value = Double(t), value > 0, value <= 100_000
    else {
      return .failure(
        .init(tr("Write the amount of land in decimals, e.g. 12.5")))
    }
    return .success(t)
  }

  /// A deed, case or lease number (দলিল/মামলা/ইজারা নম্বর) as the office wrote it: digits in either
  /// script (kept in Latin digits, shown in Bengali on Bengali screens), letters, and / - . as
  /// separators; at least one digit, at most 40 characters. Digits of other scripts are refused.
  public static func reference(_ text: String) -> Result<String, ValidationFailure> {
    let t = BengaliDigits.toLatin(clean(text))
    let wrong = ValidationFailure(
      tr("Write the number as it is on the paper, e.g. {1} (digits, letters, / and -)", .digits("1234/2023")))
    var digits = 0
    for scalar in t.unicodeScalars {
      let p = scalar.properties
      if ("0"..."9").contains(scalar) {
        digits += 1
      } else if p.numericType != nil {
        return .failure(wrong)  // a digit of another script
      } else if !(p.isAlphabetic || p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark
        || "/-. ".unicodeScalars.contains(scalar))
      {
        return .failure(wrong)
      }
    }
    guard digits > 0, t.count <= 40 else { return .failure(wrong) }
    return .success(t)
  }

  /// A whole number in a range (pages, sheets).
  public static func count(_ text: String, range: ClosedRange<Int>) -> Result<Int, ValidationFailure> {
    if let problem = digitProblem(text) { return .failure(problem) }
    let t = digitsOnly(text)
    guard t.allSatisfy(\.isASCIIDigit), let v = Int(t), range.contains(v) else {
      let lo = range.lowerBound
      let hi = range.upperBound
      return .failure(
        .init(
          tr("Enter a number from {1} to {2}", .digits("\(lo)"), .digits("\(hi)"))))
    }
    return .success(v)
  }

  /// Checks an answer to `question`; `answers` are the answers so far (for the NID/birth-year rule).
  public static func validate(_ question: Question, _ text: String, answers: [String: String], today: CivilDate)
    -> Result<String, ValidationFailure>
  {
    if clean(text).isEmpty && !question.required { return .success("") }
    switch question.type {
    case .text, .place:
      let v = clean(text)
      if v.isEmpty && question.type == .place {
        return .failure(.init(tr("Choose the place from the list, or type to search")))
      }
      if v.isEmpty { return .failure(.init(tr("Please write something here"))) }
      if v.count > 500 { return .failure(.init(tr("Write at most 500 characters"))) }
      return .success(v)
    case .name: return personName(text)
    case .nid: return nid(text, dateOfBirth: answers["date_of_birth"].flatMap(CivilDate.init(iso:)))
    case .mobile: return mobile(text)
    case .date:
      let result = date(text, today: today, pastOnly: question.pastOnly)
      // A 17-digit NID begins with the birth year: asked before the date of birth (e-Namjari asks
      // the NID first), the two are checked against each other here.
      if question.id == "date_of_birth", case .success(let dob) = result, let nid = answers["nid"], nid.count == 17,
        let year = Int(nid.prefix(4)), year != dob.year
      {
        return .failure(
          .init(
            tr(
              "A 17-digit NID begins with the year of birth ({1}); this date is in {2}. Check the date or the number.",
              .digits("\(year)"), .digits("\(dob.year)"))
          ))
      }
      return result.map(\.iso)
    case .number where question.id == ComplaintForm.asked:
      // What a citizen was asked to pay: any amount in taka.
      return count(text, range: 1...99_99_999).map(String.init)
    case .number: return count(text, range: 1...9999).map(String.init)
    case .pages: return count(text, range: 1...2000).map(String.init)
    case .khatian: return khatian(text)
    case .jl: return jl(text)
    case .dag: return dags(text)
    case .landAmount: return landAmount(text)
    case .reference: return reference(text)
    case .choice:
      return question.options.contains(where: { $0.value == text })
        ? .success(text) : .failure(.init(tr("Choose one")))
    case .yesno:
      return ["yes", "no"].contains(text) ? .success(text) : .failure(.init(tr("Choose yes or no")))
    case .group:
      // The number of items (a staff correction; the citizen adds and removes items on the list page).
      return count(text, range: 1...(question.group?.maxItems ?? 1)).map(String.init)
    }
  }
}
