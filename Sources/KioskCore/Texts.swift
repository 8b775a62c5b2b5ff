import CIntl
import Foundation

/// The words of every screen and paper, from gettext catalogues (GNOME's way): the English text is
/// the msgid, written once in the Swift source as `tr("…")`; each other language's words are in
/// `po/LANG.po`, compiled by `msgfmt` (scripts/build-texts.sh) into
/// `<share>/locale/LANG/LC_MESSAGES/bhumiseba-LANG.mo` and looked up through glibc's libintl. A
/// translator changes a Bengali word in `po/bn.po` without touching Swift.
///
/// A screen shows Bengali and English side by side (errors by the field, slips, receipts), so a
/// text is looked up in both at once: each language is a text domain of its own
/// (`bhumiseba-bn`), found through `LANGUAGE`, which is set once, at start, before any thread.
/// Bengali digits, amounts in words and the calendars stay in KioskCore (Language.swift,
/// AmountInWords.swift, BanglaDate.swift); service texts stay in the catalogue files.
public enum Texts {
  /// Each language's domain: `bhumiseba-bn`.
  public static func domain(_ language: Language) -> String { "bhumiseba-" + language.rawValue }
  /// The languages that have a catalogue (English is the msgids themselves): Bengali, which
  /// must be there, and every other one found installed.
  public static var translated: [Language] { [.bn] + installedOthers }

  /// The languages besides Bengali and English whose catalogue `prepare` found in `locale/`.
  public static var installedOthers: [Language] {
    _ = prepared
    state.lock.lock()
    defer { state.lock.unlock() }
    return state.others
  }

  final class State: @unchecked Sendable {
    let lock = NSLock()
    var directory: String?
    var problem: String?
    var others: [Language] = []
  }

  /// The languages with a compiled catalogue in `directory` (`LANG/LC_MESSAGES/bhumiseba-LANG.mo`)
  /// other than Bengali and English, in the order of their codes.
  static func installed(in directory: String) -> [Language] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.sorted().compactMap { name in
      guard let language = Language(rawValue: name), language != .bn, language != .en,
        FileManager.default.fileExists(atPath: "\(directory)/\(name)/LC_MESSAGES/\(domain(language)).mo")
      else { return nil }
      return language
    }
  }
  static let state = State()

  /// Makes the catalogues findable: call at start, before a second thread runs (it sets
  /// `LANGUAGE`, and `LC_ALL=C.UTF-8` where the locale is C, in which gettext translates nothing).
  /// `share` is the folder with `locale/` (a checkout's top, or /usr/share/bhumiseba); nil: found
  /// as the catalogue is (`BHUMISEBA_SHARE`, above the program, /usr/share/bhumiseba).
  /// Returns what is wrong, in words naming the file, or nil when every catalogue answers.
  @discardableResult
  public static func prepare(share: String? = nil) -> String? {
    state.lock.lock()
    defer { state.lock.unlock() }
    setlocale(LC_ALL, "")
    let messages = String(cString: setlocale(LC_MESSAGES, nil))
    if messages == "C" || messages == "POSIX" {
      setenv("LC_ALL", "C.UTF-8", 1)
      setlocale(LC_ALL, "C.UTF-8")
    }
    let top = share ?? locateShare()
    let directory = (top ?? ".") + "/locale"
    state.directory = directory
    state.others = installed(in: directory)
    let languages = [Language.bn] + state.others
    setenv("LANGUAGE", languages.map(\.rawValue).joined(separator: ":"), 1)
    var problems: [String] = []
    for language in languages {
      let domain = domain(language)
      bindtextdomain(domain, directory)
      bind_textdomain_codeset(domain, "UTF-8")
      // The catalogue's header is the translation of the empty msgid.
      let header = String(cString: dgettext(domain, ""))
      if !header.contains("Language: \(language.rawValue)") {
        problems.append(
          "\(directory)/\(language.rawValue)/LC_MESSAGES/\(domain).mo is missing or unreadable (po/\(language.rawValue).po compiled by scripts/build-texts.sh)"
        )
      }
    }
    state.problem = problems.isEmpty ? nil : problems.joined(separator: "; ")
    return state.problem
  }

  static let prepared: Bool = {
    if state.directory == nil { prepare() }
    return true
  }()

  /// What `prepare` found wrong, if anything.
  public static var problem: String? {
    _ = prepared
    return state.problem
  }

  /// The folder above `locale/`: BHUMISEBA_SHARE, or the program's checkout or installed tree.
  static func locateShare() -> String? {
    // Beside the catalogue: /usr/lib/locale (glibc's) is not ours (an install under /usr).
    func ok(_ dir: String) -> Bool {
      FileManager.default.fileExists(atPath: dir + "/locale")
        && FileManager.default.fileExists(atPath: dir + "/assets/catalogue/services")
    }
    if let env = ProcessInfo.processInfo.environment["BHUMISEBA_SHARE"], !env.isEmpty { return env }
    return KioskSetup.searchNearProgram(ok)
  }

  /// `msgid` in a language: English is the msgid; others from their catalogue (the msgid where
  /// the catalogue lacks it, which the catalogue test forbids). `context` is gettext's msgctxt,
  /// for one English word that Bengali says two ways.
  public static func lookup(_ msgid: String, _ language: Language, context: String? = nil) -> String {
    guard language != .en else { return msgid }
    _ = prepared
    let key = context.map { $0 + "\u{04}" + msgid } ?? msgid
    // dgettext answers the msgid's own pointer when it has no translation: the text is copied
    // while that pointer is still alive, inside withCString.
    let found = key.withCString { keyPointer -> String? in
      guard let answer = dgettext(domain(language), keyPointer), answer != keyPointer else { return nil }
      return String(cString: answer)
    }
    return found ?? msgid
  }
}

