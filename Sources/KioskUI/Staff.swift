import Foundation
import Gtk
import KioskCore
import KioskPrint
import KioskStaff
import KioskStore

/// Staff mode: signed in with a PIN, on the same screen. The work itself (fees, ledger, printing)
/// is KioskStaff's `Counter`; these pages only show it and pass taps on.
@MainActor
final class StaffSession {
  enum Page: Equatable {
    case signIn
    case queue
    case draft(Int64)
    case edit(Int64, String)
    case receipts
    case void(Int64)
    case dayEnd
    case handouts
  }
  var page: Page = .signIn
  var signedIn: Operator?
  var chosenOperator: String?
  var message: BilingualText?
  var failed = false
  var lastActivity = Date().timeIntervalSince1970
  var busy = false
}

extension KioskApp {
  var counter: Counter { Counter(setup: setup, store: store, printer: printer) }

  /// Five taps on the page title within three seconds (or Ctrl+Shift+S on a keyboard) opens the
  /// staff sign-in; a citizen does not do either by chance.
  func titleTapped() {
    let now = Date().timeIntervalSince1970
    titleTaps = titleTaps.filter { now - $0 < 3 } + [now]
    if titleTaps.count >= 5 {
      titleTaps = []
      openStaff()
    }
  }

  func openStaff() {
    guard staff == nil else { return }
    staff = StaffSession()
    redraw()
  }

  func closeStaff(reason: String) {
    if let op = staff?.signedIn {
      try? store.audit(actor: op.id, action: "logout", subject: "operator:\(op.id)", detail: reason)
    }
    staff = nil
    state = FlowState()
    redraw()
  }

  /// Staff mode closes itself when nobody touches it.
  func staffTick() {
    guard let staff else { return }
    if Date().timeIntervalSince1970 - staff.lastActivity > Double(setup.config.staffIdleSeconds) {
      closeStaff(reason: "idle")
    }
  }

  func staffGo(_ page: StaffSession.Page, message: BilingualText? = nil, failed: Bool = false) {
    guard let staff else { return }
    staff.page = page
    staff.message = message
    staff.failed = failed
    staff.lastActivity = Date().timeIntervalSince1970
    redraw()
  }

  /// Runs blocking work (libcups, Argon2id) off the GTK thread and comes back on the main loop.
  func staffBackground<T: Sendable>(_ work: @escaping @Sendable () -> T, then: @escaping @MainActor (T) -> Void) {
    staff?.busy = true
    Thread.detachNewThread {
      let result = work()
      MainLoop.invoke { [weak self] in
        self?.staff?.busy = false
        then(result)
      }
    }
  }

  // MARK: pages

  func staffPage(_ s: StaffSession) -> Widget {
    let root = Box(vertical: true, spacing: 0)
    let bar = root.append(Box(vertical: false, spacing: 12, classes: ["banner", "staff-banner"]))
    let title = bar.append(Label(staffTitle(s), classes: ["title"]))
    title.setExpand(horizontal: true, vertical: false)
    title.setXAlign(0)
    if let op = s.signedIn {
      bar.append(Label(op.name, classes: ["body"]))
      let out = bar.append(Button("বের হন / Sign out", classes: ["tool"]))
      out.onClicked { [weak self] in self?.closeStaff(reason: "sign-out") }
    } else {
      let cancel = bar.append(Button("বাতিল / Cancel", classes: ["tool"]))
      cancel.onClicked { [weak self] in self?.closeStaff(reason: "cancel") }
    }
    let body = Box(vertical: true, spacing: 14, classes: ["page"])
    let footer = Box(vertical: true, spacing: 8, classes: ["footer"])
    footer.setExpand(horizontal: true, vertical: false)  // see page(for:)
    self.footer = footer
    if let m = s.message {
      body.append(Label(m.bn + " / " + m.en, classes: [s.failed ? "error" : "notice"])).setWrap()
    }
    switch s.page {
    case .signIn: staffSignIn(body, s)
    case .queue: staffQueue(body)
    case .draft(let id): staffDraft(body, id)
    case .edit(let id, let q): staffEdit(body, id, q)
    case .receipts: staffReceipts(body)
    case .void(let id): staffVoid(body, id)
    case .dayEnd: staffDayEnd(body)
    case .handouts: staffHandouts(body)
    }
    let scrolled = root.append(Scrolled(body))
    scrolled.setExpand(horizontal: true, vertical: true)
    if footer.hasChildren { root.append(footer) }
    self.footer = nil
    return root
  }

