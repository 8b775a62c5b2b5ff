import Foundation

/// A problem in a file a person wrote (config, catalogue): which file, which line, what is wrong.
public struct SourceError: Error, Sendable, Equatable, CustomStringConvertible {
  public let file: String
  public let line: Int
  public let message: String
  public init(file: String, line: Int, _ message: String) {
    self.file = file
    self.line = line
    self.message = message
  }
  public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

/// Several problems found at once, so an admin can fix them all in one go.
public struct SourceErrors: Error, Sendable, CustomStringConvertible {
  public let errors: [SourceError]
  public init(_ errors: [SourceError]) { self.errors = errors }
  public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// Area classes of the LSFC guideline; they set the centre's fee.
public enum AreaClass: String, Sendable, CaseIterable, Codable {
  /// ইউনিয়ন ও উপজেলা সদর
  case a = "A"
  /// সিটি করপোরেশন ও সাভার ছাড়া সব পৌর এলাকা
  case b = "B"
  /// সব সিটি করপোরেশন ও সাভার পৌর এলাকা
  case c = "C"
}

/// Everything a centre sets. Both programs start from `KioskConfig.embeddedDefault` (a demo centre)
/// and a config file, when given, overrides any key of it.
public struct KioskConfig: Sendable, Equatable {
  public var centreID = ""
  /// The centre's short code at the head of its receipt numbers (DEMO-2026-000123).
  public var receiptPrefix = ""
  public var centreName = BilingualText(bn: "", en: "")
  public var areaClass = AreaClass.c
  /// 0 = Sunday … 6 = Saturday.
  public var openDays: [Int] = []
  public var hours = ""
  /// Empty: `$XDG_DATA_HOME/bhumiseba`, else `~/.local/share/bhumiseba`.
  public var dataDirectory = ""
  public var draftRetentionDays = 30
  public var filedRetentionDays = 1825
  /// Empty: libcups' own choice (CUPS_SERVER, client.conf, the local socket).
  public var cupsServer = ""
  /// Empty: CUPS's default destination.
  public var slipQueue = ""
  public var a4Queue = ""
  public var jobTimeoutSeconds = 20
  /// The deadline of each request to cupsd (connecting: the smaller of this and 3 s).
  public var printRequestSeconds = 10
  /// How long a job the printer says it is printing is followed before it is left to finish and
  /// reported "still printing" (not printed, to reprint on purpose).
  public var longestJobSeconds = 600
  public var idleWarningSeconds = 60
  public var idleResetSeconds = 90
  /// Staff mode closes itself after this long without a touch.
  public var staffIdleSeconds = 300
  /// Speak every page as it opens (`[kiosk] speak_pages = yes`); a citizen can also turn it on
  /// from the home page. Off: a page speaks when its Listen button is tapped.
  public var speakPages = false
  /// The centre's PostgreSQL database (`postgresql://…`); empty: the kiosk's own SQLite file.
  public var storeURL = ""
  /// The ledger's key (see KioskStore's `LedgerKey`); empty: `ledger.key` in the data folder.
  public var ledgerKeyFile = ""
  /// Where `assets/` and `ui/` are; empty: found next to the program.
  public var shareDirectory = ""
  /// This PC's desk (`bhumiseba-kiosk --desk`): the number or name called out with each token
  /// ("ক-০২৩ → desk 3"); empty: set it with `--desk-id`.
  public var deskID = ""
  /// Decimals (শতক) in one bigha in this centre's district (FACTS §11: 30, 33 or 33.33; 20 katha
  /// to the bigha): the heirs' land on the shares page and papers is also given in bigha and katha.
  public var bighaDecimals = Fraction(33)
  /// The screen's rotation in degrees clockwise (0, 90, 180, 270): cage's `-r`, once per 90°.
  public var screenRotation = 0
  /// Outside the opening hours (open_days, hours) the screen goes dark after a minute without a
  /// touch, and a touch wakes it.
  public var sleepOutsideHours = false
  /// Where this configuration came from, for messages.
  public var sources: [String] = []

  public static let embeddedDefaultText = """
    # Bhumiseba Kiosk: the embedded default, a demo centre. A config file overrides any key.
    [centre]
    id = demo-bhumi-bhaban
    receipt_prefix = DEMO
    name_bn = কাস্টমার কেয়ার সেন্টার, ভূমি ভবন, তেজগাঁও, ঢাকা
    name_en = Customer Care Centre, Bhumi Bhaban, Tejgaon, Dhaka
    area_class = C
    open_days = sat sun mon tue wed thu
    hours = 09:00-17:00

    [storage]
    data_dir =
    draft_retention_days = 30
    filed_retention_days = 1825

    [store]
    url =
    ledger_key_file =

    [printing]
    cups_server =
    slip_queue =
    a4_queue =
    job_timeout_seconds = 20
    request_seconds = 10
    longest_job_seconds = 600

    [kiosk]
    idle_warning_seconds = 60
    idle_reset_seconds = 90
    staff_idle_seconds = 300
    share_dir =

    [desk]
    id =

    [land]
    bigha_decimals = 33
    [screen]
    rotation = 0
    sleep_outside_hours = no
    """

