/// A calendar day in the proleptic Gregorian calendar, without time or zone.
public struct CivilDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  /// Nil when the day does not exist (31 April, 29 February 2025 …).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year) else {
      return nil
    }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses `YYYY-MM-DD` (Latin or Bengali digits).
  public init?(iso text: String) {
    let parts = BengaliDigits.toLatin(text).split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
    else { return nil }
    self.init(year: y, month: m, day: d)
  }

  public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 (H. Hinnant's days_from_civil).
  public var dayNumber: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  public init(dayNumber z0: Int) {
    let z = z0 + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    year = yoe + era * 400 + (m <= 2 ? 1 : 0)
    month = m
    day = d
  }

  /// The local calendar day of a moment, `utcOffsetSeconds` east of UTC (Bangladesh: +6 h).
  public init(secondsSince1970 seconds: Double, utcOffsetSeconds: Int = 6 * 3600) {
    let local = Int((seconds + Double(utcOffsetSeconds)).rounded(.down))
    self.init(dayNumber: local >= 0 ? local / 86400 : (local - 86399) / 86400)
  }

  public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

  /// 0 = Sunday … 6 = Saturday.
  public var weekday: Int { ((dayNumber % 7) + 11) % 7 }

  public var iso: String {
    let y = String(year), m = month < 10 ? "0\(month)" : "\(month)", d = day < 10 ? "0\(day)" : "\(day)"
    return "\(y)-\(m)-\(d)"
  }
  public var description: String { iso }

  public static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }

  static let monthNames = BilingualMonthNames(
    bn: ["জানুয়ারি", "ফেব্রুয়ারি", "মার্চ", "এপ্রিল", "মে", "জুন", "জুলাই", "আগস্ট", "সেপ্টেম্বর", "অক্টোবর", "নভেম্বর", "ডিসেম্বর"],
    en: [
      "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
      "November", "December",
    ])

  /// "২৬শে জানুয়ারি, ২০২৫" / "26 January 2025".
  public func formatted(_ language: Language) -> String {
    switch language {
    case .bn:
      return BanglaDate.ordinalDay(day) + " " + CivilDate.monthNames.bn[month - 1] + ", "
        + BengaliDigits.toBengali(String(year))
    default:
      return "\(day) \(CivilDate.monthNames.en[month - 1]) \(year)"
    }
  }
}

public struct BilingualMonthNames: Sendable {
  public let bn: [String]
  public let en: [String]
}
