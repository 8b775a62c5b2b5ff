import Foundation
import Gtk
import KioskCore
import KioskPrint
import KioskStaff
import KioskStore

extension KioskApp {
  func staffQueue(_ p: PageParts) {
    let body = p.body
    let tools = body.append(Box(vertical: false, spacing: 12))
    _ = staffButton(tools, "আজকের রসিদ / Today's receipts") { [weak self] in self?.staffGo(.receipts) }
    _ = staffButton(tools, "দিন শেষের হিসাব / Day-end report") { [weak self] in self?.staffGo(.dayEnd) }
    _ = staffButton(tools, "পোর্টালের PDF ছাপুন / Print a portal PDF") { [weak self] in self?.staffGo(.handouts) }
    var drafts: [Draft] = []
    var waiting = 0
    do {
      drafts = try store.staffQueue()
      waiting = try store.staffQueueCount()
    } catch {
      drafts = []
      let t = storeTrouble(error)
      paragraph(body, t.bn + " / " + t.en, "error")
    }
    if drafts.isEmpty { paragraph(body, "কোনো আবেদন অপেক্ষায় নেই / No application is waiting") }
    if waiting > drafts.count {
      // Paged in SQL: the oldest first; the rest are opened by code or once these are done.
      paragraph(
        body,
        "মোট \(BengaliDigits.grouped(waiting, .bn))টি অপেক্ষায়; পুরোনো \(BengaliDigits.grouped(drafts.count, .bn))টি দেখানো হলো / \(waiting) waiting; the oldest \(drafts.count) shown",
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
      let open = staffButton(row, "খুলুন / Open") { [weak self] in self?.staffOpen(d.id) }
      open.setAccessibleLabel("খুলুন: " + d.resumeCode.grouped)
    }
    // Open by code: typed, or scanned from the slip's QR (the scanner types into the field).
    let entry = Entry(accessibleLabel: "আবেদনের কোড / Application code")
    let submit: @MainActor () -> Void = { [weak self, weak entry] in
      guard let self, let entry else { return }
      let typed = entry.text
      let code = ResumeCode.scan(in: typed).map(\.code) ?? ResumeCode(typed: typed)
      let found: Draft?
      do {
        found = try code.flatMap { try self.store.draft(code: $0) }
      } catch {
        self.staffGo(.queue, message: self.storeTrouble(error), failed: true)
        return
      }
      if let d = found {
        self.staffOpen(d.id)
      } else {
        self.staffGo(
          .queue, message: BilingualText(bn: "এই কোডে কোনো আবেদন নেই", en: "No application has this code"), failed: true)
      }
    }
    entry.onActivate(submit)
    typingFooter(p, entry, .latinDigits, next: "কোড দিয়ে খুলুন / Open by code", showBack: false, submit)
  }

  func staffOpen(_ draftID: Int64) {
    guard let op = staff?.signedIn else { return }
    // Every staff access is audited: no audit row, no opening.
    do {
      try store.staffOpened(draftID: draftID, operatorID: op.id)
      staffGo(.draft(draftID))
    } catch {
      staffGo(.queue, message: storeTrouble(error), failed: true)
    }
  }
}
