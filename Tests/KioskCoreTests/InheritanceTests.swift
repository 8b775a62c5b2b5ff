import Foundation
import KioskTesting
import Testing

@testable import KioskCore

/// A worked case from a published source: the heirs, and each group's share of the whole.
struct WorkedCase: Sendable, CustomTestStringConvertible {
  let source: String
  let heirs: [String]
  let expected: [String: String]
  var testDescription: String { "\(heirs.joined(separator: " ")) (\(source))" }
}

// The sources, named once:
// SIRCAR: Shama Churun Sircar, "The Muhammadan Law" (Tagore Law Lectures 1873), Lecture VI, the
//   Sirajiyyah's increase ('awl) and return (radd) with their annotations (Thacker, Spink, Calcutta).
// SIRAJIYYAH: the named cases of al-Sirajiyyah as tabulated in the Arabic fara'id text at shamela.ws
//   book 1202 p. 464 (12→15, Umm al-Arāmil 12→17, al-Minbariyya 24→27).
// IMRAN: Muhammad Imran Muhammad, "Inheritance in Islam: an attempt to simplify one of the complex
//   branches of Shariah" (Sad-Tayy Foundation, Minna, 2012), web edition
//   inheritance.sadtayyfoundation.org: "Levels of inheritance problems" and "Special cases".
// MUGHNIYYA: Muhammad Jawad Mughniyya, "The Five Schools of Islamic Law", ch. 9, "The Return (al-Radd)".
// ENDLESS BLISS: Hüseyn Hilmi Işık, "Endless Bliss", fifth fascicle (Hakîkat Kitâbevi, Istanbul), the
//   Hanafi fara'id chapter, "problems of return".
// MAWSU'A: al-Mawsu'a al-Fiqhiyya al-Kuwaytiyya (Kuwait Ministry of Awqaf), "hajb" §4–5: Abu Hanifa
//   holds that the father's father excludes full and paternal brothers (the others do not).
// LAJNA: the Permanent Committee (al-Lajna al-Da'ima), fatwa on al-Mas'ala al-Mushtaraka (al-feqh.com):
//   with Abu Hanifa and Ahmad, the full brothers get nothing beside the uterine brothers.
// MULLA: Mulla, "Principles of Mahomedan Law", ch. VII (Hanafi law of inheritance), the allotment
//   illustrations as reproduced in the lecture notes "Inheritance 3: Allotment of shares" (scribd 719896783).
let workedCases: [WorkedCase] = [
  // 'Awl (increase).
  WorkedCase(
    source: "SIRCAR, Lecture VI: six increased to eight",
    heirs: ["husband=1", "full_sister=1", "maternal_half_sister=2"],
    expected: ["husband": "3/8", "full_sister": "3/8", "maternal_half_sister": "1/4"]),
  WorkedCase(
    source: "SIRCAR, Lecture VI: six increased to nine (one-half, two-thirds, one-third)",
    heirs: ["husband=1", "full_sister=2", "maternal_half_sister=2"],
    expected: ["husband": "1/3", "full_sister": "4/9", "maternal_half_sister": "2/9"]),
  WorkedCase(
    source: "SIRCAR, Lecture VI: six increased to nine (two halves, a third, a sixth)",
    heirs: ["husband=1", "full_sister=1", "maternal_half_sister=2", "mother=1"],
    expected: ["husband": "1/3", "full_sister": "1/3", "maternal_half_sister": "2/9", "mother": "1/9"]),
  WorkedCase(
    source: "SIRCAR, Lecture VI: six increased to ten, the Shuraihiyya",
    heirs: ["husband=1", "full_sister=2", "maternal_half_sister=2", "mother=1"],
    expected: ["husband": "3/10", "full_sister": "2/5", "maternal_half_sister": "1/5", "mother": "1/10"]),
  WorkedCase(
    source: "SIRCAR, Lecture VI: twelve increased to thirteen",
    heirs: ["wife=1", "full_sister=2", "mother=1"],
    expected: ["wife": "3/13", "full_sister": "8/13", "mother": "2/13"]),
  WorkedCase(
    source: "SIRCAR, Lecture VI: twelve increased to fifteen (with a uterine brother)",
    heirs: ["wife=1", "full_sister=2", "mother=1", "maternal_half_brother=1"],
    expected: ["wife": "1/5", "full_sister": "8/15", "mother": "2/15", "maternal_half_brother": "2/15"]),
  WorkedCase(
    source: "SIRAJIYYAH: twelve increased to fifteen (husband, two daughters, both parents)",
    heirs: ["husband=1", "daughter=2", "father=1", "mother=1"],
    expected: ["husband": "1/5", "daughter": "8/15", "father": "2/15", "mother": "2/15"]),
  WorkedCase(
    source: "SIRAJIYYAH: Umm al-Aramil, twelve increased to seventeen",
    heirs: ["wife=3", "paternal_grandmother=1", "maternal_grandmother=1", "maternal_half_sister=4", "full_sister=8"],
    expected: [
      "wife": "3/17", "paternal_grandmother": "1/17", "maternal_grandmother": "1/17", "maternal_half_sister": "4/17",
      "full_sister": "8/17",
    ]),
  WorkedCase(
    source: "SIRAJIYYAH: al-Minbariyya, twenty-four increased to twenty-seven",
    heirs: ["wife=1", "daughter=2", "father=1", "mother=1"],
    expected: ["wife": "1/9", "daughter": "16/27", "father": "4/27", "mother": "4/27"]),
  // Radd (return), never to a spouse.
  WorkedCase(
    source: "SIRCAR, Lecture VI: husband and daughter, the husband not entitled to a return",
    heirs: ["husband=1", "daughter=1"], expected: ["husband": "1/4", "daughter": "3/4"]),
  WorkedCase(
    source: "MUGHNIYYA: mother and daughter", heirs: ["mother=1", "daughter=1"],
    expected: ["mother": "1/4", "daughter": "3/4"]),
  WorkedCase(
    source: "MUGHNIYYA: a consanguine sister and a uterine sister",
    heirs: ["paternal_half_sister=1", "maternal_half_sister=1"],
    expected: ["paternal_half_sister": "3/4", "maternal_half_sister": "1/4"]),
  WorkedCase(
    source: "ENDLESS BLISS: a daughter and a son's daughter", heirs: ["daughter=1", "sons_daughter=1"],
    expected: ["daughter": "3/4", "sons_daughter": "1/4"]),
  WorkedCase(
    source: "ENDLESS BLISS: one sister and two uterine sisters, return on five",
    heirs: ["full_sister=1", "maternal_half_sister=2"],
    expected: ["full_sister": "3/5", "maternal_half_sister": "2/5"]),
  WorkedCase(
    source: "ENDLESS BLISS: a husband and three daughters", heirs: ["husband=1", "daughter=3"],
    expected: ["husband": "1/4", "daughter": "3/4"]),
  // Sharers and residuaries.
  WorkedCase(
    source: "MUGHNIYYA: both parents and two daughters", heirs: ["father=1", "mother=1", "daughter=2"],
    expected: ["father": "1/6", "mother": "1/6", "daughter": "2/3"]),
  WorkedCase(
    source: "IMRAN, example 7", heirs: ["husband=1", "full_sister=1"],
    expected: ["husband": "1/2", "full_sister": "1/2"]),
  WorkedCase(
    source: "IMRAN, example 8",
    heirs: ["maternal_grandmother=1", "maternal_half_sister=1", "paternal_half_brother=1"],
    expected: ["maternal_grandmother": "1/6", "maternal_half_sister": "1/6", "paternal_half_brother": "2/3"]),
  WorkedCase(
    source: "IMRAN, example 10", heirs: ["full_sister=2", "maternal_half_brother=1", "maternal_grandmother=1"],
    expected: ["full_sister": "2/3", "maternal_half_brother": "1/6", "maternal_grandmother": "1/6"]),
  WorkedCase(
    source: "IMRAN, example 1", heirs: ["paternal_half_brother=5", "paternal_half_sister=2"],
    expected: ["paternal_half_brother": "5/6", "paternal_half_sister": "1/6"]),
  WorkedCase(
    source: "IMRAN, example 12",
    heirs: [
      "wife=1", "maternal_half_brother=1", "maternal_half_sister=1", "paternal_half_brother=1",
      "paternal_half_sister=3",
    ],
    expected: [
      "wife": "1/4", "maternal_half_brother": "1/6", "maternal_half_sister": "1/6", "paternal_half_brother": "1/6",
      "paternal_half_sister": "1/4",
    ]),
  WorkedCase(
    source: "IMRAN, example 16", heirs: ["mother=1", "son=2", "daughter=2"],
    expected: ["mother": "1/6", "son": "5/9", "daughter": "5/18"]),
  WorkedCase(
    source: "IMRAN, example 20", heirs: ["wife=2", "full_sister=2", "paternal_half_brother=2"],
    expected: ["wife": "1/4", "full_sister": "2/3", "paternal_half_brother": "1/12"]),
  WorkedCase(
    source: "IMRAN, example 32 (the full sisters residuary with the daughters)",
    heirs: ["daughter=10", "wife=2", "mother=1", "full_sister=6"],
    expected: ["daughter": "2/3", "wife": "1/8", "mother": "1/6", "full_sister": "1/24"]),
  WorkedCase(
    source: "IMRAN, special cases: parents only", heirs: ["mother=1", "father=1"],
    expected: ["mother": "1/3", "father": "2/3"]),
  // The two 'Umariyya cases.
  WorkedCase(
    source: "IMRAN, special cases: 'Umariyya, case 1", heirs: ["wife=1", "mother=1", "father=1"],
    expected: ["wife": "1/4", "mother": "1/4", "father": "1/2"]),
  WorkedCase(
    source: "IMRAN, special cases: 'Umariyya, case 2", heirs: ["husband=1", "mother=1", "father=1"],
    expected: ["husband": "1/2", "mother": "1/6", "father": "1/3"]),
  // Exclusion (hajb).
  WorkedCase(
    source: "MULLA, allotment illustration 1: father's father, mother's mother and son's daughter excluded",
    heirs: [
      "father=1", "mother=1", "paternal_grandfather=1", "maternal_grandmother=1", "daughter=2", "sons_daughter=1",
    ],
    expected: [
      "father": "1/6", "mother": "1/6", "paternal_grandfather": "0", "maternal_grandmother": "0", "daughter": "2/3",
      "sons_daughter": "0",
    ]),
  WorkedCase(
    source: "MULLA, allotment illustration 2: husband and father", heirs: ["husband=1", "father=1"],
    expected: ["husband": "1/2", "father": "1/2"]),
  WorkedCase(
    source: "MULLA, allotment illustration 3: two wives and father", heirs: ["wife=2", "father=1"],
    expected: ["wife": "1/4", "father": "3/4"]),
  WorkedCase(
    source: "MULLA, allotment illustration 5: two sisters excluded by the father still reduce the mother",
    heirs: ["mother=1", "father=1", "full_sister=2"], expected: ["mother": "1/6", "father": "5/6", "full_sister": "0"]),
  WorkedCase(
    source: "MULLA, allotment illustration 6: one sister does not reduce the mother",
    heirs: ["mother=1", "full_sister=1", "father=1"], expected: ["mother": "1/3", "full_sister": "0", "father": "2/3"]),
  WorkedCase(
    source: "MAWSU'A, hajb §4 (Abu Hanifa): the father's father excludes the brothers",
    heirs: ["paternal_grandfather=1", "full_brother=2", "paternal_half_sister=1"],
    expected: ["paternal_grandfather": "1", "full_brother": "0", "paternal_half_sister": "0"]),
  WorkedCase(
    source: "LAJNA, al-Mas'ala al-Mushtaraka (Hanafi and Hanbali answer)",
    heirs: ["husband=1", "mother=1", "maternal_half_brother=2", "full_brother=1"],
    expected: ["husband": "1/2", "mother": "1/6", "maternal_half_brother": "1/3", "full_brother": "0"]),
]

