import Foundation
import Gtk
import KioskCore
import KioskPrint
import KioskStaff
import KioskStore

extension KioskApp {
  func staffEdit(_ p: PageParts, _ id: Int64, _ qid: String) {
    let body = p.body
    guard let op = staff?.signedIn, let d = try? store.draft(id: id),
      let service = setup.catalogue.service(d.serviceID),
      let q = service.question(forKey: qid)
    else { return }
    let answers = (try? store.answers(draftID: id)) ?? [:]
    paragraph(body, q.label.bn + " / " + q.label.en, "question")
    if q.type == .choice || q.type == .yesno {
      let options =
        q.type == .yesno
        ? [
          ChoiceOption(value: "yes", label: BilingualText(bn: "হ্যাঁ", en: "Yes")),
          ChoiceOption(value: "no", label: BilingualText(bn: "না", en: "No")),
        ] : q.options
      for o in options {
        _ = staffButton(body, o.label.bn + " / " + o.label.en, answers[qid] == o.value ? "primary" : "choice") {
          [weak self] in self?.saveCorrection(id, qid, o.value, op)
        }
      }
      _ = staffButton(body, "পিছনে / Back") { [weak self] in self?.staffGo(.draft(id)) }
      return
    }
    let entry = Entry(accessibleLabel: q.label.both)
    entry.text = answers[qid] ?? ""
    let submit: @MainActor () -> Void = { [weak self, weak entry] in
      guard let self, let entry else { return }
      let today = CivilDate(secondsSince1970: Date().timeIntervalSince1970)
      switch Validators.validate(q, entry.text, answers: answers, today: today) {
      case .success(let value):
        self.saveCorrection(id, qid, value, op)
      case .failure(let f):
        self.staff?.message = f.message
        self.staff?.failed = true
        let typed = entry.text
        self.redraw()
        (self.shown?.liveEntry?.entry).map { $0.text = typed }
      }
    }
    entry.onActivate(submit)
    p.liveEntry = (qid, entry)
    let kind: Keyboard.Kind = [.text, .name, .place].contains(q.type) ? .jatiya : .latinDigits
    typingFooter(
      p, entry, kind, lettersToo: Keyboard.lettersToo(for: q.type), next: "রাখুন / Save",
      back: { [weak self] in self?.staffGo(.draft(id)) }, submit)
  }

  /// A staff correction (the old value kept in the history): "saved" only once it is.
  func saveCorrection(_ id: Int64, _ qid: String, _ value: String, _ op: Operator) {
    do {
      try store.correctAnswer(draftID: id, questionID: qid, value: value, operatorID: op.id)
      staffGo(.draft(id), message: BilingualText(bn: "সংশোধন রাখা হয়েছে", en: "Correction saved"))
    } catch {
      staffGo(.draft(id), message: storeTrouble(error), failed: true)
    }
  }
}
