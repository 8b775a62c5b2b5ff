import Foundation

/// The kinds of answer a question takes; each has its own validator and keyboard.
public enum QuestionType: String, Sendable, CaseIterable {
  case text, name, nid, mobile, date, number, choice, place, yesno, khatian, dag, jl
  case landAmount = "land_amount"
  case pages
  /// A deed, case or lease number as the office wrote it (দলিল/মামলা/ইজারা নম্বর), e.g. ১২৩৪/২০২৩:
  /// digits first on its keyboard, with / and -, and letters a key away.
  case reference
  /// A repeatable group (the heirs of an inheritance): its questions asked once for each item, then
  /// a page that lists the items with "add another" and "done". See `QuestionGroup`.
  case group
}

/// What a `group` question repeats, and the words of its list page. Each item's answers are stored
/// under `<group>.<n>.<question>` (`heirs.2.name`: the second heir's name, n from 1), saved one page
/// at a time like every answer; the group's own answer is the number of items, kept once the citizen
/// says "done" (or adds one). The store sees plain question ids: `[questionID: String]`.
public struct QuestionGroup: Sendable, Equatable {
  /// The questions asked for each item, in order; their labels and hints say `{n}` for the item's number.
  public let questions: [Question]
  /// One item in a list, e.g. "{n} নম্বর ওয়ারিশ" / "Heir {n}".
  public let item: BilingualText
  /// The group's answer in words, e.g. "{n} জন ওয়ারিশ" / "{n} heir(s)".
  public let count: BilingualText
  /// The list page's buttons: add another item; no more items.
  public let add: BilingualText
  public let done: BilingualText
  public let maxItems: Int
}

/// Where an asked question sits in a group: `heirs.2.name` is item 2's `name` of group `heirs`.
public struct GroupPosition: Sendable, Equatable {
  public let group: String
  public let index: Int
  public let item: String

  /// The answer id of item `index`'s question `item`: `heirs.2.name`.
  public static func key(_ group: String, _ index: Int, _ item: String) -> String { "\(group).\(index).\(item)" }

  /// Reads an answer id of a group item back (nil for an ordinary question id).
  public init?(key: String) {
    let parts = key.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3, !parts[0].isEmpty, !parts[2].isEmpty, let n = Int(parts[1]), n >= 1,
      String(n) == parts[1]
    else { return nil }
    self.init(group: String(parts[0]), index: n, item: String(parts[2]))
  }

  public init(group: String, index: Int, item: String) {
    self.group = group
    self.index = index
    self.item = item
  }

  public var key: String { Self.key(group, index, item) }
}

extension BilingualText {
  /// `{n}` replaced by a number, in each language's digits.
  public func numbered(_ n: Int) -> BilingualText {
    BilingualText(
      bn: bn.replacingOccurrences(of: "{n}", with: BengaliDigits.toBengali(String(n))),
      en: en.replacingOccurrences(of: "{n}", with: String(n)))
  }
}

/// Shows a question (or a document) only when an earlier answer is one of `values`.
public struct Condition: Sendable, Equatable {
  public let question: String
  public let values: [String]
  public func holds(_ answers: [String: String]) -> Bool {
    guard let a = answers[question] else { return false }
    return values.contains(a)
  }
}

public struct ChoiceOption: Sendable, Equatable {
  public let value: String
  public let label: BilingualText
  public init(value: String, label: BilingualText) {
    self.value = value
    self.label = label
  }
}

/// One question of a service's form, asked one per page.
public struct Question: Sendable, Equatable {
  public let id: String
  public let type: QuestionType
  public let label: BilingualText
  public let hint: BilingualText?
  public let required: Bool
  public let options: [ChoiceOption]
  public let when: Condition?
  /// For date questions: the date must not be in the future (a birth date).
  public let pastOnly: Bool
  public let line: Int
  /// For a `group` question: what it repeats.
  public var group: QuestionGroup? = nil
  /// For a question asked for one item of a group: which item (its `id` is then the answer id).
  public var position: GroupPosition? = nil

