import Foundation
import KioskTesting
import Testing

@testable import KioskCore

/// e-Namjari as the portal asks it (FACTS.md §4, §8): the heirs as a repeatable group, the details
/// of each acquisition type, the latest mutation khatian and dag, a representative and the
/// online-hearing choice, with the steps before the hearing.
@Suite struct NamjariTests {
  let catalogue: Catalogue
  let namjari: Service
  let driver: FlowDriver

  init() throws {
    catalogue = try loadCatalogue()
    namjari = try #require(catalogue.service("namjari"))
    driver = FlowDriver(catalogue: catalogue)
  }

  func drive(_ events: [FlowEvent], from start: FlowState = FlowState()) -> (FlowState, [FlowEffect]) {
    driver.drive(events, from: start)
  }

  func saved(_ fx: [FlowEffect]) -> [String: String] {
    var out: [String: String] = [:]
    for case .saveAnswer(_, let q, let v) in fx { out[q] = v }
    return out
  }

  func dropped(_ fx: [FlowEffect]) -> [String] {
    fx.flatMap { if case .dropAnswers(_, let ids) = $0 { return ids } else { return [] } }
  }

  /// Up to the first question after the land details, by `acquisition`.
  func toBranch(_ acquisition: String) -> FlowState {
    var (s, _) = drive([.chooseService("namjari"), .continueFromInfo, .agree])
    for a in [
      "রহিমা খাতুন", acquisition, "1234567890", "21/03/1985", "01712345678", "সাভার, ঢাকা, ঢাকা", "আশুলিয়া", "42", "123",
      "12, 13", "12.5",
    ] {
      s = drive([.answer(a)], from: s).0
    }
    return s
  }

  // MARK: the catalogue

  @Test func theHeirsAreAGroupOfNameAndRelation() throws {
    let heirs = try #require(namjari.questions.first { $0.id == "heirs" })
    let g = try #require(heirs.group)
    #expect(heirs.type == .group && heirs.when == Condition(question: "acquisition_type", values: ["inheritance"]))
    #expect(g.questions.map(\.id) == ["name", "relation"])
    #expect(g.questions.map(\.type) == [.name, .choice])
    #expect(g.questions[1].options.map(\.value).contains("daughter"))
    #expect(g.maxItems >= 10)
    #expect(heirs.shown("2", .bn) == "২ জন ওয়ারিশ" && heirs.shown("2", .en) == "2 heir(s)")
    // One heir is asked before the list; a second once "add" is said.
    let one = namjari.activeQuestions(["acquisition_type": "inheritance"]).map(\.id)
    #expect(one.contains("heirs.1.name") && one.contains("heirs.1.relation") && !one.contains("heirs.2.name"))
    #expect(one.firstIndex(of: "heirs.1.relation")! + 1 == one.firstIndex(of: "heirs"), "the list after the items")
    let two = namjari.activeQuestions(["acquisition_type": "inheritance", "heirs": "2"])
    let second = try #require(two.first { $0.id == "heirs.2.name" })
    #expect(second.label.bn == "২ নম্বর ওয়ারিশের নাম" && second.label.en == "Heir 2: name")
    #expect(second.position == GroupPosition(group: "heirs", index: 2, item: "name"))
    #expect(namjari.question(forKey: "heirs.2.relation")?.label.en == "Heir 2: relation to the deceased owner")
    #expect(namjari.question(forKey: "heirs.31.name") == nil, "past the group's most")
    #expect(namjari.question(forKey: "heirs.2.share") == nil && namjari.question(forKey: "nid")?.type == .nid)
    #expect(!namjari.activeQuestions(["acquisition_type": "purchase"]).contains { $0.id.hasPrefix("heirs") })
  }

  @Test func groupAnswerIDsReadBack() {
    #expect(GroupPosition.key("heirs", 2, "name") == "heirs.2.name")
    #expect(GroupPosition(key: "heirs.12.relation") == GroupPosition(group: "heirs", index: 12, item: "relation"))
    for bad in [
      "heirs", "heirs.name", "heirs.0.name", "heirs.02.name", "heirs.x.name", "heirs.2.", ".2.name", "a.1.b.c",
    ] {
      #expect(GroupPosition(key: bad) == nil, "\(bad)")
    }
  }