/// A value put into a text's `{1}`, `{2}`…: the same in every language, or one for each.
public struct TextArg: Sendable {
  enum Value: Sendable {
    case same(String)
    case digits(String)
    case grouped(Int)
    case text(BilingualText)
    case pair(bn: String, en: String)
  }
  let value: Value
  init(_ value: Value) { self.value = value }
  /// One value for Bengali and one for English (and any other language).
  public init(bn: String, en: String) { value = .pair(bn: bn, en: en) }
  public static func same(_ value: String) -> TextArg { TextArg(.same(value)) }
  /// Digits as each language writes them.
  public static func digits(_ value: String) -> TextArg { TextArg(.digits(value)) }
  /// A whole number with South Asian grouping (1,00,000) in each language's digits.
  public static func grouped(_ value: Int) -> TextArg { TextArg(.grouped(value)) }
  public static func text(_ value: BilingualText) -> TextArg { TextArg(.text(value)) }
  public var bn: String { self[.bn] }
  public var en: String { self[.en] }
  subscript(language: Language) -> String {
    switch value {
    case .same(let text): text
    case .digits(let text): BengaliDigits.localized(text, language)
    case .grouped(let n): BengaliDigits.grouped(n, language)
    case .text(let text): text[language]
    case .pair(let bn, let en): language == .bn ? bn : en
    }
  }
}

/// How a text of the kiosk's own was made, so that it can be said in any installed language.
struct TextSource: Sendable {
  let msgid: String
  let context: String?
  let args: [TextArg]

  /// The msgid in `language`, its `{1}`, `{2}`… filled in one pass (a value holding "{2}" is never
  /// filled again).
  func render(_ language: Language) -> String {
    let text = Texts.lookup(msgid, language, context: context)
    guard !args.isEmpty else { return text }
    var out = ""
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "{") {
      out += rest[..<open]
      let after = rest[rest.index(after: open)...]
      if let close = after.firstIndex(of: "}"), let n = Int(after[..<close]), n >= 1, n <= args.count {
        out += args[n - 1][language]
        rest = after[after.index(after: close)...]
      } else {
        out += "{"
        rest = after
      }
    }
    return out + rest
  }
}

/// A text of the kiosk in both languages: `msgid` is the English, with `{1}`, `{2}`… for `args`.
public func tr(_ msgid: String, _ args: TextArg...) -> BilingualText {
  translated(msgid, context: nil, args)
}

/// The same, where one English text needs two Bengali ones: `context` is gettext's msgctxt.
public func trc(_ context: String, _ msgid: String, _ args: TextArg...) -> BilingualText {
  translated(msgid, context: context, args)
}

private func translated(_ msgid: String, context: String?, _ args: [TextArg]) -> BilingualText {
  let source = TextSource(msgid: msgid, context: context, args: args)
  return BilingualText(bn: source.render(.bn), en: source.render(.en), source: source)
}
