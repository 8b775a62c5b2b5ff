import Foundation
import Gtk
import KioskCore
import KioskPrint
import KioskStaff
import KioskStore

extension KioskApp {
  func staffDayEnd(_ p: PageParts, _ s: StaffState) {
    let body = p.body
    // Unreadable: the reason is at the top of the page.
    guard let report = s.dayEnd, let day = s.day else {
      staffBackToQueue(body)
      return
    }
    paragraph(body, "\(day.formatted(.bn)) / \(day.formatted(.en))", "heading")
    for (id, count, total) in report.totals(by: \.serviceID) {
      paragraph(body, "\(setup.catalogue.service(id)?.name.bn ?? id): \(count) · ৳ \(total)")
    }
    for (op, count, total) in report.totals(by: \.operatorID) {
      paragraph(body, "\(op): \(count) · ৳ \(total)", "small")
    }
    paragraph(body, tr("Total").both + ": ৳ \(BengaliDigits.grouped(report.total, .bn)) (\(report.total))", "answer")
    let row = body.append(Box(vertical: false, spacing: 12))
    _ = staffButton(row, tr("Print and save CSV").both, "primary") { [weak self] in
      self?.sendStaff(.printDayEnd)
    }
    _ = staffButton(row, tr("Back to the queue").both) { [weak self] in self?.sendStaff(.back) }
    staffNote(p, body, s, at: .dayEnd)
  }
}
