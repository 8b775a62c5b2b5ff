import Foundation
import Gtk
import KioskCore
import KioskPrint

extension KioskApp {
  /// A repeatable group's list page (the heirs): every item given so far with what was answered for
  /// it and "remove", and at the bottom "add another" and "done" (the catalogue's words). Each item's questions
  /// were asked one per page before it, and saved as they were answered.
  func groupPage(_ p: PageParts, _ q: Question) {
    let body = p.body
    guard let g = q.group, let service = reducer.service(state) else { return }
    let n = service.itemCount(q, state.answers)
    for i in 1...n {
      let row = body.append(Box(vertical: false, spacing: 16, classes: ["check-row"]))
      let texts = row.append(Box(vertical: true, spacing: 2))
      texts.setExpand(horizontal: true, vertical: false)
      texts.append(Label(text(g.item.numbered(i)), classes: ["small"])).setXAlign(0)
      let values = g.questions.map { item -> String in
        let key = GroupPosition.key(q.id, i, item.id)
        guard let v = state.answers[key], !v.isEmpty, let asked = service.question(forKey: key) else {
          return text(tr("(not answered)"))
        }
        return asked.shown(v, state.language)
      }
      let answer = texts.append(Label(values.joined(separator: " · "), classes: ["answer"]))
      answer.setXAlign(0)
      answer.setWrap()
      if n > 1 {
        let remove = row.append(Button(text(tr("Remove")), classes: ["secondary"]))
        remove.setAccessibleLabel(text(tr("Remove: ")) + text(g.item.numbered(i)))
        remove.onClicked { [weak self] in self?.send(.removeItem(i)) }
      }
    }
    // Heirs (items with a relation): each one's share under Muslim law, on a page of its own.
    if g.questions.contains(where: { $0.id == "relation" }),
      (1...n).contains(where: { state.answers[GroupPosition.key(q.id, $0, "relation")] != nil })
    {
      let shares = body.append(Button(text(tr("See each heir's share")), classes: ["secondary"]))
      shares.onClicked { [weak self] in self?.send(.showShares) }
    }
    // Back, "add another" and "done" stay at the bottom, in sight however long the list grows.
    let row = p.footer.append(Box(vertical: false, spacing: 16))
    let back = row.append(Button(text(tr("Back")), classes: ["secondary"]))
    back.onClicked { [weak self] in self?.send(.back) }
    if n < g.maxItems {
      let add = row.append(Button(text(g.add), classes: ["secondary"]))
      add.onClicked { [weak self] in self?.send(.answer("add")) }
    }
    let done = row.append(Button(text(g.done), classes: ["primary"]))
    done.setExpand(horizontal: true, vertical: false)
    done.onClicked { [weak self] in self?.send(.answer("done")) }
  }
}
