import Foundation
import Gtk
import KioskCore
import KioskPrint
import KioskStaff
import KioskStore

extension KioskApp {
  func staffDraft(_ p: PageParts, _ s: StaffState, _ id: Int64) {
    let body = p.body
    // Unreadable: the reason is at the top of the page.
    guard let view = s.draft, view.draft.id == id, let service = setup.catalogue.service(view.draft.serviceID) else {
      staffBackToQueue(body)
      return
    }
    let answers = view.answers
    paragraph(body, "\(service.name.bn) / \(service.name.en) · \(view.draft.resumeCode.grouped)", "heading")
    for q in service.activeQuestions(answers) {
      let row = body.append(Box(vertical: false, spacing: 16, classes: ["check-row"]))
      let texts = row.append(Box(vertical: true, spacing: 2))
      texts.setExpand(horizontal: true, vertical: false)
      // Wrapped: some labels in both languages are longer than the page (e-Namjari's representative).
      let label = texts.append(Label(q.label.bn + " / " + q.label.en, classes: ["small"]))
      label.setXAlign(0)
      label.setWrap()
      // In words, not ids: "ক্রয় / Purchase", not "purchase"; dates in both languages.
      let shown = answers[q.id].map { v in
        q.shown(v, .bn) == q.shown(v, .en) ? q.shown(v, .bn) : q.shown(v, .bn) + " / " + q.shown(v, .en)
      }
      let a = texts.append(Label(shown ?? "—", classes: ["answer"]))
      a.setXAlign(0)
      a.setWrap()
      let fix = staffButton(row, "সংশোধন / Correct") { [weak self] in self?.sendStaff(.correct(questionID: q.id)) }
      fix.setAccessibleLabel("সংশোধন: " + q.label.bn)
      staffNote(p, body, s, at: .answer(q.id))
    }
    let actions = body.append(Box(vertical: false, spacing: 12))
    _ = staffButton(actions, "ফাইলিং শীট ছাপুন / Print filing sheet") { [weak self] in
      self?.sendStaff(.printFilingSheet)
    }
    _ = staffButton(actions, "তালিকায় ফিরুন / Back to the queue") { [weak self] in self?.sendStaff(.back) }
    staffNote(p, body, s, at: .filingSheet)

    // The fee: from the catalogue and the centre's area class, never typed.
    paragraph(body, "ফি / Fee (\(setup.config.areaClass.rawValue))", "heading")
    if let lines = view.fee {
      for l in lines { paragraph(body, "\(l.bn) / \(l.en): ৳ \(BengaliDigits.grouped(l.amount, .bn))") }
      let total = lines.reduce(0) { $0 + $1.amount }
      paragraph(body, "মোট / Total: ৳ \(BengaliDigits.grouped(total, .bn)) (\(total))", "answer")
    } else if let trouble = view.feeTrouble {
      paragraph(
        body, StaffWords.prefixed(trouble, bn: "ফি হিসাব করা যায়নি", en: "The fee cannot be worked out").both, "error")
    }
    if let issued = view.receipts {
      for r in issued {
        let voided = r.voidsReceipt != nil ? " (বাতিল / void)" : ""
        paragraph(
          body,
          "রসিদ / Receipt \(r.displayNumber): \(r.total)\(voided) · \(r.printed ? "ছাপা / printed" : "ছাপা হয়নি / not printed")",
          "small")
      }
    } else if let trouble = view.receiptsTrouble {
      paragraph(
        body, StaffWords.prefixed(trouble, bn: "রসিদ পড়া যায়নি", en: "The receipts could not be read").both, "error")
    }
    if let filed = view.applicationNumber {
      paragraph(body, "দাখিল হয়েছে / Filed: \(filed)", "answer")
    }
    // Filing: the portal's application number, then the receipt.
    let footer = p.footer
    let entry = Entry(accessibleLabel: "পোর্টালের আবেদন নম্বর / Portal application number")
    staffField(entry, .applicationNumber(id), s, default: view.applicationNumber ?? "")
    let markFiled: @MainActor () -> Void = { [weak self, weak entry] in
      guard let self, let entry else { return }
      self.sendStaff(.markFiled(entry.text))
    }
    entry.onActivate(markFiled)
    staffNote(p, footer, s, at: .markFiled, inBody: false)
    footer.append(entry)
    // The kiosk's touchscreen has no keyboard: a keypad with what portal numbers have (Latin
    // digits, - and /; capitals a key away), under the field.
    let keypad = Keyboard(kind: .portalDigits, language: .bn, lettersToo: true, letterPage: .capitals, target: entry) {
      [weak self] in self?.sendStaff(.touch)
    }
    p.keyboard = keypad
    footer.append(keypad.widget)
    if s.confirmCharge == id, let first = view.standing.first {
      // Two taps on Charge issued two receipts: a second charge is asked for in words first.
      let ask = footer.append(
        Label(
          "এই আবেদনের রসিদ \(first.displayNumber) আগেই দেওয়া হয়েছে। আবার ফি নেবেন? / Receipt \(first.displayNumber) was already issued for this application. Charge again?",
          classes: ["error"]))
      ask.setWrap()
      ask.setXAlign(0)
    }
    let row = footer.append(Box(vertical: false, spacing: 12))
    _ = staffButton(row, "দাখিল হয়েছে / Mark filed", "secondary", markFiled)
    if s.confirmCharge == id, !view.standing.isEmpty {
      let again = staffButton(row, "হ্যাঁ, আবার ফি নিন / Yes, charge again", "primary") { [weak self] in
        self?.sendStaff(.confirmCharge)
      }
      again.setExpand(horizontal: true, vertical: false)
      _ = staffButton(row, "না / No") { [weak self] in self?.sendStaff(.declineCharge) }
    } else {
      let charge = staffButton(row, "ফি নিন ও রসিদ ছাপুন / Charge and print receipt", "primary") { [weak self] in
        self?.sendStaff(.charge)
      }
      charge.setExpand(horizontal: true, vertical: false)
    }
    staffNote(p, footer, s, at: .fee, inBody: false)
  }
}
