import Foundation
import KioskTesting
import Testing

@testable import KioskCore

@Suite struct PlaceTests {
  static let directory = try! PlaceDirectory.load(directory: TestPaths.repoRoot + "/assets/places")

  @Test func loadsAllLevels() {
    let d = Self.directory
    #expect(d.places.filter { $0.level == .division }.count == 8)
    #expect(d.places.filter { $0.level == .district }.count == 64)
    #expect(d.places.filter { $0.level == .upazila }.count >= 490)
    #expect(d.places.filter { $0.level == .union }.count >= 4000)
  }

  @Test func searchInBothScripts() {
    let d = Self.directory
    let dhaka = d.search("ঢাকা")
    #expect(dhaka.first?.place.level == .division && dhaka.first?.place.name.en == "Dhaka")
    let savar = d.search("sava")
    #expect(
      savar.contains { $0.place.name.en == "Savar" && $0.label(.en) == "Savar, Dhaka, Dhaka" },
      "\(savar.map { $0.label(.en) })")
    let gun = d.search("Gunai")
    #expect(gun.contains { $0.place.name.en == "North Gunaighor" }, "a later word of the name matches too")
    let m = gun.first { $0.place.name.en == "North Gunaighor" }!
    #expect(m.path.map(\.level) == [.division, .district, .upazila, .union])
    #expect(m.label(.bn).hasSuffix("চট্টগ্রাম"))
    #expect(d.search("").isEmpty)
    #expect(d.search("zzzz").isEmpty)
  }

  /// Variant spellings, Bengali and English, old and new, typed by people → the right place first.
  static let variants: [(typed: String, level: Place.Level, name: String)] = [
    ("কেরানীগঞ্জ", .upazila, "Keraniganj"),
    ("কেরাণীগঞ্জ", .upazila, "Keraniganj"),
    ("keranigonj", .upazila, "Keraniganj"),
    ("Keraniganj", .upazila, "Keraniganj"),
    ("Chittagong", .division, "Chattogram"),
    ("Chattogram", .division, "Chattogram"),
    ("Chattagram", .division, "Chattogram"),
    ("chottogram", .division, "Chattogram"),
    ("চট্টগ্রাম", .division, "Chattogram"),
    ("Barisal", .division, "Barishal"),
    ("Barishal", .division, "Barishal"),
    ("বরিশাল", .division, "Barishal"),
    ("Bogra", .district, "Bogura"),
    ("Bogura", .district, "Bogura"),
    ("বগুড়া", .district, "Bogura"),
    ("Jessore", .district, "Jashore"),
    ("Jashore", .district, "Jashore"),
    ("যশোর", .district, "Jashore"),
    ("Comilla", .district, "Cumilla"),
    ("Kumilla", .district, "Cumilla"),
    ("কুমিল্লা", .district, "Cumilla"),
    ("Dacca", .division, "Dhaka"),
    ("dhaka", .division, "Dhaka"),
    ("ঢাকা", .division, "Dhaka"),
    ("tejgaon", .thana, "Tejgaon"),
    ("তেজগাঁও", .thana, "Tejgaon"),
    ("Tejgaon Industrial", .thana, "Tejgaon Industrial Area"),
    ("তেজগাঁও শিল্পাঞ্চল", .thana, "Tejgaon Industrial Area"),
    ("DNCC", .cityCorporation, "Dhaka North City Corporation"),
    ("Dhaka North", .cityCorporation, "Dhaka North City Corporation"),
    ("ঢাকা উত্তর", .cityCorporation, "Dhaka North City Corporation"),
    ("dhaka south", .cityCorporation, "Dhaka South City Corporation"),
    ("ঢাকা দক্ষিণ সিটি", .cityCorporation, "Dhaka South City Corporation"),
    ("Gulshan", .thana, "Gulshan"),
    ("Dhanmandi", .thana, "Dhanmondi"),
    ("ধানমণ্ডি", .thana, "Dhanmondi"),
    ("Motijhil", .thana, "Motijheel"),
    ("মতিঝিল", .thana, "Motijheel"),
    ("Narayangonj", .district, "Narayanganj"),
    ("নারায়নগঞ্জ", .district, "Narayanganj"),
    ("Mymenshingh", .division, "Mymensingh"),
    ("Moimonsingho", .division, "Mymensingh"),
    ("coxsbazar", .district, "Cox's Bazar"),
    ("Cox Bazar", .district, "Cox's Bazar"),
    ("Sylet", .district, "Sylhet"),
    ("সিলেট", .division, "Sylhet"),
    ("Brammonbaria", .district, "Brahmanbaria"),
    ("Chapai Nababganj", .district, "Chapainawabganj"),
    ("Nilfamari", .district, "Nilphamari"),
    ("Potuakhali", .district, "Patuakhali"),
    ("Sirajgonj", .district, "Sirajganj"),
    ("Maulvibazar", .district, "Moulvibazar"),
    ("Shavar", .upazila, "Savar"),
    ("সাভার", .upazila, "Savar"),
    ("Mirpur, Dhaka", .thana, "Mirpur"),
    ("Gazipur City", .cityCorporation, "Gazipur City Corporation"),
    ("রংপুর", .division, "Rangpur"),
    ("Lalbag", .thana, "Lalbagh"),
    ("Kamrangir Char", .thana, "Kamrangirchar"),
    ("Rajshai", .division, "Rajshahi"),
    ("Airport", .thana, "Biman Bandar"),
    ("Uttara West", .thana, "Uttara West"),
    ("পল্লবী", .thana, "Pallabi"),
    ("Narshingdi", .district, "Narsingdi"),
    ("Jhenidah", .district, "Jhenaidah"),
    ("Mohammadpur, Dhaka North", .thana, "Mohammadpur"),
    ("Savar Dhaka", .upazila, "Savar"),
    ("Lalbagh Dhaka", .thana, "Lalbagh"),
    ("Tejgaon Dhaka North", .thana, "Tejgaon"),
    ("তেজগাও", .thana, "Tejgaon"),
    ("চট্রগ্রাম", .division, "Chattogram"),
    ("কেরানিগঞ্জ", .upazila, "Keraniganj"),
    ("বগুরা", .district, "Bogura"),
    ("ঢাকা উত্তর সিটি করপোরেশন", .cityCorporation, "Dhaka North City Corporation"),
  ]

  @Test func variantSpellingsFindTheRightPlaceFirst() {
    let d = Self.directory
    #expect(Self.variants.count >= 40)
    for (typed, level, name) in Self.variants {
      let first = d.search(typed, limit: 1).first
      #expect(
        first?.place.level == level && first?.place.name.en == name,
        "\(typed) → \(first.map { $0.label(.en) } ?? "nothing"), not the \(level) \(name)")
    }
  }

  @Test func unknownTextMatchesNothing() {
    let d = Self.directory
    for typed in ["qwxzvbn", "xyz", "asdfgh", "hello world", "lorem ipsum", "পাসওয়ার্ড", "কখগঘ", "১২৩৪", "zzzz", "!!"] {
      #expect(d.search(typed).isEmpty, "\(typed) → \(d.search(typed).map { $0.label(.en) })")
      #expect(d.resolve(typed, language: .bn) == .failure(PlaceDirectory.notFound))
    }
  }

  @Test func cityCorporationsAndThanas() {
    let d = Self.directory
    #expect(d.places.filter { $0.level == .cityCorporation }.count == 12)
    #expect(d.places.filter { $0.level == .thana }.count >= 40)
    let dhakaDistrict = d.places.firstIndex { $0.level == .district && $0.name.en == "Dhaka" }!
    let under = d.children(of: dhakaDistrict).map { d.places[$0].name.en }
    #expect(under.contains("Dhaka North City Corporation") && under.contains("Dhaka South City Corporation"))
    #expect(under.contains("Savar") && under.contains("Keraniganj"))
    let tejgaon = d.search("Tejgaon").first!
    #expect(tejgaon.path.map(\.level) == [.division, .district, .cityCorporation, .thana])
    #expect(tejgaon.label(.bn) == "তেজগাঁও, ঢাকা উত্তর সিটি কর্পোরেশন, ঢাকা, ঢাকা")
    #expect(tejgaon.label(.en) == "Tejgaon, Dhaka North City Corporation, Dhaka, Dhaka")
    #expect(d.defects.allSatisfy { !$0.description.contains("aliases.csv") }, "every alias names a place")
  }

  @Test func wardsOfTheCityCorporations() {
    let d = Self.directory
    #expect(!d.defects.contains { $0.description.contains("city-corporation-wards.csv") }, "\(d.defects)")
    let corporation = { (en: String) in d.places.firstIndex { $0.level == .cityCorporation && $0.name.en == en }! }
    let north = corporation("Dhaka North City Corporation")
    let south = corporation("Dhaka South City Corporation")
    #expect(d.wardCount(under: north) == 54 && d.wardCount(under: south) == 75)
    #expect(d.wardCounts.count == 12, "every city corporation, each count with its source")
    #expect(d.wardCount(under: corporation("Khulna City Corporation")) == 31)
    #expect(d.wardCount(under: corporation("Sylhet City Corporation")) == 42, "since its boundary was extended")
    #expect(d.wardCount(under: corporation("Gazipur City Corporation")) == 57)
    let tejgaon = d.search("Tejgaon").first!.index
    #expect(d.wardCount(under: tejgaon) == 54, "a thana offers all of its corporation's wards")
    #expect(d.ward(54, under: tejgaon) != nil && d.ward(55, under: tejgaon) == nil && d.ward(0, under: tejgaon) == nil)
    #expect(d.ward(1, under: d.search("Savar").first!.index) == nil, "no ward under an upazila")
    #expect(d.answer(tejgaon, ward: 26, language: .bn) == "ওয়ার্ড নং 26, তেজগাঁও, ঢাকা উত্তর সিটি কর্পোরেশন, ঢাকা, ঢাকা")
    #expect(
      d.answer(tejgaon, ward: 26, language: .en) == "Ward No. 26, Tejgaon, Dhaka North City Corporation, Dhaka, Dhaka")
    // Typed wards, in either script and either order.
    for typed in ["ward 26", "Ward No. 26", "ward no.26", "২৬ নং ওয়ার্ড", "২৬নং ওয়ার্ড", "ওয়ার্ড ২৬", "ওয়ার্ড নং ২৬"] {
      #expect(PlaceDirectory.wardNumber(typed) == 26, "\(typed)")
    }
    for notAWard in ["Mirpur 10", "ward", "26", "ward 26 27", "road 26", "Uttara sector 7"] {
      #expect(PlaceDirectory.wardNumber(notAWard) == nil, "\(notAWard)")
    }
    // Alone: under the place chosen in the list, else under every corporation that has it.
    #expect(d.search("২৬ নং ওয়ার্ড", scope: tejgaon).map { $0.label(.bn) } == [d.answer(tejgaon, ward: 26, language: .bn)])
    #expect(
      Set(d.search("ward 26").map { $0.path[2].name.en })
        == Set(
          d.places.filter { $0.level == .cityCorporation }.map(\.name.en)), "every corporation has a ward 26")
    #expect(
      Set(d.search("ward 50").map { $0.path[2].name.en }) == [
        "Dhaka North City Corporation", "Dhaka South City Corporation", "Gazipur City Corporation",
      ])
    #expect(d.search("ward 60").map { $0.path[2].name.en } == ["Dhaka South City Corporation"])
    #expect(d.search("ward 60, Dhaka North").isEmpty, "Dhaka North has 54")
    let under = d.search("ওয়ার্ড ২৬, তেজগাঁও")
    #expect(
      under.map { $0.label(.en) } == [d.answer(tejgaon, ward: 26, language: .en)], "not Tejgaon Industrial Area's")
    #expect(d.search("ward 26, Tejg").count == 2, "while typing, the thanas the name begins")
    for north in ["ward 26, Dhaka North", "২৬ নং ওয়ার্ড, ঢাকা উত্তর সিটি কর্পোরেশন"] {
      #expect(d.search(north).map { $0.path[2].name.en } == ["Dhaka North City Corporation"], "\(north)")
    }
    #expect(
      Set(d.search("ward 26, Dhaka").map { $0.path[2].name.en }) == [
        "Dhaka North City Corporation", "Dhaka South City Corporation", "Gazipur City Corporation",
        "Narayanganj City Corporation",
      ], "each corporation of Dhaka (the district's two, and the division's other two)")
    // Stored with the whole path; a ward whose corporation is not said is asked again.
    #expect(d.resolve("ward 26, Tejgaon", language: .en) == .success(d.answer(tejgaon, ward: 26, language: .en)))
    #expect(d.resolve("ward 26", language: .bn) == .failure(PlaceDirectory.whichOne))
    #expect(d.resolve("ward 99, Dhaka North City Corporation", language: .bn) == .failure(PlaceDirectory.notFound))
    // Everything else as before.
    #expect(d.search("Mirpur 10").contains { $0.place.name.en == "Mirpur" })
    #expect(d.search("Mirpur 10").allSatisfy { $0.place.level != .ward })
  }

  @Test func defectiveWardRowsAreNamedByFileAndLine() throws {
    let dir = try scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    func write(_ name: String, _ text: String) throws {
      try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
    }
    try write("divisions.csv", "\"1\",\"Dhaka\",\"ঢাকা\",\"x\"\n")
    try write("districts.csv", "\"1\",\"1\",\"Dhaka\",\"ঢাকা\",\"0\",\"0\",\"x\"\n")
    try write("upazilas.csv", "\"1\",\"1\",\"Savar\",\"সাভার\",\"x\"\n")
    try write("unions.csv", "")
    try write(
      "city-corporations.csv",
      "\"1\",\"1\",\"Dhaka North City Corporation\",\"ঢাকা উত্তর সিটি কর্পোরেশন\",\"\"\n"
        + "\"2\",\"1\",\"Dhaka South City Corporation\",\"ঢাকা দক্ষিণ সিটি কর্পোরেশন\",\"\"\n")
    try write(
      "city-corporation-wards.csv",
      [
        "\"1\",\"54\",\"www.dncc.gov.bd\"",  // 1: kept
        "\"9\",\"10\",\"nowhere\"",  // 2: no such corporation
        "\"2\",\"many\",\"www.dscc.gov.bd\"",  // 3: not a number
        "\"2\",\"750\",\"www.dscc.gov.bd\"",  // 4: a typing slip
        "\"2\",\"75\",\"\"",  // 5: no source
        "\"1\",\"36\",\"old list\"",  // 6: twice
        "\"2\",\"75\"",  // 7: a column short
        "",
        "\"2\",\"75\",\"www.dscc.gov.bd\"",  // 9: kept
      ].joined(separator: "\n") + "\n")
    let d = try PlaceDirectory.load(directory: dir)
    let file = dir + "/city-corporation-wards.csv"
    let report = d.defects.map(\.description)
    #expect(report.count == 6, "\(report)")
    #expect(report.contains { $0.hasPrefix(file + ":2:") && $0.contains("'9' is not in city-corporations.csv") })
    #expect(report.contains { $0.hasPrefix(file + ":3:") && $0.contains("expected") })
    #expect(report.contains { $0.hasPrefix(file + ":4:") && $0.contains("750 wards") })
    #expect(report.contains { $0.hasPrefix(file + ":5:") && $0.contains("no source") })
    #expect(report.contains { $0.hasPrefix(file + ":6:") && $0.contains("twice") })
    #expect(report.contains { $0.hasPrefix(file + ":7:") && $0.contains("expected") })
    #expect(d.wardCounts.values.sorted() == [54, 75], "the good rows kept, the first of a repeated one")
  }

  @Test func typedAnswersResolveToOnePlaceOrAreRefused() {
    let d = Self.directory
    // Said the same, one place: stored as its whole path in the screen's language.
    #expect(d.resolve("keranigonj", language: .bn) == .success("কেরাণীগঞ্জ, ঢাকা, ঢাকা"))
    #expect(d.resolve("tejgaon", language: .en) == .success("Tejgaon, Dhaka North City Corporation, Dhaka, Dhaka"))
    // A whole answer, in either language, is kept as it is.
    #expect(d.resolve("সাভার, ঢাকা, ঢাকা", language: .en) == .success("সাভার, ঢাকা, ঢাকা"))
    #expect(d.resolve("Savar, Dhaka, Dhaka", language: .bn) == .success("Savar, Dhaka, Dhaka"))
    // Dhaka the division and the district: one inside the other, the district is meant.
    #expect(d.resolve("Dhaka", language: .en) == .success("Dhaka, Dhaka"))
    // Mirpur in Kushtia and Mirpur in Dhaka: which one?
    #expect(d.resolve("Mirpur", language: .bn) == .failure(PlaceDirectory.whichOne))
    #expect(d.resolve("Mirpur, Dhaka", language: .bn) == .success("মিরপুর, ঢাকা উত্তর সিটি কর্পোরেশন, ঢাকা, ঢাকা"))
    // Only the beginning of a name: a suggestion to tap, not an answer.
    #expect(d.resolve("kera", language: .bn) == .failure(PlaceDirectory.whichOne))
    // More than the list knows: what it has of the beginning is offered, not taken.
    #expect(d.search("Uttara sector 7").first?.place.name.en == "Uttara East")
    #expect(d.resolve("Uttara sector 7", language: .bn) == .failure(PlaceDirectory.whichOne))
    #expect(d.resolve("Savar Dhaka", language: .en) == .success("Savar, Dhaka, Dhaka"))
  }

  @Test func soundKeysAgreeAcrossScripts() {
    func sound(_ s: String) -> String { String(decoding: PlaceKey.sound(PlaceKey.voicedWords(s)), as: UTF8.self) }
    #expect(sound("কেরাণীগঞ্জ") == "krngnj")
    #expect(sound("কেরানীগঞ্জ") == sound("Keraniganj"))
    #expect(sound("keranigonj") == sound("Keraniganj"))
    #expect(sound("চট্টগ্রাম") == sound("Chattogram"))
    #expect(sound("বরিশাল") == sound("Barisal") && sound("Barisal") == sound("Barishal"))
    #expect(sound("বগুড়া") == sound("Bogra"))
    #expect(sound("শ্যামপুর") == sound("Shyampur"))
    #expect(sound("রংপুর") == sound("Rangpur"))
    #expect(sound("তেজগাঁও") == sound("Tejgaon"))
    #expect(sound("কক্সবাজার") == sound("Cox's Bazar"))
  }

  @Test func defectiveRowsAreReportedNotDropped() throws {
    let dir = try scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    func write(_ name: String, _ text: String) throws {
      try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
    }
    try write("divisions.csv", "\"1\",\"Dhaka\",\"ঢাকা\",\"x\"\n")
    try write(
      "districts.csv",
      "\"1\",\"1\",\"Dhaka\",\"ঢাকা\",\"0\",\"0\",\"x\"\n\"2\",\"9\",\"Nowhere\",\"কোথাও\",\"0\",\"0\",\"x\"\n")
    try write("upazilas.csv", "\"1\",\"1\",\"Savar\",\"\",\"x\"\n\"2\",\"1\",\"Dhamrai\",\"ধামরাই\",\"x\"\nbroken\n")
    try write("unions.csv", "\"1\",\"1\",\"Ashulia\",\"আশুলিয়া\",\"x\"\n\"2\",\"2\",\"Ashulia\",\"আশুলিয়া\",\"x\"\n")
    let d = try PlaceDirectory.load(directory: dir)
    let report = d.defects.map(\.description)
    #expect(report.contains { $0.hasPrefix(dir + "/districts.csv:2:") && $0.contains("parent") }, "\(report)")
    #expect(report.contains { $0.hasPrefix(dir + "/upazilas.csv:1:") && $0.contains("no Bengali name") })
    #expect(report.contains { $0.hasPrefix(dir + "/upazilas.csv:3:") })
    #expect(report.contains { $0.hasPrefix(dir + "/unions.csv:2:") && $0.contains("repeats line 1") })
    #expect(d.search("savar").count == 1, "kept, shown with its English name")
    #expect(d.search("ashulia").count == 2, "both repeated rows kept")
  }
}

