import Foundation
import Gtk
import KioskCore
import KioskPrint
import KioskStaff
import KioskStore

extension KioskApp {
  /// PDFs waiting in the handout folder; each can be printed for a citizen, charged as a
  /// khatian copy or as the DCR service, with its receipt. Printed files move to `printed/`.
  func staffHandouts(_ p: PageParts, _ s: StaffState) {
    let body = p.body
    if let folder = s.handoutFolder { paragraph(body, tr("Folder").both + ": \(folder)", "small") }
    // Unreadable: the reason is at the top of the page.
    if let files = s.handouts {
      if files.isEmpty { paragraph(body, tr("No PDF in the folder").both) }
      for file in files {
        let row = body.append(Box(vertical: false, spacing: 12, classes: ["check-row"]))
        let l = row.append(Label(file, classes: ["body"]))
        l.setExpand(horizontal: true, vertical: false)
        l.setXAlign(0)
        for service in StaffReducer.handoutServices {
          guard let svc = setup.catalogue.service(service) else { continue }
          let b = staffButton(row, svc.name.bn) { [weak self] in
            self?.sendStaff(.printHandout(file: file, serviceID: service))
          }
          b.setAccessibleLabel("\(svc.name.bn): \(file)")
        }
        staffNote(p, body, s, at: .handout(file))
      }
    }
    staffBackToQueue(body)
  }
}
