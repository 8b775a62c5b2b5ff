import Foundation
import KioskCore
import KioskTesting
import Testing

@testable import KioskPrint

/// Text of a PDF as `pdftotext` reads it (poppler-utils).
func pdfText(_ pdf: Data) throws -> String {
  let path = FileManager.default.temporaryDirectory.appendingPathComponent("bhumiseba-\(UUID().uuidString).pdf").path
  try pdf.write(to: URL(fileURLWithPath: path))
  defer { try? FileManager.default.removeItem(atPath: path) }
  return try run("/usr/bin/pdftotext", ["-layout", path, "-"])
}

func run(_ tool: String, _ args: [String], input: Data? = nil) throws -> String {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: tool)
  p.arguments = args
  let out = Pipe()
  p.standardOutput = out
  let inPipe = Pipe()
  if input != nil { p.standardInput = inPipe }
  try p.run()
  if let input {
    inPipe.fileHandleForWriting.write(input)
    try inPipe.fileHandleForWriting.close()
  }
  let data = out.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  return String(decoding: data, as: UTF8.self)
}

/// pdftotext puts spaces inside some Bengali clusters; compare without spaces.
func squeezed(_ s: String) -> String { s.filter { !$0.isWhitespace } }

func sampleSlip(name: String = "মোছাম্মৎ রহিমা খাতুন") -> AcknowledgementSlip {
  AcknowledgementSlip(
    centre: BilingualText(bn: "ভূমি ভবন, তেজগাঁও", en: "Bhumi Bhaban, Tejgaon"),
    service: BilingualText(bn: "ই-নামজারি আবেদন", en: "e-Namjari application"),
    date: CivilDate(year: 2025, month: 1, day: 26)!, code: ResumeCode(typed: "12345-67890-12347")!,
    applicantName: name,
    documents: [BilingualText(bn: "দলিল ও বায়া দলিল", en: "The deed and the chain deeds")], centreFee: 300,
    governmentFees: [
      GovernmentFee(
        id: "application", name: BilingualText(bn: "আবেদন ফি", en: "Application fee"), amount: 20, when: .filing,
        source: "")
    ], usualDays: 28)
}

@Suite struct SlipTests {
  @Test func slipTextExtractsInBothLanguages() throws {
    let text = try pdfText(Documents.acknowledgementSlip(sampleSlip()))
    #expect(text.contains("Acknowledgement slip"))
    #expect(text.contains("12345-67890-12347"))
    #expect(text.contains("১২৩৪৫-৬৭৮৯০-১২৩৪৭"))
    #expect(text.contains("26 January 2025"))
    #expect(text.contains("12 Magh 1431 BS"))
    #expect(squeezed(text).contains(squeezed("১২ই মাঘ, ১৪৩১ বঙ্গাব্দ")))
    #expect(squeezed(text).contains(squeezed("মোছাম্মৎ রহিমা খাতুন")), "\(text)")
    #expect(text.contains("Tk 300"))
    #expect(text.contains("16122"))
    #expect(squeezed(text).contains(squeezed("দলিল ও বায়া দলিল")))
  }

  /// e-Namjari's steps before the hearing, from the catalogue for the answers given: on the slip in
  /// both languages (a slip without them has no such heading).
  @Test func theStepsBeforeTheHearingArePrinted() throws {
    let namjari = try #require(try Catalogue.load(directory: TestPaths.catalogueDirectory).service("namjari"))
    var slip = sampleSlip()
    #expect(!squeezed(try pdfText(Documents.acknowledgementSlip(slip))).contains("Beforethehearing"))
    slip.nextSteps = namjari.nextSteps(for: ["online_hearing": "yes"])
    let text = squeezed(try pdfText(Documents.acknowledgementSlip(slip)))
    #expect(text.contains(squeezed("শুনানির আগে: খসড়া খতিয়ান দেখে নিন")), "\(text)")
    #expect(text.contains(squeezed("Before the hearing: check the draft khatian")))
    #expect(text.contains(squeezed("the hearing link comes to the application's mobile number")))
    #expect(text.contains(squeezed("নাগরিক কর্নারে খসড়া খতিয়ান দেখা যাবে")))
  }

  @Test func slipIsEightyMillimetresWide() throws {
    let pdf = Documents.acknowledgementSlip(sampleSlip())
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("w-\(UUID().uuidString).pdf").path
    try pdf.write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let info = try run("/usr/bin/pdfinfo", [path])
    let size = info.split(separator: "\n").first { $0.hasPrefix("Page size:") } ?? ""
    let width = Double(size.split(separator: " ").dropFirst(2).first ?? "") ?? 0
    #expect(abs(width - 80 * 72 / 25.4) < 0.5, "\(size)")
  }

  @Test func qrCodeDecodesToTheResumeCode() throws {
    let pdf = Documents.acknowledgementSlip(sampleSlip())
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("q-\(UUID().uuidString).pdf").path
    try pdf.write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let pngPath = path + ".png"
    _ = try run("/usr/bin/pdftoppm", ["-r", "200", "-png", "-singlefile", path, path])
    defer { try? FileManager.default.removeItem(atPath: pngPath) }
    let qr = try run("/usr/bin/zbarimg", ["-q", "--raw", pngPath])
    #expect(qr.trimmingCharacters(in: .whitespacesAndNewlines) == "BHUMISEBA:123456789012347")
  }
}
