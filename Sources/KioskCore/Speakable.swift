/// A page's texts made fit to be spoken by espeak-ng, which would otherwise read 16122 as "sixteen
/// thousand one hundred twenty-two", the hyphens of dates and mobiles as "minus", drop ৳, and
/// switch to English at "/". Numbers become words here, in the language around them: helplines,
/// codes, NIDs and mobiles digit by digit in groups (a pause between groups), dates as the day, the
/// month's name and the year, amounts as a receipt writes them in words, counts as numbers. The
/// result is a list of segments, each in one language (by the script of its letters), each spoken
/// with that language's voice.
public struct SpeechSegment: Sendable, Equatable, CustomStringConvertible {
  public let language: Language
  public let text: String
  public init(_ language: Language, _ text: String) {
    self.language = language
    self.text = text
  }
  public var description: String { "[\(language.rawValue)] \(text)" }
}

public enum Speakable {
  /// Numbers read digit by digit even when short: the helplines.
  public static let helplines: Set<String> = ["16122", "333", "999", "109"]

  /// The speakable form of one or more texts, in order: a pause between texts, adjacent
  /// segments of one language joined. `screen` is the language of the screen (of digits with no
  /// letters around them).
  public static func segments(_ texts: [String], _ screen: Language) -> [SpeechSegment] {
    var out: [SpeechSegment] = []
    for t in texts {
      for s in segments(t, screen) {
        if let last = out.last, last.language == s.language {
          out[out.count - 1] = SpeechSegment(s.language, join(last.text, s.text))
        } else {
          out.append(s)
        }
      }
    }
    return out
  }

  /// The speakable form of one text.
  public static func segments(_ text: String, _ screen: Language) -> [SpeechSegment] {
    split(words(text, screen), screen)
  }

  /// The segments as one line each, "[bn] …" (what `kioskctl say --speakable` prints).
  public static func describe(_ segments: [SpeechSegment]) -> String {
    segments.map(\.description).joined(separator: "\n")
  }

  // MARK: Values of a known kind

  static func digitName(_ d: Int, _ language: Language) -> String {
    language == .bn ? AmountInWords.bengaliUnder100[d] : AmountInWords.englishUnder20[d].lowercased()
  }

  /// A number's words: "sixteen thousand one hundred twenty two" / "ষোলো হাজার একশত বাইশ".
  public static func number(_ n: Int, _ language: Language) -> String {
    let w = AmountInWords.number(n, language)
    return language == .en ? w.lowercased() : w
  }

  /// Digits one by one, in groups with a pause between them: a mobile 01712 345 678, a long code
  /// or NID in fours (the last group takes a lone digit), a short one whole.
  public static func digitByDigit(_ digits: String, _ language: Language) -> String {
    let ds = Array(BengaliDigits.toLatin(digits)).compactMap { $0.wholeNumberValue }
    var sizes: [Int]
    if ds.count == 11 && ds.first == 0 && ds.dropFirst().first == 1 {
      sizes = [5, 3, 3]
    } else if ds.count <= 5 {
      sizes = [ds.count]
    } else {
      sizes = Array(repeating: 4, count: ds.count / 4)
      let rest = ds.count % 4
      if rest == 1 { sizes[sizes.count - 1] += 1 } else if rest > 1 { sizes.append(rest) }
    }
    var groups: [String] = []
    var i = 0
    for size in sizes {
      groups.append(ds[i..<i + size].map { digitName($0, language) }.joined(separator: " "))
      i += size
    }
    return groups.joined(separator: ", ")
  }

  /// A date as it is said: "twenty six January, two thousand twenty five" / "ছাব্বিশে জানুয়ারি, দুই হাজার পঁচিশ".
  public static func date(_ d: CivilDate, _ language: Language) -> String {
    switch language {
    case .bn:
      return BanglaDate.spokenDay(d.day) + " " + CivilDate.monthNames.bn[d.month - 1] + ", " + number(d.year, .bn)
    default:
      return number(d.day, .en) + " " + CivilDate.monthNames.en[d.month - 1] + ", " + number(d.year, .en)
    }
  }

