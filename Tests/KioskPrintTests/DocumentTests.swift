import CPangoCairo
import Foundation
import KioskCore
import KioskTesting
import Testing

@testable import KioskPrint

@Suite struct DocumentTests {
  @Test func receiptSaysEveryAmountAndBothDates() throws {
    for paper in [PaperSize.roll80, .a4] {
      let text = try pdfText(Documents.moneyReceipt(sampleReceipt(), paper: paper))
      let flat = squeezed(text)
      #expect(text.contains("DEMO-2026-000042"))
      #expect(flat.contains("৩০০/300") && flat.contains("১৫/15") && flat.contains("Tk315"), "\(text)")
      #expect(flat.contains(squeezed("তিনশত পনেরো টাকা মাত্র")), "\(text)")
      #expect(flat.contains(squeezed("Taka Three Hundred Fifteen only")))
      #expect(text.contains("26 January 2025"))
      #expect(flat.contains(squeezed("১২ই মাঘ, ১৪৩১ বঙ্গাব্দ")))
      #expect(flat.contains(squeezed("মোছাম্মৎ রহিমা খাতুন")))
      #expect(!text.contains("REPRINT"))
    }
    #expect(try pdfText(Documents.moneyReceipt(sampleReceipt(reprint: true), paper: .roll80)).contains("REPRINT"))
  }

