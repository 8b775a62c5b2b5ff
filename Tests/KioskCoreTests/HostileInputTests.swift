import Foundation
import KioskTesting
import PropertyBased
import Testing

@testable import KioskCore

/// Issue 21: text that looks like digits but is not (a digit with a mark joined to it, digits of
/// other scripts), and inputs far larger than a person types. Nothing may trap; a refusal speaks
/// both languages.
@Suite struct HostileInputTests {
  let today = CivilDate(year: 2026, month: 11, day: 22)!

  /// A digit and a combining mark are one Character; Swift's `"0"..."9"` range admits it.
  static let marked = ["1\u{0301}", "1\u{FE0F}\u{20E3}", "৫\u{0301}", "7\u{20DD}", "0\u{0332}", "2\u{FE0F}"]
  /// Decimal digits of other scripts: Devanagari, Arabic-Indic, Extended Arabic-Indic, full width,
  /// mathematical bold, Odia.
  static let otherScript = ["१२३", "١٢٣", "۱۲۳", "１２３", "𝟏𝟐𝟑", "୧୨୩"]

  @Test func aDigitWithAMarkIsNotADigit() {
    for m in Self.marked { #expect(!Character(m).isASCIIDigit, "\(m.unicodeScalars.map(\.value))") }
    #expect(Character("7").isASCIIDigit)
  }

  @Test func markedDigitsFromTheIssueAreRefusedInWords() throws {
    let nid = Validators.nid("1\u{FE0F}\u{20E3}9851234567890123")
    guard case .failure(let f) = nid else {
      Issue.record("a NID with a keycap mark must be refused, got \(nid)")
      return
    }
    #expect(f.message.en.contains("mark"), "\(f.message.en)")
    #expect(f.message.bn.contains("চিহ্ন"), "\(f.message.bn)")
    #expect(ResumeCode(typed: "1\u{0301}12345678901234") == nil)
    guard case .failure(let c) = ResumeCode.check("1\u{0301}12345678901234") else {
      Issue.record("a marked resume code must be refused")
      return
    }
    #expect(c.message.en.contains("mark"))
  }

  @Test func everyDigitValidatorRefusesMarksAndOtherScripts() throws {
    for m in Self.marked {
      let inputs = [
        "\(m)712345678", "0\(m)712345678", "19851234567890\(m)23", "2\(m)/03/1985", "1985-0\(m)-21",
        "\(m)2", "12\(m)/1", "\(m)2.5",
      ]
      for text in inputs {
        for (name, result) in Self.digitResults(text, today: today) {
          guard case .failure(let f) = result else {
            Issue.record("\(name) accepted \(text.unicodeScalars.map { String($0.value, radix: 16) })")
            continue
          }
          #expect(!f.message.bn.isEmpty && !f.message.en.isEmpty)
        }
      }
    }
    for digits in Self.otherScript {
      for (name, result) in Self.digitResults(digits, today: today) {
        guard case .failure(let f) = result else {
          Issue.record("\(name) accepted other-script digits \(digits)")
          continue
        }
        #expect(f.message.en.contains("0–9") || f.message.en.contains("digits"), "\(name): \(f.message.en)")
      }
    }
    let code = ResumeCode.generate()
    #expect(try ResumeCode.check(BengaliDigits.toBengali(code.grouped)).get() == code, "Bengali digits are digits")
  }

  static func digitResults(_ text: String, today: CivilDate) -> [(String, Result<String, ValidationFailure>)] {
    [
      ("nid", Validators.nid(text)), ("mobile", Validators.mobile(text)),
      ("date", Validators.date(text, today: today, pastOnly: false).map(\.iso)),
      ("count", Validators.count(text, range: 1...9999).map(String.init)), ("khatian", Validators.khatian(text)),
      ("jl", Validators.jl(text)), ("dags", Validators.dags(text)), ("land", Validators.landAmount(text)),
      ("code", ResumeCode.check(text).map(\.digits)),
    ]
  }

  /// Every validator and the config parser over text built from the pieces that broke things:
  /// marks, keycaps, other scripts' digits, NULs, CR, LF, RTL marks, emoji, huge runs.
  @Test func everyValidatorAndTheConfigParserSurviveHostileText() async {
    let pieces: [String] =
      Self.marked + Self.otherScript + [
        "0", "1", "9", "০", "৯", " ", "-", "/", ".", ",", "+", "\u{0}", "\r", "\n", "\r\n", "\u{200F}", "\u{200D}",
        "\u{FEFF}", "🙂", "ক", "া", "্", "=", "#", "[", "]", "a", "\u{0301}", "\u{20E3}", "99999999999999999999",
        "[centre]", "area_class", "id", "receipt_prefix",
      ]
    let questions = QuestionType.allCases.map {
      Question(
        id: "q", type: $0, label: BilingualText(bn: "প্রশ্ন", en: "question"), hint: nil, required: true,
        options: [ChoiceOption(value: "a", label: BilingualText(bn: "ক", en: "a"))], when: nil, pastOnly: true, line: 1)
    }
    await propertyCheck(
      count: 1500,
      input: Gen.int(in: 0...(pieces.count - 1)).array(of: 0...40).map { (ix: [Int]) -> String in
        ix.map { pieces[$0] }.joined()
      }
    ) { (text: String) in
      for (_, r) in Self.digitResults(text, today: today) {
        if case .failure(let f) = r { #expect(!f.message.bn.isEmpty && !f.message.en.isEmpty) }
        if case .success(let v) = r { #expect(v.unicodeScalars.allSatisfy { $0.isASCII }, "\(v)") }
      }
      _ = Validators.personName(text)
      for q in questions { _ = Validators.validate(q, text, answers: ["date_of_birth": text], today: today) }
      do {
        _ = try KioskConfig.embeddedDefault.overlaid(text: text, file: "fuzz.conf")
      } catch let error as SourceErrors {
        #expect(error.errors.allSatisfy { $0.file == "fuzz.conf" && $0.line >= 0 })
      }
      _ = try? JSONNode.parse(text, file: "fuzz.json")
    }
  }

  @Test func hugeInputsAreRefusedQuickly() {
    let huge = String(repeating: "1", count: 1_000_000)
    let marks = "1" + String(repeating: "\u{0301}", count: 100_000)
    for text in [huge, marks, String(repeating: "১২৩ ", count: 200_000)] {
      let started = Date()
      for (_, r) in Self.digitResults(text, today: today) {
        guard case .failure = r else {
          Issue.record("a huge input was accepted")
          continue
        }
      }
      #expect(Date().timeIntervalSince(started) < 10)
    }
  }

  @Test func storedCodesAreCheckedByteByByte() {
    for _ in 0..<500 {
      let c = ResumeCode.generate()
      #expect(ResumeCode(stored: c.digits) == c)
      #expect(ResumeCode(typed: c.digits) == c)
      var wrong = Array(c.digits)
      wrong[3] = wrong[3] == "9" ? "0" : Character(String((wrong[3].asciiDigitValue ?? 0) + 1))
      #expect(ResumeCode(stored: String(wrong)) == nil, "a changed digit fails the check")
    }
    for bad in ["", "1\u{0301}1234567890123", "১২৩৪৫৬৭৮৯০১২৩৪৫", "12345-67890-1234", "123456789012345678"] {
      #expect(ResumeCode(stored: bad) == nil)
    }
  }

  @Test func deeplyNestedJSONIsRefusedWithItsLine() {
    for open in ["[", "{\"a\":"] {
      let text = "\n\n" + String(repeating: open, count: 2_000) + "1"
      do {
        _ = try JSONNode.parse(text, file: "services/deep.json")
        Issue.record("2,000 levels must be refused")
      } catch {
        #expect(error.file == "services/deep.json")
        #expect(error.line == 3, "\(error)")
        #expect(error.message.contains("deep"), "\(error)")
      }
    }
    // Ordinary nesting is fine.
    #expect(throws: Never.self) {
      try JSONNode.parse(String(repeating: "[", count: 20) + String(repeating: "]", count: 20), file: "f")
    }
  }
}

/// The fuzzer's corpus (scripts/fuzz.sh: libFuzzer over every validator, the resume code, the
/// config parser, the JSON reader and the service-file loader) replayed: each input that once
/// reached new code must still run without trapping.
@Suite struct FuzzCorpusTests {
  @Test func theCorpusReplaysWithoutATrap() throws {
    let folder = TestPaths.repoRoot + "/Tests/Fuzz/corpus"
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    #expect(names.count >= 50, "the corpus is there (\(names.count) inputs)")
    var targets = Set<Int>()
    for name in names {
      let bytes = try #require(FileManager.default.contents(atPath: folder + "/" + name))
      if let first = bytes.first { targets.insert(Int(first) % FuzzTargets.names.count) }
      FuzzTargets.run(Array(bytes))
    }
    #expect(targets.count == FuzzTargets.names.count, "every target has inputs: \(targets.sorted())")
  }
}
