import Foundation
import KioskCore
import KioskTesting
import Testing

@testable import KioskPrint

/// e-Namjari by inheritance: each heir's share on the slip and the filing sheet, as pdftotext reads them.
@Suite struct SharesPrintTests {
  // A wife, a son and a daughter on 66 decimals: wife 1/8, son 7/12, daughter 7/24 (the
  // worked example of HU-BCS1's calculator README, and the shares' arithmetic of Mulla §63).
  let answers = [
    "acquisition_type": "inheritance", "land_amount": "66", "heirs": "3", "heirs.1.name": "রহিমা খাতুন",
    "heirs.1.relation": "wife", "heirs.2.name": "করিম", "heirs.2.relation": "son", "heirs.3.name": "সালমা",
    "heirs.3.relation": "daughter",
  ]

  @Test func theSlipCarriesEachHeirsShareAndLand() throws {
    var slip = sampleSlip()
    #expect(!(try pdfText(Documents.acknowledgementSlip(slip))).contains("Hanafi"), "no table without heirs")
    slip.shares = PrintedShares(answers: answers, bighaDecimals: Fraction(33))
    #expect(slip.shares != nil)
    let text = try pdfText(Documents.acknowledgementSlip(slip))
    let flat = squeezed(text)
    #expect(flat.contains(squeezed("Each heir's share (Muslim law, Hanafi school; for guidance)")), "\(text)")
    #expect(flat.contains(squeezed("Son × 1: 7/12 of the estate (each 7/12)")), "\(text)")
    #expect(flat.contains(squeezed("Daughter × 1: 7/24 of the estate (each 7/24)")), "\(text)")
    #expect(flat.contains(squeezed("land each: 38.5000 decimals = 1 bigha 3.33 katha")), "\(text)")
    #expect(flat.contains(squeezed("সম্পত্তির ৭/১২")), "\(text)")
    #expect(flat.contains(squeezed("৩৮.৫০০০ শতক")), "\(text)")
  }

  @Test func theFilingSheetCarriesTheTableAndARefusalInWords() throws {
    var sheet = FilingSheet(
      centre: BilingualText(bn: "ভূমি ভবন", en: "Bhumi Bhaban"), service: BilingualText(bn: "ই-নামজারি", en: "e-Namjari"),
      code: "12345-67890-12347", applicationNumber: nil, rows: [], date: CivilDate(year: 2025, month: 1, day: 26)!)
    sheet.shares = PrintedShares(answers: answers, bighaDecimals: Fraction(33))
    let text = squeezed(try pdfText(Documents.filingSheet(sheet)))
    #expect(text.contains(squeezed("Wife × 1: 1/8 of the estate (each 1/8)")), "\(text)")
    // Husband and wife both named: not answered, said in words.
    var both = answers
    both["heirs.3.relation"] = "husband"
    sheet.shares = PrintedShares(answers: both, bighaDecimals: Fraction(33))
    let refused = squeezed(try pdfText(Documents.filingSheet(sheet)))
    #expect(refused.contains(squeezed("Please ask at the counter.")), "\(refused)")
    #expect(!refused.contains(squeezed("of the estate")))
  }
}
