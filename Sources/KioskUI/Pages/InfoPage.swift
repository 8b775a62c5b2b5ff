import Foundation
import Gtk
import KioskCore
import KioskPrint

extension KioskApp {
  func infoPage(_ p: PageParts) {
    let body = p.body
    guard let service = reducer.service(state) else { return }
    paragraph(body, text(service.summary))
    paragraph(body, text(bn: "যা সঙ্গে আনবেন", en: "What to bring"), "heading")
    for d in service.documents(for: state.answers) { paragraph(body, "• " + text(d)) }
    if service.documents.contains(where: { $0.when != nil }) {
      paragraph(
        body,
        text(bn: "আরও কাগজ লাগতে পারে, আপনার উত্তরের ওপর নির্ভর করে।", en: "More papers may be needed, depending on your answers."),
        "small")
    }
    paragraph(body, text(bn: "খরচ", en: "What it costs"), "heading")
    // No store or printer failure hides behind this `try?`: a quote fails only for a catalogue file
    // that start-up refuses (every service quotes at every area class).
    if let quote = try? FeeEngine.quote(service, areaClass: setup.config.areaClass) {
      if quote.centreLines.isEmpty {
        paragraph(body, text(bn: "এই কেন্দ্রে কোনো ফি নেই।", en: "No fee at this centre."))
      }
      for line in quote.centreLines {
        paragraph(
          body,
          text(line.label) + ": " + text(bn: "\(BengaliDigits.grouped(line.amount, .bn)) টাকা", en: "Tk \(line.amount)"))
      }
      if let fee = service.centreFee, let free = fee.freePages, let per = fee.perExtraPage {
        paragraph(
          body,
          text(
            bn:
              "\(BengaliDigits.toBengali(String(free))) পৃষ্ঠার বেশি কাগজ স্ক্যান হলে প্রতি পৃষ্ঠা \(BengaliDigits.toBengali(String(per))) টাকা বেশি।",
            en: "Over \(free) scanned pages, Tk \(per) more for each page."), "small")
      }
      for line in quote.governmentAtFiling + quote.governmentLater {
        // "(later)" unless the fee's own name already says when ("(অনুমোদনের পর)").
        let saysWhen = text(line.label).contains("(")
        let when = quote.governmentLater.contains(line) && !saysWhen ? text(bn: " (পরে)", en: " (later)") : ""
        paragraph(
          body,
          text(bn: "সরকারি ফি, অনলাইনে: ", en: "Government fee, paid online: ") + text(line.label) + when + ": "
            + text(bn: "\(BengaliDigits.grouped(line.amount, .bn)) টাকা", en: "Tk \(line.amount)"))
      }
    }
    if let days = service.usualDays {
      paragraph(
        body,
        text(bn: "সাধারণত সময় লাগে \(BengaliDigits.toBengali(String(days))) দিন।", en: "It usually takes \(days) days."))
    }
    let printList = body.append(Button(text(bn: "এই তালিকা ছাপুন", en: "Print this list"), classes: ["secondary"]))
    printList.onClicked { [weak self] in self?.send(.printDocumentsList) }
    navigation(p, next: (text(bn: "চালিয়ে যান", en: "Continue"), .continueFromInfo))
  }
}