@Suite struct FlowTests {
  let catalogue: Catalogue
  let driver: FlowDriver
  var clock: TestClock { driver.clock }
  var reducer: FlowReducer { driver.reducer }

  init() throws {
    catalogue = try loadCatalogue()
    driver = FlowDriver(catalogue: catalogue)
  }

  // The shared driver (KioskTesting), under the short names these tests use.
  func drive(_ events: [FlowEvent], from start: FlowState = FlowState()) -> (FlowState, [FlowEffect]) {
    driver.drive(events, from: start)
  }
  func answers(for service: Service, choosing choices: [String: String] = [:]) -> [String: String] {
    driver.answers(for: service, choosing: choices)
  }
  func answerAll(_ state: FlowState, _ typed: [String: String]) -> (FlowState, [FlowEffect]) {
    driver.answerAll(state, typed)
  }

  @Test func everyServiceFromHomeToConfirmation() {
    for service in catalogue.services {
      var (s, fx) = drive([.start, .chooseService(service.id), .continueFromInfo, .agree])
      #expect(fx.first == .createDraft(serviceID: service.id, language: .bn))
      let r = answerAll(s, answers(for: service))
      s = r.0
      fx += r.1
      #expect(s.screen == .check, "\(service.id) reaches check your answers")
      let saved = Set(fx.compactMap { if case .saveAnswer(_, let q, _) = $0 { return q } else { return nil } })
      #expect(saved == Set(service.activeQuestions(s.answers).map(\.id)), "\(service.id): every answer saved")
      let done = drive([.confirm], from: s)
      #expect(done.0.screen == .confirmation)
      #expect(done.1 == [.markWaiting(draftID: 7), .printSlip(draftID: 7)])
    }
  }

