import Foundation
import Gtk
import KioskCore
import KioskPrint
import KioskStaff
import KioskStore

extension KioskApp {
  func staffDraft(_ p: PageParts, _ id: Int64) {
    let body = p.body
    guard let op = staff?.signedIn, let d = try? store.draft(id: id), let service = setup.catalogue.service(d.serviceID)
    else { return }
    let answers = (try? store.answers(draftID: id)) ?? [:]
    let filed = try? store.applicationNumber(draftID: id)
    paragraph(body, "\(service.name.bn) / \(service.name.en) · \(d.resumeCode.grouped)", "heading")
    for q in service.activeQuestions(answers) {
      let row = body.append(Box(vertical: false, spacing: 16, classes: ["check-row"]))
      let texts = row.append(Box(vertical: true, spacing: 2))
      texts.setExpand(horizontal: true, vertical: false)
      // Wrapped: some labels in both languages are longer than the page (e-Namjari's representative).
      let label = texts.append(Label(q.label.bn + " / " + q.label.en, classes: ["small"]))
      label.setXAlign(0)
      label.setWrap()
      // In words, not ids: "ক্রয় / Purchase", not "purchase"; dates in both languages.
      let shown = answers[q.id].map { v in
        q.shown(v, .bn) == q.shown(v, .en) ? q.shown(v, .bn) : q.shown(v, .bn) + " / " + q.shown(v, .en)
      }
      let a = texts.append(Label(shown ?? "—", classes: ["answer"]))
      a.setXAlign(0)
      a.setWrap()
      let fix = staffButton(row, "সংশোধন / Correct") { [weak self] in self?.staffGo(.edit(id, q.id)) }
      fix.setAccessibleLabel("সংশোধন: " + q.label.bn)
    }
    let actions = body.append(Box(vertical: false, spacing: 12))
    _ = staffButton(actions, "ফাইলিং শীট ছাপুন / Print filing sheet") { [weak self] in self?.printFilingSheet(id) }
    _ = staffButton(actions, "তালিকায় ফিরুন / Back to the queue") { [weak self] in self?.staffGo(.queue) }

    // The fee: from the catalogue and the centre's area class, never typed.
    paragraph(body, "ফি / Fee (\(setup.config.areaClass.rawValue))", "heading")
    if let (_, lines) = try? counter.charge(forDraft: id) {
      for l in lines { paragraph(body, "\(l.bn) / \(l.en): ৳ \(BengaliDigits.grouped(l.amount, .bn))") }
      let total = lines.reduce(0) { $0 + $1.amount }
      paragraph(body, "মোট / Total: ৳ \(BengaliDigits.grouped(total, .bn)) (\(total))", "answer")
    }
    let issued: [LedgerReceipt]
    do {
      issued = try store.receipts().filter { $0.draftID == id }
    } catch {
      issued = []
      paragraph(body, storeTrouble(error).bn + " / " + storeTrouble(error).en, "error")
    }
    let standing = LedgerReceipt.standing(issued)
    for r in issued {
      let voided = r.voidsReceipt != nil ? " (বাতিল / void)" : ""
      paragraph(
        body,
        "রসিদ / Receipt \(r.displayNumber): \(r.total)\(voided) · \(r.printed ? "ছাপা / printed" : "ছাপা হয়নি / not printed")",
        "small")
    }
    if let filed {
      paragraph(body, "দাখিল হয়েছে / Filed: \(filed)", "answer")
    }
    // Filing: the portal's application number, then the receipt.
    let entry = Entry(accessibleLabel: "পোর্টালের আবেদন নম্বর / Portal application number")
    entry.text = filed ?? ""
    let markFiled: @MainActor () -> Void = { [weak self, weak entry] in
      guard let self, let entry else { return }
      let number = entry.text.trimmingCharacters(in: .whitespaces)
      guard number.count >= 4 else {
        self.staffGo(
          .draft(id),
          message: BilingualText(bn: "পোর্টালের আবেদন নম্বর লিখুন", en: "Type the portal's application number"),
          failed: true)
        return
      }
      do {
        try self.store.markFiled(draftID: id, applicationNumber: number, operatorID: op.id)
        self.staffGo(.draft(id), message: BilingualText(bn: "দাখিল হিসেবে রাখা হয়েছে", en: "Marked as filed"))
      } catch {
        self.staffGo(.draft(id), message: storeTrouble(error), failed: true)
      }
    }
    entry.onActivate(markFiled)
    p.footer.append(entry)
    let row = p.footer.append(Box(vertical: false, spacing: 12))
    _ = staffButton(row, "দাখিল হয়েছে / Mark filed", "secondary", markFiled)
    if staff?.confirmCharge == id, let first = standing.first {
      // Two taps on Charge issued two receipts: a second charge is asked for in words first.
      paragraph(
        body,
        "এই আবেদনের রসিদ \(first.displayNumber) আগেই দেওয়া হয়েছে। আবার ফি নেবেন? / Receipt \(first.displayNumber) was already issued for this application. Charge again?",
        "error")
      let again = staffButton(row, "হ্যাঁ, আবার ফি নিন / Yes, charge again", "primary") { [weak self] in
        self?.staff?.confirmCharge = nil
        self?.chargeAndPrint(id)
      }
      again.setExpand(horizontal: true, vertical: false)
      _ = staffButton(row, "না / No") { [weak self] in
        self?.staff?.confirmCharge = nil
        self?.staffGo(.draft(id))
      }
    } else {
      let charge = staffButton(row, "ফি নিন ও রসিদ ছাপুন / Charge and print receipt", "primary") { [weak self] in
        guard let self else { return }
        if standing.isEmpty {
          self.chargeAndPrint(id)
        } else {
          self.staff?.confirmCharge = id
          self.staffGo(.draft(id))
        }
      }
      charge.setExpand(horizontal: true, vertical: false)
    }
  }

