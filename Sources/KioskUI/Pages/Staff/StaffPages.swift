import Foundation
import Gtk
import KioskCore
import KioskPrint
import KioskStaff
import KioskStore

/// Staff mode: signed in with a PIN, on the same screen. The work itself (fees, ledger, printing)
/// is KioskStaff's `Counter`; these pages only show it and pass taps on.
@MainActor
final class StaffSession {
  enum Page: Equatable {
    case signIn
    case queue
    case draft(Int64)
    case edit(Int64, String)
    case receipts
    case void(Int64)
    case dayEnd
    case handouts
  }
  var page: Page = .signIn
  var signedIn: Operator?
  var chosenOperator: String?
  var message: BilingualText?
  var failed = false
  var lastActivity = Date().timeIntervalSince1970
  var busy = false
  /// The draft whose charge waits for a second "yes": it already has a receipt that is not void.
  var confirmCharge: Int64?
}

extension KioskApp {
  var counter: Counter { Counter(setup: setup, store: store, printer: printer) }

  /// Five taps on the page title within three seconds (or Ctrl+Shift+S on a keyboard) opens the
  /// staff sign-in; a citizen does not do either by chance.
  func titleTapped() {
    let now = Date().timeIntervalSince1970
    titleTaps = titleTaps.filter { now - $0 < 3 } + [now]
    if titleTaps.count >= 5 {
      titleTaps = []
      openStaff()
    }
  }

  func openStaff() {
    guard staff == nil else { return }
    staff = StaffSession()
    redraw()
  }

  func closeStaff(reason: String) {
    if let op = staff?.signedIn {
      try? store.audit(actor: op.id, action: "logout", subject: "operator:\(op.id)", detail: reason)
    }
    staff = nil
    state = FlowState()
    redraw()
  }

  /// Staff mode closes itself when nobody touches it.
  func staffTick() {
    guard let staff else { return }
    if Date().timeIntervalSince1970 - staff.lastActivity > Double(setup.config.staffIdleSeconds) {
      closeStaff(reason: "idle")
    }
  }

  func staffGo(_ page: StaffSession.Page, message: BilingualText? = nil, failed: Bool = false) {
    guard let staff else { return }
    staff.page = page
    staff.message = message
    staff.failed = failed
    staff.lastActivity = Date().timeIntervalSince1970
    redraw()
  }

  /// Runs blocking work (libcups, Argon2id) off the GTK thread and comes back on the main loop.
  func staffBackground<T: Sendable>(_ work: @escaping @Sendable () -> T, then: @escaping @MainActor (T) -> Void) {
    staff?.busy = true
    Thread.detachNewThread {
      let result = work()
      MainLoop.invoke { [weak self] in
        self?.staff?.busy = false
        then(result)
      }
    }
  }

  // MARK: pages

  func staffPage(_ s: StaffSession) -> PageParts {
    let p = PageParts(spacing: 14)
    let root = p.root
    let bar = root.append(Box(vertical: false, spacing: 12, classes: ["banner", "staff-banner"]))
    let title = bar.append(Label(staffTitle(s), classes: ["title"]))
    title.setExpand(horizontal: true, vertical: false)
    title.setXAlign(0)
    if let op = s.signedIn {
      bar.append(Label(op.name, classes: ["body"]))
      let out = bar.append(Button("বের হন / Sign out", classes: ["tool"]))
      out.onClicked { [weak self] in self?.closeStaff(reason: "sign-out") }
    } else {
      let cancel = bar.append(Button("বাতিল / Cancel", classes: ["tool"]))
      cancel.onClicked { [weak self] in self?.closeStaff(reason: "cancel") }
    }
    let body = p.body
    if let m = s.message {
      body.append(Label(m.bn + " / " + m.en, classes: [s.failed ? "error" : "notice"])).setWrap()
    }
    switch s.page {
    case .signIn: staffSignIn(p, s)
    case .queue: staffQueue(p)
    case .draft(let id): staffDraft(p, id)
    case .edit(let id, let q): staffEdit(p, id, q)
    case .receipts: staffReceipts(p)
    case .void(let id): staffVoid(p, id)
    case .dayEnd: staffDayEnd(p)
    case .handouts: staffHandouts(p)
    }
    let scrolled = root.append(Scrolled(body))
    scrolled.setExpand(horizontal: true, vertical: true)
    if p.footer.hasChildren { root.append(p.footer) }
    return p
  }

  func staffTitle(_ s: StaffSession) -> String {
    switch s.page {
    case .signIn: return "কর্মী প্রবেশ / Staff sign-in"
    case .queue: return "অপেক্ষমাণ আবেদন / Waiting applications"
    case .draft, .edit: return "আবেদন / Application"
    case .receipts, .void: return "আজকের রসিদ / Today's receipts"
    case .dayEnd: return "দিন শেষের হিসাব / Day-end report"
    case .handouts: return "পোর্টালের PDF ছাপুন / Print a portal PDF"
    }
  }

  func staffButton(_ box: Box, _ label: String, _ cls: String = "secondary", _ action: @escaping @MainActor () -> Void)
    -> Button
  {
    let b = box.append(Button(label, classes: [cls]))
    b.onClicked { [weak self] in
      self?.staff?.lastActivity = Date().timeIntervalSince1970
      action()
    }
    return b
  }

}

extension KioskApp {
  /// Where the counter's browser saves PDFs downloaded from the portal.
  var handoutFolder: String { setup.dataDirectory() + "/handouts" }

}

struct CounterFailure: Error, Sendable {
  let text: String
}

extension KioskApp {
  /// A store failure in words for a staff page (never silent): the store's own words where it
  /// has them (busy, damaged, filed…), else what failed.
  func storeTrouble(_ error: any Error) -> BilingualText {
    if let e = error as? StoreError { return e.message }
    return BilingualText(bn: "তথ্যভান্ডারে সমস্যা: \(error)", en: "The store failed: \(error)")
  }
}
