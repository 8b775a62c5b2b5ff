import ArgumentParser
import Foundation
import KioskCore

/// `kioskctl screen`: the screen's settings ([screen]) as the kiosk's start script uses them.
struct ScreenCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "screen", abstract: "The screen's rotation and sleep hours from the config.",
    subcommands: [Show.self, CageArgs.self])

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Rotation, sleep outside hours, open now or not.")
    @OptionGroup var common: Common
    func run() throws {
      let c = try common.setup().config
      let open = c.isOpen(at: Date())
      try common.emit(
        "rotation \(c.screenRotation)°\nsleep outside hours: \(c.sleepOutsideHours ? "yes" : "no") (\(c.openingHours(.en)); open now: \(open ? "yes" : "no"))",
        ["rotation": c.screenRotation, "sleep_outside_hours": c.sleepOutsideHours, "open_now": open])
    }
  }

  struct CageArgs: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "cage-args", abstract: "cage's options for the rotation (-r once per 90°), for start-kiosk.")
    @OptionGroup var common: Common
    func run() throws {
      print(try common.setup().config.cageRotationArguments.joined(separator: " "))
    }
  }
}