  @Test func namjariBranchesByAcquisitionType() throws {
    let namjari = try #require(catalogue.service("namjari"))
    var (s, _) = drive([.chooseService("namjari"), .continueFromInfo, .agree])
    s = answerAll(s, answers(for: namjari, choosing: ["acquisition_type": "inheritance"])).0
    #expect(s.answers["deceased_owner_name"] != nil)
    #expect(s.answers["deed_number"] == nil, "purchase-only questions were not asked")
    // Change to purchase from check answers: the new questions are asked, then back to check.
    s = drive([.change("acquisition_type")], from: s).0
    #expect(s.screen == .question("acquisition_type"))
    s = drive([.answer("purchase")], from: s).0
    #expect(s.screen == .question("deed_number"), "the first newly needed question")
    s = answerAll(s, answers(for: namjari, choosing: ["acquisition_type": "purchase"])).0
    #expect(s.screen == .check)
    #expect(s.answers["deed_number"] != nil && s.answers["seller_name"] != nil)
  }

  /// Nothing is acknowledged that was not saved (with the data folder read-only the journey went on
  /// and confirm did nothing): no question before the draft exists, no answer without one.
  @Test func nothingIsAskedOrTakenWhenTheDraftCannotBeStarted() {
    var s = FlowState()
    for e: FlowEvent in [.start, .chooseService("dakhila-print"), .continueFromInfo] { s = reducer.reduce(s, e).0 }
    let (agreed, fx) = reducer.reduce(s, .agree)
    #expect(fx == [.createDraft(serviceID: "dakhila-print", language: .bn)])
    #expect(agreed.screen == .consent, "no question before the draft exists")
    let refused = BilingualText(bn: "শুরু করা যায়নি", en: "Could not start")
    let failed = reducer.reduce(agreed, .draftFailed(refused)).0
    #expect(failed.screen == .consent && failed.error?.message.en == "Could not start")
    var stale = failed
    stale.screen = .question("applicant_name")
    let (after, fx2) = reducer.reduce(stale, .answer("রহিমা খাতুন"))
    #expect(after.answers.isEmpty && fx2.isEmpty && after.error != nil, "an answer without a draft is not taken")
    #expect(after.typed["applicant_name"] == "রহিমা খাতুন", "and what was typed is kept")
    // Confirming, when marking the draft waiting fails: back to check answers, in words.
    var (checked, _) = drive([.chooseService("dakhila-print"), .continueFromInfo, .agree, .answer("রহিমা খাতুন")])
    checked = drive([.answer("01712345678")], from: checked).0
    let confirming = drive([.confirm], from: checked).0
    #expect(confirming.screen == .confirmation)
    let back = drive([.confirmFailed(BilingualText(bn: "নিশ্চিত হয়নি", en: "Not confirmed"))], from: confirming).0
    #expect(back.screen == .check && back.notice?.en == "Not confirmed" && back.printStatus == .idle)
  }

