import Foundation
import Gtk
import KioskCore
import KioskPrint
import KioskStaff
import KioskStore

extension KioskApp {
  func staffReceipts(_ p: PageParts) {
    let body = p.body
    let today = CivilDate(secondsSince1970: Date().timeIntervalSince1970)
    let rows = (try? store.receipts(on: today)) ?? []
    if rows.isEmpty { paragraph(body, "আজ কোনো রসিদ নেই / No receipts today") }
    for r in rows {
      let row = body.append(Box(vertical: false, spacing: 12, classes: ["check-row"]))
      let name = setup.catalogue.service(r.serviceID)?.name.bn ?? r.serviceID
      let what =
        r.voidsReceipt != nil
        ? "বাতিল / void: \(r.voidReason ?? "")" : (r.printed ? "ছাপা / printed" : "ছাপা হয়নি / not printed")
      let l = row.append(
        Label("\(r.displayNumber) · \(Counter.time(r.issuedAt)) · \(name) · ৳ \(r.total) · \(what)", classes: ["body"]))
      l.setExpand(horizontal: true, vertical: false)
      l.setXAlign(0)
      l.setWrap()
      if r.voidsReceipt == nil {
        let again = staffButton(row, "আবার ছাপুন / Reprint") { [weak self] in self?.reprint(r) }
        again.setAccessibleLabel("আবার ছাপুন: " + r.displayNumber)
        if (try? store.voidOf(r.id)) == nil {
          let v = staffButton(row, "বাতিল / Void") { [weak self] in self?.staffGo(.void(r.id)) }
          v.setAccessibleLabel("বাতিল: " + r.displayNumber)
        }
      }
    }
    _ = staffButton(body, "তালিকায় ফিরুন / Back to the queue") { [weak self] in self?.staffGo(.queue) }
  }

  func reprint(_ r: LedgerReceipt) {
    guard let op = staff?.signedIn, staff?.busy == false else { return }
    let counter = self.counter
    staffBackground({ (try? counter.printReceipt(r, operator: op, reprint: true)) }) { [weak self] outcome in
      let ok = outcome?.succeeded == true
      self?.staffGo(
        .receipts,
        message: ok
          ? BilingualText(bn: "\(r.displayNumber) আবার ছাপা হয়েছে", en: "\(r.displayNumber) reprinted")
          : outcome?.message ?? BilingualText(bn: "ছাপা যায়নি", en: "Could not print"), failed: !ok)
    }
  }

  func staffVoid(_ p: PageParts, _ id: Int64) {
    let body = p.body
    guard let op = staff?.signedIn, let r = try? store.receipt(id: id) else { return }
    paragraph(body, "\(r.displayNumber) বাতিলের কারণ / Why void \(r.displayNumber)?", "question")
    for reason in [
      "ভুল সেবা / Wrong service", "ভুল পৃষ্ঠা সংখ্যা / Wrong page count", "ভুল নাম / Wrong name",
      "দুবার নেওয়া / Charged twice",
    ] {
      _ = staffButton(body, reason, "choice") { [weak self] in
        guard let self else { return }
        do {
          let v = try self.store.voidReceipt(id, reason: reason, operatorID: op.id)
          self.staffGo(
            r.draftID.map { .draft($0) } ?? .receipts,
            message: BilingualText(
              bn: "\(r.displayNumber) বাতিল (\(v.displayNumber)); দরকার হলে নতুন রসিদ দিন",
              en: "\(r.displayNumber) voided (\(v.displayNumber)); issue a new receipt if needed"))
        } catch {
          self.staffGo(
            .receipts, message: BilingualText(bn: "বাতিল করা যায়নি", en: "Could not void: \(error)"), failed: true)
        }
      }
    }
    _ = staffButton(body, "পিছনে / Back") { [weak self] in self?.staffGo(.receipts) }
  }
}
