import Foundation
import Testing

@testable import KioskCore

/// The installed kiosk's settings: kiosk.conf with its kiosk.conf.d drop-ins, and [screen].
@Suite struct InstalledConfigTests {
  func folder() throws -> String {
    let dir = NSTemporaryDirectory() + "bhumiseba-conf-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir + "/kiosk.conf.d", withIntermediateDirectories: true)
    return dir
  }

  @Test func dropInsAreReadInNameOrderAndWin() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try "[centre]\narea_class = A\nhours = 09:00-17:00\n".write(
      toFile: dir + "/kiosk.conf", atomically: true, encoding: .utf8)
    try "[centre]\narea_class = B\n".write(toFile: dir + "/kiosk.conf.d/20-b.conf", atomically: true, encoding: .utf8)
    try "[centre]\narea_class = C\nhours = 10:00-16:00\n".write(
      toFile: dir + "/kiosk.conf.d/10-c.conf", atomically: true, encoding: .utf8)
    // Not read: not *.conf.
    try "[centre]\narea_class = Z\n".write(toFile: dir + "/kiosk.conf.d/README", atomically: true, encoding: .utf8)
    try "[centre]\narea_class = Z\n".write(
      toFile: dir + "/kiosk.conf.d/30-x.conf.dpkg-old", atomically: true, encoding: .utf8)
    let setup = try KioskSetup.load(configPath: dir + "/kiosk.conf", environment: [:])
    #expect(setup.config.areaClass == .b)
    #expect(setup.config.hours == "10:00-16:00")
    #expect(
      setup.config.sources.suffix(3) == [
        dir + "/kiosk.conf", dir + "/kiosk.conf.d/10-c.conf", dir + "/kiosk.conf.d/20-b.conf",
      ])
  }

  @Test func aMistakeInADropInNamesItsFileAndLine() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try "[storage]\ndata_dir = /tmp\n".write(toFile: dir + "/kiosk.conf", atomically: true, encoding: .utf8)
    try "# printers\n[screen]\nrotation = 45\n".write(
      toFile: dir + "/kiosk.conf.d/50-screen.conf", atomically: true, encoding: .utf8)
    #expect {
      try KioskSetup.load(configPath: dir + "/kiosk.conf", environment: [:])
    } throws: { error in
      "\(error)".contains(dir + "/kiosk.conf.d/50-screen.conf:3:") && "\(error)".contains("screen.rotation")
    }
  }

  @Test func screenSettings() throws {
    let c = try KioskConfig.embeddedDefault.overlaid(
      text: "[screen]\nrotation = 270\nsleep_outside_hours = yes\n", file: "t")
    #expect(c.screenRotation == 270 && c.sleepOutsideHours)
    #expect(c.cageRotationArguments == ["-r", "-r", "-r"])
    #expect(KioskConfig.embeddedDefault.cageRotationArguments.isEmpty)
    #expect(!KioskConfig.embeddedDefault.sleepOutsideHours)
    #expect(throws: SourceErrors.self) {
      try KioskConfig().overlaid(text: "[screen]\nsleep_outside_hours = maybe\n", file: "t")
    }
  }

  @Test func openingHoursInBangladeshTime() throws {
    // Saturday to Thursday, 09:00-17:00 (the embedded default).
    let c = KioskConfig.embeddedDefault
    func at(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }
    // 2026-12-05 is a Saturday; 03:00 UTC is 09:00 in Dhaka.
    #expect(c.isOpen(at: at("2026-12-05T03:00:00Z")))
    #expect(!c.isOpen(at: at("2026-12-05T02:59:00Z")))
    #expect(c.isOpen(at: at("2026-12-05T10:59:00Z")))
    #expect(!c.isOpen(at: at("2026-12-05T11:00:00Z")))
    // Friday 2026-12-04, noon in Dhaka: closed all day.
    #expect(!c.isOpen(at: at("2026-12-04T06:00:00Z")))
    // Thursday 2026-12-03 at 16:59 in Dhaka: open.
    #expect(c.isOpen(at: at("2026-12-03T10:59:00Z")))
    // Unreadable hours: never asleep on a guess.
    var odd = c
    odd.hours = "all day"
    #expect(odd.isOpen(at: at("2026-12-04T20:00:00Z")))
  }
}
