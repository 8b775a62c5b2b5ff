import Foundation
import GRDB
import KioskCore
import KioskPrint
import KioskStaff
import KioskStore
import KioskTesting
import Testing

/// Staff mode driven as the kiosk's runner drives it, without a display: the reducer's effects
/// performed by `StaffRunner` on a real database file. The printer is a CUPS server that is not
/// running (nothing listens on its port), so every print fails for real and must be said.
final class Desk {
  let dir: String
  let setup: KioskSetup
  let store: KioskStore
  let runner: StaffRunner
  let clock = TestClock()
  let reducer: StaffReducer
  var state = StaffState()
  /// Every effect the reducer asked for, in order.
  var effects: [StaffEffect] = []

  static let pin = "482915"
  static let salma = Operator(id: "salma", name: "সালমা আক্তার", disabled: false)

  init(idleSeconds: Double = 300, desk: String? = nil) throws {
    dir = try scratchDirectory("kiosk-staff")
    let conf = dir + "/kiosk.conf"
    try """
    [storage]
    data_dir = \(dir)/data
    [printing]
    cups_server = 127.0.0.1:9
    slip_queue = roll
    a4_queue = a4
    """.write(toFile: conf, atomically: true, encoding: .utf8)
    setup = try KioskSetup.load(configPath: conf, environment: [:])
    // A short busy wait: a test holding the write lock sees the failure in half a second.
    store = try KioskStore(path: setup.databasePath(environment: [:]), busyTimeout: 0.5)
    runner = StaffRunner(
      counter: Counter(setup: setup, store: store, printer: Printer(server: "127.0.0.1:9", timeoutSeconds: 3)),
      dataDirectory: setup.dataDirectory(environment: [:]))
    clock.now = Date().timeIntervalSince1970
    let clock = self.clock
    reducer = StaffReducer(catalogue: setup.catalogue, idleSeconds: idleSeconds, desk: desk, clock: { clock.now })
    try store.addOperator(id: Desk.salma.id, name: Desk.salma.name, pin: Desk.pin, actor: "test")
  }

  deinit { try? FileManager.default.removeItem(atPath: dir) }

  /// Sends an event, performs what the reducer asks and sends the results back, until none is left.
  @discardableResult
  func send(_ event: StaffEvent) -> StaffState {
    var pending = [event]
    while !pending.isEmpty {
      let (s, fx) = reducer.reduce(state, pending.removeFirst())
      state = s
      for f in fx {
        effects.append(f)
        if let result = runner.perform(f) { pending.append(result) }
      }
    }
    return state
  }

  func signIn() {
    send(.open)
    send(.chooseOperator(Desk.salma.id))
    send(.signIn(pin: Desk.pin))
  }

  /// A namjari draft waiting at the counter, with a name, a mobile number and 25 scanned pages.
  func waitingDraft() throws -> Draft {
    let d = try store.createDraft(serviceID: "namjari", language: .bn)
    try store.saveAnswer(draftID: d.id, questionID: "applicant_name", value: "রহিমা খাতুন")
    try store.saveAnswer(draftID: d.id, questionID: "mobile", value: "01712345678")
    try store.saveAnswer(draftID: d.id, questionID: "scanned_pages", value: "25")
    try store.setState(draftID: d.id, .waiting)
    return d
  }

  func openDraft(_ d: Draft) {
    send(.openCode(d.resumeCode.digits))
  }

  /// Runs `body` while a second connection holds the database's write lock, as another program
  /// (a `sqlite3` shell, a second kioskctl) would: the store's writes wait, then fail.
  func whileLocked(_ body: () throws -> Void) throws {
    let other = try DatabaseQueue(path: store.path)
    try other.inDatabase { db in
      try db.execute(sql: "BEGIN IMMEDIATE")
      defer { try? db.execute(sql: "ROLLBACK") }
      try body()
    }
  }

  func audit() throws -> [KioskStore.AuditEntry] { try store.auditLog() }
}

extension StaffState {
  /// The message's English half (the Bengali half is checked where it matters).
  var said: String { message?.text.en ?? "" }
}

