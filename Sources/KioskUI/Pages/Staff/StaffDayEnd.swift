import Foundation
import Gtk
import KioskCore
import KioskPrint
import KioskStaff
import KioskStore

extension KioskApp {
  func staffDayEnd(_ p: PageParts) {
    let body = p.body
    let today = CivilDate(secondsSince1970: Date().timeIntervalSince1970)
    guard let report = try? counter.dayEnd(today) else { return }
    paragraph(body, "\(today.formatted(.bn)) / \(today.formatted(.en))", "heading")
    for (id, count, total) in report.totals(by: \.serviceID) {
      paragraph(body, "\(setup.catalogue.service(id)?.name.bn ?? id): \(count) · ৳ \(total)")
    }
    for (op, count, total) in report.totals(by: \.operatorID) {
      paragraph(body, "\(op): \(count) · ৳ \(total)", "small")
    }
    paragraph(body, "মোট / Total: ৳ \(BengaliDigits.grouped(report.total, .bn)) (\(report.total))", "answer")
    let row = body.append(Box(vertical: false, spacing: 12))
    _ = staffButton(row, "ছাপুন ও CSV রাখুন / Print and save CSV", "primary") { [weak self] in self?.printDayEnd(today) }
    _ = staffButton(row, "তালিকায় ফিরুন / Back to the queue") { [weak self] in self?.staffGo(.queue) }
  }

  func printDayEnd(_ day: CivilDate) {
    guard let op = staff?.signedIn, staff?.busy == false else { return }
    let counter = self.counter
    let folder = setup.dataDirectory() + "/reports"
    let store = self.store
    staffBackground({ () -> (PrintOutcome?, String) in
      // What failed is said (the CSV, the audit row, the printing), never left out.
      var saved = "—"
      do {
        let csv = try counter.dayEndCSV(day)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/day-end-\(day.iso).csv"
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        saved = path
      } catch {
        saved = "\(error)"
      }
      do {
        try store.audit(actor: op.id, action: "print", subject: "day-end:\(day.iso)")
      } catch {
        return (nil, saved)
      }
      return (try? counter.printDayEnd(day), saved)
    }) { [weak self] result in
      let ok = result.0?.succeeded == true
      self?.staffGo(
        .dayEnd,
        message: BilingualText(
          bn: (ok ? "রিপোর্ট ছাপা হয়েছে" : "রিপোর্ট ছাপা যায়নি") + "; CSV: \(result.1)",
          en: (ok ? "Report printed" : "The report did not print") + "; CSV: \(result.1)"), failed: !ok)
    }
  }
}
