import Foundation
import Gtk
import KioskCore
import KioskPrint
import KioskStaff
import KioskStore

extension KioskApp {
  /// PDFs waiting in the handout folder; each can be printed for a citizen, charged as a
  /// khatian copy or as the DCR service, with its receipt. Printed files move to `printed/`.
  func staffHandouts(_ p: PageParts) {
    let body = p.body
    try? FileManager.default.createDirectory(atPath: handoutFolder, withIntermediateDirectories: true)
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: handoutFolder)) ?? [])
      .filter { $0.lowercased().hasSuffix(".pdf") }.sorted()
    paragraph(body, "ফোল্ডার / Folder: \(handoutFolder)", "small")
    if files.isEmpty { paragraph(body, "কোনো PDF নেই / No PDF in the folder") }
    for file in files {
      let row = body.append(Box(vertical: false, spacing: 12, classes: ["check-row"]))
      let l = row.append(Label(file, classes: ["body"]))
      l.setExpand(horizontal: true, vertical: false)
      l.setXAlign(0)
      for service in ["khatian-copy", "namjari-dcr"] {
        guard let s = setup.catalogue.service(service) else { continue }
        let b = staffButton(row, s.name.bn) { [weak self] in self?.printHandout(file, service) }
        b.setAccessibleLabel("\(s.name.bn): \(file)")
      }
    }
    _ = staffButton(body, "তালিকায় ফিরুন / Back to the queue") { [weak self] in self?.staffGo(.queue) }
  }

  func printHandout(_ file: String, _ service: String) {
    guard let op = staff?.signedIn, staff?.busy == false else { return }
    let path = handoutFolder + "/" + file
    let done = handoutFolder + "/printed"
    let counter = self.counter
    staffBackground({ () -> Result<(LedgerReceipt, PrintOutcome, PrintOutcome), CounterFailure> in
      guard let pdf = FileManager.default.contents(atPath: path) else {
        return .failure(CounterFailure(text: "cannot read \(file)"))
      }
      do {
        let r = try counter.printHandout(pdf: pdf, serviceID: service, draftID: nil, operator: op)
        try? FileManager.default.createDirectory(atPath: done, withIntermediateDirectories: true)
        try? FileManager.default.moveItem(atPath: path, toPath: done + "/" + file)
        return .success(r)
      } catch { return .failure(CounterFailure(text: "\(error)")) }
    }) { [weak self] result in
      switch result {
      case .success(let (receipt, paper, slip)):
        let ok = paper.succeeded && slip.succeeded
        self?.staffGo(
          .handouts,
          message: ok
            ? BilingualText(
              bn: "ছাপা হয়েছে; রসিদ \(receipt.displayNumber)", en: "Printed; receipt \(receipt.displayNumber)")
            : BilingualText(
              bn: "রসিদ \(receipt.displayNumber) হিসাবে আছে; ছাপায় সমস্যা: \(paper.message.bn)",
              en: "Receipt \(receipt.displayNumber) is in the ledger; printing trouble: \(paper.message.en)"),
          failed: !ok)
      case .failure(let f):
        self?.staffGo(.handouts, message: BilingualText(bn: "ছাপা যায়নি", en: "Could not print: \(f.text)"), failed: true)
      }
    }
  }
}
