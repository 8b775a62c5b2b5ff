import Foundation
import KioskTesting
import Testing

@testable import KioskCore

/// The texts come from the gettext catalogues (po/), not from the Swift source.
@Suite struct TextsTests {
  /// Runs a program and returns its exit status and what it printed (both streams).
  func run(_ program: String, _ arguments: [String]) throws -> (Int32, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: program)
    p.arguments = arguments
    p.currentDirectoryURL = URL(fileURLWithPath: TestPaths.repoRoot)
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    try p.run()
    let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return (p.terminationStatus, out)
  }

  @Test func theCompiledBengaliCatalogueAnswers() {
    #expect(Texts.problem == nil, "\(Texts.problem ?? "")")
    #expect(tr("Back").bn == "পিছনে")
    #expect(tr("Back").en == "Back")
    #expect(tr("Helpline {1}", .digits("16122")).bn.contains("১৬১২২"))
    #expect(tr("Helpline {1}", .digits("16122")).en.contains("16122"))
  }

  /// A third language is added by adding its catalogue: compiled into `locale/`, it is found at
  /// start, named in itself on the switch, and every text of the kiosk's own is looked up in it
  /// (values filled, Latin digits; a text it lacks, and the catalogue's service texts, in English).
  @Test func aThirdLanguageIsACatalogueAdded() throws {
    let share = NSTemporaryDirectory() + "bhumiseba-texts-\(UUID().uuidString)"
    defer {
      try? FileManager.default.removeItem(atPath: share)
      Texts.prepare()
    }
    let folder = share + "/locale/zz/LC_MESSAGES"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: share + "/locale/bn", withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: share + "/locale/bn/LC_MESSAGES", withDestinationPath: TestPaths.repoRoot + "/locale/bn/LC_MESSAGES")
    let po = """
      msgid ""
      msgstr ""
      "Language: zz\\n"
      "Content-Type: text/plain; charset=UTF-8\\n"

      msgctxt "endonym"
      msgid "English"
      msgstr "Zedish"

      msgid "Back"
      msgstr "Zback"

      msgid "Helpline {1}"
      msgstr "Zhelp {1}"

      """
    try po.write(toFile: share + "/zz.po", atomically: true, encoding: .utf8)
    let (status, out) = try run("/usr/bin/msgfmt", ["--check", "-o", folder + "/bhumiseba-zz.mo", share + "/zz.po"])
    #expect(status == 0, "\(out)")

    #expect(Texts.prepare(share: share) == nil)
    let zz = try #require(Language(rawValue: "zz"))
    #expect(Language.allCases == [.bn, .en, zz])
    #expect(zz.endonym == "Zedish")
    #expect(Language.bn.endonym == "বাংলা")
    #expect(tr("Back")[zz] == "Zback")
    #expect(tr("Back")[.bn] == "পিছনে")
    #expect(tr("Helpline {1}", .digits("১৬১২২"))[zz] == "Zhelp 16122")
    #expect(tr("High contrast")[zz] == "High contrast")
    #expect(BilingualText(bn: "খারিজ", en: "Mutation")[zz] == "Mutation")

    // Without its catalogue the language is not offered.
    try FileManager.default.removeItem(atPath: folder + "/bhumiseba-zz.mo")
    #expect(Texts.prepare(share: share) == nil)
    #expect(Language.allCases == [.bn, .en])
  }

  @Test func aValueIsFilledInOnce() {
    // A value that itself holds "{2}" is not filled again; an unknown msgid stays English.
    let t = tr("{1} and {2}", .same("{2}"), .same("x"))
    #expect(t.en == "{2} and x")
    #expect(t.bn == "{2} and x")
  }

  /// Every `tr("…")` of the source has a translation in po/bn.po and in every other catalogue
  /// po/LINGUAS lists: xgettext finds the msgids (the Swift source read as C, keywords tr and
  /// trc), msgcmp finds any that a catalogue lacks, and msgattrib any left untranslated or fuzzy.
  @Test func everyTextOfTheSourceIsInEveryCatalogue() throws {
    let dir = try scratchDirectory("texts")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var files: [String] = []
    let e = FileManager.default.enumerator(atPath: TestPaths.repoRoot + "/Sources")
    while let f = e?.nextObject() as? String { if f.hasSuffix(".swift") { files.append("Sources/" + f) } }
    let (x, xout) = try run(
      "/usr/bin/xgettext",
      ["-L", "C", "--from-code=UTF-8", "-k", "-ktr", "-ktrc:1c,2", "-o", dir + "/bhumiseba.pot"] + files.sorted())
    #expect(x == 0, "\(xout)")
    let linguas = try String(contentsOfFile: TestPaths.repoRoot + "/po/LINGUAS", encoding: .utf8)
    let languages = linguas.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    #expect(languages.first == "bn", "po/LINGUAS lists Bengali first")
    for language in languages {
      let po = "po/\(language).po"
      let (c, cout) = try run("/usr/bin/msgcmp", [po, dir + "/bhumiseba.pot"])
      #expect(c == 0, "\(po) lacks texts of the source:\n\(cout)")
      let (u, uout) = try run("/usr/bin/msgattrib", ["--untranslated", "--no-obsolete", po])
      #expect(u == 0 && !uout.contains("msgid"), "untranslated entries in \(po):\n\(uout)")
      let (f, fout) = try run("/usr/bin/msgattrib", ["--only-fuzzy", po])
      #expect(f == 0 && !fout.contains("msgid"), "fuzzy entries in \(po):\n\(fout)")
    }
  }

  /// No Bengali words are written in the Swift source: they are in po/bn.po. Kept out of the
  /// catalogue by design: Bengali digits, amounts in words and calendars (no library does them
  /// right), the keyboards' letters, place names and their spellings, the language's own name,
  /// the token letters, and the sample answers of the tour and the benchmark.
  @Test func noBengaliWordsInTheSwiftSource() throws {
    let allowed = [
      "KioskCore/Language.swift", "KioskCore/BanglaDate.swift", "KioskCore/CivilDate.swift",
      "KioskCore/AmountInWords.swift", "KioskCore/PlaceSearch.swift", "KioskCore/Places.swift",
      "KioskCore/FuzzTargets.swift", "KioskCore/Config.swift", "KioskCore/Catalogue.swift",
      "KioskUI/Keyboard.swift", "KioskUI/Tour.swift", "KioskUI/JourneyBench.swift",
      "KioskUI/Pages/PageParts.swift", "kioskctl/KioskCtl.swift", "kioskctl/Staff.swift",
      "KioskCore/Speakable.swift",
    ]
    var found: [String] = []
    let root = TestPaths.repoRoot + "/Sources/"
    let e = FileManager.default.enumerator(atPath: root)
    while let f = e?.nextObject() as? String {
      guard f.hasSuffix(".swift"), !allowed.contains(f) else { continue }
      let text = try String(contentsOfFile: root + f, encoding: .utf8)
      for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let code = (line.components(separatedBy: "//").first ?? "").components(separatedBy: "-- ").first ?? ""
        if code.contains("রহিমা খাতুন") { continue }  // a sample citizen's name (benchmarks' seed)
        // Bengali digits (০–৯) and the taka sign (৳) are symbols, not words.
        let word = { (s: Unicode.Scalar) in
          (0x0980...0x09FF).contains(s.value) && !(0x09E6...0x09EF).contains(s.value) && s.value != 0x09F3
        }
        if code.unicodeScalars.contains(where: word) {
          found.append("Sources/\(f):\(n + 1): \(line.trimmingCharacters(in: .whitespaces))")
        }
      }
    }
    #expect(found.isEmpty, "Bengali words in Swift (move them to po/bn.po):\n\(found.joined(separator: "\n"))")
  }
}
