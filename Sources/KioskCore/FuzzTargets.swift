/// Everything that takes text from outside — every validator, the resume code, the config parser,
/// the JSON reader and the service-file loader — run on the same bytes. The libFuzzer entry
/// (`bench/fuzz/FuzzEntry.swift`, `bash scripts/fuzz.sh`) calls it with generated inputs; the tests
/// replay its corpus (`Tests/Fuzz/corpus/`) through it. The first byte picks the target, so a
/// corpus file says which part it exercises; none may trap, hang or overflow the stack.
public enum FuzzTargets {
  public static let names = [
    "every-validator", "resume-code", "config", "json", "service-file", "amount-in-words", "dates",
  ]

  public static func run(_ bytes: [UInt8]) {
    guard let first = bytes.first else { return }
    let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
    switch Int(first) % names.count {
    case 0:
      let today = CivilDate(year: 2026, month: 12, day: 2) ?? CivilDate(dayNumber: 0)
      for type in QuestionType.allCases {
        let question = Question(
          id: type == .date ? "date_of_birth" : "q", type: type, label: tr("Q"), hint: nil,
          required: true, options: [ChoiceOption(value: "a", label: tr("A"))], when: nil,
          pastOnly: type == .date, line: 1)
        _ = Validators.validate(question, text, answers: ["nid": text, "date_of_birth": text], today: today)
        _ = question.shown(text, .bn)
      }
      _ = Validators.nid(text, dateOfBirth: today)
      _ = Validators.digitProblem(text)
    case 1:
      _ = ResumeCode(typed: text)
      _ = ResumeCode.check(text)
      _ = ResumeCode.scan(in: text)
    case 2:
      _ = try? KioskConfig.embeddedDefault.overlaid(text: text, file: "fuzz.conf")
    case 3:
      _ = try? JSONNode.parse(text, file: "fuzz.json")
    case 4:
      _ = try? Catalogue.parseService(text, file: "fuzz.json")
    case 5:
      // Amounts as the ledger holds them: whole taka up to a hundred thousand crore.
      var n = 0
      for b in bytes.prefix(8) { n = n &* 256 &+ Int(b) }
      n %= 1_000_000_000_000
      if n < 0 { n = -n }
      _ = AmountInWords.taka(n, .bn)
      _ = AmountInWords.taka(n, .en)
    default:
      _ = CivilDate(iso: text)
      var n = 0
      for b in bytes.prefix(4) { n = n &* 256 &+ Int(b) }
      let day = CivilDate(dayNumber: n % 200_000)
      _ = day.formatted(.bn)
      _ = BanglaDate(day)
    }
  }
}
