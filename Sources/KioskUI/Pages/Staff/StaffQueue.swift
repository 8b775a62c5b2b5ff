import Foundation
import Gtk
import KioskCore
import KioskPrint
import KioskStaff
import KioskStore

extension KioskApp {
  func staffQueue(_ p: PageParts, _ s: StaffState) {
    let body = p.body
    let tools = body.append(Box(vertical: false, spacing: 12))
    _ = staffButton(tools, tr("Today's receipts").both) { [weak self] in self?.sendStaff(.go(.receipts)) }
    _ = staffButton(tools, tr("Day-end report").both) { [weak self] in self?.sendStaff(.go(.dayEnd)) }
    _ = staffButton(tools, tr("Complaints").both) { [weak self] in self?.sendStaff(.go(.complaints)) }
    _ = staffButton(tools, tr("Print a portal PDF").both) { [weak self] in
      self?.sendStaff(.go(.handouts))
    }
    if isDesk {
      _ = staffButton(tools, tr("Refresh (F5)").both) { [weak self] in self?.sendStaff(.go(.queue)) }
      deskTokens(body, s)
      paragraph(body, tr("Waiting applications").both, "heading")
    }
    // Unreadable: said at the top of the page (not "none waiting"); open by code still works.
    if let drafts = s.queue {
      if drafts.isEmpty { paragraph(body, tr("No application is waiting").both) }
      if s.waiting > drafts.count {
        // Paged in SQL: the oldest first; the rest are opened by code or once these are done.
        paragraph(
          body,
          tr(
            "{1} waiting; the oldest {2} shown",
            .init(bn: "\(BengaliDigits.grouped(s.waiting, .bn))", en: "\(s.waiting)"),
            .init(bn: "\(BengaliDigits.grouped(drafts.count, .bn))", en: "\(drafts.count)")
          ).both,
          "small")
      }
      for d in drafts {
        let row = body.append(Box(vertical: false, spacing: 16, classes: ["check-row"]))
        let name = setup.catalogue.service(d.serviceID)?.name.bn ?? d.serviceID
        let state = d.state == .waiting ? tr("slip printed").both : tr("in progress").both
        let l = row.append(
          Label("\(d.resumeCode.grouped) · \(name) · \(Counter.time(d.updatedAt)) · \(state)", classes: ["body"]))
        l.setExpand(horizontal: true, vertical: false)
        l.setXAlign(0)
        l.setWrap()
        let open = staffButton(row, tr("Open").both) { [weak self] in self?.sendStaff(.openDraft(d.id)) }
        open.setAccessibleLabel(tr("Open").bn + ": " + d.resumeCode.grouped)
        staffNote(p, body, s, at: .queueRow(d.id))
      }
    }
    // Open by code: typed, or scanned from the slip's QR (the scanner types into the field).
    let entry = Entry(accessibleLabel: tr("Application code").both)
    staffField(entry, .code, s)
    let submit: @MainActor () -> Void = { [weak self, weak entry] in
      guard let self, let entry else { return }
      // At a desk, Enter with no code typed calls the next token (the page's main action).
      if self.isDesk && entry.text.trimmingCharacters(in: .whitespaces).isEmpty {
        self.sendStaff(.callNext)
      } else {
        self.sendStaff(.openCode(entry.text))
      }
    }
    entry.onActivate(submit)
    staffNote(p, p.footer, s, at: .code, inBody: false)
    typingFooter(p, entry, .latinDigits, next: tr("Open by code").both, showBack: false, submit)
  }
}
