import Foundation

extension KioskConfig {
  /// Whether the centre is open at `date` (Bangladesh time, UTC+6, no daylight saving): an open
  /// day (`open_days`) within `hours` (HH:MM-HH:MM). Hours that are empty or unreadable count as
  /// always open (the screen never sleeps on a guess).
  public func isOpen(at date: Date) -> Bool {
    let parts = hours.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
    func minutes(_ text: String) -> Int? {
      let hm = text.split(separator: ":")
      guard hm.count == 2, let h = Int(hm[0]), let m = Int(hm[1]), (0...24).contains(h), (0..<60).contains(m) else {
        return nil
      }
      return h * 60 + m
    }
    guard parts.count == 2, let open = minutes(parts[0]), let close = minutes(parts[1]), open < close else {
      return true
    }
    let local = Int(date.timeIntervalSince1970.rounded(.down)) + 6 * 3600
    let day = local >= 0 ? local / 86400 : (local - 86399) / 86400
    // 1970-01-01 was a Thursday (4; 0 = Sunday).
    let weekday = ((day % 7) + 7 + 4) % 7
    let minute = ((local % 86400) + 86400) % 86400 / 60
    return openDays.contains(weekday) && minute >= open && minute < close
  }

  /// cage's options for the screen's rotation: `-r` once per 90° clockwise.
  public var cageRotationArguments: [String] { Array(repeating: "-r", count: screenRotation / 90) }
}
