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
      let fix = staffButton(row, tr("Correct").both) { [weak self] in self?.sendStaff(.correct(questionID: q.id)) }
      fix.setAccessibleLabel(tr("Correct").bn + ": " + q.label.bn)
      staffNote(p, body, s, at: .answer(q.id))
    }
    let actions = body.append(Box(vertical: false, spacing: 12))
    _ = staffButton(actions, tr("Print filing sheet").both) { [weak self] in
      self?.sendStaff(.printFilingSheet)
    }
    _ = staffButton(actions, tr("Back to the queue").both) { [weak self] in self?.sendStaff(.back) }
    staffNote(p, body, s, at: .filingSheet)

    // The fee: from the catalogue and the centre's area class, never typed.
    paragraph(body, tr("Fee").both + " (\(setup.config.areaClass.rawValue))", "heading")
    if let lines = view.fee {
      for l in lines { paragraph(body, "\(l.bn) / \(l.en): ৳ \(BengaliDigits.grouped(l.amount, .bn))") }
      let total = lines.reduce(0) { $0 + $1.amount }
      paragraph(body, tr("Total").both + ": ৳ \(BengaliDigits.grouped(total, .bn)) (\(total))", "answer")
    } else if let trouble = view.feeTrouble {
      paragraph(
        body, StaffWords.prefixed(trouble, tr("The fee cannot be worked out")).both, "error")
    }
    if let issued = view.receipts {
      for r in issued {
        let voided = r.voidsReceipt != nil ? " (" + tr("void").both + ")" : ""
        paragraph(
          body,
          tr("Receipt").both + " \(r.displayNumber): \(r.total)\(voided) · "
            + (r.printed ? tr("printed") : tr("not printed")).both,
          "small")
      }
    } else if let trouble = view.receiptsTrouble {
      paragraph(
        body, StaffWords.prefixed(trouble, tr("The receipts could not be read")).both, "error")
    }
    if let filed = view.applicationNumber {
      paragraph(body, tr("Filed").both + ": \(filed)", "answer")
    }
    // Filing: the portal's application number, then the receipt.
    let footer = p.footer
    let entry = Entry(accessibleLabel: tr("Portal application number").both)
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
          tr("Receipt {1} was already issued for this application. Charge again?", .same("\(first.displayNumber)"))
            .both,
          classes: ["error"]))
      ask.setWrap()
      ask.setXAlign(0)
    }
    let row = footer.append(Box(vertical: false, spacing: 12))
    _ = staffButton(row, tr("Mark filed").both, "secondary", markFiled)
    if s.confirmCharge == id, !view.standing.isEmpty {
      let again = staffButton(row, tr("Yes, charge again").both, "primary") { [weak self] in
        self?.sendStaff(.confirmCharge)
      }
      again.setExpand(horizontal: true, vertical: false)
      _ = staffButton(row, tr("No").both) { [weak self] in self?.sendStaff(.declineCharge) }
    } else {
      let charge = staffButton(row, tr("Charge and print receipt").both, "primary") { [weak self] in
        self?.sendStaff(.charge)
      }
      charge.setExpand(horizontal: true, vertical: false)
    }
    staffNote(p, footer, s, at: .fee, inBody: false)
  }
}
