import Foundation
import Gtk
import KioskCore
import KioskStore

/// The kiosk's one window: full screen, undecorated, no pointer, and the lockdown (KeyPolicy)
/// before any widget sees a key.
@MainActor
enum KioskWindow {
  static func make(_ application: Application) -> Window {
    let window = Window(application: application)
    window.setTitle(tr("Bhumiseba Kiosk").both)
    window.setDecorated(false)
    // The whole screen: cage makes the window full screen; without a window manager (Xvfb, the
    // tests) fullscreen is only a wish, so the window also asks for the monitor's size.
    let screen = Monitor.size ?? (1280, 800)
    window.setDefaultSize(width: screen.width, height: screen.height)
    window.fullscreen()
    window.hideCursor()
    window.onKeyCaptured { keyval, modifiers in KeyPolicy.swallows(keyval, modifiers) }
    return window
  }
}

/// "This kiosk cannot be used now — please call staff": what the screen shows when the kiosk
/// cannot keep what a citizen types (the store is damaged, locked by another program, or cannot
/// be opened). Never a fresh start in its place; the store's own words, which name the command
/// that recovers it, are on the screen for staff and in the journal.
@MainActor
enum OutOfOrder {
  static func page(_ message: BilingualText) -> Widget {
    let root = Box(vertical: true, spacing: 24, classes: ["page", "out-of-order"])
    root.setExpand(horizontal: true, vertical: true)
    let title = root.append(
      Label(tr("This kiosk cannot be used now — please call staff").bn, classes: ["title", "out-of-order-title"]))
    title.setWrap()
    let en = root.append(Label(tr("This kiosk cannot be used now — please call staff").en, classes: ["subtitle"]))
    en.setWrap()
    root.append(Label(tr("Helpline 16122").both, classes: ["helpline"]))
    let detail = root.append(Label(message.bn + "\n" + message.en, classes: ["small"]))
    detail.setWrap()
    detail.setXAlign(0)
    return root
  }

  /// Runs a window that shows only this (the kiosk could not start); quits after `seconds`
  /// (systemd starts the kiosk again: a lock may have gone by then) or never when nil. With
  /// `snapshot`: writes the page there as PNG once painted, then quits (headless checks).
  static func run(_ message: BilingualText, css: String?, seconds: UInt32?, snapshot: String? = nil) -> Int32 {
    let application = Application(id: "bd.gov.land.BhumisebaKiosk")
    var timer: LoopTimer?
    var snapshotTimer: LoopTimer?
    application.onActivate {
      // The kiosk's own theme where it can be read (the page is plain words without it).
      if let css, let data = FileManager.default.contents(atPath: css) {
        Style.load(css: String(decoding: data, as: UTF8.self))
      }
      let window = KioskWindow.make(application)
      window.setContent(page(message))
      window.onFirstPaint {
        SystemdNotify.ready(status: "out of service: \(message.en)")
        guard let snapshot else { return }
        snapshotTimer = LoopTimer(every: 300) {
          if window.snapshot(toPNG: snapshot) {
            FileHandle.standardOutput.write(Data("snapshot written to \(snapshot)\n".utf8))
          }
          application.quit()
          return false
        }
      }
      window.present()
      if let seconds {
        timer = LoopTimer(every: seconds * 1000) {
          application.quit()
          return false
        }
      }
    }
    let status = application.run()
    timer?.cancel()
    snapshotTimer?.cancel()
    return status
  }
}

extension KioskApp {
  /// Shows the out-of-order page in place of every other (see OutOfOrder); the citizen's draft,
  /// if any, stays where it was saved.
  func outOfOrder(_ message: BilingualText) {
    logger.critical("kiosk out of order", metadata: ["reason": "\(message.en)"])
    alarm = message
    staff = nil
    window?.setContent(OutOfOrder.page(message))
  }

  /// The store's quick check, after the first page is painted (it took 650 ms at a million drafts
  /// before it): a damaged file puts the kiosk out of order.
  func checkStoreInTheBackground() {
    let store = self.store
    if store.isCentreKiosk {
      // What the kiosk kept while the centre's server was away goes to it once it is back, even
      // when no citizen touches the screen; off the GTK thread (a dead server's connect may wait).
      Thread.detachNewThread {
        while true {
          sleep(10)
          store.handOverWhenBack()
        }
      }
    }
    Thread.detachNewThread {
      do {
        try store.quickCheck()
      } catch {
        let message =
          (error as? StoreError)?.message
          ?? tr("The store could not be checked: {1}", .same("\(error)"))
        MainLoop.invoke { [weak self] in self?.outOfOrder(message) }
      }
    }
  }
}

/// The kiosk could not open its store: the out-of-order screen where there is a display (a lock
/// may pass: after a minute the kiosk exits and systemd starts it again), then exit 2.
public func runOutOfOrder(_ message: BilingualText, css: String?, seconds: UInt32? = 60, snapshot: String? = nil)
  -> Int32
{
  MainActor.assumeIsolated { _ = OutOfOrder.run(message, css: css, seconds: seconds, snapshot: snapshot) }
  return 2
}
