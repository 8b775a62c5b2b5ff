import KioskTesting
import PropertyBased
import Testing

@testable import KioskCore

@Suite struct DigitsTests {
  @Test func bengaliDigitsBothWays() {
    #expect(BengaliDigits.toBengali("16122 and 333") == "১৬১২২ and ৩৩৩")
    #expect(BengaliDigits.toLatin("০১৭১২-৩৪৫৬৭৮") == "01712-345678")
    #expect(BengaliDigits.grouped(1_234_567, .en) == "12,34,567")
    #expect(BengaliDigits.grouped(1_170, .bn) == "১,১৭০")
    #expect(BengaliDigits.grouped(999, .bn) == "৯৯৯")
  }

  @Test func digitRoundTrip() async {
    await propertyCheck(input: Gen.int(in: Int.min / 2...Int.max / 2)) { n in
      let bn = BengaliDigits.toBengali(String(n))
      #expect(!bn.contains(where: { ("0"..."9").contains($0) }))
      #expect(BengaliDigits.toLatin(bn) == String(n))
      #expect(Int(BengaliDigits.toLatin(BengaliDigits.grouped(n, .bn)).replacingOccurrences(of: ",", with: "")) == n)
    }
  }
}

@Suite struct WordsTests {
  @Test func knownAmounts() {
    #expect(AmountInWords.taka(1170, .bn) == "এক হাজার একশত সত্তর টাকা মাত্র")
    #expect(AmountInWords.taka(1170, .en) == "Taka One Thousand One Hundred Seventy only")
    #expect(AmountInWords.taka(315, .bn) == "তিনশত পনেরো টাকা মাত্র")
    #expect(AmountInWords.number(0, .bn) == "শূন্য")
    #expect(
      AmountInWords.number(99_99_99_999, .en)
        == "Ninety Nine Crore Ninety Nine Lakh Ninety Nine Thousand Nine Hundred Ninety Nine")
    #expect(AmountInWords.number(1_00_00_000, .bn) == "এক কোটি")
    #expect(AmountInWords.number(20_05_021, .bn) == "বিশ লক্ষ পাঁচ হাজার একুশ")
  }

  /// Reads Bengali words back into a number: the words name every amount exactly.
  func parseBengali(_ words: String) -> Int? {
    var total = 0
    var current = 0
    for w in words.split(separator: " ") {
      var word = String(w)
      var hundred = false
      if word.hasSuffix("শত") {
        hundred = true
        word.removeLast(2)
      }
      if let n = AmountInWords.bengaliUnder100.firstIndex(of: word) {
        current += hundred ? n * 100 : n
        continue
      }
      switch word {
      case "হাজার": total += current * 1000
      case "লক্ষ": total += current * 100_000
      case "কোটি":
        total = (total + current) * 10_000_000
        current = 0
        continue
      default: return nil
      }
      current = 0
    }
    return total + current
  }

  @Test func everyAmountReadsBack() async {
    await propertyCheck(count: 3000, input: Gen.int(in: 0...99_99_99_999)) { n in
      let words = AmountInWords.number(n, .bn)
      #expect(parseBengali(words) == n, "\(n): \(words)")
      #expect(!AmountInWords.number(n, .en).contains("  "))
    }
  }

  @Test func smallAmountsAllRead() {
    for n in 0...2000 { #expect(parseBengali(AmountInWords.number(n, .bn)) == n) }
  }
}

@Suite struct CalendarTests {
  @Test func seedDateline() {
    // ২৬শে জানুয়ারি, ২০২৫ খ্রিস্টাব্দ / ১২ই মাঘ, ১৪৩১ বঙ্গাব্দ
    let d = CivilDate(year: 2025, month: 1, day: 26)!
    #expect(BanglaDate(d).formatted(.bn) == "১২ই মাঘ, ১৪৩১ বঙ্গাব্দ")
    #expect(BanglaDate(d).formatted(.en) == "12 Magh 1431 BS")
    #expect(d.formatted(.bn) == "২৬শে জানুয়ারি, ২০২৫")
  }

  @Test func fixedPointsOfThe2019Calendar() {
    for year in 1990...2090 {
      let poush = BanglaDate(CivilDate(year: year, month: 12, day: 16)!)
      #expect(poush.month == 9 && poush.day == 1, "16 December \(year)")
      let falgun = BanglaDate(CivilDate(year: year, month: 2, day: 21)!)
      #expect(falgun.month == 11 && falgun.day == 8, "21 February \(year)")
      let chaitra = BanglaDate(CivilDate(year: year, month: 3, day: 26)!)
      #expect(chaitra.month == 12 && chaitra.day == 12, "26 March \(year)")
      let boishakh = BanglaDate(CivilDate(year: year, month: 4, day: 14)!)
      #expect(boishakh.month == 1 && boishakh.day == 1 && boishakh.year == year - 593)
      #expect(BanglaDate(CivilDate(year: year, month: 4, day: 13)!).year == year - 594)
    }
  }

  @Test func ordinalDays() {
    #expect(BanglaDate.ordinalDay(1) == "১লা")
    #expect(BanglaDate.ordinalDay(2) == "২রা")
    #expect(BanglaDate.ordinalDay(4) == "৪ঠা")
    #expect(BanglaDate.ordinalDay(12) == "১২ই")
    #expect(BanglaDate.ordinalDay(22) == "২২শে")
  }

  @Test func consecutiveDaysAreConsecutiveBengaliDates() async {
    await propertyCheck(count: 2000, input: Gen.int(in: -25_000...60_000)) { n in
      let a = BanglaDate(CivilDate(dayNumber: n))
      let b = BanglaDate(CivilDate(dayNumber: n + 1))
      let lengths = BanglaDate.monthLengths(gregorianStartYear: a.year + 593)
      if a.day < lengths[a.month - 1] {
        #expect(b.year == a.year && b.month == a.month && b.day == a.day + 1)
      } else if a.month < 12 {
        #expect(b.year == a.year && b.month == a.month + 1 && b.day == 1)
      } else {
        #expect(b.year == a.year + 1 && b.month == 1 && b.day == 1)
      }
      #expect(a.civilDate == CivilDate(dayNumber: n), "round trip")
    }
  }

  @Test func civilDayNumbersRoundTrip() async {
    await propertyCheck(input: Gen.int(in: -100_000...100_000)) { n in
      let d = CivilDate(dayNumber: n)
      #expect(d.dayNumber == n)
      #expect(CivilDate(year: d.year, month: d.month, day: d.day) == d)
    }
    #expect(CivilDate(year: 2025, month: 2, day: 29) == nil)
    #expect(CivilDate(year: 1970, month: 1, day: 1)!.weekday == 4)  // a Thursday
  }
}
