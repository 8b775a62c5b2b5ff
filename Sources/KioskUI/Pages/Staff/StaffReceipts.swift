import Foundation
import Gtk
import KioskCore
import KioskPrint
import KioskStaff
import KioskStore

extension KioskApp {
  func staffReceipts(_ p: PageParts, _ s: StaffState) {
    let body = p.body
    // Unreadable: the reason is at the top of the page.
    if let rows = s.receipts {
      if rows.isEmpty { paragraph(body, tr("No receipts today").both) }
      for line in rows {
        let r = line.receipt
        let row = body.append(Box(vertical: false, spacing: 12, classes: ["check-row"]))
        let name = setup.catalogue.service(r.serviceID)?.name.bn ?? r.serviceID
        let what =
          r.voidsReceipt != nil
          ? tr("void").both + ": \(r.voidReason ?? "")" : (r.printed ? tr("printed").both : tr("not printed").both)
        let l = row.append(
          Label(
            "\(r.displayNumber) · \(Counter.time(r.issuedAt)) · \(name) · ৳ \(r.total) · \(what)", classes: ["body"]))
        l.setExpand(horizontal: true, vertical: false)
        l.setXAlign(0)
        l.setWrap()
        if r.voidsReceipt == nil {
          let again = staffButton(row, tr("Reprint").both) { [weak self] in self?.sendStaff(.reprint(r.id)) }
          again.setAccessibleLabel(tr("Reprint").bn + ": " + r.displayNumber)
          if line.canVoid {
            let v = staffButton(row, tr("Void").both) { [weak self] in self?.sendStaff(.startVoid(r.id)) }
            v.setAccessibleLabel(tr("Void").bn + ": " + r.displayNumber)
          }
        }
        staffNote(p, body, s, at: .receipt(r.id))
      }
    }
    staffBackToQueue(body)
  }

  func staffVoid(_ p: PageParts, _ s: StaffState, _ id: Int64) {
    let body = p.body
    guard let r = s.receipts?.first(where: { $0.receipt.id == id })?.receipt else {
      _ = staffButton(body, tr("Back").both) { [weak self] in self?.sendStaff(.back) }
      return
    }
    paragraph(body, tr("Why void {1}?", .same("\(r.displayNumber)")).both, "question")
    for reason in StaffReducer.voidReasons {
      _ = staffButton(body, reason, "choice") { [weak self] in self?.sendStaff(.void(reason: reason)) }
    }
    staffNote(p, body, s, at: .void)
    _ = staffButton(body, tr("Back").both) { [weak self] in self?.sendStaff(.back) }
  }
}
