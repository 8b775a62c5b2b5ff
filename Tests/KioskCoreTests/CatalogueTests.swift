import Foundation
import KioskTesting
import Testing

@testable import KioskCore

@Suite struct CatalogueTests {
  @Test func shippedCatalogueLoadsWithEveryService() throws {
    let c = try loadCatalogue()
    // The shape of every file, not a list of ids: adding a service is adding a file.
    let files = try FileManager.default.contentsOfDirectory(atPath: TestPaths.catalogueDirectory)
      .filter { $0.hasSuffix(".json") }
    #expect(Set(c.services.map { $0.id + ".json" }) == Set(files), "one service a file, named by its id")
    #expect(Set(Catalogue.requiredIDs).isSubset(of: Set(c.services.map(\.id))), "the ids the ledger relies on")
    let icons = "/usr/share/icons/Adwaita/scalable"
    let installed = (FileManager.default.enumerator(atPath: icons)?.allObjects as? [String] ?? []).map {
      ($0 as NSString).lastPathComponent
    }
    for s in c.services {
      #expect(!s.questions.isEmpty, "\(s.id) asks something")
      #expect(!s.documents.isEmpty, "\(s.id) says what to bring")
      #expect(s.centreFee != nil || s.id == "legal-advice", "\(s.id) has a fee")
      #expect(Set(s.questions.map(\.id)).count == s.questions.count, "\(s.id): question ids are unique")
      if !installed.isEmpty {
        #expect(installed.contains(s.icon + "-symbolic.svg"), "\(s.id): its icon \(s.icon) is installed with GTK")
      }
    }
  }

  /// The guideline's table (FACTS.md §3), row by row: the catalogue must say the same.
  @Test func feesMatchTheGuideline() throws {
    let c = try loadCatalogue()
    let table: [String: [Int]] = [
      "ldtax-registration": [50, 50, 50], "ldtax-payment": [20, 20, 20], "dakhila-print": [20, 20, 20],
      "namjari": [200, 250, 300], "namjari-dcr": [100, 100, 100], "khatian-copy": [100, 120, 150],
      "khas-settlement": [100, 120, 120], "kabuliyat": [80, 80, 80], "vested-lease": [100, 120, 150],
      "abandoned-lease": [100, 120, 150], "sairat-lease": [100, 120, 150], "lease-money": [100, 120, 150],
      "mouza-map": [100, 120, 150], "misc-case": [100, 120, 150],
    ]
    for (id, fees) in table {
      let s = try #require(c.service(id))
      #expect([AreaClass.a, .b, .c].map { s.centreFee?.byClass[$0] } == fees, "\(id)")
    }
    #expect(c.service("legal-advice")?.centreFee == nil)
  }

  @Test func namjariFeeEngine() throws {
    let namjari = try #require(try loadCatalogue().service("namjari"))
    let q = try FeeEngine.quote(namjari, areaClass: .c, pages: 25)
    #expect(q.centreTotal == 315, "300 + 5 × 3")
    #expect(q.centreLines.map(\.amount) == [300, 15])
    #expect(q.governmentAtFilingTotal == 70)
    #expect(q.governmentLater.map(\.amount) == [1100])
    #expect(try FeeEngine.quote(namjari, areaClass: .a, pages: 20).centreTotal == 200, "20 pages are included")
    #expect(try FeeEngine.quote(namjari, areaClass: .b, pages: 21).centreTotal == 253)
    #expect(throws: FeeError.badPageCount(-1)) { try FeeEngine.quote(namjari, areaClass: .b, pages: -1) }
  }

  @Test func namjariQuestionsBranchOnAcquisitionType() throws {
    let namjari = try #require(try loadCatalogue().service("namjari"))
    let purchase = namjari.activeQuestions(["acquisition_type": "purchase"]).map(\.id)
    let inheritance = namjari.activeQuestions(["acquisition_type": "inheritance"]).map(\.id)
    #expect(purchase.contains("deed_number") && purchase.contains("seller_name"))
    #expect(!inheritance.contains("deed_number") && inheritance.contains("deceased_owner_name"))
    #expect(namjari.documents(for: ["acquisition_type": "heba"]).contains { $0.en.contains("heba") })
  }

  func problems(_ json: String) throws -> [SourceError] {
    do {
      let (_, p) = try Catalogue.parseService(json, file: "x.json")
      return p
    } catch {
      return [error]
    }
  }