@Suite struct InheritanceTests {
  @Test func atLeastThirtySourcedCases() {
    #expect(workedCases.count >= 30)
    #expect(workedCases.allSatisfy { !$0.source.isEmpty })
  }

  @Test(arguments: workedCases) func workedCase(_ c: WorkedCase) throws {
    let table = try Hanafi.shares(try Hanafi.parseCounts(c.heirs))
    var got: [String: String] = [:]
    for row in table.rows { got[row.kind.rawValue] = row.share.description }
    #expect(got == c.expected, "\(c.source)")
    // Whatever the case, the shares add up to the whole estate.
    var sum = Fraction.zero
    for row in table.rows { sum = try sum.adding(row.share) }
    #expect(sum == .one, "\(c.source)")
  }

  @Test func notesSayWhatHappened() throws {
    let awl = try Hanafi.shares([.wife: 1, .daughter: 2, .father: 1, .mother: 1])
    #expect(awl.notes.first == .awl(Fraction(27, 24)))
    let radd = try Hanafi.shares([.husband: 1, .daughter: 1])
    #expect(radd.notes.contains(.radd) && radd.notes.contains(.hanafiRaddNotToSpouse))
    #expect(radd.notes.contains(.raddAssumesNoOtherAgnates))
    let umariyya = try Hanafi.shares([.husband: 1, .mother: 1, .father: 1])
    #expect(umariyya.notes == [.umariyya])
    let withGrandfather = try Hanafi.shares([.husband: 1, .mother: 1, .paternalGrandfather: 1])
    #expect(withGrandfather.share(of: .mother) == Fraction(1, 3))
    #expect(withGrandfather.share(of: .paternalGrandfather) == Fraction(1, 6))
    #expect(withGrandfather.notes.contains(.hanafiNoUmariyyaWithGrandfather))
    let grandfather = try Hanafi.shares([.paternalGrandfather: 1, .fullBrother: 1])
    #expect(grandfather.notes.contains(.hanafiGrandfatherExcludesSiblings))
    #expect(grandfather.row(.fullBrother)?.basis == .excluded(by: .paternalGrandfather))
    let mushtaraka = try Hanafi.shares([.husband: 1, .mother: 1, .maternalHalfBrother: 2, .fullBrother: 1])
    #expect(mushtaraka.notes.contains(.hanafiMushtaraka))
    #expect(mushtaraka.row(.fullBrother)?.basis == .nothingLeft)
    let fathersMother = try Hanafi.shares([.father: 1, .paternalGrandmother: 1])
    #expect(fathersMother.notes.contains(.hanafiFatherExcludesHisMother))
    #expect(fathersMother.share(of: .father) == .one)
    #expect(awl.notes.filter(\.schoolsDiffer).isEmpty)
    #expect(awl.row(.father)?.basis == .sharer(Fraction(1, 6)), "no residue under an increase")
    #expect(ShareNote.awl(Fraction(27, 24)).text.bn.contains("৯/৮"))
  }

