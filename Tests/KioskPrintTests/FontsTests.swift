import Foundation
import XCTest

@testable import KioskPrint

/// The kiosk draws with three font families only (KioskFonts); nothing it can show may fall
/// outside them, or a citizen would see a box instead of a letter.
final class FontsTests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

  /// Every file under `folder` whose name ends with one of `suffixes`.
  func files(_ folder: String, _ suffixes: [String]) -> [String] {
    let base = Self.root + "/" + folder
    let names = FileManager.default.enumerator(atPath: base)?.compactMap { $0 as? String } ?? []
    return names.filter { n in suffixes.contains { n.hasSuffix($0) } }.sorted().map { base + "/" + $0 }
  }

  /// The string literals of a Swift file (what can reach a screen or a paper), not its comments.
  func literals(_ path: String) throws -> [String] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let pattern = try NSRegularExpression(pattern: #""(?:[^"\\\n]|\\.)*""#)
    var found: [String] = []
    for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
      let s = String(line)
      for m in pattern.matches(in: s, range: NSRange(s.startIndex..., in: s)) {
        found.append((s as NSString).substring(with: m.range))
      }
    }
    return found
  }

  func testEveryTextOfCatalogueScreensAndDocumentsHasAGlyph() throws {
    var texts: [String] = []
    let data =
      files("assets/catalogue", [".toml", ".json", ".yaml", ".txt", ".csv"]) + files("assets/places", [".csv"])
    XCTAssertGreaterThan(data.count, 4, "catalogue and places found")
    for f in data { texts.append(try String(contentsOfFile: f, encoding: .utf8)) }
    let sources = ["KioskUI", "KioskCore", "KioskPrint", "KioskStaff", "BhumisebaKiosk"].flatMap {
      files("Sources/" + $0, [".swift"])
    }
    XCTAssertGreaterThan(sources.count, 10)
    for f in sources { texts += try literals(f) }
    texts.append("●")  // GTK's dots in a hidden PIN field
    let joined = texts.joined()
    XCTAssertTrue(joined.contains("ভূমি"), "Bengali text was read")
    let missing = try XCTUnwrap(KioskFonts.uncovered(texts), "fonts-noto-core and fonts-dejavu-core are installed")
    XCTAssertEqual(
      missing.map { String(format: "U+%04X", $0.unicodeScalars.first!.value) }, [],
      "characters no kiosk font can draw: \(String(missing))")
  }

  func testTheNarrowedSetIsSmallAndHasBothWeights() throws {
    XCTAssertNotNil(KioskFonts.uncovered(["ক"]))
    // A character from a script the kiosk never shows is not covered: the narrowing is real.
    let strange = try XCTUnwrap(KioskFonts.uncovered(["ক", "A", "অ", "৳", "日"]))
    XCTAssertEqual(strange.map { String($0) }, ["日"])
    let fonts = try XCTUnwrap(KioskFonts.availableFonts())
    XCTAssertGreaterThanOrEqual(fonts, 4, "regular and bold of Noto Sans Bengali and Noto Sans")
    XCTAssertLessThan(fonts, 40)
  }

  func testTheKioskWritesItsFontConfigurationOnceAndLeavesAnAdministratorsAlone() throws {
    XCTAssertEqual(
      KioskFonts.narrowAtStart(environment: ["FONTCONFIG_FILE": "/etc/fonts/fonts.conf"]), .leftToEnvironment)
    let runtime = NSTemporaryDirectory() + "fonts-\(getpid())"
    try FileManager.default.createDirectory(atPath: runtime, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: runtime) }
    let before = getenv("FONTCONFIG_FILE").map { String(cString: $0) }
    defer {
      if let before { setenv("FONTCONFIG_FILE", before, 1) } else { unsetenv("FONTCONFIG_FILE") }
    }
    XCTAssertEqual(KioskFonts.narrowAtStart(environment: ["XDG_RUNTIME_DIR": runtime]), .pending)
    let path = runtime + "/bhumiseba/fonts.conf"
    XCTAssertEqual(String(cString: getenv("FONTCONFIG_FILE")), path)
    let written = try String(contentsOfFile: path, encoding: .utf8)
    XCTAssertEqual(written, KioskFonts.configuration)
    XCTAssertTrue(written.contains("<string>Noto Sans Bengali</string>") && written.contains("hintnone"))
  }
}