  /// This group question's item `index`, asked: its answer id, its texts numbered, the group's condition.
  func asked(in group: Question, index: Int) -> Question {
    var q = Question(
      id: GroupPosition.key(group.id, index, id), type: type, label: label.numbered(index),
      hint: hint?.numbered(index), required: required, options: options, when: group.when, pastOnly: pastOnly,
      line: line)
    q.position = GroupPosition(group: group.id, index: index, item: id)
    return q
  }
}

/// The steps after the application is confirmed (before the hearing…), on the confirmation page
/// and the slip; an item with `when` only where that answer was given.
public struct NextSteps: Sendable, Equatable {
  public let heading: BilingualText
  public let items: [DocumentItem]
}

public struct DocumentItem: Sendable, Equatable {
  public let text: BilingualText
  public let when: Condition?
}

public enum FeeTiming: String, Sendable {
  case filing, afterApproval = "after-approval"
}

/// A fee paid to the government on the portal, apart from the centre's service fee.
public struct GovernmentFee: Sendable, Equatable {
  public let id: String
  public let name: BilingualText
  public let amount: Int
  public let when: FeeTiming
  public let source: String
  public init(id: String, name: BilingualText, amount: Int, when: FeeTiming, source: String) {
    self.id = id
    self.name = name
    self.amount = amount
    self.when = when
    self.source = source
  }
}

/// The centre's fee for a service under the LSFC guideline, by area class.
public struct CentreFee: Sendable, Equatable {
  public let byClass: [AreaClass: Int]
  /// Scanned pages included in the fee, and the charge for each page beyond them.
  public let freePages: Int?
  public let perExtraPage: Int?
  public let source: String
}

/// A service the kiosk helps with (সেবা), as the catalogue describes it.
public struct Service: Sendable, Equatable, Identifiable {
  public let id: String
  public let order: Int
  public let guidelineRow: Int?
  public let name: BilingualText
  public let summary: BilingualText
  public let icon: String
  public let centreFee: CentreFee?
  public let governmentFees: [GovernmentFee]
  public let usualDays: Int?
  public let tracking: BilingualText
  public let documents: [DocumentItem]
  public let questions: [Question]
  public let file: String
  public var nextSteps: NextSteps? = nil
  /// The letter of the service's group on its queue tokens (ক-০২৩): `token_letter`, one Bengali
  /// letter; services of one group share it.
  public var tokenLetter: String = "ক"

  /// The questions that apply given the answers so far, in the order they are asked: a group's
  /// questions once for each of its items (ids `heirs.1.name`, `heirs.1.relation`, `heirs.2.name`…),
  /// then the group's own page, the list with "add another" and "done".
  public func activeQuestions(_ answers: [String: String]) -> [Question] {
    var out: [Question] = []
    for q in questions where q.when?.holds(answers) ?? true {
      if let g = q.group {
        for i in 1...itemCount(q, answers) { out += g.questions.map { $0.asked(in: q, index: i) } }
      }
      out.append(q)
    }
    return out
  }

  /// How many items a group has now: its answer once given (the citizen said "done" or added one),
  /// else as many as have answers (at least one: the first is asked before the list).
  public func itemCount(_ group: Question, _ answers: [String: String]) -> Int {
    let max = group.group?.maxItems ?? 1
    if let n = answers[group.id].flatMap({ Int($0) }), n >= 1 { return min(n, max) }
    let highest = answers.keys.compactMap { GroupPosition(key: $0) }.filter { $0.group == group.id }.map(\.index).max()
    return min(Swift.max(1, highest ?? 0), max)
  }

  /// The question an answer id stands for: a question of the file, or a group item's (`heirs.2.name`).
  public func question(forKey key: String) -> Question? {
    if let q = questions.first(where: { $0.id == key }) { return q }
    guard let p = GroupPosition(key: key), let g = questions.first(where: { $0.id == p.group }), let spec = g.group,
      p.index <= spec.maxItems, let item = spec.questions.first(where: { $0.id == p.item })
    else { return nil }
    return item.asked(in: g, index: p.index)
  }

  public func documents(for answers: [String: String]) -> [BilingualText] {
    documents.filter { $0.when?.holds(answers) ?? true }.map(\.text)
  }