@Suite(.serialized) struct StaffFlowTests {
  @Test func signInWrongPINLockoutAndANewPIN() throws {
    let desk = try Desk()
    try desk.store.addOperator(id: "karim", name: "করিম", pin: "111111", actor: "test")
    try desk.store.setOperatorDisabled(id: "karim", true, actor: "test")
    desk.send(.open)
    #expect(desk.state.operators == [Desk.salma], "a disabled operator is not offered")
    // Signing in as someone not offered does nothing.
    desk.send(.chooseOperator("karim"))
    #expect(desk.state.chosenOperator == nil)
    desk.send(.chooseOperator("salma"))
    desk.send(.signIn(pin: "000000"))
    #expect(desk.state.signedIn == nil && desk.state.page == .signIn)
    #expect(desk.state.said == "Wrong PIN; 4 more tries before the lock", "\(desk.state.said)")
    #expect(desk.state.message?.text.bn.contains("পিন ঠিক নয়") == true && desk.state.message?.failed == true)
    #expect(desk.state.message?.spot == .signIn)
    #expect(desk.state.typed[.pin] == nil, "a refused PIN is cleared")
    for _ in 0..<4 { desk.send(.signIn(pin: "000000")) }
    #expect(desk.state.said.hasPrefix("Too many wrong PINs; locked until"), "\(desk.state.said)")
    // The right PIN does not open a lock, and the refusal is audited.
    desk.send(.signIn(pin: Desk.pin))
    #expect(desk.state.signedIn == nil && desk.state.said.hasPrefix("Too many wrong PINs"))
    let actions = try desk.audit().map(\.action)
    #expect(actions.contains("login-locked") && actions.contains("login-refused"), "\(actions)")
    // A new PIN lifts the lock.
    try desk.store.setOperatorPIN(id: "salma", pin: "735102", actor: "test")
    desk.send(.signIn(pin: "735102"))
    #expect(desk.state.signedIn == Desk.salma && desk.state.page == .queue && desk.state.message == nil)
    #expect(desk.state.queue == [], "the queue is read on the way in")
  }

  @Test func aStoreThatFailsTheSignInSaysSoAndKeepsThePIN() throws {
    let desk = try Desk()
    desk.send(.open)
    desk.send(.chooseOperator("salma"))
    try desk.whileLocked { desk.send(.signIn(pin: Desk.pin)) }
    #expect(desk.state.signedIn == nil && desk.state.busy == false)
    #expect(desk.state.said.hasPrefix("Could not sign in: "), "\(desk.state.said)")
    #expect(desk.state.message?.text.bn.hasPrefix("প্রবেশ করা যায়নি: ") == true)
    #expect(desk.state.message?.failed == true && desk.state.message?.spot == .signIn)
    #expect(desk.state.typed[.pin] == Desk.pin, "what was typed is not lost")
    desk.send(.signIn(pin: Desk.pin))
    #expect(desk.state.signedIn == Desk.salma, "once the store lets go, the same PIN signs in")
  }

  @Test func openByCodeOrScanAndCorrectAnAnswerWithItsHistory() throws {
    let desk = try Desk()
    let d = try desk.waitingDraft()
    // Not signed in: nothing opens.
    desk.send(.open)
    desk.send(.openDraft(d.id))
    #expect(desk.state.page == .signIn && !desk.effects.contains(.openDraft(draftID: d.id, operatorID: "salma")))
    desk.send(.chooseOperator("salma"))
    desk.send(.signIn(pin: Desk.pin))
    #expect(desk.state.queue?.map(\.id) == [d.id] && desk.state.waiting == 1)
    desk.send(.openCode("12345"))
    #expect(desk.state.said == "No application has this code" && desk.state.message?.spot == .code)
    #expect(desk.state.typed[.code] == "12345", "the typed code stays in its field")
    // A slip's QR, scanned into the field.
    desk.send(.openCode(ResumeCode.scanPrefix + d.resumeCode.digits))
    #expect(desk.state.page == .draft(d.id) && desk.state.typed[.code] == nil)
    #expect(desk.state.draft?.answers["mobile"] == "01712345678")
    #expect(
      try desk.audit().contains { $0.action == "open" && $0.subject == "draft:\(d.id)" }, "the opening is audited")