  @Test func a17DigitNIDAndTheDateOfBirthAgreeOnTheYear() {
    var (s, _) = drive([.chooseService("namjari"), .continueFromInfo, .agree, .answer("রহিমা খাতুন"), .answer("purchase")])
    s = drive([.answer("19851234567890123")], from: s).0
    #expect(s.screen == .question("date_of_birth"))
    let wrong = drive([.answer("21/03/1986")], from: s).0
    #expect(wrong.screen == .question("date_of_birth"))
    #expect(wrong.error?.message.en.contains("1985") == true, "\(String(describing: wrong.error))")
    let right = drive([.answer("21/03/1985")], from: s).0
    #expect(right.error == nil && right.answers["date_of_birth"] == "1985-03-21")
  }

  @Test func answersOfABranchLeftAreDropped() throws {
    let namjari = try #require(catalogue.service("namjari"))
    var (s, _) = drive([.chooseService("namjari"), .continueFromInfo, .agree])
    s = answerAll(s, answers(for: namjari, choosing: ["acquisition_type": "purchase"])).0
    #expect(s.answers["deed_number"] != nil && s.answers["seller_name"] != nil)
    s = drive([.change("acquisition_type")], from: s).0
    let (after, fx) = drive([.answer("inheritance")], from: s)
    #expect(
      after.answers["deed_number"] == nil && after.answers["seller_name"] == nil && after.answers["deed_date"] == nil)
    #expect(fx.contains(.dropAnswers(draftID: 7, questionIDs: ["deed_date", "deed_number", "seller_name"])))
    #expect(after.typed["deed_number"] != nil, "what was typed stays in this session's memory")
    #expect(after.screen == .question("deceased_owner_name"))
  }

  @Test func wrongAnswersStayWithTheirPageAndAreNotLost() {
    var (s, fx) = drive([.chooseService("ldtax-registration"), .continueFromInfo, .agree, .answer("রহিমা খাতুন")])
    #expect(s.screen == .question("nid"))
    let r = drive([.answer("12345")], from: s)
    s = r.0
    fx += r.1
    #expect(s.screen == .question("nid"))
    #expect(s.error?.message.en.contains("10, 13 or 17") == true)
    #expect(s.typed["nid"] == "12345", "what was typed is kept")
    #expect(!fx.contains { if case .saveAnswer(_, "nid", _) = $0 { return true } else { return false } })
    s = drive([.answer("১২৩৪৫৬৭৮৯০")], from: s).0
    #expect(s.error == nil && s.answers["nid"] == "1234567890" && s.screen == .question("date_of_birth"))
  }

  @Test func aSaveThatFailsReturnsToItsQuestionWithTheTextKept() {
    var (s, _) = drive([.chooseService("dakhila-print"), .continueFromInfo, .agree, .answer("রহিমা খাতুন")])
    #expect(s.screen == .question("mobile"))
    // The disk was full when the name was written: the runner reports it.
    let message = BilingualText(bn: "উত্তরটি রাখা যায়নি", en: "The answer could not be saved")
    s = drive([.saveFailed(questionID: "applicant_name", message: message)], from: s).0
    #expect(s.screen == .question("applicant_name"))
    #expect(s.answers["applicant_name"] == nil, "not counted as answered")
    #expect(s.typed["applicant_name"] == "রহিমা খাতুন", "what was typed is still on the page")
    #expect(s.error?.message.en == "The answer could not be saved")
    let retry = drive([.answer("রহিমা খাতুন")], from: s)
    #expect(retry.1.contains(.saveAnswer(draftID: 7, questionID: "applicant_name", value: "রহিমা খাতুন")))
    #expect(retry.0.screen == .question("mobile") && retry.0.error == nil)
  }

  @Test func theDocumentsListIsPrintedFromInfoWithANotice() {
    let (s, fx) = drive([.start, .chooseService("namjari"), .printDocumentsList])
    #expect(fx.contains(.printDocumentsList(serviceID: "namjari", answers: [:])))
    let notice = BilingualText(bn: "তালিকা ছাপা হয়েছে", en: "The list is printed")
    let after = drive([.documentsListPrinted(ok: true, message: notice)], from: s).0
    #expect(after.notice == notice && after.screen == .info)
    #expect(drive([.continueFromInfo], from: after).0.notice == nil, "the notice goes with the next step")
  }

  @Test func backNeverLosesAnAnswer() {
    var (s, _) = drive([.chooseService("dakhila-print"), .continueFromInfo, .agree, .answer("Rahima Khatun")])
    #expect(s.screen == .question("mobile"))
    s = drive([.back], from: s).0
    #expect(s.screen == .question("applicant_name") && s.answers["applicant_name"] == "Rahima Khatun")
    s = drive([.back, .back, .back], from: s).0
    #expect(s.screen == .services)
    #expect(s.answers["applicant_name"] == "Rahima Khatun")
  }

  @Test func idleWarnsThenWipesAndKeepsTheDraftLocked() {
    var (s, _) = drive([.chooseService("dakhila-print"), .continueFromInfo, .agree, .answer("Rahima Khatun")])
    clock.now += 59
    s = drive([.tick], from: s).0
    #expect(!s.idleWarning)
    clock.now += 2
    s = drive([.tick], from: s).0
    #expect(s.idleWarning)
    s = drive([.touch], from: s).0
    #expect(!s.idleWarning, "a touch dismisses the warning")
    clock.now += 91
    let (wiped, fx) = drive([.tick], from: s)
    #expect(wiped.screen == .home && wiped.answers.isEmpty && wiped.draftID == nil)
    #expect(fx == [.resetSession])
    // Nothing happens on the home page however long it waits.
    clock.now += 1000
    #expect(drive([.tick], from: wiped).1.isEmpty)
  }

  @Test func resumeByCode() {
    var (s, fx) = drive([.openResume, .enterCode("12345")])
    #expect(s.error != nil && fx.isEmpty)
    let code = ResumeCode.generate()
    (s, fx) = drive([.enterCode(code.formatted(.bn))], from: s)
    #expect(fx == [.lookUpCode(code)])
    s =
      drive(
        [.resumed(id: 3, code: code, serviceID: "dakhila-print", answers: ["applicant_name": "Rahima Khatun"])], from: s
      ).0
    #expect(s.screen == .question("mobile"), "continues where the citizen stopped")
    #expect(s.draftID == 3)
  }

  @Test func aPlaceThatNamesNoPlaceIsRefusedAndNotStored() {
    let places = PlaceTests.directory
    let clock = self.clock
    let reducer = FlowReducer(
      catalogue: catalogue, idleWarningSeconds: 60, idleResetSeconds: 90, clock: { clock.now },
      resolvePlace: { places.resolve($0, language: $1) })
    var s = FlowState()
    s.serviceID = "namjari"
    s.draftID = 7
    s.screen = .question("land_place")
    let (refused, none) = reducer.reduce(s, .answer("qwxzvbn"))
    #expect(refused.error == PlaceDirectory.notFound && refused.screen == s.screen)
    #expect(none.isEmpty && refused.answers["land_place"] == nil, "nothing stored")
    #expect(refused.typed["land_place"] == "qwxzvbn", "what was typed stays in the field")
    let (empty, _) = reducer.reduce(s, .answer(""))
    #expect(empty.error?.message.en == "Choose the place from the list, or type to search", "Next before choosing")
    let (which, _) = reducer.reduce(s, .answer("Mirpur"))
    #expect(which.error == PlaceDirectory.whichOne && which.answers["land_place"] == nil)
    let (kept, saved) = reducer.reduce(s, .answer("keranigonj"))
    #expect(kept.error == nil && kept.answers["land_place"] == "কেরাণীগঞ্জ, ঢাকা, ঢাকা")
    #expect(saved == [.saveAnswer(draftID: 7, questionID: "land_place", value: "কেরাণীগঞ্জ, ঢাকা, ঢাকা")])
    var english = s
    english.language = .en
    let (tejgaon, _) = reducer.reduce(english, .answer("তেজগাঁও"))
    #expect(tejgaon.answers["land_place"] == "Tejgaon, Dhaka North City Corporation, Dhaka, Dhaka")
  }

  @Test func aWardIsChosenAfterTheThanaOrNotKnown() {
    let places = PlaceTests.directory
    let clock = self.clock
    let reducer = FlowReducer(
      catalogue: catalogue, idleWarningSeconds: 60, idleResetSeconds: 90, clock: { clock.now },
      resolvePlace: { places.resolve($0, language: $1) })
    var s = FlowState()
    s.serviceID = "namjari"
    s.draftID = 7
    s.screen = .question("land_place")
    func stored(_ step: PlaceDirectory.PickerStep, _ state: FlowState) -> (String?, [FlowEffect]) {
      guard case .answer(let text) = step else { return (nil, []) }
      let (next, effects) = reducer.reduce(state, .answer(text))
      #expect(next.error == nil && next.screen != state.screen, "answered and moved on")
      return (next.answers["land_place"], effects)
    }
    let dhaka = places.places.firstIndex { $0.level == .district && $0.name.en == "Dhaka" }!
    let north = places.children(of: dhaka).first { places.places[$0].name.en == "Dhaka North City Corporation" }!
    let tejgaon = places.children(of: north).first { places.places[$0].name.en == "Tejgaon" }!
    #expect(places.tapped(north, language: .bn) == .open(north))
    #expect(places.tapped(tejgaon, language: .bn) == .wards(tejgaon), "the thana opens its wards")
    // Tejgaon → ward 26: the ward is stored with the whole path.
    let (ward, saved) = stored(places.wardChosen(26, under: tejgaon, language: .bn), s)
    #expect(ward == "ওয়ার্ড নং 26, তেজগাঁও, ঢাকা উত্তর সিটি কর্পোরেশন, ঢাকা, ঢাকা")
    #expect(saved.contains(.saveAnswer(draftID: 7, questionID: "land_place", value: ward ?? "")))
    // Shown as a union is, in the script it was given in (check page, staff pages, filing sheet).
    let question = catalogue.service("namjari")!.questions.first { $0.id == "land_place" }!
    for language in [Language.bn, .en] {
      #expect(question.shown(ward ?? "", language) == "ওয়ার্ড নং ২৬, তেজগাঁও, ঢাকা উত্তর সিটি কর্পোরেশন, ঢাকা, ঢাকা")
      #expect(
        question.shown("Ward No. 26, Tejgaon, Dhaka North City Corporation, Dhaka, Dhaka", language)
          == "Ward No. 26, Tejgaon, Dhaka North City Corporation, Dhaka, Dhaka")
    }
    var english = s
    english.language = .en
    #expect(
      stored(places.wardChosen(26, under: tejgaon, language: .en), english).0
        == "Ward No. 26, Tejgaon, Dhaka North City Corporation, Dhaka, Dhaka")
    // "I don't know my ward": the answer stops at the thana, as before.
    #expect(stored(places.wardChosen(nil, under: tejgaon, language: .bn), s).0 == "তেজগাঁও, ঢাকা উত্তর সিটি কর্পোরেশন, ঢাকা, ঢাকা")
    // "My thana is not in the list" at the corporation: its wards, or the corporation alone.
    #expect(places.notListed(north, language: .bn) == .wards(north))
    #expect(stored(places.wardChosen(3, under: north, language: .bn), s).0 == "ওয়ার্ড নং 3, ঢাকা উত্তর সিটি কর্পোরেশন, ঢাকা, ঢাকা")
    #expect(stored(places.wardChosen(nil, under: north, language: .bn), s).0 == "ঢাকা উত্তর সিটি কর্পোরেশন, ঢাকা, ঢাকা")
    // No ward where none is listed: an upazila.
    let savar = places.children(of: dhaka).first { places.places[$0].name.en == "Savar" }!
    #expect(places.notListed(savar, language: .bn) == .answer("সাভার, ঢাকা, ঢাকা"))
    // A corporation whose thanas are not listed: its wards at once, or the corporation alone.
    let khulna = places.places.firstIndex { $0.name.en == "Khulna City Corporation" }!
    #expect(places.tapped(khulna, language: .en) == .wards(khulna))
    #expect(places.wardCount(under: khulna) == 31)
    #expect(
      stored(places.wardChosen(12, under: khulna, language: .en), english).0
        == "Ward No. 12, Khulna City Corporation, Khulna, Khulna")
    #expect(places.wardChosen(nil, under: khulna, language: .en) == .answer("Khulna City Corporation, Khulna, Khulna"))
  }

  @Test func declineLeavesNothingBehind() {
    let (s, fx) = drive([.chooseService("namjari"), .continueFromInfo, .decline])
    #expect(s.screen == .home && s.serviceID == nil)
    #expect(fx == [.resetSession])
  }
}
