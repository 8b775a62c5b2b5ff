import Foundation
import Gtk
import KioskCore
import KioskPrint

extension KioskApp {
  func confirmationPage(_ p: PageParts) {
    let body = p.body
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
        text(message) + ". "
        + text(bn: "আপনার আবেদন সংরক্ষিত আছে; কাউন্টারে কোডটি বলুন।", en: "Your application is saved; tell the code at the counter.")
      cls.append("trouble")
    }
    let statusLabel = body.append(Label(status, classes: cls))
    statusLabel.setWrap()
    paragraph(
      body,
      text(
        bn: "এরপর: স্লিপটি নিয়ে কাউন্টারে যান। কর্মী আপনার সঙ্গে আবেদনটি শেষ করে দাখিল করবেন, নির্ধারিত ফি নিয়ে রসিদ দেবেন। কোডটি দিয়ে পরে আবার শুরু করা যাবে।",
        en:
          "Next: take the slip to the counter. Staff will finish and file the application with you, take the fixed fee and give you a receipt. The code lets you continue later."
      ))
    let done = body.append(Button(text(bn: "শেষ", en: "Done"), classes: ["primary"]))
    done.onClicked { [weak self] in self?.send(.goHome) }
  }
}
