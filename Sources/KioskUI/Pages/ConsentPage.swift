import Foundation
import Gtk
import KioskCore
import KioskPrint

extension KioskApp {
  func consentPage(_ p: PageParts) {
    let body = p.body
    let days = setup.config.draftRetentionDays
    if let error = state.error { errorSummary(p, error) }
    paragraph(body, text(tr("How your information is kept")), "heading")
    paragraph(
      body,
      text(
        tr(
          "Your answers are kept only on this centre's machine and sent nowhere. Only the centre's staff can open them, with the code on your slip, and every opening is recorded. If not filed, everything is deleted after {1} days. Nothing is given to anyone without your permission.",
          .digits("\(days)"))))
    let row = Box(vertical: false, spacing: 16)
    let leave = row.append(Button(text(tr("I do not agree, leave")), classes: ["secondary"]))
    leave.onClicked { [weak self] in self?.send(.decline) }
    let agree = row.append(Button(text(tr("I agree")), classes: ["primary"]))
    agree.setExpand(horizontal: true, vertical: false)
    agree.onClicked { [weak self] in self?.send(.agree) }
    body.append(row)
    let back = body.append(Button(text(tr("Back")), classes: ["secondary"]))
    back.onClicked { [weak self] in self?.send(.back) }
  }
}