  func staffTitle(_ s: StaffSession) -> String {
    switch s.page {
    case .signIn: return "কর্মী প্রবেশ / Staff sign-in"
    case .queue: return "অপেক্ষমাণ আবেদন / Waiting applications"
    case .draft, .edit: return "আবেদন / Application"
    case .receipts, .void: return "আজকের রসিদ / Today's receipts"
    case .dayEnd: return "দিন শেষের হিসাব / Day-end report"
    case .handouts: return "পোর্টালের PDF ছাপুন / Print a portal PDF"
    }
  }

  func staffButton(_ box: Box, _ label: String, _ cls: String = "secondary", _ action: @escaping @MainActor () -> Void)
    -> Button
  {
    let b = box.append(Button(label, classes: [cls]))
    b.onClicked { [weak self] in
      self?.staff?.lastActivity = Date().timeIntervalSince1970
      action()
    }
    return b
  }

  func staffSignIn(_ body: Box, _ s: StaffSession) {
    let ops = ((try? store.operators()) ?? []).filter { !$0.disabled }
    if ops.isEmpty {
      paragraph(
        body, "কোনো কর্মী নেই; kioskctl operator add দিয়ে যোগ করুন। / No operators yet: add one with kioskctl operator add.")
      return
    }
    paragraph(body, "আপনার নাম বেছে নিন, তারপর পিন দিন / Choose your name, then type your PIN", "small")
    let row = body.append(Box(vertical: false, spacing: 12))
    for op in ops {
      let b = staffButton(row, op.name, s.chosenOperator == op.id ? "primary" : "secondary") { [weak self] in
        self?.staff?.chosenOperator = op.id
        self?.staff?.message = nil
        self?.redraw()
      }
      b.setAccessibleLabel("কর্মী: " + op.name)
    }
    guard let chosen = s.chosenOperator else { return }
    let entry = Entry(accessibleLabel: "পিন / PIN")
    entry.hideText()
    let submit: @MainActor () -> Void = { [weak self, weak entry] in
      guard let self, let entry, self.staff?.busy == false else { return }
      let pin = entry.text
      let store = self.store
      self.staffBackground({ (try? store.logIn(id: chosen, pin: pin)) ?? .unknownOperator }) { [weak self] result in
        self?.signedIn(result)
      }
    }
    entry.onActivate(submit)
    typingFooter(
      entry, .latinDigits, next: "প্রবেশ / Sign in", back: { [weak self] in self?.closeStaff(reason: "cancel") }, submit)
  }

  func signedIn(_ result: LoginResult) {
    guard let staff else { return }
    switch result {
    case .ok(let op):
      staff.signedIn = op
      staffGo(.queue)
    case .wrongPIN(let remaining):
      staffGo(
        .signIn,
        message: BilingualText(
          bn: "পিন ঠিক নয়; আর \(BengaliDigits.toBengali(String(remaining))) বার চেষ্টা করা যাবে",
          en: "Wrong PIN; \(remaining) more tries before the lock"), failed: true)
    case .locked(let until):
      let t = Counter.time(until)
      staffGo(
        .signIn,
        message: BilingualText(
          bn: "অনেকবার ভুল পিন; \(BengaliDigits.toBengali(t)) পর্যন্ত বন্ধ", en: "Too many wrong PINs; locked until \(t)"),
        failed: true)
    case .disabled:
      staffGo(
        .signIn, message: BilingualText(bn: "এই কর্মীর প্রবেশ বন্ধ করা আছে", en: "This operator is disabled"), failed: true)
    case .unknownOperator:
      staffGo(.signIn, message: BilingualText(bn: "এই নামে কোনো কর্মী নেই", en: "No such operator"), failed: true)
    }
  }

