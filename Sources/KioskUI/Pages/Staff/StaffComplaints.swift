import Foundation
import Gtk
import KioskCore
import KioskPrint
import KioskStaff
import KioskStore

extension KioskApp {
  /// The complaints register, newest first: each complaint with its responses and "Respond". A
  /// complaint is never changed or deleted here; a response is a row of its own.
  func staffComplaints(_ p: PageParts, _ s: StaffState) {
    let body = p.body
    if let rows = s.complaints {
      if rows.isEmpty { paragraph(body, tr("No complaints").both) }
      for line in rows {
        let c = line.complaint
        let row = body.append(Box(vertical: false, spacing: 12, classes: ["check-row"]))
        let l = row.append(Label(complaintSummary(c), classes: ["body"]))
        l.setExpand(horizontal: true, vertical: false)
        l.setXAlign(0)
        l.setWrap()
        let respond = staffButton(row, tr("Respond").both) { [weak self] in self?.sendStaff(.go(.respond(c.id))) }
        respond.setAccessibleLabel(tr("Respond").bn + ": " + c.displayNumber)
        for r in line.responses {
          paragraph(body, "↳ \(Counter.time(r.at)) · \(r.operatorID): \(r.text)", "small")
        }
        staffNote(p, body, s, at: .complaint(c.id))
      }
    }
    staffBackToQueue(body)
  }

  func complaintSummary(_ c: Complaint) -> String {
    var parts = [c.displayNumber, Counter.time(c.at), c.kind.words.both]
    if let a = c.askedAmount { parts.append(tr("Amount asked").both + " ৳ \(a)") }
    if let f = c.fee { parts.append(tr("Fixed centre fee").both + " ৳ \(f)") }
    if let id = c.serviceID { parts.append(setup.catalogue.service(id)?.name.bn ?? id) }
    if let r = c.reference { parts.append(r) }
    return parts.joined(separator: " · ")
  }

  /// A response to one complaint, typed on the Jatiya keyboard.
  func staffRespond(_ p: PageParts, _ s: StaffState, _ id: Int64) {
    let body = p.body
    guard let c = s.complaints?.first(where: { $0.complaint.id == id })?.complaint else {
      _ = staffButton(body, tr("Back").both) { [weak self] in self?.sendStaff(.back) }
      return
    }
    paragraph(body, complaintSummary(c), "body")
    paragraph(body, tr("Response (what was done)").both, "question")
    let entry = Entry(accessibleLabel: tr("Response (what was done)").both)
    staffField(entry, .response(id), s)
    let submit: @MainActor () -> Void = { [weak self, weak entry] in
      guard let self, let entry else { return }
      self.sendStaff(.respond(complaintID: id, text: entry.text))
    }
    entry.onActivate(submit)
    staffNote(p, p.footer, s, at: .complaint(id), inBody: false)
    typingFooter(
      p, entry, .jatiya, lettersToo: false, next: tr("Add the response").both,
      back: { [weak self] in self?.sendStaff(.back) }, submit)
  }
}