  @Test func receiptQRCarriesTheVerificationString() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("r-\(UUID().uuidString).pdf").path
    try Documents.moneyReceipt(sampleReceipt(), paper: .roll80).write(to: URL(fileURLWithPath: path))
    defer {
      try? FileManager.default.removeItem(atPath: path)
      try? FileManager.default.removeItem(atPath: path + ".png")
    }
    _ = try run("/usr/bin/pdftoppm", ["-r", "250", "-png", "-singlefile", path, path])
    #expect(
      try run("/usr/bin/zbarimg", ["-q", "--raw", path + ".png"]).trimmingCharacters(in: .whitespacesAndNewlines)
        == "DEMO-2026-000042|315|a1b2c3d4")
  }

  @Test func requiredDocumentsSheetOnA4() throws {
    let sheet = RequiredDocumentsSheet(
      centre: BilingualText(bn: "ভূমি ভবন", en: "Bhumi Bhaban"), areaClass: "C",
      service: BilingualText(bn: "ই-নামজারি আবেদন", en: "e-Namjari application"),
      summary: BilingualText(bn: "জমির নামজারি", en: "Land mutation"),
      choice: BilingualText(bn: "ক্রয়", en: "Purchase"),
      documents: (1...40).map { BilingualText(bn: "কাগজ \($0)", en: "Paper \($0)") },
      centreFees: [ReceiptLine(label: BilingualText(bn: "সেবা ফি", en: "Service fee"), amount: 300)],
      governmentFees: [ReceiptLine(label: BilingualText(bn: "আবেদন ফি", en: "Application fee"), amount: 20)],
      usualDays: 28, tracking: BilingualText(bn: "১৬১২২", en: "16122"), date: CivilDate(year: 2026, month: 11, day: 22)!
    )
    let pdf = Documents.requiredDocuments(sheet)
    let handout = try Handout(pdf: pdf)
    #expect(handout.pageCount == 2, "forty documents run onto a second page")
    let text = try pdfText(pdf)
    #expect(text.contains("Paper 40") && text.contains("Tk 300") && text.contains("Page 2/2"))
    #expect(text.contains("Usually takes 28 days"))
  }

  /// Issue 19: the printed checklist shows the picture of each paper to bring beside its words
  /// (librsvg into Cairo), as the info page does: seen by drawing the PDF (pdftoppm) and finding
  /// the pictures' own green (#00654a, the NID card's band and the deed's seal), which no text has.
  @Test func theChecklistShowsThePicturesOfThePapers() throws {
    func sheet(_ folder: String?) -> RequiredDocumentsSheet {
      RequiredDocumentsSheet(
        centre: BilingualText(bn: "ভূমি ভবন", en: "Bhumi Bhaban"), areaClass: "C",
        service: BilingualText(bn: "ই-নামজারি আবেদন", en: "e-Namjari application"),
        summary: BilingualText(bn: "জমির নামজারি", en: "Land mutation"), choice: nil,
        documents: [
          BilingualText(bn: "জাতীয় পরিচয়পত্রের কপি", en: "Copy of the national ID card"),
          BilingualText(bn: "দলিলের কপি", en: "Copy of the deed"),
          BilingualText(bn: "ওয়ারিশ সনদ", en: "Succession certificate"),
        ],
        centreFees: [], governmentFees: [], usualDays: nil, tracking: BilingualText(bn: "১৬১২২", en: "16122"),
        date: CivilDate(year: 2026, month: 12, day: 5)!, pictureFolder: folder)
    }
    let share = TestPaths.repoRoot
    let pictures = DocumentPicture.allCases.map { share + "/" + $0.path }
    let unreadable = PDFCanvas.unreadableSVGs(pictures)
    #expect(unreadable.isEmpty, "\(unreadable)")
    #expect(PDFCanvas.unreadableSVGs([share + "/README.md"]).count == 1, "a file that is not SVG is named")
    if let keep = ProcessInfo.processInfo.environment["BHUMISEBA_KEEP_PDF"] {
      try Documents.requiredDocuments(sheet(share)).write(to: URL(fileURLWithPath: keep))
    }
    let with = try greenPixels(Documents.requiredDocuments(sheet(share)))
    let without = try greenPixels(Documents.requiredDocuments(sheet(nil)))
    #expect(without == 0)
    #expect(with > 60, "the NID card's and the deed's pictures are drawn (\(with) green pixels)")
    // The words are all there either way.
    let text = squeezed(try pdfText(Documents.requiredDocuments(sheet(share))))
    #expect(text.contains(squeezed("Copy of the national ID card")))
    #expect(text.contains(squeezed("Succession certificate")))
  }

  /// Pixels of the pictures' green (#00654a, give or take anti-aliasing) on the PDF's first page.
  func greenPixels(_ pdf: Data) throws -> Int {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("c-\(UUID().uuidString).pdf").path
    try pdf.write(to: URL(fileURLWithPath: path))
    defer {
      try? FileManager.default.removeItem(atPath: path)
      try? FileManager.default.removeItem(atPath: path + ".ppm")
    }
    _ = try run("/usr/bin/pdftoppm", ["-r", "60", "-f", "1", "-l", "1", "-singlefile", path, path])
    let ppm = try Data(contentsOf: URL(fileURLWithPath: path + ".ppm"))
    // P6, width, height, 255, then RGB bytes: the header is four whitespace-separated words.
    var words = 0
    var start = 0
    for (i, byte) in ppm.enumerated() where byte == 0x0A || byte == 0x20 {
      words += 1
      if words == 4 {
        start = i + 1
        break
      }
    }
    var count = 0
    var i = ppm.startIndex + start
    while i + 2 < ppm.endIndex {
      let (r, g, b) = (Int(ppm[i]), Int(ppm[i + 1]), Int(ppm[i + 2]))
      if r < 40 && (80...125).contains(g) && (50...100).contains(b) { count += 1 }
      i += 3
    }
    return count
  }

  @Test func dayEndTotalsEqualTheSumOfReceipts() throws {
    let entries: [DayEndReport.Entry] = [
      .init(number: "D-1", time: "09:10", serviceID: "namjari", operatorID: "op1", total: 315, voids: nil),
      .init(number: "D-2", time: "09:30", serviceID: "khatian-copy", operatorID: "op2", total: 150, voids: nil),
      .init(number: "D-3", time: "10:00", serviceID: "khatian-copy", operatorID: "op2", total: -150, voids: "D-2"),
      .init(number: "D-4", time: "10:01", serviceID: "khatian-copy", operatorID: "op2", total: 150, voids: nil),
    ]
    let report = DayEndReport(
      centre: BilingualText(bn: "ভূমি ভবন", en: "Bhumi Bhaban"), date: CivilDate(year: 2026, month: 11, day: 22)!,
      entries: entries, serviceNames: ["namjari": BilingualText(bn: "নামজারি", en: "Mutation")])
    #expect(report.total == 465)
    #expect(report.totals(by: \.operatorID).map(\.total) == [315, 150])
    #expect(report.totals(by: \.serviceID).first { $0.0 == "khatian-copy" }?.count == 2, "a void is not a receipt")
    let text = try pdfText(Documents.dayEnd(report))
    #expect(squeezed(text).contains("Tk465"))
    let voidLine = text.split(separator: "\n").first { $0.contains("D-3") } ?? ""
    #expect(voidLine.contains("D-2") && voidLine.contains("-150"), "\(text)")
    #expect(squeezed(text).contains(squeezed("Taka Four Hundred Sixty Five only")))
  }

  @Test func handoutPagesAreCountedAndBadFilesRefused() throws {
    #expect(try Handout(pdf: Documents.acknowledgementSlip(sampleSlip())).pageCount == 1)
    #expect(throws: Handout.Problem.self) { try Handout(pdf: Data("not a pdf".utf8)) }
  }

  @Test func bengaliShapesIntoConjunctsNotBrokenLetters() throws {
    // Pango + HarfBuzz must form the conjunct ন্দ্র and put the vowel sign ি before its consonant;
    // drawn without shaping, the hasanta (্) would show as its own glyph and the text be wider.
    let text = "চন্দ্রবিন্দু কিয়স্ক"
    let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10)
    let cr = cairo_create(surface)!
    defer {
      cairo_destroy(cr)
      cairo_surface_destroy(surface)
    }
    let layout = PDFCanvas.makeLayout(cr, text: text, size: 20, bold: false, align: .left, width: 1000)
    defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
    let line = pango_layout_get_line_readonly(layout, 0)!
    var glyphs = 0
    var run = line.pointee.runs
    while let r = run {
      let item = r.pointee.data.assumingMemoryBound(to: PangoGlyphItem.self)
      glyphs += Int(item.pointee.glyphs.pointee.num_glyphs)
      run = r.pointee.next
    }
    #expect(glyphs < text.unicodeScalars.count, "conjuncts shape into fewer glyphs than code points (\(glyphs))")
  }
}

@Suite struct PaperTests {
  @Test func anA4ReceiptIsOnePage() throws {
    #expect(try Handout(pdf: Documents.moneyReceipt(sampleReceipt(), paper: .a4)).pageCount == 1)
  }
}