  /// What each acquisition type adds to the questions every one of them is asked.
  static let branches: [String: [String]] = [
    "purchase": ["deed_number", "deed_date", "seller_name"],
    "inheritance": ["deceased_owner_name", "heirs.1.name", "heirs.1.relation", "heirs"],
    "heba": ["deed_number", "deed_date", "donor_name"],
    "decree": ["decree_court", "decree_case_number", "decree_date"],
    "auction": ["auction_by", "auction_case_number", "auction_date"],
    "settlement": ["settlement_case_number", "kabuliyat_number", "settlement_date"],
    "other": ["acquisition_details"],
  ]
  static let everyType = [
    "applicant_name", "acquisition_type", "nid", "date_of_birth", "mobile", "land_place", "mouza", "jl_number",
    "khatian_number", "dag_numbers", "land_amount", "latest_mutation_khatian", "latest_mutation_dag", "representative",
    "representative_name", "representative_relation", "representative_mobile", "online_hearing", "scanned_pages",
  ]

  @Test func theFlowAsksTheNewQuestionsOnEachAcquisitionType() throws {
    let acquisition = try #require(namjari.questions.first { $0.id == "acquisition_type" })
    #expect(Set(acquisition.options.map(\.value)) == Set(Self.branches.keys), "every type the portal offers")
    for (type, extra) in Self.branches {
      var (s, fx) = drive([.chooseService("namjari"), .continueFromInfo, .agree])
      let r = driver.answerAll(s, driver.answers(for: namjari, choosing: ["acquisition_type": type]))
      s = r.0
      fx += r.1
      #expect(s.screen == .check, "\(type) reaches check answers")
      // Asked, answered and saved: exactly the questions of every type and of this one.
      #expect(Set(s.answers.keys) == Set(Self.everyType + extra), "\(type): \(s.answers.keys.sorted())")
      #expect(Set(saved(fx).keys) == Set(s.answers.keys), "\(type): every answer saved as it was given")
    }
  }

