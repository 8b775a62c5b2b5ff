import Foundation
import Gtk
import KioskCore
import KioskPrint
import KioskStaff
import KioskStore

extension KioskApp {
  func staffSignIn(_ p: PageParts, _ s: StaffSession) {
    let body = p.body
    let ops: [Operator]
    do {
      ops = try store.operators().filter { !$0.disabled }
    } catch {
      let t = storeTrouble(error)
      paragraph(body, t.bn + " / " + t.en, "error")
      return
    }
    if ops.isEmpty {
      paragraph(
        body, "কোনো কর্মী নেই; kioskctl operator add দিয়ে যোগ করুন। / No operators yet: add one with kioskctl operator add.")
      return
    }
    paragraph(body, "আপনার নাম বেছে নিন, তারপর পিন দিন / Choose your name, then type your PIN", "small")
    let row = body.append(Box(vertical: false, spacing: 12))
    for op in ops {
      let b = staffButton(row, op.name, s.chosenOperator == op.id ? "primary" : "secondary") { [weak self] in
        self?.staff?.chosenOperator = op.id
        self?.staff?.message = nil
        self?.redraw()
      }
      b.setAccessibleLabel("কর্মী: " + op.name)
    }
    guard let chosen = s.chosenOperator else { return }
    let entry = Entry(accessibleLabel: "পিন / PIN")
    entry.hideText()
    let submit: @MainActor () -> Void = { [weak self, weak entry] in
      guard let self, let entry, self.staff?.busy == false else { return }
      let pin = entry.text
      let store = self.store
      self.staffBackground({ (try? store.logIn(id: chosen, pin: pin)) ?? .unknownOperator }) { [weak self] result in
        self?.signedIn(result)
      }
    }
    entry.onActivate(submit)
    typingFooter(
      p, entry, .latinDigits, next: "প্রবেশ / Sign in", back: { [weak self] in self?.closeStaff(reason: "cancel") }, submit
    )
  }

  func signedIn(_ result: LoginResult) {
    guard let staff else { return }
    switch result {
    case .ok(let op):
      staff.signedIn = op
      staffGo(.queue)
    case .wrongPIN(let remaining):
      staffGo(
        .signIn,
        message: BilingualText(
          bn: "পিন ঠিক নয়; আর \(BengaliDigits.toBengali(String(remaining))) বার চেষ্টা করা যাবে",
          en: "Wrong PIN; \(remaining) more tries before the lock"), failed: true)
    case .locked(let until):
      let t = Counter.time(until)
      staffGo(
        .signIn,
        message: BilingualText(
          bn: "অনেকবার ভুল পিন; \(BengaliDigits.toBengali(t)) পর্যন্ত বন্ধ", en: "Too many wrong PINs; locked until \(t)"),
        failed: true)
    case .disabled:
      staffGo(
        .signIn, message: BilingualText(bn: "এই কর্মীর প্রবেশ বন্ধ করা আছে", en: "This operator is disabled"), failed: true)
    case .unknownOperator:
      staffGo(.signIn, message: BilingualText(bn: "এই নামে কোনো কর্মী নেই", en: "No such operator"), failed: true)
    }
  }
}
