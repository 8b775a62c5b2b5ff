import Foundation
import Gtk
import KioskCore
import KioskPrint

extension KioskApp {
  func checkPage(_ p: PageParts) {
    let body = p.body
    guard let service = reducer.service(state) else { return }
    for q in service.activeQuestions(state.answers) {
      let row = body.append(Box(vertical: false, spacing: 16, classes: ["check-row"]))
      let texts = row.append(Box(vertical: true, spacing: 2))
      texts.setExpand(horizontal: true, vertical: false)
      // Only a long text wraps: a wrapped label is shaped again for every width GTK tries (forty
      // labels on this page; Bengali shaping was most of the time of a tap to it).
      let question = text(q.label)
      let label = texts.append(Label(question, classes: ["small"]))
      label.setXAlign(0)
      if question.count > KioskApp.unwrappedCharacters { label.setWrap() }
      let shown = answerText(q)
      let answer = texts.append(Label(shown, classes: ["answer"]))
      answer.setXAlign(0)
      if shown.count > KioskApp.unwrappedCharacters { answer.setWrap() }
      let change = row.append(Button(text(tr("Change")), classes: ["secondary"]))
      change.setAccessibleLabel(text(tr("Change: ")) + text(q.label))
      change.onClicked { [weak self] in self?.send(.change(q.id)) }
    }
    // No store or printer failure hides behind this `try?`: a quote fails only for a catalogue file
    // that start-up refuses (every service quotes at every area class); then no sum is shown
    // rather than a wrong one.
    if let quote = try? FeeEngine.quote(
      service, areaClass: setup.config.areaClass, pages: FeeEngine.pageCount(service, answers: state.answers)),
      quote.centreTotal > 0
    {
      paragraph(
        body,
        text(
          tr(
            "To pay at the counter: Tk {1}",
            .init(bn: "\(BengaliDigits.grouped(quote.centreTotal, .bn))", en: "\(quote.centreTotal)"))),
        "heading")
    }
    navigation(p, next: (text(tr("Confirm and print the slip")), .confirm))
  }

  /// Up to this many characters a label fits beside its Change button on the narrowest screen
  /// (1280 px, larger text) without wrapping.
  static let unwrappedCharacters = 32

  func answerText(_ q: Question) -> String {
    guard let v = state.answers[q.id], !v.isEmpty else { return text(tr("(not answered)")) }
    return q.shown(v, state.language)
  }
}
