/// A date in the Bengali calendar (বঙ্গাব্দ) as revised in 2019 and used by the government of
/// Bangladesh: the year starts on 14 April; Boishakh to Ashwin have 31 days, Kartik to Magh and
/// Chaitra 30, Falgun 29, or 30 when the Gregorian year it falls in is a leap year. So 16 December
/// is always 1 Poush, 21 February 8 Falgun, 26 March 12 Chaitra.
public struct BanglaDate: Sendable, Hashable, CustomStringConvertible {
  public let year: Int
  /// 1 = Boishakh … 12 = Chaitra.
  public let month: Int
  public let day: Int

  public static let monthNames = BilingualMonthNames(
    bn: ["বৈশাখ", "জ্যৈষ্ঠ", "আষাঢ়", "শ্রাবণ", "ভাদ্র", "আশ্বিন", "কার্তিক", "অগ্রহায়ণ", "পৌষ", "মাঘ", "ফাল্গুন", "চৈত্র"],
    en: [
      "Boishakh", "Joishtho", "Asharh", "Srabon", "Bhadro", "Ashwin", "Kartik", "Agrahayan", "Poush", "Magh",
      "Falgun", "Chaitra",
    ])

  /// Length of each month of the Bengali year that starts on 14 April of `gregorianStartYear`.
  static func monthLengths(gregorianStartYear: Int) -> [Int] {
    [31, 31, 31, 31, 31, 31, 30, 30, 30, 30, CivilDate.isLeap(gregorianStartYear + 1) ? 30 : 29, 30]
  }

  public init(_ date: CivilDate) {
    let startYear = (date.month > 4 || (date.month == 4 && date.day >= 14)) ? date.year : date.year - 1
    var offset = date.dayNumber - CivilDate(year: startYear, month: 4, day: 14)!.dayNumber
    var month = 1
    for length in BanglaDate.monthLengths(gregorianStartYear: startYear) {
      if offset < length { break }
      offset -= length
      month += 1
    }
    self.year = startYear - 593
    self.month = month
    self.day = offset + 1
  }

  /// The Gregorian day of this Bengali date.
  public var civilDate: CivilDate {
    let startYear = year + 593
    let lengths = BanglaDate.monthLengths(gregorianStartYear: startYear)
    let before = lengths.prefix(month - 1).reduce(0, +)
    return CivilDate(year: startYear, month: 4, day: 14)!.adding(days: before + day - 1)
  }

  /// ১লা, ২রা, ৩রা, ৪ঠা, ৫ই … ১৮ই, ১৯শে … ৩১শে: how a Bengali date names its day.
  public static func ordinalDay(_ day: Int) -> String {
    let suffix: String
    switch day {
    case 1: suffix = "লা"
    case 2, 3: suffix = "রা"
    case 4: suffix = "ঠা"
    case 5...18: suffix = "ই"
    default: suffix = "শে"
    }
    return BengaliDigits.toBengali(String(day)) + suffix
  }

  /// A date's day as it is said: পয়লা, দোসরা, তেসরা, চৌঠা, পাঁচই … আঠারোই, উনিশে … একত্রিশে.
  public static func spokenDay(_ day: Int) -> String {
    switch day {
    case 1: return "পয়লা"
    case 2: return "দোসরা"
    case 3: return "তেসরা"
    case 4: return "চৌঠা"
    case 5...18: return AmountInWords.bengaliUnder100[day] + "ই"
    default: return AmountInWords.bengaliUnder100[day] + "\u{9C7}"
    }
  }

  /// "১২ই মাঘ, ১৪৩১ বঙ্গাব্দ" / "12 Magh 1431 BS".
  public func formatted(_ language: Language) -> String {
    switch language {
    case .bn:
      return BanglaDate.ordinalDay(day) + " " + BanglaDate.monthNames.bn[month - 1] + ", "
        + BengaliDigits.toBengali(String(year)) + " বঙ্গাব্দ"
    default:
      return "\(day) \(BanglaDate.monthNames.en[month - 1]) \(year) BS"
    }
  }

  public var description: String { formatted(.en) }
}

/// Both calendars side by side, as on every slip and receipt.
public func bothCalendars(_ date: CivilDate, _ language: Language) -> String {
  date.formatted(language) + " · " + BanglaDate(date).formatted(language)
}
