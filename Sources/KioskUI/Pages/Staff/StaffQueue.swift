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
    _ = staffButton(tools, "আজকের রসিদ / Today's receipts") { [weak self] in self?.sendStaff(.go(.receipts)) }
    _ = staffButton(tools, "দিন শেষের হিসাব / Day-end report") { [weak self] in self?.sendStaff(.go(.dayEnd)) }
    _ = staffButton(tools, "পোর্টালের PDF ছাপুন / Print a portal PDF") { [weak self] in
      self?.sendStaff(.go(.handouts))
    }
    if isDesk {
      _ = staffButton(tools, "আবার পড়ুন / Refresh (F5)") { [weak self] in self?.sendStaff(.go(.queue)) }
      deskTokens(body, s)
      paragraph(body, "অপেক্ষমাণ আবেদন / Waiting applications", "heading")
    }
    // Unreadable: said at the top of the page (not "none waiting"); open by code still works.
    if let drafts = s.queue {
      if drafts.isEmpty { paragraph(body, "কোনো আবেদন অপেক্ষায় নেই / No application is waiting") }
      if s.waiting > drafts.count {
        // Paged in SQL: the oldest first; the rest are opened by code or once these are done.
        paragraph(
          body,
          "মোট \(BengaliDigits.grouped(s.waiting, .bn))টি অপেক্ষায়; পুরোনো \(BengaliDigits.grouped(drafts.count, .bn))টি দেখানো হলো / \(s.waiting) waiting; the oldest \(drafts.count) shown",
          "small")
      }
      for d in drafts {
        let row = body.append(Box(vertical: false, spacing: 16, classes: ["check-row"]))
        let name = setup.catalogue.service(d.serviceID)?.name.bn ?? d.serviceID
        let state = d.state == .waiting ? "স্লিপ ছাপা / slip printed" : "চলমান / in progress"
        let l = row.append(
          Label("\(d.resumeCode.grouped) · \(name) · \(Counter.time(d.updatedAt)) · \(state)", classes: ["body"]))
        l.setExpand(horizontal: true, vertical: false)
        l.setXAlign(0)
        l.setWrap()
        let open = staffButton(row, "খুলুন / Open") { [weak self] in self?.sendStaff(.openDraft(d.id)) }
        open.setAccessibleLabel("খুলুন: " + d.resumeCode.grouped)
        staffNote(p, body, s, at: .queueRow(d.id))
      }
    }
    // Open by code: typed, or scanned from the slip's QR (the scanner types into the field).
    let entry = Entry(accessibleLabel: "আবেদনের কোড / Application code")
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
    typingFooter(p, entry, .latinDigits, next: "কোড দিয়ে খুলুন / Open by code", showBack: false, submit)
  }
}
