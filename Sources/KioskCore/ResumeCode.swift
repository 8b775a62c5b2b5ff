/// The code printed on the acknowledgement slip that unlocks a draft (পুনরায় শুরু করার কোড).
/// 14 random digits (46.5 bits, from the system's secure generator) and a Luhn check digit, so a
/// citizen can type it on a numeric keypad and a mistyped digit is caught before any lookup.
/// Shown as three groups of five: 12345-67890-12345.
public struct ResumeCode: Sendable, Hashable, CustomStringConvertible {
  /// The 15 digits, Latin, no separators.
  public let digits: String

  public static let randomDigitCount = 14

  /// A new code. `SystemRandomNumberGenerator` reads the kernel's CSPRNG (getrandom).
  public static func generate() -> ResumeCode {
    var generator = SystemRandomNumberGenerator()
    return generate(using: &generator)
  }

  public static func generate<G: RandomNumberGenerator>(using generator: inout G) -> ResumeCode {
    let value = UInt64.random(in: 0..<100_000_000_000_000, using: &generator)
    var body = String(value)
    body = String(repeating: "0", count: randomDigitCount - body.count) + body
    return ResumeCode(digits: body + String(luhnCheckDigit(body)))
  }

  private init(digits: String) { self.digits = digits }

  /// Accepts what a person types or a scanner sends: Bengali or Latin digits, spaces and dashes.
  /// Nil when the length or the check digit is wrong.
  public init?(typed text: String) {
    guard case .success(let code) = ResumeCode.check(text) else { return nil }
    self = code
  }

  /// Like `init(typed:)`, with the reason in both languages when the text is not a code: a digit
  /// with a mark joined to it (pasted), digits of another script, a wrong length or check digit.
  public static func check(_ text: String) -> Result<ResumeCode, ValidationFailure> {
    if let problem = Validators.digitProblem(text) { return .failure(problem) }
    let plain = BengaliDigits.toLatin(text).filter { $0 != " " && $0 != "-" }
    guard plain.count == ResumeCode.randomDigitCount + 1, plain.allSatisfy(\.isASCIIDigit),
      let last = plain.last?.asciiDigitValue, ResumeCode.luhnCheckDigit(String(plain.dropLast())) == last
    else {
      return .failure(
        ValidationFailure(
          tr("That code is not right; type the 15-digit code on your slip")))
    }
    return .success(ResumeCode(digits: plain))
  }

  /// A code as the store keeps it (15 Latin digits, nothing else), checked byte by byte: reading a
  /// million drafts does not go through the checks of typed text.
  public init?(stored text: String) {
    var sum = 0
    var count = 0
    var last = 0
    let utf8 = text.utf8
    guard utf8.count == ResumeCode.randomDigitCount + 1 else { return nil }
    for (i, b) in utf8.reversed().enumerated() {
      guard (0x30...0x39).contains(b) else { return nil }
      var d = Int(b) - 0x30
      count += 1
      if i == 0 {
        last = d
        continue
      }
      if i % 2 == 1 {
        d *= 2
        if d > 9 { d -= 9 }
      }
      sum += d
    }
    guard count == ResumeCode.randomDigitCount + 1, (10 - sum % 10) % 10 == last else { return nil }
    digits = text
  }

  static func luhnCheckDigit(_ body: String) -> Int {
    var sum = 0
    for (i, ch) in body.reversed().enumerated() {
      var d = ch.asciiDigitValue ?? 0
      if i % 2 == 0 {
        d *= 2
        if d > 9 { d -= 9 }
      }
      sum += d
    }
    return (10 - sum % 10) % 10
  }

  /// 12345-67890-12345
  public var grouped: String {
    let chars = Array(digits)
    return [0, 5, 10].map { String(chars[$0..<$0 + 5]) }.joined(separator: "-")
  }

  public func formatted(_ language: Language) -> String { BengaliDigits.localized(grouped, language) }
  /// What the slip's QR code holds: a prefix that tells a scan from typing.
  public var qrPayload: String { ResumeCode.scanPrefix + digits }

  /// The prefix of the slip's QR payload (the one place that knows it).
  public static let scanPrefix = "BHUMISEBA:"

  /// A USB scanner is a keyboard: on a page with a field, what it types lands after whatever the
  /// citizen had typed there. Finds the last scan in `text` (the prefix in either case, Caps Lock
  /// happens): the text before it, to put back in the field, and the code (nil when the digits
  /// after the prefix are not a valid code). Nil when `text` holds no scan.
  public static func scan(in text: String) -> (before: String, code: ResumeCode?)? {
    let chars = Array(text)
    let prefix = Array(scanPrefix)
    guard chars.count >= prefix.count else { return nil }
    for start in stride(from: chars.count - prefix.count, through: 0, by: -1) {
      let candidate = String(chars[start..<start + prefix.count])
      if candidate.uppercased() == scanPrefix {
        return (String(chars[..<start]), ResumeCode(typed: String(chars[(start + prefix.count)...])))
      }
    }
    return nil
  }
  public var description: String { grouped }
}

extension Character {
  /// 0 to 9 as one Unicode scalar. (`("0"..."9").contains(c)` also admits a digit with a
  /// combining mark or a keycap joined to it, "1\u{301}" or "1\u{FE0F}\u{20E3}": one Character.)
  var isASCIIDigit: Bool { asciiDigitValue != nil }

  var asciiDigitValue: Int? {
    let scalars = unicodeScalars
    guard scalars.count == 1, let s = scalars.first, (0x30...0x39).contains(s.value) else { return nil }
    return Int(s.value - 0x30)
  }
}
