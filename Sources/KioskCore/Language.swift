/// A language of the screens and papers: Bengali (first) and English always; any other whose
/// gettext catalogue is installed (`po/LANG.po` compiled into `locale/`) is found at start by
/// `Texts.prepare` and offered on the language switch. Service texts, amounts in words and the
/// calendars' words exist in Bengali and English only: another language shows their English.
public struct Language: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
  public let rawValue: String
  /// A language code as gettext names it (`bn`, `en`, `chr`, `pt_BR`): letters, digits, `_`.
  public init?(rawValue: String) {
    guard !rawValue.isEmpty, rawValue.count <= 12,
      rawValue.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) || $0 == "_" })
    else { return nil }
    self.rawValue = rawValue
  }
  public static let bn = Language(rawValue: "bn")!
  public static let en = Language(rawValue: "en")!
  /// Bengali, English, then every other language with an installed catalogue (after
  /// `Texts.prepare`), in the order of their codes.
  public static var allCases: [Language] { [.bn, .en] + Texts.installedOthers }
  public var description: String { rawValue }

  /// The language's name in itself, on the language switch: the translation of "English" in the
  /// context "endonym" in the language's own catalogue (Bengali's says বাংলা).
  public var endonym: String { trc("endonym", "English")[self] }

  public init(from decoder: Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let language = Language(rawValue: text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "not a language code: \(text)"))
    }
    self = language
  }
  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
}

/// A text in both languages (দ্বিভাষিক লেখা); a text of the kiosk's own (`tr`) also knows how to
/// say itself in any other installed language.
public struct BilingualText: Sendable, Equatable, Codable, Hashable {
  public var bn: String
  public var en: String
  /// How `tr` made it (msgid, context, values), to look it up in a third language; nil for texts
  /// from data (the catalogue's services), which show their English there.
  var source: TextSource?
  public init(bn: String, en: String) {
    self.bn = bn
    self.en = en
  }
  init(bn: String, en: String, source: TextSource) {
    self.bn = bn
    self.en = en
    self.source = source
  }
  public subscript(language: Language) -> String {
    switch language {
    case .bn: bn
    case .en: en
    default: source?.render(language) ?? en
    }
  }
  /// "Bengali / English", as on signs and buttons that serve both.
  public var both: String { "\(bn) / \(en)" }

  public static func == (a: BilingualText, b: BilingualText) -> Bool { a.bn == b.bn && a.en == b.en }
  public func hash(into hasher: inout Hasher) {
    hasher.combine(bn)
    hasher.combine(en)
  }
  enum CodingKeys: String, CodingKey { case bn, en }
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