  @Test func eachHeirAndTheResidue() throws {
    // A son's share is twice a daughter's; the father takes a sixth and the residue with daughters only.
    let t = try Hanafi.shares([.wife: 1, .son: 1, .daughter: 1])
    #expect(t.share(of: .wife) == Fraction(1, 8) && t.share(of: .son) == Fraction(7, 12))
    #expect(t.share(of: .daughter) == Fraction(7, 24))
    let f = try Hanafi.shares([.father: 1, .daughter: 1])
    #expect(f.share(of: .father) == Fraction(1, 2) && f.row(.father)?.basis == .sharerAndResidue(Fraction(1, 6)))
    let each = try Hanafi.shares([.son: 3])
    #expect(each.row(.son)?.each == Fraction(1, 3))
  }

  @Test func refusedInWords() {
    #expect(throws: InheritanceRefusal.spouseAlone) { try Hanafi.shares([.wife: 2]) }
    #expect(throws: InheritanceRefusal.husbandAndWife) { try Hanafi.shares([.husband: 1, .wife: 1, .son: 1]) }
    #expect(throws: InheritanceRefusal.tooMany(.wife, 4)) { try Hanafi.shares([.wife: 5, .son: 1]) }
    #expect(throws: InheritanceRefusal.tooMany(.father, 1)) { try Hanafi.shares([.father: 2]) }
    #expect(throws: InheritanceRefusal.noHeirs) { try Hanafi.shares([:]) }
    #expect(throws: InheritanceRefusal.unknownRelation("other")) {
      try Hanafi.counts(relations: ["son", "other"])
    }
    #expect(InheritanceRefusal.spouseAlone.sentence.en.hasSuffix("Please ask at the counter."))
    #expect(throws: InheritanceInputError.self) { try Hanafi.parseCounts(["uncle=1"]) }
    #expect(throws: InheritanceInputError.self) { try Hanafi.parseCounts(["son=1", "son=2"]) }
  }

  @Test func relationsFromTheKiosk() throws {
    let (counts, notes) = try Hanafi.counts(relations: ["wife", "son", "daughter", "daughter", "sister", "grandson"])
    #expect(counts == [.wife: 1, .son: 1, .daughter: 2, .fullSister: 1, .sonsSon: 1])
    #expect(notes == [.siblingsTakenAsFull])
  }

  @Test func theBighaIsTheCentresToSet() throws {
    #expect(KioskConfig.embeddedDefault.bighaDecimals == Fraction(33))
    let c = try KioskConfig.embeddedDefault.overlaid(text: "[land]\nbigha_decimals = 33.33\n", file: "l.conf")
    #expect(c.bighaDecimals == Fraction(3333, 100))
    #expect(throws: SourceErrors.self) {
      try KioskConfig.embeddedDefault.overlaid(text: "[land]\nbigha_decimals = 5\n", file: "l.conf")
    }
  }

  @Test func fractionsAndLand() throws {
    #expect(Fraction(6, -8).description == "-3/4")
    #expect(Fraction.parseDecimal("৩৩.৩৩") == Fraction(3333, 100))
    #expect(
      Fraction.parseDecimal("12.") == nil && Fraction.parseDecimal("1.2.3") == nil && Fraction.parseDecimal("") == nil)
    #expect(Fraction(7, 24).decimalString(places: 4) == "0.2917")
    #expect(Fraction(99999, 100000).decimalString(places: 4) == "1.0000")
    #expect(Fraction(Int64.max / 3, Int64.max - 1).decimalString(places: 4) == "0.3333")
    #expect(throws: InheritanceRefusal.tooLarge) {
      try Fraction(Int64.max / 2, 3).multiplied(by: Fraction(7, 5))
    }
    let units = LandUnits(bighaDecimals: Fraction(33))
    let land = try Fraction(7, 24).multiplied(by: Fraction(66))
    #expect(units.decimals(land, .en) == "19.2500 decimals")
    #expect(try units.bighaKatha(land, .en) == "0 bigha 11.67 katha (a bigha of 33.00 decimals)")
    #expect(try units.bighaKatha(Fraction(70), .en) == "2 bigha 2.42 katha (a bigha of 33.00 decimals)")
  }
}

