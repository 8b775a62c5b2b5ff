import Foundation
import Gtk
import KioskCore
import KioskPrint

extension KioskApp {
  func confirmationPage(_ p: PageParts) {
    let body = p.body
    if let token = state.token {
      paragraph(body, text(tr("Your token")), "subtitle")
      body.append(Label(token, classes: ["code", "token"]))
      paragraph(
        body, text(tr("Wait until your token is called.")), "status")
    }
    paragraph(body, text(tr("Your code")), "subtitle")
    if let code = state.resumeCode { body.append(Label(code.formatted(state.language), classes: ["code"])) }
    let status: String
    var cls = ["status"]
    switch state.printStatus {
    case .idle, .printing: status = text(tr("Printing the slip…"))
    case .printed:
      status = text(tr("Printed"))
      cls.append("ok")
    case .failed(let message):
      status =
        text(message) + text(tr(". "))
        + text(tr("Your application is saved; tell the code at the counter."))
      cls.append("trouble")
    }
    let statusLabel = body.append(Label(status, classes: cls))
    statusLabel.setWrap()
    let printed: Bool
    if case .printed = state.printStatus { printed = true } else { printed = false }
    let failed: Bool
    if case .failed = state.printStatus { failed = true } else { failed = false }
    paragraph(
      body,
      failed
        ? text(
          tr(
            "Next: go to the counter and tell the code above. Staff will finish and file the application with you, take the fixed fee and give you a receipt."
          ))
        : text(
          printed
            ? tr(
              "Next: take the slip to the counter. Staff will finish and file the application with you, take the fixed fee and give you a receipt."
            )
            : tr(
              "Next: take the slip to the counter once it is printed. Staff will finish and file the application with you, take the fixed fee and give you a receipt."
            )))
    // What to keep and where to follow it, on the screen as on the slip and the receipt.
    paragraph(body, text(tr("What to keep")), "heading")
    paragraph(
      body,
      text(
        tr("• Now: the code above — it opens this application again at the kiosk.")))
    paragraph(
      body,
      text(
        tr("• After filing: the portal's application number on your receipt, and your NID number.")))
    if let service = reducer.service(state) {
      paragraph(body, "• " + text(service.tracking))
      // What comes next for this application (e-Namjari: the draft khatian to check before the
      // hearing, and how the hearing chosen is held), as on the slip.
      if let steps = service.nextSteps(for: state.answers) {
        paragraph(body, text(steps.heading), "heading")
        for item in steps.items { paragraph(body, "• " + text(item)) }
      }
    }
    // One tap of feedback: counted by service and day, nothing else kept.
    if state.rated {
      paragraph(body, text(tr("Thank you for your feedback.")), "status")
    } else {
      paragraph(body, text(tr("How was the service today?")), "heading")
      let row = body.append(Box(vertical: false, spacing: 16))
      for (rating, words) in [(3, tr("Good")), (2, tr("Fair")), (1, tr("Poor"))] {
        let b = row.append(Button(text(words), classes: ["secondary"]))
        b.onClicked { [weak self] in self?.send(.rate(rating)) }
      }
    }
    // Fixed at the bottom: in sight however long the page is (e-Namjari's steps before the hearing).
    navigation(p, next: (text(tr("Done")), .goHome), back: false)
  }
}
