import Foundation
import Gtk
import KioskCore

/// The screen outside the centre's opening hours (`[screen] sleep_outside_hours = yes`): once the
/// home page has gone a minute without a touch, the window shows nothing but black (an LCD panel
/// lights almost nothing; cage 0.1.4 offers no way to switch the panel off), and a touch anywhere
/// wakes it to the home page. A citizen mid-way is never put to sleep: the idle reset brings the
/// screen home first.
@MainActor
enum ScreenSleep {
  static var asleep = false
  /// A minute on the home page without a touch.
  static let afterSeconds = 60.0
}

extension KioskApp {
  /// Called from the kiosk's tick: true while the screen sleeps (nothing else runs then).
  func sleepTick(now: Date = Date()) -> Bool {
    if ScreenSleep.asleep { return true }
    guard setup.config.sleepOutsideHours, staff == nil, alarm == nil, let window, state.screen == .home,
      now.timeIntervalSince1970 - state.lastActivity >= ScreenSleep.afterSeconds,
      !setup.config.isOpen(at: now)
    else { return false }
    ScreenSleep.asleep = true
    let dark = Button("", classes: ["screen-asleep"])
    dark.setExpand(horizontal: true, vertical: true)
    dark.onClicked { [weak self] in self?.wake() }
    window.setContent(dark)
    logger.info("screen asleep outside opening hours")
    return true
  }

  func wake() {
    ScreenSleep.asleep = false
    drawn = nil
    send(.touch)
    render()
    logger.info("screen woken by a touch")
  }
}