  public static var embeddedDefault: KioskConfig {
    // The embedded text is checked by a test; it cannot fail at run time.
    // swift-format-ignore: NeverUseForceTry
    try! KioskConfig().overlaid(text: embeddedDefaultText, file: "(embedded default)")
  }

  /// A desk's id as the queue stores and the board shows it: 1 to 12 ASCII letters, digits or '-'.
  public static func isDeskID(_ value: String) -> Bool {
    (1...12).contains(value.count) && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
  }

  static let dayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
  static var weekdays: [BilingualText] {
    [tr("Sunday"), tr("Monday"), tr("Tuesday"), tr("Wednesday"), tr("Thursday"), tr("Friday"), tr("Saturday")]
  }

  /// "শনিবার থেকে বৃহস্পতিবার, ০৯:০০–১৭:০০" / "Saturday to Thursday, 09:00–17:00".
  public func openingHours(_ language: Language) -> String {
    let names = KioskConfig.weekdays.map { $0[language] }
    let open = Set(openDays)
    var days: String
    // A run of consecutive days (across the week's end) is said as "first to last".
    if open.count > 1, open.count < 7,
      let start = (0..<7).first(where: { open.contains($0) && !open.contains(($0 + 6) % 7) }),
      (0..<open.count).allSatisfy({ open.contains((start + $0) % 7) })
    {
      let end = (start + open.count - 1) % 7
      days = tr("{1} to {2}", .same(names[start]), .same(names[end]))[language]
    } else {
      days = openDays.map { names[$0] }.joined(separator: ", ")
    }
    let h = hours.replacingOccurrences(of: "-", with: "–")
    if !h.isEmpty { days += ", " + BengaliDigits.localized(h, language) }
    return days
  }