  @Test func everyNewQuestionSpeaksBengaliFirstAndEnglish() throws {
    var all = namjari.questions
    all += namjari.questions.compactMap(\.group).flatMap(\.questions)
    for q in all {
      #expect(q.label.bn.unicodeScalars.contains { (0x0980...0x09FF).contains($0.value) }, "\(q.id): Bengali label")
      #expect(!q.label.en.isEmpty && q.label.en != q.label.bn, "\(q.id): English label")
      for o in q.options { #expect(o.label.bn != o.label.en, "\(q.id).\(o.value)") }
    }
    // The latest mutation khatian and dag: the keypad with / and - (their types), and optional:
    // land never mutated since the survey has none.
    let khatian = try #require(namjari.question(forKey: "latest_mutation_khatian"))
    let dag = try #require(namjari.question(forKey: "latest_mutation_dag"))
    #expect(khatian.type == .khatian && dag.type == .dag && !khatian.required && !dag.required)
    for id in ["decree_case_number", "auction_case_number", "settlement_case_number", "kabuliyat_number"] {
      #expect(namjari.question(forKey: id)?.type == .reference, "\(id): a case or deed number's keypad")
    }
    for id in ["decree_date", "auction_date", "settlement_date"] {
      #expect(namjari.question(forKey: id)?.pastOnly == true, "\(id): not in the future")
    }
  }

  // MARK: validation, by the field

  @Test func theNewAnswersAreCheckedWithAMessageInBothLanguages() throws {
    let today = CivilDate(year: 2026, month: 12, day: 2)!
    func check(_ id: String, _ text: String) throws -> Result<String, ValidationFailure> {
      Validators.validate(try #require(namjari.question(forKey: id)), text, answers: [:], today: today)
    }
    #expect(try check("latest_mutation_khatian", "") == .success(""), "empty: no mutation before")
    #expect(try check("latest_mutation_khatian", "১২৩৪/১") == .success("1234/1"))
    if case .failure(let f) = try check("latest_mutation_khatian", "১২ক") {
      #expect(f.message.bn.contains("খতিয়ান নম্বর") && f.message.en.contains("khatian number"))
    } else {
      Issue.record("a letter in a khatian number is refused")
    }
    #expect(try check("latest_mutation_dag", "১২,১৩/২") == .success("12, 13/2"))
    #expect(try check("decree_case_number", "দেওয়ানি ১২৩/২০২০") == .success("দেওয়ানি 123/2020"))
    #expect(try check("decree_case_number", "রায়") != .success("রায়"), "a case number has a digit")
    #expect(try check("decree_date", "01/01/2030") != .success("2030-01-01"), "a decree is not in the future")
    #expect(try check("heirs.2.name", "রহিমা ২") != .success("রহিমা ২"), "a name has no digits")
    #expect(try check("heirs.2.relation", "daughter") == .success("daughter"))
    #expect(try check("heirs.2.relation", "cousin") != .success("cousin"))
    if case .failure(let f) = try check("representative_mobile", "12345") {
      #expect(f.message.bn.contains("০১") && f.message.en.contains("01"))
    } else {
      Issue.record("a wrong mobile number is refused")
    }
    #expect(try check("representative_mobile", "০১৮১২-৩৪৫৬৭৮") == .success("01812345678"))
    // The group's own answer, the number of heirs (a staff correction types it).
    #expect(try check("heirs", "3") == .success("3"))
    #expect(try check("heirs", "31") != .success("31") && check("heirs", "0") != .success("0"))
  }

  @Test func aRefusedHeirNameStaysOnItsPageWithWhatWasTyped() {
    var s = toBranch("inheritance")
    s = drive([.answer(""), .answer(""), .answer("করিম উদ্দিন")], from: s).0
    #expect(s.screen == .question("heirs.1.name"))
    let (refused, fx) = drive([.answer("রহিমা 2")], from: s)
    #expect(refused.screen == .question("heirs.1.name") && refused.error != nil && fx.isEmpty)
    #expect(refused.typed["heirs.1.name"] == "রহিমা 2")
  }

  // MARK: the heirs, one page at a time

  @Test func twoHeirsAreAskedSavedAndListed() {
    var s = toBranch("inheritance")
    var fx: [FlowEffect] = []
    func go(_ e: FlowEvent) {
      let r = drive([e], from: s)
      s = r.0
      fx += r.1
    }
    go(.answer(""))  // no mutation khatian before
    go(.answer(""))
    go(.answer("করিম উদ্দিন"))
    #expect(s.screen == .question("heirs.1.name"), "the first heir is asked after the deceased owner")
    go(.answer("রহিমা খাতুন"))
    #expect(saved(fx)["heirs.1.name"] == "রহিমা খাতুন", "saved as it is given")
    #expect(s.screen == .question("heirs.1.relation"))
    go(.answer("daughter"))
    #expect(s.screen == .question("heirs"), "then the list: add another or done")
    #expect(s.answers["heirs"] == nil, "not done yet")
    go(.answer("add"))
    #expect(saved(fx)["heirs"] == "2", "the new heir is kept (a resume opens it)")
    #expect(s.screen == .question("heirs.2.name"))
    go(.answer("Salma Khatun"))
    go(.answer("son"))
    #expect(s.screen == .question("heirs"))
    go(.answer("done"))
    #expect(s.screen == .question("representative"))
    #expect(s.answers["heirs"] == "2")
    let expected = [
      "heirs.1.name": "রহিমা খাতুন", "heirs.1.relation": "daughter", "heirs.2.name": "Salma Khatun",
      "heirs.2.relation": "son",
    ]
    for (k, v) in expected { #expect(saved(fx)[k] == v && s.answers[k] == v, "\(k)") }
    // Check answers lists each heir's answers under its own label, and the number of heirs.
    let rows = namjari.activeQuestions(s.answers)
    #expect(
      rows.filter { $0.position != nil }.map(\.label.bn) == [
        "১ নম্বর ওয়ারিশের নাম", "১ নম্বর ওয়ারিশ মৃত মালিকের কে?", "২ নম্বর ওয়ারিশের নাম", "২ নম্বর ওয়ারিশ মৃত মালিকের কে?",
      ])
    #expect(rows.first { $0.id == "heirs.2.relation" }?.shown("son", .bn) == "ছেলে")
    // A resume with these answers starts where the citizen stopped, with both heirs.
    let resumed = drive([.resumed(id: 9, code: ResumeCode.generate(), serviceID: "namjari", answers: s.answers)]).0
    #expect(resumed.screen == .question("representative"))
  }

  @Test func backFromAnHeirJustAddedTakesItBack() {
    var s = toBranch("inheritance")
    s = drive([.answer(""), .answer(""), .answer("করিম উদ্দিন"), .answer("রহিমা খাতুন"), .answer("wife")], from: s).0
    s = drive([.answer("add")], from: s).0
    #expect(s.screen == .question("heirs.2.name"))
    let (back, fx) = drive([.back], from: s)
    #expect(back.screen == .question("heirs"), "back on the list")
    #expect(back.answers["heirs"] == nil && dropped(fx) == ["heirs"], "the heir is not added after all")
    #expect(namjari.itemCount(namjari.questions.first { $0.id == "heirs" }!, back.answers) == 1)
    // Back from an heir with an answer is an ordinary Back (nothing is taken away).
    s = drive([.answer("add"), .answer("সালমা খাতুন")], from: back).0
    let (back2, fx2) = drive([.back, .back], from: s)
    #expect(back2.screen == .question("heirs.1.relation") && fx2.isEmpty)
    #expect(back2.answers["heirs.2.name"] == "সালমা খাতুন")
  }

  @Test func removingAnHeirMovesTheOthersUp() {
    var s = toBranch("inheritance")
    s = drive([.answer(""), .answer(""), .answer("করিম উদ্দিন")], from: s).0
    for (name, relation) in [("রহিমা খাতুন", "wife"), ("সালমা খাতুন", "daughter"), ("করিম মিয়া", "son")] {
      s = drive([.answer(name), .answer(relation)], from: s).0
      if name != "করিম মিয়া" { s = drive([.answer("add")], from: s).0 }
    }
    #expect(s.screen == .question("heirs") && s.answers["heirs"] == "3")
    let (after, fx) = drive([.removeItem(2)], from: s)
    #expect(after.screen == .question("heirs"))
    #expect(after.answers["heirs"] == "2")
    #expect(after.answers["heirs.2.name"] == "করিম মিয়া" && after.answers["heirs.2.relation"] == "son")
    #expect(after.answers["heirs.3.name"] == nil && after.answers["heirs.1.name"] == "রহিমা খাতুন")
    #expect(saved(fx) == ["heirs.2.name": "করিম মিয়া", "heirs.2.relation": "son", "heirs": "2"])
    #expect(dropped(fx) == ["heirs.3.name", "heirs.3.relation"])
    // The last one cannot be removed: an inheritance has an heir.
    let one = drive([.removeItem(1), .removeItem(1)], from: after).0
    #expect(one.answers["heirs.1.name"] == "করিম মিয়া" && one.answers["heirs"] == "1")
    #expect(drive([.removeItem(1)], from: one).1.isEmpty)
  }

  @Test func noMoreHeirsThanTheGroupTakes() throws {
    var s = toBranch("inheritance")
    s = drive([.answer(""), .answer(""), .answer("করিম উদ্দিন")], from: s).0
    let g = try #require(namjari.questions.first { $0.id == "heirs" }?.group)
    for i in 1...g.maxItems {
      s = drive([.answer("রহিমা খাতুন"), .answer("daughter"), .answer(i < g.maxItems ? "add" : "done")], from: s).0
    }
    #expect(s.screen == .question("representative") && s.answers["heirs"] == String(g.maxItems))
    s.screen = .question("heirs")
    let (refused, fx) = drive([.answer("add")], from: s)
    #expect(refused.screen == .question("heirs") && fx.isEmpty)
    #expect(refused.error?.message.en.contains("At most \(g.maxItems)") == true)
  }

  @Test func anHeirAddedFromCheckAnswersReturnsToTheList() {
    var s = toBranch("inheritance")
    s = driver.answerAll(s, driver.answers(for: namjari, choosing: ["acquisition_type": "inheritance"])).0
    #expect(s.screen == .check)
    s = drive([.change("heirs")], from: s).0
    #expect(s.screen == .question("heirs") && s.returnToCheck)
    s = drive([.answer("add"), .answer("সালমা খাতুন"), .answer("sister")], from: s).0
    #expect(s.screen == .question("heirs"), "the list again: another, or done")
    s = drive([.answer("done")], from: s).0
    #expect(s.screen == .check && s.answers["heirs"] == "2")
    // A change of one heir's name returns to check answers.
    s = drive([.change("heirs.1.name"), .answer("রহিমা বেগম")], from: s).0
    #expect(s.screen == .check && s.answers["heirs.1.name"] == "রহিমা বেগম")
  }

  // MARK: a branch left

  @Test func theHeirsAreDroppedWhenTheBranchIsLeft() {
    var s = toBranch("inheritance")
    s = drive([.answer(""), .answer(""), .answer("করিম উদ্দিন")], from: s).0
    s =
      drive([.answer("রহিমা খাতুন"), .answer("wife"), .answer("add"), .answer("সালমা খাতুন"), .answer("daughter")], from: s).0
    s = drive([.answer("done"), .answer("no"), .answer("yes"), .answer("12")], from: s).0
    #expect(s.screen == .check)
    s = drive([.change("acquisition_type")], from: s).0
    let (after, fx) = drive([.answer("decree")], from: s)
    #expect(
      dropped(fx) == [
        "deceased_owner_name", "heirs", "heirs.1.name", "heirs.1.relation", "heirs.2.name", "heirs.2.relation",
      ])
    #expect(!after.answers.keys.contains { $0.hasPrefix("heirs") || $0 == "deceased_owner_name" })
    #expect(after.screen == .question("decree_court"), "the decree's questions next")
    let decree = drive([.answer("সহকারী জজ আদালত, সাভার"), .answer("১২৩/২০২০"), .answer("02/05/2021")], from: after).0
    #expect(decree.screen == .check)
    #expect(decree.answers["decree_case_number"] == "123/2020" && decree.answers["decree_date"] == "2021-05-02")
  }

  // MARK: the representative and the hearing

  @Test func aRepresentativeIsAskedOnlyWhenThereIsOne() {
    var s = toBranch("purchase")
    s = drive([.answer("77"), .answer("12"), .answer("5567"), .answer("02/05/2024"), .answer("করিম উদ্দিন")], from: s).0
    #expect(s.screen == .question("representative"))
    let none = drive([.answer("no")], from: s).0
    #expect(none.screen == .question("online_hearing"))
    var yes = drive([.answer("yes")], from: s).0
    #expect(yes.screen == .question("representative_name"))
    yes = drive([.answer("আব্দুল করিম"), .answer("lawyer"), .answer("01812345678")], from: yes).0
    #expect(yes.screen == .question("online_hearing"))
    #expect(yes.answers["representative_relation"] == "lawyer" && yes.answers["representative_mobile"] == "01812345678")
    #expect(namjari.documents(for: yes.answers).contains { $0.en.contains("representative") })
    #expect(!namjari.documents(for: none.answers).contains { $0.en.contains("representative") })
    // No representative after all: the representative's answers are dropped.
    var changed = drive([.answer("no"), .answer("25")], from: yes).0
    changed = drive([.change("representative")], from: changed).0
    let (after, fx) = drive([.answer("no")], from: changed)
    #expect(dropped(fx) == ["representative_mobile", "representative_name", "representative_relation"])
    #expect(after.screen == .check)
  }

  @Test func theStepsBeforeTheHearingFollowTheOnlineHearingChoice() throws {
    let online = try #require(namjari.nextSteps(for: ["online_hearing": "yes"]))
    let office = try #require(namjari.nextSteps(for: ["online_hearing": "no"]))
    #expect(online.heading.bn.contains("খসড়া খতিয়ান") && online.heading.en.contains("draft khatian"))
    for steps in [online, office] {
      #expect(steps.items.contains { $0.en.contains("citizen corner") && $0.bn.contains("নাগরিক কর্নার") })
      #expect(steps.items.contains { $0.en.contains("tell the AC (Land) at the hearing") })
    }
    #expect(online.items.contains { $0.en.contains("link comes to the application's mobile number") })
    #expect(!office.items.contains { $0.en.contains("link comes") })
    #expect(office.items.contains { $0.en.contains("oh.lams.gov.bd") })
    #expect(catalogue.service("dakhila-print")?.nextSteps(for: [:]) == nil)
  }

  // MARK: the file's rules for groups

  func problems(_ questions: String, extra: String = "") throws -> [String] {
    let json = """
      {
        "id": "test", "order": 1, "icon": "x", "name": {"bn": "ক", "en": "a"}, "summary": {"bn": "ক", "en": "a"},
        "centre_fee": {"A": 1, "B": 2, "C": 3, "source": "s"}, "tracking": {"bn": "ক", "en": "a"}, "documents": [],
        \(extra)
        "questions": [
      \(questions)
        ]
      }
      """
    do {
      return try Catalogue.parseService(json, file: "x.json").1.map(\.message)
    } catch {
      return [error.message]
    }
  }

  static let group = """
    "item": {"bn": "{n} নম্বর", "en": "No. {n}"}, "count": {"bn": "{n} জন", "en": "{n}"},
    "add": {"bn": "যোগ", "en": "Add"}, "done": {"bn": "শেষ", "en": "Done"}, "max_items": 5
    """

  @Test func aGroupIsCheckedLikeEveryQuestion() throws {
    let good = """
      {"id": "g", "type": "group", "label": {"bn": "ক", "en": "a"}, \(Self.group),
       "questions": [{"id": "name", "type": "name", "label": {"bn": "{n} নাম", "en": "Name {n}"}}]}
      """
    let goodProblems = try problems(good)
    #expect(goodProblems.isEmpty, "\(goodProblems)")
    let unnumbered = good.replacingOccurrences(of: "Name {n}", with: "Name")
    #expect(try problems(unnumbered).contains { $0.contains("says {n}") })
    let nested = """
      {"id": "g", "type": "group", "label": {"bn": "ক", "en": "a"}, \(Self.group),
       "questions": [{"id": "h", "type": "group", "label": {"bn": "{n}", "en": "{n}"}, \(Self.group),
         "questions": [{"id": "n", "type": "name", "label": {"bn": "{n}", "en": "{n}"}}]}]}
      """
    #expect(try problems(nested).contains { $0.contains("cannot hold another group") })
    let conditional = good.replacingOccurrences(
      of: "\"Name {n}\"}", with: "\"Name {n}\"}, \"when\": {\"question\": \"x\", \"in\": [\"y\"]}")
    #expect(try problems(conditional).contains { $0.contains("no \"when\"") })
    let empty = """
      {"id": "g", "type": "group", "label": {"bn": "ক", "en": "a"}, \(Self.group), "questions": []}
      """
    #expect(try problems(empty).contains { $0.contains("needs questions") })
    let noWords = """
      {"id": "g", "type": "group", "label": {"bn": "ক", "en": "a"},
       "questions": [{"id": "name", "type": "name", "label": {"bn": "{n} নাম", "en": "Name {n}"}}]}
      """
    let missing = try problems(noWords)
    for key in ["item", "count", "add", "done", "max_items"] {
      #expect(missing.contains { $0.contains("missing \"\(key)\"") }, "\(key): \(missing)")
    }
    #expect(
      try problems(#"{"id": "a.b", "type": "text", "label": {"bn": "ক", "en": "a"}}"#).contains {
        $0.contains("must not contain")
      })
    let yesno = """
      {"id": "r", "type": "yesno", "label": {"bn": "ক", "en": "a"}},
      {"id": "n", "type": "name", "label": {"bn": "ক", "en": "a"}, "when": {"question": "r", "in": ["maybe"]}}
      """
    #expect(try problems(yesno).contains { $0.contains("\"maybe\"") }, "a yes/no offers yes and no")
    let steps = """
      "next_steps": {"heading": {"bn": "ক", "en": "a"}, "items": [
        {"text": {"bn": "ক", "en": "a"}, "when": {"question": "nowhere", "in": ["yes"]}}]},
      """
    let r = #"{"id": "r", "type": "yesno", "label": {"bn": "ক", "en": "a"}}"#
    #expect(try problems(r, extra: steps).contains { $0.contains("\"nowhere\"") })
    #expect(try problems(r, extra: steps.replacingOccurrences(of: "nowhere", with: "r")).isEmpty)
  }
}
