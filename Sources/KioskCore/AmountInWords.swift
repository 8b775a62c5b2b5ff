/// Amounts in words as a receipt prints them, with the South Asian grouping (lakh, crore):
/// "এক হাজার একশত সত্তর টাকা মাত্র" / "Taka One Thousand One Hundred Seventy only".
public enum AmountInWords {
  static let bengaliUnder100: [String] = [
    "শূন্য", "এক", "দুই", "তিন", "চার", "পাঁচ", "ছয়", "সাত", "আট", "নয়",
    "দশ", "এগারো", "বারো", "তেরো", "চৌদ্দ", "পনেরো", "ষোলো", "সতেরো", "আঠারো", "উনিশ",
    "বিশ", "একুশ", "বাইশ", "তেইশ", "চব্বিশ", "পঁচিশ", "ছাব্বিশ", "সাতাশ", "আটাশ", "ঊনত্রিশ",
    "ত্রিশ", "একত্রিশ", "বত্রিশ", "তেত্রিশ", "চৌত্রিশ", "পঁয়ত্রিশ", "ছত্রিশ", "সাঁইত্রিশ", "আটত্রিশ", "ঊনচল্লিশ",
    "চল্লিশ", "একচল্লিশ", "বিয়াল্লিশ", "তেতাল্লিশ", "চুয়াল্লিশ", "পঁয়তাল্লিশ", "ছেচল্লিশ", "সাতচল্লিশ", "আটচল্লিশ", "ঊনপঞ্চাশ",
    "পঞ্চাশ", "একান্ন", "বাহান্ন", "তিপ্পান্ন", "চুয়ান্ন", "পঞ্চান্ন", "ছাপ্পান্ন", "সাতান্ন", "আটান্ন", "ঊনষাট",
    "ষাট", "একষট্টি", "বাষট্টি", "তেষট্টি", "চৌষট্টি", "পঁয়ষট্টি", "ছেষট্টি", "সাতষট্টি", "আটষট্টি", "ঊনসত্তর",
    "সত্তর", "একাত্তর", "বাহাত্তর", "তিয়াত্তর", "চুয়াত্তর", "পঁচাত্তর", "ছিয়াত্তর", "সাতাত্তর", "আটাত্তর", "ঊনআশি",
    "আশি", "একাশি", "বিরাশি", "তিরাশি", "চুরাশি", "পঁচাশি", "ছিয়াশি", "সাতাশি", "অষ্টাশি", "ঊননব্বই",
    "নব্বই", "একানব্বই", "বিরানব্বই", "তিরানব্বই", "চুরানব্বই", "পঁচানব্বই", "ছিয়ানব্বই", "সাতানব্বই", "আটানব্বই", "নিরানব্বই",
  ]

  static let englishUnder20 = [
    "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve",
    "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen",
  ]
  static let englishTens = ["", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"]

  static func englishUnder100(_ n: Int) -> String {
    n < 20 ? englishUnder20[n] : englishTens[n / 10] + (n % 10 == 0 ? "" : " " + englishUnder20[n % 10])
  }

  /// The words of a whole number in the language, with crore (10⁷), lakh (10⁵), thousand, hundred.
  public static func number(_ n: Int, _ language: Language) -> String {
    precondition(n >= 0, "amounts are never negative")
    if n == 0 { return language == .bn ? bengaliUnder100[0] : englishUnder20[0] }
    var parts: [String] = []
    let crore = n / 10_000_000
    var rest = n % 10_000_000
    if crore > 0 { parts.append(number(crore, language) + (language == .bn ? " কোটি" : " Crore")) }
    let lakh = rest / 100_000
    rest %= 100_000
    let thousand = rest / 1000
    rest %= 1000
    let hundred = rest / 100
    let last = rest % 100
    switch language {
    case .bn:
      if lakh > 0 { parts.append(bengaliUnder100[lakh] + " লক্ষ") }
      if thousand > 0 { parts.append(bengaliUnder100[thousand] + " হাজার") }
      if hundred > 0 { parts.append(bengaliUnder100[hundred] + "শত") }
      if last > 0 { parts.append(bengaliUnder100[last]) }
    default:
      if lakh > 0 { parts.append(englishUnder100(lakh) + " Lakh") }
      if thousand > 0 { parts.append(englishUnder100(thousand) + " Thousand") }
      if hundred > 0 { parts.append(englishUnder20[hundred] + " Hundred") }
      if last > 0 { parts.append(englishUnder100(last)) }
    }
    return parts.joined(separator: " ")
  }

  /// "… টাকা মাত্র" / "Taka … only", as a money receipt prints the total.
  public static func taka(_ amount: Int, _ language: Language) -> String {
    language == .bn ? number(amount, .bn) + " টাকা মাত্র" : "Taka " + number(amount, .en) + " only"
  }
}