/// `kioskctl shares`, the built program run as a person would (stdout, stderr, exit status).
@Suite struct SharesCommandTests {
  func kioskctl(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
    let url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("kioskctl")
    guard FileManager.default.isExecutableFile(atPath: url.path) else {
      Issue.record("build kioskctl first (swift build)")
      return (-1, "", "")
    }
    let p = Process()
    p.executableURL = url
    p.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["BHUMISEBA_CONFIG"] = nil
    p.environment = env
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return (p.terminationStatus, o, e)
  }

  @Test func jsonWithLand() throws {
    // IMRAN, example 16 (mother, two sons, two daughters) on 90 decimals.
    let r = try kioskctl(["shares", "--law", "hanafi", "--land", "90", "--json", "mother=1", "son=2", "daughter=2"])
    #expect(r.status == 0, "\(r.err)")
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]])
    #expect(rows.map { $0["heir"] as? String } == ["son", "daughter", "mother"])
    #expect(rows.map { $0["share"] as? String } == ["5/9", "5/18", "1/6"])
    #expect(rows.map { $0["each"] as? String } == ["5/18", "5/36", "1/6"])
    #expect(rows.map { $0["count"] as? Int } == [2, 2, 1])
    #expect(rows.map { $0["land"] as? String } == ["25.0000", "12.5000", "15.0000"])
    #expect(rows.allSatisfy { Set($0.keys) == ["heir", "count", "share", "each", "land"] })
  }

  @Test func excludedIsZeroAndLandIsNullWithoutLand() throws {
    let r = try kioskctl(["shares", "--law", "hanafi", "--json", "father=1", "full_brother=2", "mother=1"])
    #expect(r.status == 0, "\(r.err)")
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]])
    #expect(rows.map { $0["share"] as? String } == ["5/6", "1/6", "0"])
    #expect(rows.allSatisfy { $0["land"] is NSNull })
  }

  @Test func textTableInBengaliWithTheUnitsAndTheNotes() throws {
    let r = try kioskctl([
      "shares", "--law", "hanafi", "--land", "66", "--lang", "bn", "wife=1", "mother=1", "father=1",
    ])
    #expect(r.status == 0, "\(r.err)")
    #expect(r.out.contains("স্ত্রী\t১\t১/৪\t১/৪"), "\(r.out)")
    #expect(r.out.contains("১৬.৫০০০ শতক = ") && r.out.contains("বিঘা") && r.out.contains("কাঠা"), "\(r.out)")
    #expect(r.out.contains("উমারিয়্যা"), "\(r.out)")
  }

  @Test func refusalsInWords() throws {
    let alone = try kioskctl(["shares", "--law", "hanafi", "wife=1"])
    #expect(alone.status == 1 && alone.out.isEmpty)
    #expect(alone.err.contains("ask at the counter") && alone.err.contains("কাউন্টারে"), "\(alone.err)")
    let hindu = try kioskctl(["shares", "--law", "dayabhaga", "son=1"])
    #expect(hindu.status == 1 && hindu.err.contains("Muslim (Hanafi) law only"), "\(hindu.err)")
    let typo = try kioskctl(["shares", "--law", "hanafi", "uncle=1"])
    #expect(typo.status != 0 && typo.err.contains("'uncle=1'"), "\(typo.err)")
    let land = try kioskctl(["shares", "--law", "hanafi", "--land", "ten", "son=1"])
    #expect(land.status != 0 && land.err.contains("--land"), "\(land.err)")
  }
}