  /// What happens next (heading and items) for these answers, if the service says.
  public func nextSteps(for answers: [String: String]) -> (heading: BilingualText, items: [BilingualText])? {
    guard let n = nextSteps else { return nil }
    let items = n.items.filter { $0.when?.holds(answers) ?? true }.map(\.text)
    return items.isEmpty ? nil : (n.heading, items)
  }
}

/// Every service, loaded from `assets/catalogue/services/*.json` and checked as a whole.
public struct Catalogue: Sendable {
  public let services: [Service]

  public func service(_ id: String) -> Service? { services.first { $0.id == id } }

  /// The ids the ledger, exports and the CLI rely on; a catalogue without one of them is wrong.
  public static let requiredIDs = [
    "ldtax-registration", "ldtax-payment", "dakhila-print", "namjari", "namjari-dcr", "khatian-copy",
    "khas-settlement", "kabuliyat", "vested-lease", "abandoned-lease", "sairat-lease", "lease-money",
    "mouza-map", "misc-case", "legal-advice",
  ]

  public init(services: [Service]) { self.services = services.sorted { $0.order < $1.order } }

  /// Loads and checks every file of the folder; throws every problem found, each with file and line.
  public static func load(directory: String, requireAll: Bool = true) throws(SourceErrors) -> Catalogue {
    let fm = FileManager.default
    guard let names = try? fm.contentsOfDirectory(atPath: directory) else {
      throw SourceErrors([SourceError(file: directory, line: 0, "catalogue folder is missing or unreadable")])
    }
    var services: [Service] = []
    var errors: [SourceError] = []
    for name in names.sorted() where name.hasSuffix(".json") {
      let path = directory + "/" + name
      guard let data = fm.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
        errors.append(SourceError(file: path, line: 0, "unreadable or not UTF-8"))
        continue
      }
      do {
        let (service, problems) = try parseService(text, file: path)
        errors += problems
        if let service {
          if let other = services.first(where: { $0.id == service.id }) {
            errors.append(
              SourceError(file: path, line: 1, "service id \"\(service.id)\" is also used by \(other.file)"))
          } else {
            services.append(service)
          }
        }
      } catch {
        errors.append(error)
      }
    }
    if requireAll {
      for id in requiredIDs where !services.contains(where: { $0.id == id }) {
        errors.append(SourceError(file: directory, line: 0, "no service with id \"\(id)\""))
      }
    }
    if !errors.isEmpty { throw SourceErrors(errors) }
    return Catalogue(services: services)
  }

  static func parseCondition(_ r: ObjectReader) -> Condition? {
    guard let c = r.child("when", required: false) else { return nil }
    let question = c.string("question")
    let values = c.strings("in")
    r.absorb(c)
    guard let question, let values else { return nil }
    return Condition(question: question, values: values)
  }

  /// Parses one service file. Returns the service (nil when it cannot be built) and every problem.
  public static func parseService(_ text: String, file: String) throws(SourceError) -> (Service?, [SourceError]) {
    let root = try JSONNode.parse(text, file: file)
    let r = ObjectReader(root, file: file, what: "a service file")
    let id = r.string("id")
    let order = r.int("order", range: 0...999)
    // The LSFC guideline's row: the guideline grows, the catalogue is not capped at today's 14 rows.
    let row = r.int("guideline_row", required: false, range: 1...999)
    let name = r.text("name")
    let summary = r.text("summary")
    let icon = r.string("icon")
    let tokenLetter = r.string("token_letter", required: false) ?? "ক"
    if tokenLetter.count != 1 || !tokenLetter.unicodeScalars.allSatisfy({ (0x0985...0x09B9).contains($0.value) }) {
      r.fail("token_letter must be one Bengali letter (ক, খ, গ …), not '\(tokenLetter)'")
    }
    let usualDays = r.int("usual_days", required: false, range: 1...3650)
    let tracking = r.text("tracking")
    var centreFee: CentreFee?
    if let f = r.child("centre_fee", required: false) {
      var byClass: [AreaClass: Int] = [:]
      for c in AreaClass.allCases {
        if let v = f.int(c.rawValue, range: 0...100_000) {
          byClass[c] = v
        } else if !f.has(c.rawValue) {
          // `int` already reported it as missing.
        }
      }
      let free = f.int("free_pages", required: false, range: 0...1000)
      let per = f.int("per_extra_page", required: false, range: 0...1000)
      if (free == nil) != (per == nil) { f.fail("\"free_pages\" and \"per_extra_page\" go together") }
      let source = f.string("source")
      r.absorb(f)
      if byClass.count == 3, let source {
        centreFee = CentreFee(byClass: byClass, freePages: free, perExtraPage: per, source: source)
      }
    }
    var govFees: [GovernmentFee] = []
    for n in r.array("government_fees", required: false) ?? [] {
      let g = ObjectReader(n, file: file, what: "a government fee")
      let gid = g.string("id"), gname = g.text("name"), amount = g.int("amount", range: 0...10_000_000)
      let whenText = g.string("when"), source = g.string("source")
      let when = whenText.flatMap(FeeTiming.init(rawValue:))
      if whenText != nil, when == nil { g.fail("\"when\" must be \"filing\" or \"after-approval\"") }
      r.absorb(g)
      if let gid, let gname, let amount, let when, let source {
        govFees.append(GovernmentFee(id: gid, name: gname, amount: amount, when: when, source: source))
      }
    }
    var documents: [DocumentItem] = []
    for n in r.array("documents") ?? [] {
      let d = ObjectReader(n, file: file, what: "a document")
      let t = d.text("text")
      let when = parseCondition(d)
      r.absorb(d)
      if let t { documents.append(DocumentItem(text: t, when: when)) }
    }
    let questions = parseQuestions(r.array("questions") ?? [], r, file: file, inGroup: false)
    // Conditions must refer to an earlier choice question and to its values.
    for (i, q) in questions.enumerated() {
      guard let c = q.when else { continue }
      guard let target = questions[..<i].first(where: { $0.id == c.question }) else {
        r.fail(q.line, "question \"\(q.id)\" depends on \"\(c.question)\", which is not an earlier question")
        continue
      }
      let offered = target.type == .yesno ? ["yes", "no"] : target.options.map(\.value)
      for v in c.values where [.choice, .yesno].contains(target.type) && !offered.contains(v) {
        r.fail(q.line, "question \"\(q.id)\" depends on value \"\(v)\", which \"\(target.id)\" does not offer")
      }
    }
    for d in documents {
      if let c = d.when, !questions.contains(where: { $0.id == c.question }) {
        r.fail("a document depends on \"\(c.question)\", which is not a question of this service")
      }
    }
    var nextSteps: NextSteps?
    if let n = r.child("next_steps", required: false) {
      let heading = n.text("heading")
      var items: [DocumentItem] = []
      for i in n.array("items") ?? [] {
        let d = ObjectReader(i, file: file, what: "a next step")
        let t = d.text("text")
        let when = parseCondition(d)
        if let c = when, !questions.contains(where: { $0.id == c.question }) {
          d.fail("a next step depends on \"\(c.question)\", which is not a question of this service")
        }
        n.absorb(d)
        if let t { items.append(DocumentItem(text: t, when: when)) }
      }
      r.absorb(n)
      if let heading { nextSteps = NextSteps(heading: heading, items: items) }
    }
    if id != nil, id != "legal-advice", centreFee == nil, !r.has("centre_fee") {
      r.fail("missing \"centre_fee\" (every LSFC service has a fee by area class)")
    }
    let problems = r.finish()
    guard let id, let order, let name, let summary, let icon, let tracking, problems.isEmpty else {
      return (nil, problems)
    }
    return (
      Service(
        id: id, order: order, guidelineRow: row, name: name, summary: summary, icon: icon, centreFee: centreFee,
        governmentFees: govFees, usualDays: usualDays, tracking: tracking, documents: documents,
        questions: questions, file: file, nextSteps: nextSteps, tokenLetter: tokenLetter), problems
    )
  }

  /// The questions of a file (or of a group, `inGroup`), each checked; problems go to `r`.
  static func parseQuestions(_ nodes: [JSONNode], _ r: ObjectReader, file: String, inGroup: Bool) -> [Question] {
    var questions: [Question] = []
    for n in nodes {
      let q = ObjectReader(n, file: file, what: "a question")
      let qid = q.string("id")
      if let qid, qid.contains(".") {
        // Group items are stored as heirs.2.name: an id with a dot could be mistaken for one.
        q.fail("question id \"\(qid)\" must not contain \".\"")
      }
      let typeText = q.string("type")
      let type = typeText.flatMap(QuestionType.init(rawValue:))
      if typeText != nil, type == nil {
        q.fail(
          "unknown question type \"\(typeText!)\"; known: "
            + QuestionType.allCases.map(\.rawValue).joined(separator: ", "))
      }
      let label = q.text("label"), hint = q.text("hint", required: false)
      let required = q.bool("required") ?? true
      let pastOnly = q.bool("past_only") ?? false
      var options: [ChoiceOption] = []
      for o in q.array("options", required: type == .choice) ?? [] {
        let or = ObjectReader(o, file: file, what: "an option")
        if let v = or.string("value"), let l = or.text("label") { options.append(ChoiceOption(value: v, label: l)) }
        q.absorb(or)
      }
      if type == .choice, options.isEmpty { q.fail("a choice question needs options") }
      var group: QuestionGroup?
      if type == .group {
        if inGroup { q.fail("a group cannot hold another group") }
        let items = parseQuestions(q.array("questions") ?? [], q, file: file, inGroup: true)
        if items.isEmpty { q.fail("a group needs questions") }
        let item = q.text("item"), count = q.text("count"), add = q.text("add"), done = q.text("done")
        let maxItems = q.int("max_items", range: 1...100)
        for t in [item, count].compactMap({ $0 }) where !t.bn.contains("{n}") || !t.en.contains("{n}") {
          q.fail("\"item\" and \"count\" of a group say {n} (the number) in both languages")
        }
        for i in items where !i.label.bn.contains("{n}") || !i.label.en.contains("{n}") {
          q.fail(i.line, "the label of group question \"\(i.id)\" says {n} (which item) in both languages")
        }
        if let item, let count, let add, let done, let maxItems, !items.isEmpty {
          group = QuestionGroup(questions: items, item: item, count: count, add: add, done: done, maxItems: maxItems)
        }
      }
      let when = parseCondition(q)
      if inGroup, when != nil { q.fail("a question of a group is asked for every item (no \"when\")") }
      r.absorb(q)
      if let qid, let type, let label {
        if questions.contains(where: { $0.id == qid }) { r.fail(n.line, "question id \"\(qid)\" is used twice") }
        if type != .group || group != nil {
          questions.append(
            Question(
              id: qid, type: type, label: label, hint: hint, required: required, options: options, when: when,
              pastOnly: pastOnly, line: n.line, group: group))
        }
      }
    }
    return questions
  }
}

extension Question {
  /// An answer as a person reads it in `language`: a choice by its label, yes or no in words, a
  /// date in words (both calendars' month names are in CivilDate), digits in the language's script.
  /// Stored values are ids and Latin digits ("purchase", "1985-03-21"): screens and papers show this.
  public func shown(_ value: String, _ language: Language) -> String {
    switch type {
    case .choice: return options.first(where: { $0.value == value })?.label[language] ?? value
    case .yesno:
      return value == "yes"
        ? tr("Yes")[language]
        : value == "no" ? tr("No")[language] : value
    case .date: return CivilDate(iso: value)?.formatted(language) ?? BengaliDigits.localized(value, language)
    case .place:
      // A place answer stays in the script it was given in (a union's name is not translated), its
      // digits too (a ward's number, stored Latin): the same on every screen and paper, once.
      let bengali = value.unicodeScalars.contains { (0x0985...0x09B9).contains($0.value) }
      return BengaliDigits.localized(value, bengali ? .bn : .en)
    case .group:
      guard let g = group, let n = Int(value) else { return BengaliDigits.localized(value, language) }
      return g.count.numbered(n)[language]
    default: return BengaliDigits.localized(value, language)
    }
  }
}
