import Foundation
import Gtk
import KioskCore
import KioskPrint
import KioskStaff
import KioskStore

extension KioskApp {
  func staffSignIn(_ p: PageParts, _ s: StaffState) {
    let body = p.body
    // Unreadable: the reason is at the top of the page; Cancel in the banner leaves.
    guard let ops = s.operators else { return }
    if ops.isEmpty {
      paragraph(
        body, tr("No operators yet: add one with kioskctl operator add.").both)
      return
    }
    paragraph(body, tr("Choose your name, then type your PIN").both, "small")
    let row = body.append(Box(vertical: false, spacing: 12))
    for op in ops {
      let b = staffButton(row, op.name, s.chosenOperator == op.id ? "primary" : "secondary") { [weak self] in
        self?.sendStaff(.chooseOperator(op.id))
      }
      b.setAccessibleLabel(tr("Operator").bn + ": " + op.name)
      // A desk's keyboard starts on the names: arrows or Tab to one, Enter, then the PIN and Enter.
      if isDesk && (p.focusWidget == nil || s.chosenOperator == op.id) { p.focusWidget = b }
    }
    guard s.chosenOperator != nil else { return }
    let entry = Entry(accessibleLabel: tr("PIN").both)
    entry.hideText()
    staffField(entry, .pin, s)
    let submit: @MainActor () -> Void = { [weak self, weak entry] in
      guard let self, let entry else { return }
      self.sendStaff(.signIn(pin: entry.text))
    }
    entry.onActivate(submit)
    staffNote(p, p.footer, s, at: .signIn, inBody: false)
    typingFooter(
      p, entry, .latinDigits, next: tr("Sign in").both, back: { [weak self] in self?.sendStaff(.cancel) }, submit)
  }
}
