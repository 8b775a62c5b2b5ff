/// The two languages of every screen and paper. Bengali comes first.
public enum Language: String, Sendable, CaseIterable, Codable {
  case bn, en
  /// The language's name in itself, on the language switch.
  public var endonym: String { self == .bn ? "বাংলা" : "English" }
}

/// A text in both languages (দ্বিভাষিক লেখা).
public struct BilingualText: Sendable, Equatable, Codable, Hashable {
  public var bn: String
  public var en: String
  public init(bn: String, en: String) {
    self.bn = bn
    self.en = en
  }
  public subscript(language: Language) -> String { language == .bn ? bn : en }
  /// "Bengali / English", as on signs and buttons that serve both.
  public var both: String { "\(bn) / \(en)" }
}

/// Digits in the screen's language: Bengali digits (০–৯) on Bengali screens.
public enum BengaliDigits {
  static let bengaliZero: UInt32 = 0x09E6

  /// Replaces Latin digits with Bengali ones; everything else is kept.
  public static func toBengali(_ text: String) -> String {
    String(
      String.UnicodeScalarView(
        text.unicodeScalars.map { s in
          (0x30...0x39).contains(s.value) ? Unicode.Scalar(s.value - 0x30 + bengaliZero)! : s
        }))
  }

  /// Replaces Bengali digits with Latin ones; everything else is kept.
  public static func toLatin(_ text: String) -> String {
    String(
      String.UnicodeScalarView(
        text.unicodeScalars.map { s in
          (bengaliZero...bengaliZero + 9).contains(s.value) ? Unicode.Scalar(s.value - bengaliZero + 0x30)! : s
        }))
  }

  /// Digits as the language writes them.
  public static func localized(_ text: String, _ language: Language) -> String {
    language == .bn ? toBengali(text) : toLatin(text)
  }

  /// An integer with South Asian grouping (1,00,000) in the given language's digits.
  public static func grouped(_ value: Int, _ language: Language) -> String {
    let negative = value < 0
    var digits = String(value.magnitude)
    var groups: [String] = []
    if digits.count > 3 {
      groups.append(String(digits.suffix(3)))
      digits = String(digits.dropLast(3))
      while digits.count > 2 {
        groups.insert(String(digits.suffix(2)), at: 0)
        digits = String(digits.dropLast(2))
      }
      if !digits.isEmpty { groups.insert(digits, at: 0) }
    } else {
      groups = [digits]
    }
    let text = (negative ? "-" : "") + groups.joined(separator: ",")
    return localized(text, language)
  }
}
