import Foundation
import Gtk
import KioskCore
import KioskPrint

extension KioskApp {
  func questionPage(_ p: PageParts, _ id: String) {
    let body = p.body
    let questions = reducer.activeQuestions(state)
    guard let index = questions.firstIndex(where: { $0.id == id }) else { return }
    let q = questions[index]
    paragraph(
      body,
      text(
        tr("Question {1} of {2}", .digits("\(index + 1)"), .digits("\(questions.count)"))), "small")
    // The GOV.UK pattern: a summary at the top of the page, the message again by the field.
    if let error = state.error { errorSummary(p, error) }
    let label = body.append(Label(text(q.label), classes: ["question"]))
    label.setXAlign(0)
    label.setWrap()
    var describing: [Widget] = []
    if let hint = q.hint {
      let h = body.append(Label(text(hint), classes: ["small"]))
      h.setWrap()
      h.setXAlign(0)
      describing.append(h)
    }
    if let error = state.error {
      // By the field: for typed answers the field sits above the keyboard, so the message goes there.
      let typing = q.type != .choice && q.type != .yesno && q.type != .group
      let inline = (typing ? p.footer : body).append(Label(text(error.message), classes: ["error"]))
      inline.setXAlign(0)
      inline.setWrap()
      describing.append(inline)
    }
    switch q.type {
    case .choice, .yesno:
      let options =
        q.type == .yesno
        ? [
          ChoiceOption(value: "yes", label: tr("Yes")),
          ChoiceOption(value: "no", label: tr("No")),
        ]
        : q.options
      // A long list (an heir's relation: eleven) in columns, so that it fits without scrolling.
      let columns = options.count > 9 ? 3 : options.count > 7 ? 2 : 1
      var row: Box?
      for (i, option) in options.enumerated() {
        let chosen = state.answers[q.id] == option.value
        // In columns the buttons are lower (an heir's four rows fit above Back with larger text).
        let b = Button(
          text(option.label), classes: ["choice"] + (chosen ? ["chosen"] : []) + (columns > 1 ? ["compact"] : []))
        if columns == 1 {
          body.append(b)
        } else {
          if i % columns == 0 {
            let r = body.append(Box(vertical: false, spacing: 16))
            r.setHomogeneous(true)
            row = r
          }
          row?.append(b)
        }
        b.onClicked { [weak self] in self?.send(.answer(option.value)) }
      }
      navigation(p, next: nil)
    case .group:
      groupPage(p, q)
    default:
      let entry = Entry(accessibleLabel: q.label.both)
      // The hint and the error are read with the field.
      entry.describedBy(describing)
      entry.text = displayValue(q, state.typed[q.id] ?? state.answers[q.id] ?? "")
      p.liveEntry = (q.id, entry)
      entry.onChanged { [weak self, weak entry] in
        if let entry { self?.typingChanged(q.id, entry.text) }
      }
      if state.error != nil { entry.addClass("error") }
      let submit: @MainActor () -> Void = { [weak self, weak entry] in
        guard let self, let entry else { return }
        // A slip scanned while this page was open: the scan opens that application, and what was
        // typed here before it stays in the field.
        if let scan = ResumeCode.scan(in: entry.text) {
          entry.text = scan.before
          self.openScanned(scan.code)
        } else {
          self.send(.answer(entry.text))
        }
      }
      entry.onActivate(submit)
      if q.type == .place && !placeTyping {
        // Tapped down the list (division → district → upazila); the keyboard only when asked for.
        // No field on this page (it was an unlabelled box above Next): the list, and "type to
        // search" for the keyboard; what was typed before is kept in the state all the same.
        placeBrowser(p, q)
        navigation(p, next: (text(tr("Next")), .answer("")), submitting: submit)
      } else {
        if q.type == .place { placeSuggestions(p, entry) }
        typingFooter(
          p, entry, Keyboard.kind(for: q.type, language: state.language), lettersToo: Keyboard.lettersToo(for: q.type),
          next: text(tr("Next")), submit)
      }
      entry.grabFocus()
      entry.moveCursorToEnd()
    }
  }

  /// Every answer is stored with Latin digits (Validators.clean), free text too ("মিরপুর 12"): a
  /// Bengali screen shows its digits in Bengali, whatever the type.
  func displayValue(_ q: Question, _ value: String) -> String { digits(value) }
}