  func chargeAndPrint(_ draftID: Int64) {
    guard let op = staff?.signedIn, staff?.busy == false else { return }
    let counter = self.counter
    staffBackground({ () -> Result<(LedgerReceipt, PrintOutcome), CounterFailure> in
      do { return .success(try counter.chargeAndPrint(draftID: draftID, operator: op)) } catch {
        return .failure(CounterFailure(text: "\(error)"))
      }
    }) { [weak self] result in
      switch result {
      case .success(let (receipt, outcome)):
        let m =
          outcome.succeeded
          ? BilingualText(bn: "রসিদ \(receipt.displayNumber) ছাপা হয়েছে", en: "Receipt \(receipt.displayNumber) printed")
          : BilingualText(
            bn: "রসিদ \(receipt.displayNumber) হিসাবে আছে, কিন্তু ছাপা হয়নি: \(outcome.message.bn)",
            en: "Receipt \(receipt.displayNumber) is in the ledger but did not print: \(outcome.message.en)")
        self?.staffGo(.draft(draftID), message: m, failed: !outcome.succeeded)
      case .failure(let f):
        self?.staffGo(
          .draft(draftID), message: BilingualText(bn: "ফি নেওয়া যায়নি", en: "Could not charge: \(f.text)"), failed: true)
      }
    }
  }

  func printFilingSheet(_ draftID: Int64) {
    guard let op = staff?.signedIn, let d = try? store.draft(id: draftID),
      let service = setup.catalogue.service(d.serviceID)
    else { return }
    let answers: [String: String]
    let number: String?
    do {
      answers = try store.answers(draftID: draftID)
      number = try store.applicationNumber(draftID: draftID)
      // Every staff access is audited: no audit row, no sheet.
      try store.audit(actor: op.id, action: "print", subject: "draft:\(draftID)", detail: "filing sheet")
    } catch {
      staffGo(.draft(draftID), message: storeTrouble(error), failed: true)
      return
    }
    // Values in words, in both languages where they differ ("ক্রয় / Purchase", both calendars' dates).
    func both(_ q: Question, _ v: String) -> String {
      guard !v.isEmpty else { return "" }
      let bn = q.shown(v, .bn)
      let en = q.shown(v, .en)
      return bn == en ? bn : bn + " / " + en
    }
    let sheet = FilingSheet(
      centre: setup.config.centreName, service: service.name, code: d.resumeCode.grouped,
      applicationNumber: number,
      rows: service.activeQuestions(answers).map { ($0.label, both($0, answers[$0.id] ?? "")) },
      date: CivilDate(secondsSince1970: Date().timeIntervalSince1970))
    let queue = setup.config.a4Queue.isEmpty ? setup.config.slipQueue : setup.config.a4Queue
    let printer = self.printer
    let counter = self.counter
    staffBackground({ () -> PrintOutcome in
      let pdf = Documents.filingSheet(sheet)
      return
        (try? counter.printKept(pdf, draftID: draftID, kind: "filing-sheet", queue: queue, title: "filing-\(draftID)"))
        ?? printer.printPDF(pdf, queue: queue, title: "filing-\(draftID)")
    }) { [weak self] outcome in
      self?.staffGo(
        .draft(draftID),
        message: outcome.succeeded
          ? BilingualText(bn: "ফাইলিং শীট ছাপা হয়েছে", en: "Filing sheet printed") : outcome.message,
        failed: !outcome.succeeded)
    }
  }
}