/// The shares page in the citizen's flow: opened from the heirs' list, Back returns there.
@Suite struct SharesFlowTests {
  @Test func fromTheHeirsListToTheSharesAndBack() throws {
    let d = FlowDriver(catalogue: try loadCatalogue())
    var (s, _) = d.drive([.chooseService("namjari"), .continueFromInfo, .agree])
    for a in [
      "রহিমা খাতুন", "inheritance", "1234567890", "21/03/1985", "01712345678", "সাভার, ঢাকা, ঢাকা", "আশুলিয়া", "42", "123",
      "12, 13", "66", "", "", "করিম উদ্দিন", "রহিমা খাতুন", "wife", "add", "করিম", "son",
    ] {
      s = d.drive([.answer(a)], from: s).0
    }
    #expect(s.screen == .question("heirs"), "\(s.screen)")
    s = d.drive([.showShares], from: s).0
    #expect(s.screen == .shares("heirs"))
    let shares = try #require(InheritanceShares.from(answers: s.answers))
    let lines = try shares.result.get().lines
    #expect(lines.map(\.row.kind) == [.wife, .son] && lines.map(\.row.share) == [Fraction(1, 8), Fraction(7, 8)])
    #expect(lines.map(\.landEach) == [Fraction(33, 4), Fraction(231, 4)])
    s = d.drive([.back], from: s).0
    #expect(s.screen == .question("heirs"))
    // Not from another page.
    s = d.drive([.answer("done")], from: s).0
    #expect(d.drive([.showShares], from: s).0.screen == s.screen)
  }
}
