import Foundation
import Gtk
import KioskCore
import KioskPrint
import KioskStaff
import KioskStore

extension KioskApp {
  /// A staff correction (the old value kept in the history): "saved" only once it is; refused or
  /// failed, the page stays with what was typed in its field.
  func staffEdit(_ p: PageParts, _ s: StaffState, _ id: Int64, _ qid: String) {
    let body = p.body
    guard let view = s.draft, view.draft.id == id, let q = staffReducer.question(view, qid) else {
      _ = staffButton(body, tr("Back").both) { [weak self] in self?.sendStaff(.back) }
      return
    }
    let answers = view.answers
    paragraph(body, q.label.bn + " / " + q.label.en, "question")
    if q.type == .choice || q.type == .yesno {
      let options =
        q.type == .yesno
        ? [
          ChoiceOption(value: "yes", label: tr("Yes")),
          ChoiceOption(value: "no", label: tr("No")),
        ] : q.options
      for o in options {
        _ = staffButton(body, o.label.bn + " / " + o.label.en, answers[qid] == o.value ? "primary" : "choice") {
          [weak self] in self?.sendStaff(.saveCorrection(o.value))
        }
      }
      staffNote(p, body, s, at: .correction)
      _ = staffButton(body, tr("Back").both) { [weak self] in self?.sendStaff(.back) }
      return
    }
    let entry = Entry(accessibleLabel: q.label.both)
    staffField(entry, .correction(id, qid), s, default: answers[qid] ?? "")
    let submit: @MainActor () -> Void = { [weak self, weak entry] in
      guard let self, let entry else { return }
      self.sendStaff(.saveCorrection(entry.text))
    }
    entry.onActivate(submit)
    staffNote(p, p.footer, s, at: .correction, inBody: false)
    let kind: Keyboard.Kind = [.text, .name, .place].contains(q.type) ? .jatiya : .latinDigits
    typingFooter(
      p, entry, kind, lettersToo: Keyboard.lettersToo(for: q.type), next: tr("Save").both,
      back: { [weak self] in self?.sendStaff(.back) }, submit)
  }
}