  /// An amount as the receipt writes it in words: "Taka One Thousand … only" / "… টাকা মাত্র".
  public static func amount(_ taka: Int, _ language: Language) -> String { AmountInWords.taka(taka, language) }

  /// A resume code, digit by digit in its three groups of five.
  public static func resumeCode(_ code: ResumeCode, _ language: Language) -> String {
    code.grouped.split(separator: "-").map { digitByDigit(String($0), language) }.joined(separator: ", ")
  }

  // MARK: Pages

  /// What a question page says: where it is in the form, the question, its hint and its choices.
  public static func questionPage(
    _ q: Question, index: Int, count: Int, title: String? = nil, _ language: Language
  ) -> [SpeechSegment] {
    var texts: [String] = []
    if let title { texts.append(title) }
    texts.append(tr("Question {1} of {2}", .digits("\(index)"), .digits("\(count)"))[language])
    texts.append(q.label[language])
    if let hint = q.hint { texts.append(hint[language]) }
    switch q.type {
    case .yesno: texts += [tr("Yes")[language], tr("No")[language]]
    case .choice: texts += q.options.map { $0.label[language] }
    case .group:
      if let g = q.group { texts += [g.add[language], g.done[language]] }
    default: break
    }
    return segments(texts, language)
  }

  // MARK: Words

  static func join(_ a: String, _ b: String) -> String {
    guard let last = a.last else { return b }
    return a + (".,;:?!।".contains(last) ? " " : ". ") + b
  }

  static func isDigit(_ c: Character) -> Bool {
    guard c.unicodeScalars.count == 1, let v = c.unicodeScalars.first?.value else { return false }
    return (0x30...0x39).contains(v) || (0x09E6...0x09EF).contains(v)
  }

  static func script(_ c: Character) -> Language? {
    guard let v = c.unicodeScalars.first?.value else { return nil }
    if (0x0980...0x09FF).contains(v) && !(0x09E6...0x09EF).contains(v) && v != 0x09F3 { return .bn }
    if c.isLetter && c.isASCII { return .en }
    return nil
  }

  /// Bengali ordinal endings written after a day's digits: ১লা, ২রা, ৪ঠা, ৫ই, ১৯শে.
  static let dayEndings = ["লা", "রা", "ঠা", "ই", "শে"]