  @Test func everyMistakeIsReportedWithItsLine() throws {
    let json = """
      {
        "id": "test", "order": 1, "icon": "x",
        "name": {"bn": "পরীক্ষা"},
        "summary": {"bn": "ক", "en": "a"},
        "centre_fee": {"A": 1, "B": 2, "source": "s"},
        "tracking": {"bn": "ক", "en": "a"},
        "documents": [],
        "colour": "red",
        "questions": [
          {"id": "q1", "type": "choice", "label": {"bn": "ক", "en": "a"}, "options": []},
          {"id": "q2", "type": "telepathy", "label": {"bn": "ক", "en": "a"}},
          {"id": "q3", "type": "text", "label": {"bn": "ক", "en": "a"}, "when": {"question": "q1", "in": ["yes"]}}
        ]
      }
      """
    let p = try problems(json)
    let text = p.map(\.description).joined(separator: "\n")
    #expect(p.contains { $0.line == 3 && $0.message.contains("English") }, "\(text)")
    #expect(p.contains { $0.line == 5 && $0.message.contains("\"C\"") }, "\(text)")
    #expect(p.contains { $0.line == 8 && $0.message.contains("unknown field \"colour\"") }, "\(text)")
    #expect(p.contains { $0.line == 10 && $0.message.contains("needs options") }, "\(text)")
    #expect(p.contains { $0.line == 11 && $0.message.contains("telepathy") }, "\(text)")
    #expect(p.contains { $0.line == 12 && $0.message.contains("\"yes\"") }, "\(text)")
    #expect(p.allSatisfy { $0.file == "x.json" })
  }

  @Test func brokenJSONNamesTheLine() throws {
    let p = try problems("{\n  \"id\": \"x\",\n  \"order\": 1\n  \"icon\": \"y\"\n}")
    #expect(p.count == 1 && p[0].line == 4, "\(p)")
  }

  @Test func missingServiceFileIsReported() throws {
    let dir = try scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.copyItem(
      atPath: TestPaths.catalogueDirectory + "/namjari.json", toPath: dir + "/namjari.json")
    do {
      _ = try Catalogue.load(directory: dir)
      Issue.record("a catalogue without the other services must not load")
    } catch {
      #expect(error.errors.contains { $0.message.contains("\"mouza-map\"") })
    }
  }
}

@Suite struct ConfigTests {
  @Test func embeddedDefaultIsTheDemoCentre() {
    let c = KioskConfig.embeddedDefault
    #expect(c.areaClass == .c)
    #expect(c.openDays == [6, 0, 1, 2, 3, 4], "Saturday to Thursday")
    #expect(c.centreName.bn.contains("তেজগাঁও"))
    #expect(c.draftRetentionDays == 30)
  }

  @Test func aDesksIdIsReadAndABadOneIsRefusedWithItsLine() throws {
    #expect(KioskConfig.embeddedDefault.deskID == "", "a kiosk has no desk id")
    let c = try KioskConfig.embeddedDefault.overlaid(text: "[desk]\nid = 3\n", file: "d.conf")
    #expect(c.deskID == "3")
    do {
      _ = try KioskConfig.embeddedDefault.overlaid(text: "[desk]\n\nid = desk three!\n", file: "d.conf")
      Issue.record("a desk id with spaces and '!' must be refused")
    } catch {
      #expect(error.errors.map(\.line) == [3] && error.errors[0].message.contains("desk.id"), "\(error)")
    }
  }

  @Test func fileOverridesKeyByKey() throws {
    let c = try KioskConfig.embeddedDefault.overlaid(
      text: "[centre]\narea_class = a\n[printing]\nslip_queue = receipt80\n", file: "k.conf")
    #expect(c.areaClass == .a)
    #expect(c.slipQueue == "receipt80")
    #expect(c.centreName == KioskConfig.embeddedDefault.centreName)
  }

  /// Issue 17: the printing deadlines are the centre's settings, each held to a range.
  @Test func printingDeadlinesAreSettings() throws {
    let c = try KioskConfig.embeddedDefault.overlaid(
      text: "[printing]\njob_timeout_seconds = 30\nrequest_seconds = 4\nlongest_job_seconds = 900\n", file: "k.conf")
    #expect(c.jobTimeoutSeconds == 30 && c.printRequestSeconds == 4 && c.longestJobSeconds == 900)
    let d = KioskConfig.embeddedDefault
    #expect(d.printRequestSeconds == 10 && d.longestJobSeconds == 600)
    do {
      _ = try KioskConfig.embeddedDefault.overlaid(
        text: "[printing]\nrequest_seconds = 0\nlongest_job_seconds = a day\n", file: "k.conf")
      Issue.record("must not load")
    } catch {
      #expect(error.errors.map(\.line) == [2, 3], "\(error)")
      #expect(error.description.contains("k.conf:2: printing.request_seconds"), "\(error)")
    }
  }