  func staffQueue(_ body: Box) {
    let tools = body.append(Box(vertical: false, spacing: 12))
    _ = staffButton(tools, "আজকের রসিদ / Today's receipts") { [weak self] in self?.staffGo(.receipts) }
    _ = staffButton(tools, "দিন শেষের হিসাব / Day-end report") { [weak self] in self?.staffGo(.dayEnd) }
    _ = staffButton(tools, "পোর্টালের PDF ছাপুন / Print a portal PDF") { [weak self] in self?.staffGo(.handouts) }
    let drafts = (try? store.staffQueue()) ?? []
    if drafts.isEmpty { paragraph(body, "কোনো আবেদন অপেক্ষায় নেই / No application is waiting") }
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
      var typed = entry.text
      if typed.hasPrefix("BHUMISEBA:") { typed = String(typed.dropFirst(10)) }
      if let code = ResumeCode(typed: typed), let d = try? self.store.draft(code: code) {
        self.staffOpen(d.id)
      } else {
        self.staffGo(
          .queue, message: BilingualText(bn: "এই কোডে কোনো আবেদন নেই", en: "No application has this code"), failed: true)
      }
    }
    entry.onActivate(submit)
    typingFooter(entry, .latinDigits, next: "কোড দিয়ে খুলুন / Open by code", showBack: false, submit)
  }

  func staffOpen(_ draftID: Int64) {
    guard let op = staff?.signedIn else { return }
    try? store.staffOpened(draftID: draftID, operatorID: op.id)
    staffGo(.draft(draftID))
  }

  func staffDraft(_ body: Box, _ id: Int64) {
    guard let op = staff?.signedIn, let d = try? store.draft(id: id), let service = setup.catalogue.service(d.serviceID)
    else { return }
    let answers = (try? store.answers(draftID: id)) ?? [:]
    let filed = try? store.applicationNumber(draftID: id)
    paragraph(body, "\(service.name.bn) / \(service.name.en) · \(d.resumeCode.grouped)", "heading")
    for q in service.activeQuestions(answers) {
      let row = body.append(Box(vertical: false, spacing: 16, classes: ["check-row"]))
      let texts = row.append(Box(vertical: true, spacing: 2))
      texts.setExpand(horizontal: true, vertical: false)
      texts.append(Label(q.label.bn + " / " + q.label.en, classes: ["small"])).setXAlign(0)
      let a = texts.append(Label(answers[q.id] ?? "—", classes: ["answer"]))
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
    let issued = ((try? store.receipts()) ?? []).filter { $0.draftID == id }
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
      try? self.store.markFiled(draftID: id, applicationNumber: number, operatorID: op.id)
      self.staffGo(.draft(id), message: BilingualText(bn: "দাখিল হিসেবে রাখা হয়েছে", en: "Marked as filed"))
    }
    entry.onActivate(markFiled)
    footer?.append(entry)
    let row = footer?.append(Box(vertical: false, spacing: 12))
    if let row {
      _ = staffButton(row, "দাখিল হয়েছে / Mark filed", "secondary", markFiled)
      let charge = staffButton(row, "ফি নিন ও রসিদ ছাপুন / Charge and print receipt", "primary") { [weak self] in
        self?.chargeAndPrint(id)
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
    let answers = (try? store.answers(draftID: draftID)) ?? [:]
    let sheet = FilingSheet(
      centre: setup.config.centreName, service: service.name, code: d.resumeCode.grouped,
      applicationNumber: try? store.applicationNumber(draftID: draftID),
      rows: service.activeQuestions(answers).map { ($0.label, answers[$0.id] ?? "") },
      date: CivilDate(secondsSince1970: Date().timeIntervalSince1970))
    let queue = setup.config.a4Queue.isEmpty ? setup.config.slipQueue : setup.config.a4Queue
    let printer = self.printer
    let counter = self.counter
    try? store.audit(actor: op.id, action: "print", subject: "draft:\(draftID)", detail: "filing sheet")
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

  func staffEdit(_ body: Box, _ id: Int64, _ qid: String) {
    guard let op = staff?.signedIn, let d = try? store.draft(id: id),
      let service = setup.catalogue.service(d.serviceID),
      let q = service.questions.first(where: { $0.id == qid })
    else { return }
    let answers = (try? store.answers(draftID: id)) ?? [:]
    paragraph(body, q.label.bn + " / " + q.label.en, "question")
    if q.type == .choice || q.type == .yesno {
      let options =
        q.type == .yesno
        ? [
          ChoiceOption(value: "yes", label: BilingualText(bn: "হ্যাঁ", en: "Yes")),
          ChoiceOption(value: "no", label: BilingualText(bn: "না", en: "No")),
        ] : q.options
      for o in options {
        _ = staffButton(body, o.label.bn + " / " + o.label.en, answers[qid] == o.value ? "primary" : "choice") {
          [weak self] in
          try? self?.store.correctAnswer(draftID: id, questionID: qid, value: o.value, operatorID: op.id)
          self?.staffGo(.draft(id), message: BilingualText(bn: "সংশোধন রাখা হয়েছে", en: "Correction saved"))
        }
      }
      _ = staffButton(body, "পিছনে / Back") { [weak self] in self?.staffGo(.draft(id)) }
      return
    }
    let entry = Entry(accessibleLabel: q.label.both)
    entry.text = answers[qid] ?? ""
    let submit: @MainActor () -> Void = { [weak self, weak entry] in
      guard let self, let entry else { return }
      let today = CivilDate(secondsSince1970: Date().timeIntervalSince1970)
      switch Validators.validate(q, entry.text, answers: answers, today: today) {
      case .success(let value):
        try? self.store.correctAnswer(draftID: id, questionID: qid, value: value, operatorID: op.id)
        self.staffGo(.draft(id), message: BilingualText(bn: "সংশোধন রাখা হয়েছে", en: "Correction saved"))
      case .failure(let f):
        self.staff?.message = f.message
        self.staff?.failed = true
        let typed = entry.text
        self.redraw()
        (self.liveEntry?.entry).map { $0.text = typed }
      }
    }
    entry.onActivate(submit)
    liveEntry = (qid, entry)
    let kind: Keyboard.Kind = [.text, .name, .place].contains(q.type) ? .jatiya : .latinDigits
    typingFooter(entry, kind, next: "রাখুন / Save", back: { [weak self] in self?.staffGo(.draft(id)) }, submit)
  }

  func staffReceipts(_ body: Box) {
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

  func staffVoid(_ body: Box, _ id: Int64) {
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

  func staffDayEnd(_ body: Box) {
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
    staffBackground({ () -> (PrintOutcome?, String?) in
      var saved: String?
      if let csv = try? counter.dayEndCSV(day) {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/day-end-\(day.iso).csv"
        if (try? csv.write(toFile: path, atomically: true, encoding: .utf8)) != nil { saved = path }
      }
      try? store.audit(actor: op.id, action: "print", subject: "day-end:\(day.iso)")
      return (try? counter.printDayEnd(day), saved)
    }) { [weak self] result in
      let ok = result.0?.succeeded == true
      self?.staffGo(
        .dayEnd,
        message: BilingualText(
          bn: (ok ? "রিপোর্ট ছাপা হয়েছে" : "রিপোর্ট ছাপা যায়নি") + "; CSV: \(result.1 ?? "—")",
          en: (ok ? "Report printed" : "The report did not print") + "; CSV: \(result.1 ?? "—")"), failed: !ok)
    }
  }
}

extension KioskApp {
  /// Where the counter's browser saves PDFs downloaded from the portal.
  var handoutFolder: String { setup.dataDirectory() + "/handouts" }

  /// PDFs waiting in the handout folder; each can be printed for a citizen, charged as a
  /// khatian copy or as the DCR service, with its receipt. Printed files move to `printed/`.
  func staffHandouts(_ body: Box) {
    try? FileManager.default.createDirectory(atPath: handoutFolder, withIntermediateDirectories: true)
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: handoutFolder)) ?? [])
      .filter { $0.lowercased().hasSuffix(".pdf") }.sorted()
    paragraph(body, "ফোল্ডার / Folder: \(handoutFolder)", "small")
    if files.isEmpty { paragraph(body, "কোনো PDF নেই / No PDF in the folder") }
    for file in files {
      let row = body.append(Box(vertical: false, spacing: 12, classes: ["check-row"]))
      let l = row.append(Label(file, classes: ["body"]))
      l.setExpand(horizontal: true, vertical: false)
      l.setXAlign(0)
      for service in ["khatian-copy", "namjari-dcr"] {
        guard let s = setup.catalogue.service(service) else { continue }
        let b = staffButton(row, s.name.bn) { [weak self] in self?.printHandout(file, service) }
        b.setAccessibleLabel("\(s.name.bn): \(file)")
      }
    }
    _ = staffButton(body, "তালিকায় ফিরুন / Back to the queue") { [weak self] in self?.staffGo(.queue) }
  }

  func printHandout(_ file: String, _ service: String) {
    guard let op = staff?.signedIn, staff?.busy == false else { return }
    let path = handoutFolder + "/" + file
    let done = handoutFolder + "/printed"
    let counter = self.counter
    staffBackground({ () -> Result<(LedgerReceipt, PrintOutcome, PrintOutcome), CounterFailure> in
      guard let pdf = FileManager.default.contents(atPath: path) else {
        return .failure(CounterFailure(text: "cannot read \(file)"))
      }
      do {
        let r = try counter.printHandout(pdf: pdf, serviceID: service, draftID: nil, operator: op)
        try? FileManager.default.createDirectory(atPath: done, withIntermediateDirectories: true)
        try? FileManager.default.moveItem(atPath: path, toPath: done + "/" + file)
        return .success(r)
      } catch { return .failure(CounterFailure(text: "\(error)")) }
    }) { [weak self] result in
      switch result {
      case .success(let (receipt, paper, slip)):
        let ok = paper.succeeded && slip.succeeded
        self?.staffGo(
          .handouts,
          message: ok
            ? BilingualText(
              bn: "ছাপা হয়েছে; রসিদ \(receipt.displayNumber)", en: "Printed; receipt \(receipt.displayNumber)")
            : BilingualText(
              bn: "রসিদ \(receipt.displayNumber) হিসাবে আছে; ছাপায় সমস্যা: \(paper.message.bn)",
              en: "Receipt \(receipt.displayNumber) is in the ledger; printing trouble: \(paper.message.en)"),
          failed: !ok)
      case .failure(let f):
        self?.staffGo(.handouts, message: BilingualText(bn: "ছাপা যায়নি", en: "Could not print: \(f.text)"), failed: true)
      }
    }
  }
}

struct CounterFailure: Error, Sendable {
  let text: String
}