  /// The text with every number in words and every sign that espeak-ng misreads replaced.
  static func words(_ text: String, _ screen: Language) -> String {
    let cs = Array(text)
    var out = ""
    var i = 0
    var around = screen  // the script of the letters last seen: the language of a number's words
    var amountNext = false
    func at(_ k: Int) -> Character? { k >= 0 && k < cs.count ? cs[k] : nil }
    func letter(_ c: Character?) -> Bool { c.map { $0.isLetter || script($0) == .bn } ?? false }
    func pause() {
      while out.last == " " { out.removeLast() }
      if let l = out.last, !",.;:?!।".contains(l) { out += "," }
      out += " "
    }
    while i < cs.count {
      let c = cs[i]
      if isDigit(c) {
        // A numeric token: digits with , - / . between digits.
        var j = i
        var token = ""
        while j < cs.count {
          if isDigit(cs[j]) {
            token.append(cs[j])
            j += 1
          } else if ",-/.".contains(cs[j]), let n = at(j + 1), isDigit(n) {
            token.append(cs[j])
            j += 1
          } else {
            break
          }
        }
        let latin = BengaliDigits.toLatin(token)
        let lang = around
        var spoken: String
        if amountNext, let n = Int(latin.filter { $0 != "," }) {
          spoken = amount(n, lang)
        } else if latin.count == 10, latin.filter({ $0 == "-" }).count == 2, let d = CivilDate(iso: latin) {
          spoken = date(d, lang)
        } else if latin.contains("-") || latin.contains("/") {
          // A mobile 01712-345678, a code 12345-67890-12345, a deed number 1234/2023.
          var parts: [String] = []
          var group = ""
          for ch in latin {
            if ch == "-" || ch == "/" {
              parts.append(digitByDigit(group, lang))
              if ch == "/" { parts.append(tr("slash")[lang]) }
              group = ""
            } else {
              group.append(ch)
            }
          }
          parts.append(digitByDigit(group, lang))
          spoken = parts.joined(separator: ", ").replacingOccurrences(
            of: ", \(tr("slash")[lang]),", with: " \(tr("slash")[lang])")
        } else if latin.contains(",") {
          spoken = number(Int(latin.filter { $0 != "," }) ?? 0, lang)
        } else if latin.contains(".") {
          let p = latin.split(separator: ".", maxSplits: 1)
          spoken =
            number(Int(p[0]) ?? 0, lang) + " " + tr("point")[lang] + " "
            + p[1].compactMap { $0.wholeNumberValue }.map { digitName($0, lang) }.joined(separator: " ")
        } else if latin.count >= 5 || (latin.count >= 2 && latin.first == "0") || helplines.contains(latin) {
          spoken = digitByDigit(latin, lang)
        } else {
          let n = Int(latin) ?? 0
          // ২৬শে জানুয়ারি: the day as it is said.
          let rest = String(cs[j..<min(j + 2, cs.count)])
          if lang == .bn, (1...31).contains(n),
            let ending = dayEndings.first(where: { rest.hasPrefix($0) }), !letter(at(j + ending.count))
          {
            spoken = BanglaDate.spokenDay(n)
            j += ending.count
          } else {
            spoken = number(n, lang)
          }
        }
        if letter(out.last) { out += " " }
        out += spoken
        if letter(at(j)), !spoken.isEmpty, lang == .en { out += " " }
        amountNext = false
        i = j
        continue
      }
      if c == "৳" {
        amountNext = true
        i += 1
        continue
      }
      if c == "T", at(i + 1) == "k", !letter(at(i - 1)), !letter(at(i + 2)) {
        // "Tk 1,170" / "Tk. 20"
        var j = i + 2
        if at(j) == "." { j += 1 }
        while at(j) == " " { j += 1 }
        if let n = at(j), isDigit(n) {
          amountNext = true
          i = j
          continue
        }
      }
      switch c {
      case "/", "·", "•", "|", "(", ")", "—", "–", ";":
        pause()
      case "-":
        if letter(at(i - 1)) && (letter(at(i + 1)) || at(i + 1).map(isDigit) == true) { out += " " } else { pause() }
      case "\n", "\t":
        pause()
      case " ":
        if out.last != " " { out.append(c) }
      default:
        if let s = script(c) { around = s }
        out.append(c)
      }
      i += 1
    }
    return out
  }

  /// Splits a text of words into segments by the script of their letters; signs and spaces go
  /// with the words before them.
  static func split(_ text: String, _ screen: Language) -> [SpeechSegment] {
    var out: [(Language, String)] = []
    var current: Language? = nil
    var buffer = ""
    var pending = ""  // signs and spaces since the last letter
    for c in text {
      if let s = script(c) {
        if let cur = current, cur != s {
          out.append((cur, buffer))
          buffer = ""
          pending = pending.drop(while: { $0 == " " || $0 == "," }).description
        }
        current = s
        buffer += pending
        pending = ""
        buffer.append(c)
      } else {
        pending.append(c)
      }
    }
    buffer += pending
    if let cur = current { out.append((cur, buffer)) } else if !buffer.isEmpty { out.append((screen, buffer)) }
    return out.compactMap { lang, t in
      let trimmed = t.trimmed(" ,;")
      guard trimmed.contains(where: { script($0) != nil }) else { return nil }
      return SpeechSegment(lang, trimmed)
    }
  }
}

extension String {
  fileprivate func trimmed(_ set: String) -> String {
    var s = Substring(self)
    while let f = s.first, set.contains(f) { s = s.dropFirst() }
    while let l = s.last, set.contains(l) { s = s.dropLast() }
    return String(s)
  }
}