  @Test func mistakesNameFileAndLine() {
    do {
      _ = try KioskConfig.embeddedDefault.overlaid(
        text: "# comment\n[centre]\narea_class = D\n[kiosk]\nidle_warning_seconds = soon\ncolour = red\n[nowhere]\n",
        file: "/etc/bhumiseba/kiosk.conf")
      Issue.record("must not load")
    } catch {
      let lines = error.errors.map(\.line)
      #expect(lines == [3, 5, 6, 7], "\(error)")
      #expect(error.description.contains("/etc/bhumiseba/kiosk.conf:3: centre.area_class must be A, B or C"))
    }
  }
}

/// Config files as administrators write them (issue 21): saved on Windows, keys repeated,
/// comments after values.
@Suite struct ConfigAsWrittenTests {
  func load(_ text: String) throws(SourceErrors) -> KioskConfig {
    try KioskConfig.embeddedDefault.overlaid(text: text, file: "/etc/bhumiseba/kiosk.conf")
  }

  @Test func crlfAndCRLineEndsAndAByteOrderMarkAreRead() throws {
    for text in [
      "# Mirpur centre\r\n[centre]\r\narea_class = A\r\nreceipt_prefix = MIRPUR1\r\n",
      "# Mirpur centre\r[centre]\rarea_class = A\rreceipt_prefix = MIRPUR1\r",
      "\u{FEFF}# Mirpur centre\n[centre]\narea_class = A\nreceipt_prefix = MIRPUR1\n",
      "\u{FEFF}[centre]\r\narea_class = A\r\nreceipt_prefix = MIRPUR1",
    ] {
      let c = try load(text)
      #expect(c.areaClass == .a, "\(text.debugDescription)")
      #expect(c.receiptPrefix == "MIRPUR1", "no CR left in the value: \(c.receiptPrefix.debugDescription)")
    }
    // Line numbers count CRLF as one line end.
    do {
      _ = try load("# a\r\n[centre]\r\narea_class = D\r\n")
      Issue.record("must not load")
    } catch {
      #expect(error.errors.map(\.line) == [3], "\(error)")
    }
  }

  @Test func aKeyGivenTwiceIsRefusedNamingBothLines() {
    do {
      _ = try load("[centre]\narea_class = A\nhours = 09:00-17:00\n[storage]\n[centre]\narea_class = B\n")
      Issue.record("a duplicate key must not load")
    } catch {
      #expect(error.errors.count == 1, "\(error)")
      let e = error.errors.first
      #expect(e?.line == 6)
      #expect(e?.message.contains("line 2") == true, "\(error)")
      #expect(error.description.contains("/etc/bhumiseba/kiosk.conf:6: centre.area_class"), "\(error)")
    }
  }

  @Test func commentsStandOnLinesOfTheirOwn() throws {
    // Whole-line comments with # or ;, indented or not.
    let c = try load("  # the centre\n[centre]\n; class C is Dhaka\n   area_class = A\n")
    #expect(c.areaClass == .a)
    // A # after a value is refused, never part of the value.
    do {
      _ = try load("[centre]\narea_class = A   # Mirpur is class C?\nname_en = Centre ;x\n")
      Issue.record("an inline comment must be refused")
    } catch {
      #expect(error.errors.map(\.line) == [2, 3], "\(error)")
      #expect(error.errors.allSatisfy { $0.message.contains("comment") }, "\(error)")
    }
    // A # inside a word is a character of the value.
    #expect(try load("[printing]\nslip_queue = roll#2\n").slipQueue == "roll#2")
  }

  @Test func theExampleFileLoads() throws {
    let text = try String(contentsOfFile: TestPaths.repoRoot + "/packaging/kiosk.conf.example", encoding: .utf8)
    let c = try load(text)
    #expect(c.receiptPrefix == "MIRPUR1")
    let crlf = try load(text.replacingOccurrences(of: "\n", with: "\r\n"))
    #expect(crlf == c)
  }
}

@Suite struct ResumeCodeTests {
  @Test func codesCheckThemselves() {
    var seen = Set<String>()
    for _ in 0..<500 {
      let c = ResumeCode.generate()
      #expect(c.digits.count == 15)
      #expect(ResumeCode(typed: c.grouped) == c)
      #expect(ResumeCode(typed: c.formatted(.bn)) == c, "Bengali digits type too")
      seen.insert(c.digits)
      // Any single mistyped digit is caught by the check digit.
      var chars = Array(c.digits)
      let i = Int.random(in: 0..<15)
      chars[i] = chars[i] == "9" ? "0" : Character(String(Int(String(chars[i]))! + 1))
      #expect(ResumeCode(typed: String(chars)) == nil)
    }
    #expect(seen.count == 500)
    #expect(ResumeCode(typed: "12345") == nil)
  }
}