  /// Applies `key = value` lines under `[section]` headers over this configuration.
  ///
  /// How a file is read: lines end in LF, CRLF or CR (a file saved on Windows reads the same); a
  /// byte-order mark at the start is skipped. A comment is a line of its own whose first character
  /// (after spaces) is `#` or `;`. A comment after a value is not allowed: a `#` or `;` with white
  /// space before it in a value is refused with file:line (never made part of the value); one inside
  /// a word (`roll#2`) is a character of the value. Each key may be set once: a second setting,
  /// under the same section header or a repeated one, is refused naming both lines.
  public func overlaid(text: String, file: String) throws(SourceErrors) -> KioskConfig {
    var config = self
    var errors: [SourceError] = []
    var section = ""
    var seen: [String: Int] = [:]
    let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    // Split on every line end; "\r\n" is one Character in Swift, so splitting on "\n" alone
    // would leave a CRLF file as one long line.
    for (index, raw) in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
      let lineNumber = index + 1
      let line = raw.trimmingSpaces
      if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
      if line.hasPrefix("[") {
        guard line.hasSuffix("]") else {
          errors.append(SourceError(file: file, line: lineNumber, "section header needs a closing ']'"))
          continue
        }
        section = String(line.dropFirst().dropLast()).trimmingSpaces
        if !["centre", "storage", "store", "printing", "kiosk", "desk", "land", "screen"].contains(section) {
          errors.append(SourceError(file: file, line: lineNumber, "unknown section [\(section)]"))
        }
        continue
      }
      guard let eq = line.firstIndex(of: "=") else {
        errors.append(SourceError(file: file, line: lineNumber, "expected 'key = value'"))
        continue
      }
      let key = String(line[..<eq]).trimmingSpaces
      let value = String(line[line.index(after: eq)...]).trimmingSpaces
      func fail(_ message: String) { errors.append(SourceError(file: file, line: lineNumber, message)) }
      let scalars = Array(value.unicodeScalars)
      if let i = scalars.indices.dropFirst().first(where: {
        (scalars[$0] == "#" || scalars[$0] == ";") && scalars[$0 - 1].properties.isWhitespace
      }) {
        fail(
          "\(section.isEmpty ? "" : section + ".")\(key): a comment must stand on a line of its own, not after a value "
            + "(found '\(scalars[i])' after a space); move it to the line above")
        continue
      }
      let fullKey = "\(section).\(key)"
      if let first = seen[fullKey] {
        fail("\(fullKey) is set twice: on line \(first) and again here; keep one of them")
        continue
      }
      seen[fullKey] = lineNumber
      func int(_ range: ClosedRange<Int>) -> Int? {
        guard let v = Int(BengaliDigits.toLatin(value)), range.contains(v) else {
          fail(
            "\(section).\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(value)'")
          return nil
        }
        return v
      }
      switch (section, key) {
      case ("centre", "id"):
        if value.isEmpty { fail("centre.id must not be empty") } else { config.centreID = value }
      case ("centre", "receipt_prefix"):
        if value.count >= 2, value.count <= 12,
          value.allSatisfy({ ($0.isASCII && $0.isUppercase) || $0.isASCII && $0.isNumber })
        {
          config.receiptPrefix = value
        } else {
          fail("centre.receipt_prefix must be 2 to 12 capital letters or digits, not '\(value)'")
        }
      case ("centre", "name_bn"): config.centreName.bn = value
      case ("centre", "name_en"): config.centreName.en = value
      case ("centre", "area_class"):
        if let c = AreaClass(rawValue: value.uppercased()) {
          config.areaClass = c
        } else {
          fail("centre.area_class must be A, B or C, not '\(value)'")
        }
      case ("centre", "open_days"):
        let names = value.split(whereSeparator: { $0 == " " || $0 == "," }).map { $0.lowercased() }
        let days = names.compactMap { KioskConfig.dayNames.firstIndex(of: $0) }
        if days.count != names.count || days.isEmpty {
          fail("centre.open_days takes day names from: \(KioskConfig.dayNames.joined(separator: " "))")
        } else {
          config.openDays = days
        }
      case ("centre", "hours"): config.hours = value
      case ("storage", "data_dir"): config.dataDirectory = value
      case ("storage", "draft_retention_days"): if let v = int(1...3650) { config.draftRetentionDays = v }
      case ("storage", "filed_retention_days"): if let v = int(1...36500) { config.filedRetentionDays = v }
      case ("store", "url"):
        if value.isEmpty || value.hasPrefix("postgresql://") || value.hasPrefix("postgres://") {
          config.storeURL = value
        } else {
          fail("store.url must be empty (this kiosk's own file) or begin with postgresql://, not '\(value.prefix(40))'")
        }
      case ("store", "ledger_key_file"):
        if value.isEmpty || value.hasPrefix("/") {
          config.ledgerKeyFile = value
        } else {
          fail("store.ledger_key_file must be an absolute path, not '\(value)'")
        }
      case ("printing", "cups_server"): config.cupsServer = value
      case ("printing", "slip_queue"): config.slipQueue = value
      case ("printing", "a4_queue"): config.a4Queue = value
      case ("printing", "job_timeout_seconds"): if let v = int(1...600) { config.jobTimeoutSeconds = v }
      case ("printing", "request_seconds"): if let v = int(1...120) { config.printRequestSeconds = v }
      case ("printing", "longest_job_seconds"): if let v = int(30...3600) { config.longestJobSeconds = v }
      case ("kiosk", "idle_warning_seconds"): if let v = int(5...3600) { config.idleWarningSeconds = v }
      case ("kiosk", "idle_reset_seconds"): if let v = int(10...7200) { config.idleResetSeconds = v }
      case ("kiosk", "staff_idle_seconds"): if let v = int(10...7200) { config.staffIdleSeconds = v }
      case ("kiosk", "share_dir"): config.shareDirectory = value
      case ("kiosk", "speak_pages"):
        switch value.lowercased() {
        case "yes", "true", "on", "1": config.speakPages = true
        case "no", "false", "off", "0": config.speakPages = false
        default: fail("kiosk.speak_pages must be yes or no, not '\(value.prefix(40))'")
        }
      case ("desk", "id"):
        if value.isEmpty || KioskConfig.isDeskID(value) {
          config.deskID = value
        } else {
          fail("desk.id must be 1 to 12 letters, digits or '-', not '\(value.prefix(40))'")
        }
      case ("land", "bigha_decimals"):
        if let v = Fraction.parseDecimal(value), v >= Fraction(10), v <= Fraction(100) {
          config.bighaDecimals = v
        } else {
          fail(
            "land.bigha_decimals must be the decimals in one bigha here, from 10 to 100 (e.g. 33 or 33.33), not '\(value)'"
          )
        }
      case ("screen", "rotation"):
        if let v = Int(value), [0, 90, 180, 270].contains(v) {
          config.screenRotation = v
        } else {
          fail("screen.rotation must be 0, 90, 180 or 270 (degrees clockwise), not '\(value.prefix(20))'")
        }
      case ("screen", "sleep_outside_hours"):
        switch value.lowercased() {
        case "yes", "true", "on", "1": config.sleepOutsideHours = true
        case "no", "false", "off", "0": config.sleepOutsideHours = false
        default: fail("screen.sleep_outside_hours must be yes or no, not '\(value.prefix(20))'")
        }
      case ("", _): fail("'\(key)' must stand under a [section]")
      default: fail("unknown key '\(key)' in [\(section)]")
      }
    }
    if config.idleResetSeconds <= config.idleWarningSeconds {
      errors.append(
        SourceError(file: file, line: 0, "kiosk.idle_reset_seconds must be longer than kiosk.idle_warning_seconds"))
    }
    if !errors.isEmpty { throw SourceErrors(errors) }
    config.sources.append(file)
    return config
  }
}

extension StringProtocol {
  var trimmingSpaces: String {
    let scalars = Array(String(self).unicodeScalars)
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) ?? first
    var out = String.UnicodeScalarView()
    out.append(contentsOf: scalars[first...last])
    return String(out)
  }
}
