import Foundation
import Gtk
import KioskCore
import KioskPrint
import KioskStaff
import KioskStore

/// The staff desk (`bhumiseba-kiosk --desk`, issue 16): the kiosk program in an ordinary window on
/// a desk PC, staff only. It opens on the staff sign-in, and a sign-out or an idle session returns
/// there (the reducer's `desk`), never to a citizen's page. It calls the centre's queue tokens and
/// opens each token's draft in the same staff pages as the kiosk's staff mode: the rules are
/// KioskStaff's, once.
@MainActor
enum DeskWindow {
  /// A desk screen is 1366×768 or larger.
  static let size: (width: Int32, height: Int32) = (1366, 768)

  static func make(_ application: Application, desk: String) -> Window {
    let window = Window(application: application)
    window.setTitle(tr("Bhumiseba desk {1}", .digits("\(desk)")).both)
    // Never larger than the screen it is on (a smaller one shows it whole, scrolled inside).
    let screen = Monitor.size ?? size
    window.setDefaultSize(width: min(size.width, screen.width), height: min(size.height, screen.height))
    window.onKeyCaptured { keyval, modifiers in DeskKeyPolicy.swallows(keyval, modifiers) }
    return window
  }
}

extension KioskApp {
  var isDesk: Bool { options.desk != nil }

  /// The desk's window (the theme is loaded already), on its sign-in.
  func activateDesk(_ desk: String) {
    let window = DeskWindow.make(application, desk: desk)
    window.addClass("desk")
    window.onKeyCaptured { [weak self] keyval, modifiers in self?.deskKey(keyval, modifiers) ?? false }
    self.window = window
    openStaff()
    window.onFirstPaint { [weak self] in self?.firstFrame() }
    window.present()
    idleTimer = LoopTimer(every: 1000) { [weak self] in
      self?.tick()
      return true
    }
    logger.info("desk started", metadata: ["desk": "\(desk)"])
  }

  /// The desk's shortcuts, before any widget (F2 calls the next token from inside a field too).
  func deskKey(_ keyval: UInt32, _ modifiers: UInt32) -> Bool {
    guard let action = DeskKeyPolicy.action(keyval, modifiers), let s = staff else { return false }
    if action == .back {
      sendStaff(.back)
      return true
    }
    guard s.signedIn != nil else { return false }
    switch action {
    case .callNext: sendStaff(.callNext)
    case .served: sendStaff(.finishToken(served: true))
    case .notHere: sendStaff(.finishToken(served: false))
    case .refresh: sendStaff(.go(.queue))
    case .back: break
    }
    return true
  }

  /// A token as the desk shows it: ক-০২৩ / ক-023.
  func tokenText(_ t: QueueToken) -> String { t.shown(.bn) + " / " + t.shown(.en) }

  /// Above every signed-in page of a desk: the token being served and what finishes it, or "call
  /// next" with the letters it calls; messages about calling are said here, always in sight.
  func deskBar(_ p: PageParts, _ s: StaffState) {
    let bar = p.root.append(Box(vertical: true, spacing: 6, classes: ["desk-bar"]))
    let row = bar.append(Box(vertical: false, spacing: 12))
    if let t = s.serving {
      let service = setup.catalogue.service(t.serviceID)?.name.bn ?? t.serviceID
      let l = row.append(
        Label(trc("desk bar", "Now serving").both + ": \(tokenText(t)) · \(service)", classes: ["heading"]))
      l.setExpand(horizontal: true, vertical: false)
      l.setXAlign(0)
      l.setWrap()
      if let id = t.draftID, s.page.draftID != id {
        _ = staffButton(row, tr("Open its application").both) { [weak self] in self?.sendStaff(.openDraft(id)) }
      }
      let served = staffButton(row, tr("Served (F8)").both, "primary") { [weak self] in
        self?.sendStaff(.finishToken(served: true))
      }
      served.setAccessibleDescription("F8")
      let skip = staffButton(row, tr("Not here (F9)").both) { [weak self] in
        self?.sendStaff(.finishToken(served: false))
      }
      skip.setAccessibleDescription("F9")
    } else {
      let call = staffButton(row, tr("Call next (F2)").both, "primary") { [weak self] in
        self?.sendStaff(.callNext)
      }
      call.setAccessibleDescription("F2, Ctrl+N")
      let only = row.append(Label(tr("Only:").both, classes: ["small"]))
      only.setXAlign(1)
      for letter in staffReducer.tokenLetters {
        let chosen = s.letters.contains(letter)
        let b = staffButton(row, letter, chosen ? "primary" : "secondary") { [weak self] in
          self?.sendStaff(.toggleLetter(letter))
        }
        b.setAccessibleLabel((chosen ? tr("Only (chosen): ").both : tr("Only: ").both) + letter)
      }
    }
    staffNote(p, bar, s, at: .serving, inBody: false)
    staffNote(p, bar, s, at: .tokens, inBody: false)
  }

  /// The centre's waiting tokens on the desk's queue page, each with "call this token".
  func deskTokens(_ body: Box, _ s: StaffState) {
    guard let tokens = s.tokens else { return }
    paragraph(
      body,
      tr("Waiting tokens").both + ": \(BengaliDigits.grouped(tokens.count, .bn)) (\(tokens.count))", "heading")
    let now = Date()
    for t in tokens {
      let row = body.append(Box(vertical: false, spacing: 16, classes: ["check-row"]))
      let service = setup.catalogue.service(t.serviceID)?.name.bn ?? t.serviceID
      let minutes = max(0, Int(now.timeIntervalSince(t.issuedAt) / 60))
      let l = row.append(
        Label(
          "\(tokenText(t)) · \(service) · " + tr("waiting {1} min", .digits("\(minutes)")).both,
          classes: ["body"]))
      l.setExpand(horizontal: true, vertical: false)
      l.setXAlign(0)
      l.setWrap()
      let call = staffButton(row, tr("Call").both) { [weak self] in self?.sendStaff(.callToken(t.id)) }
      call.setAccessibleLabel(tr("Call").bn + ": " + t.shown(.bn))
    }
  }
}