    desk.send(.correct(questionID: "mobile"))
    #expect(desk.state.page == .edit(d.id, "mobile"))
    // Refused: the words by the field, what was typed kept, nothing stored.
    desk.send(.saveCorrection("01712"))
    #expect(desk.state.page == .edit(d.id, "mobile") && desk.state.message?.failed == true)
    #expect(desk.state.message?.spot == .correction && !desk.state.said.isEmpty)
    #expect(desk.state.typed[.correction(d.id, "mobile")] == "01712")
    #expect(try desk.store.answerHistory(draftID: d.id).isEmpty)
    // The store fails: still on the correction, the text kept, nothing changed.
    try desk.whileLocked { desk.send(.saveCorrection("01898765432")) }
    #expect(desk.state.page == .edit(d.id, "mobile"))
    #expect(desk.state.said.hasPrefix("The correction was not saved: "), "\(desk.state.said)")
    #expect(desk.state.typed[.correction(d.id, "mobile")] == "01898765432")
    #expect(try desk.store.answers(draftID: d.id)["mobile"] == "01712345678")
    // Saved: back on the draft, the words by its row, the old value in the history.
    desk.send(.saveCorrection("০১৮৯৮-৭৬৫৪৩২"))
    #expect(desk.state.page == .draft(d.id) && desk.state.said == "Correction saved")
    #expect(desk.state.message?.spot == .answer("mobile") && desk.state.message?.failed == false)
    #expect(desk.state.draft?.answers["mobile"] == "01898765432", "the page shows the stored value")
    let history = try desk.store.answerHistory(draftID: d.id)
    #expect(history.map(\.oldValue) == ["01712345678"] && history.map(\.newValue) == ["01898765432"])
    #expect(history.first?.operatorID == "salma")
  }

  @Test func markFiledSaysWhenTheStoreFailsAndKeepsTheNumber() throws {
    let desk = try Desk()
    let d = try desk.waitingDraft()
    desk.signIn()
    desk.openDraft(d)
    desk.send(.markFiled(" DK "))
    #expect(desk.state.said == "Type the portal's application number" && desk.state.message?.spot == .markFiled)
    #expect(!desk.effects.contains { if case .markFiled = $0 { return true } else { return false } })
    try desk.whileLocked { desk.send(.markFiled("DK-2026-5531")) }
    #expect(desk.state.message?.failed == true && desk.state.message?.spot == .markFiled)
    #expect(desk.state.said.hasPrefix("The filing was not recorded: "), "\(desk.state.said)")
    #expect(desk.state.message?.text.bn.hasPrefix("দাখিল হিসেবে রাখা যায়নি: ") == true)
    #expect(!desk.state.said.contains("Marked as filed"), "a failed filing never says it is filed")
    #expect(desk.state.typed[.applicationNumber(d.id)] == "DK-2026-5531", "the number typed stays")
    #expect(try desk.store.applicationNumber(draftID: d.id) == nil)
    #expect(try desk.store.draft(id: d.id)?.state == .waiting)
    desk.send(.markFiled("DK-2026-5531"))
    #expect(desk.state.said == "Marked as filed" && desk.state.message?.failed == false)
    #expect(try desk.store.applicationNumber(draftID: d.id) == "DK-2026-5531")
    #expect(desk.state.draft?.applicationNumber == "DK-2026-5531" && desk.state.typed[.applicationNumber(d.id)] == nil)
  }

  @Test func chargeAsksBeforeASecondReceiptAndSaysThePrinterIsDown() throws {
    let desk = try Desk()
    let d = try desk.waitingDraft()
    desk.signIn()
    desk.openDraft(d)
    let namjari = try #require(desk.setup.catalogue.service("namjari"))
    let quote = try FeeEngine.quote(namjari, areaClass: desk.setup.config.areaClass, pages: 25)
    #expect(desk.state.draft?.fee?.map(\.amount) == quote.centreLines.map(\.amount))
    desk.send(.charge)
    #expect(desk.state.busy == false && desk.state.page == .draft(d.id))
    // In the ledger, not printed: said, with the printer's own words.
    #expect(
      desk.state.said
        == "Receipt DEMO-2026-000001 is in the ledger but did not print: The print service is not running",
      "\(desk.state.said)")
    #expect(desk.state.message?.failed == true && desk.state.message?.spot == .fee)
    var receipts = try desk.store.receipts().filter { $0.draftID == d.id }
    #expect(receipts.count == 1 && receipts[0].total == quote.centreTotal && !receipts[0].printed)
    // A second charge is asked first; "no" issues nothing.
    desk.send(.charge)
    #expect(desk.state.confirmCharge == d.id && desk.state.draft?.standing.count == 1)
    desk.send(.declineCharge)
    #expect(desk.state.confirmCharge == nil)
    #expect(try desk.store.receipts().count == 1, "no second receipt")
    // "Yes" does.
    desk.send(.charge)
    desk.send(.confirmCharge)
    receipts = try desk.store.receipts().filter { $0.draftID == d.id }
    #expect(receipts.map(\.number) == [1, 2] && desk.state.said.hasPrefix("Receipt DEMO-2026-000002 is in the ledger"))
    // Only a signed-in operator charges.
    desk.send(.signOut)
    #expect(desk.effects.last == .leave && desk.state.signedIn == nil)
    desk.send(.charge)
    desk.send(.confirmCharge)
    #expect(try desk.store.receipts().count == 2)
  }

  @Test func aChargeTheStoreRefusesIssuesNoReceiptAndSaysSo() throws {
    let desk = try Desk()
    let d = try desk.waitingDraft()
    desk.signIn()
    desk.openDraft(d)
    try desk.whileLocked { desk.send(.charge) }
    #expect(desk.state.said.hasPrefix("Could not charge; no receipt was issued: "), "\(desk.state.said)")
    #expect(desk.state.message?.failed == true && desk.state.busy == false)
    #expect(try desk.store.receipts().isEmpty)
  }

  @Test func aVoidNeedsAReasonAndIsANewRow() throws {
    let desk = try Desk()
    let d = try desk.waitingDraft()
    desk.signIn()
    desk.openDraft(d)
    desk.send(.charge)
    let receipt = try #require(try desk.store.receipts().first)
    desk.send(.go(.receipts))
    #expect(desk.state.receipts?.map(\.receipt.id) == [receipt.id] && desk.state.receipts?.first?.canVoid == true)
    desk.send(.reprint(receipt.id))
    #expect(desk.state.said == "DEMO-2026-000001 was not reprinted: The print service is not running")
    #expect(desk.state.message?.spot == .receipt(receipt.id))
    desk.send(.startVoid(receipt.id))
    #expect(desk.state.page == .void(receipt.id))
    desk.send(.void(reason: "  "))
    #expect(desk.state.said == "Choose why the receipt is voided" && desk.state.page == .void(receipt.id))
    #expect(try desk.store.voidOf(receipt.id) == nil)
    // The store fails: still choosing, nothing voided.
    try desk.whileLocked { desk.send(.void(reason: StaffReducer.voidReasons[2])) }
    #expect(desk.state.said.hasPrefix("Could not void: ") && desk.state.page == .void(receipt.id))
    #expect(try desk.store.voidOf(receipt.id) == nil)
    desk.send(.void(reason: StaffReducer.voidReasons[2]))
    let void = try #require(try desk.store.voidOf(receipt.id))
    #expect(void.total == -receipt.total && void.voidReason == "ভুল নাম / Wrong name")
    #expect(desk.state.page == .draft(d.id), "back on the application, to charge again if needed")
    #expect(desk.state.said == "DEMO-2026-000001 voided (DEMO-2026-000002); issue a new receipt if needed")
    #expect(desk.state.draft?.standing.isEmpty == true)
    // Voided: not offered again.
    desk.send(.go(.receipts))
    #expect(desk.state.receipts?.map(\.canVoid) == [false, false])
    desk.send(.startVoid(receipt.id))
    #expect(desk.state.page == .receipts)
  }

  @Test func dayEndAddsUpSavesTheCSVAndSaysTheReportDidNotPrint() throws {
    let desk = try Desk()
    let d = try desk.waitingDraft()
    desk.signIn()
    desk.openDraft(d)
    desk.send(.charge)
    desk.send(.go(.dayEnd))
    let sum = try desk.store.receipts(on: desk.reducer.today()).reduce(0) { $0 + $1.total }
    #expect(sum > 0 && desk.state.dayEnd?.total == sum && desk.state.day == desk.reducer.today())
    desk.send(.printDayEnd)
    let path = desk.setup.dataDirectory(environment: [:]) + "/reports/day-end-\(desk.reducer.today().iso).csv"
    #expect(
      desk.state.said == "The report did not print: The print service is not running; CSV: \(path)",
      "\(desk.state.said)")
    #expect(desk.state.message?.failed == true && desk.state.message?.spot == .dayEnd)
    let csv = try String(contentsOfFile: path, encoding: .utf8)
    #expect(csv.contains("total,,1,,,,\(sum),"), "\(csv)")
    #expect(try desk.audit().contains { $0.action == "print" && $0.subject.hasPrefix("day-end:") })
  }

  @Test func aHandoutThatIsNotAPDFChargesNothingAndOneThatIsIsChargedAndMovedAside() throws {
    let desk = try Desk()
    desk.signIn()
    let folder = desk.runner.handoutFolder
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try Data("junk".utf8).write(to: URL(fileURLWithPath: folder + "/khatian-1.pdf"))
    try Data("%PDF".utf8).write(to: URL(fileURLWithPath: folder + "/notes.txt"))
    desk.send(.go(.handouts))
    #expect(desk.state.handouts == ["khatian-1.pdf"] && desk.state.handoutFolder == folder)
    desk.send(.printHandout(file: "khatian-1.pdf", serviceID: "namjari"))
    #expect(!desk.effects.contains { if case .printHandout = $0 { return true } else { return false } })
    desk.send(.printHandout(file: "khatian-1.pdf", serviceID: "khatian-copy"))
    #expect(desk.state.said.hasPrefix("Could not print; nothing was charged: "), "\(desk.state.said)")
    #expect(desk.state.message?.spot == .handout("khatian-1.pdf"))
    #expect(try desk.store.receipts().isEmpty)
    #expect(FileManager.default.fileExists(atPath: folder + "/khatian-1.pdf"), "left where it was")
    // A real PDF: charged (its receipt is in the ledger), moved aside, and both failed prints said.
    let report = try desk.runner.counter.dayEnd(desk.reducer.today())
    try Documents.dayEnd(report).write(to: URL(fileURLWithPath: folder + "/khatian-2.pdf"))
    desk.send(.go(.handouts))
    desk.send(.printHandout(file: "khatian-2.pdf", serviceID: "khatian-copy"))
    let receipt = try #require(try desk.store.receipts().first)
    #expect(receipt.serviceID == "khatian-copy" && desk.state.message?.failed == true)
    #expect(
      desk.state.said
        == "Receipt \(receipt.displayNumber) is in the ledger; printing trouble: The print service is not running; "
        + "the receipt did not print: The print service is not running", "\(desk.state.said)")
    #expect(FileManager.default.fileExists(atPath: folder + "/printed/khatian-2.pdf"), "moved aside: not charged twice")
    #expect(desk.state.handouts == ["khatian-1.pdf"])
  }

  @Test func idleStaffModeSignsOutAndLeaves() throws {
    let desk = try Desk(idleSeconds: 60)
    desk.signIn()
    desk.clock.now += 30
    desk.send(.tick)
    #expect(desk.state.signedIn == Desk.salma, "not idle yet")
    desk.clock.now += 31
    desk.send(.tick)
    #expect(desk.effects.suffix(2) == [.logOut(Desk.salma, reason: "idle"), .leave])
    #expect(
      desk.state
        == {
          var s = StaffState(); s.lastActivity = desk.clock.now; return s
        }())
    let logout = try desk.audit().last
    #expect(logout?.action == "logout" && logout?.detail == "idle")
  }

  @Test func aSignOutTheAuditLogMissesIsSaidAndNobodyStaysSignedIn() throws {
    let desk = try Desk()
    desk.signIn()
    try desk.whileLocked { desk.send(.signOut) }
    #expect(desk.state.signedIn == nil && desk.state.page == .signIn)
    #expect(desk.effects.last == .loadOperators, "staff mode stays open to say it; it does not leave")
    #expect(desk.state.said.hasPrefix("Signed out, but the sign-out could not be written to the audit log: "))
    #expect(desk.state.message?.failed == true)
    #expect(!(try desk.audit().contains { $0.action == "logout" }))
  }
}
