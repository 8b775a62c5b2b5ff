import Foundation
import Gtk
import KioskCore
import KioskPrint

extension KioskApp {
  func confirmationPage(_ p: PageParts) {
    let body = p.body
    if let token = state.token {
      paragraph(body, text(bn: "আপনার টোকেন", en: "Your token"), "subtitle")
      body.append(Label(token, classes: ["code", "token"]))
      paragraph(
        body, text(bn: "ডাক না আসা পর্যন্ত অপেক্ষা করুন।", en: "Wait until your token is called."), "status")
    }
    paragraph(body, text(bn: "আপনার কোড", en: "Your code"), "subtitle")
    if let code = state.resumeCode { body.append(Label(code.formatted(state.language), classes: ["code"])) }
    let status: String
    var cls = ["status"]
    switch state.printStatus {
    case .idle, .printing: status = text(bn: "স্লিপ ছাপা হচ্ছে…", en: "Printing the slip…")
    case .printed:
      status = text(bn: "ছাপা হয়েছে", en: "Printed")
      cls.append("ok")
    case .failed(let message):
      status =
        text(message) + text(bn: "। ", en: ". ")
        + text(bn: "আপনার আবেদন সংরক্ষিত আছে; কাউন্টারে কোডটি বলুন।", en: "Your application is saved; tell the code at the counter.")
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
          bn: "এরপর: কাউন্টারে গিয়ে ওপরের কোডটি বলুন। কর্মী আপনার সঙ্গে আবেদনটি শেষ করে দাখিল করবেন, নির্ধারিত ফি নিয়ে রসিদ দেবেন।",
          en:
            "Next: go to the counter and tell the code above. Staff will finish and file the application with you, take the fixed fee and give you a receipt."
        )
        : text(
          bn:
            "এরপর: \(printed ? "স্লিপটি" : "স্লিপ ছাপা হলে সেটি") নিয়ে কাউন্টারে যান। কর্মী আপনার সঙ্গে আবেদনটি শেষ করে দাখিল করবেন, নির্ধারিত ফি নিয়ে রসিদ দেবেন।",
          en:
            "Next: take the slip to the counter\(printed ? "" : " once it is printed"). Staff will finish and file the application with you, take the fixed fee and give you a receipt."
        ))
    // What to keep and where to follow it, on the screen as on the slip and the receipt.
    paragraph(body, text(bn: "যা রেখে দেবেন", en: "What to keep"), "heading")
    paragraph(
      body,
      text(
        bn: "• এখন: ওপরের কোড — এটি দিয়ে এই কিয়স্কে আবেদনটি আবার খোলা যায়।",
        en: "• Now: the code above — it opens this application again at the kiosk."))
    paragraph(
      body,
      text(
        bn: "• দাখিলের পর: রসিদে লেখা পোর্টালের আবেদন নম্বর, আর আপনার জাতীয় পরিচয়পত্র নম্বর।",
        en: "• After filing: the portal's application number on your receipt, and your NID number."))
    if let service = reducer.service(state) {
      paragraph(body, "• " + text(service.tracking))
      // What comes next for this application (e-Namjari: the draft khatian to check before the
      // hearing, and how the hearing chosen is held), as on the slip.
      if let steps = service.nextSteps(for: state.answers) {
        paragraph(body, text(steps.heading), "heading")
        for item in steps.items { paragraph(body, "• " + text(item)) }
      }
    }
    // Fixed at the bottom: in sight however long the page is (e-Namjari's steps before the hearing).
    navigation(p, next: (text(bn: "শেষ", en: "Done"), .goHome), back: false)
  }
}
