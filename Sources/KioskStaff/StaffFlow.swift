import Foundation
import KioskCore
import KioskPrint
import KioskStore

/// Staff mode as a pure state machine, like the citizen flow (`FlowReducer`):
/// `reduce(state, event) -> (state, effects)`. Pages render `StaffState` and send `StaffEvent`s;
/// a runner (`StaffRunner`) performs the effects against the store and the printer and reports
/// every result — failures included — back as an event. Every staff rule lives here once (who may
/// charge, the second-charge question, a void's reason, the lockout's words, the session's end),
/// so the kiosk's staff mode and a counter program share them. No GTK, no SQL, no CUPS here.
public enum StaffPage: Sendable, Hashable {
  case signIn
  case queue
  case draft(Int64)
  /// Correcting one answer of a draft.
  case edit(Int64, String)
  case receipts
  /// Choosing why a receipt is voided.
  case void(Int64)
  case dayEnd
  case handouts
  /// The complaints register: complaints (newest first) with their responses; staff add one.
  case complaints
  /// Writing a response to a complaint (by its row).
  case respond(Int64)
}

/// Where a message is shown: next to what the staff member tapped or typed.
public enum StaffSpot: Sendable, Hashable {
  /// The top of the page (a sign-out that could not be audited, a page-wide notice).
  case page
  /// By the PIN field.
  case signIn
  /// By the "open by code" field.
  case code
  /// By a waiting draft's Open button.
  case queueRow(Int64)
  /// By a question's row on the draft page.
  case answer(String)
  /// By the correction's field or options.
  case correction
  case filingSheet
  /// By Charge (and a void's result for a draft).
  case fee
  /// By the portal's application number.
  case markFiled
  /// By a receipt's row on today's receipts.
  case receipt(Int64)
  /// By the reasons for a void.
  case void
  case dayEnd
  case handout(String)
  /// By "call next" and the centre's waiting tokens (a desk).
  case tokens
  /// By the token this desk is serving (served, not here).
  case serving
  /// By a complaint's response field.
  case complaint(Int64)
}

public struct StaffMessage: Sendable, Equatable {
  public let text: BilingualText
  /// Something went wrong (shown as an error, not a notice).
  public let failed: Bool
  public let spot: StaffSpot
  public init(_ text: BilingualText, failed: Bool, at spot: StaffSpot) {
    self.text = text
    self.failed = failed
    self.spot = spot
  }
}

/// A field staff type into; what they typed is kept in `StaffState.typed` until it is taken.
public enum StaffField: Sendable, Hashable {
  case pin
  case code
  case applicationNumber(Int64)
  case correction(Int64, String)
  /// A response to a complaint (by its row).
  case response(Int64)
}

/// One draft as the draft page shows it, read from the store.
public struct StaffDraftView: Sendable, Equatable {
  public let draft: Draft
  public let answers: [String: String]
  public let applicationNumber: String?
  /// The centre's fee lines (catalogue, area class, page count); nil when they cannot be worked
  /// out, with `feeTrouble` saying why.
  public let fee: [LedgerLine]?
  public let feeTrouble: BilingualText?
  /// Every receipt issued for this draft (voids too); nil when they cannot be read.
  public let receipts: [LedgerReceipt]?
  public let receiptsTrouble: BilingualText?

  public init(
    draft: Draft, answers: [String: String], applicationNumber: String?, fee: [LedgerLine]?,
    feeTrouble: BilingualText?, receipts: [LedgerReceipt]?, receiptsTrouble: BilingualText?
  ) {
    self.draft = draft
    self.answers = answers
    self.applicationNumber = applicationNumber
    self.fee = fee
    self.feeTrouble = feeTrouble
    self.receipts = receipts
    self.receiptsTrouble = receiptsTrouble
  }

  /// Receipts that stand (not voided, not a void).
  public var standing: [LedgerReceipt] { LedgerReceipt.standing(receipts ?? []) }
}

/// A receipt on today's list, and whether a void cancels it.
public struct StaffReceiptRow: Sendable, Equatable {
  public let receipt: LedgerReceipt
  public let voided: Bool
  public init(receipt: LedgerReceipt, voided: Bool) {
    self.receipt = receipt
    self.voided = voided
  }
  /// A receipt that stands can be reprinted and voided; a void row cannot.
  public var canVoid: Bool { receipt.voidsReceipt == nil && !voided }
}

public struct StaffState: Sendable, Equatable {
  public var page: StaffPage = .signIn
  public var signedIn: Operator?
  /// Who may sign in (disabled operators are not offered); nil until read.
  public var operators: [Operator]?
  public var chosenOperator: String?
  /// The last action's result, shown by where it was taken.
  public var message: StaffMessage?
  /// The page's data could not be read: said at its top.
  public var loadTrouble: BilingualText?
  /// Slow work (Argon2id, printing) is under way: no second one is started.
  public var busy = false
  /// The draft whose charge waits for a second "yes": it already has a receipt that stands.
  public var confirmCharge: Int64?
  public var lastActivity: Double = 0
  public var typed: [StaffField: String] = [:]
  public var queue: [Draft]?
  /// How many drafts wait in all (the queue shows the oldest first page).
  public var waiting = 0
  public var draft: StaffDraftView?
  public var receipts: [StaffReceiptRow]?
  public var day: CivilDate?
  public var dayEnd: DayEndReport?
  public var handoutFolder: String?
  public var handouts: [String]?
  /// A desk: the centre's waiting tokens, from every kiosk, the longest-waiting first; nil until
  /// read (or unreadable: `loadTrouble` says why).
  public var tokens: [QueueToken]?
  /// A desk: the token it called and has not finished (one citizen at a time).
  public var serving: QueueToken?
  /// A desk: "call next" calls only tokens of these letters (none chosen: every letter).
  public var letters: Set<String> = []
  /// The complaints register, newest first; nil until read.
  public var complaints: [StaffComplaintRow]?
  public init() {}
}

public enum StaffEvent: Sendable, Equatable {
  /// Staff mode was opened (five taps on the title, Ctrl+Shift+S).
  case open
  /// Any touch or key: someone is at the counter.
  case touch
  /// The idle clock ticked.
  case tick
  /// What a field holds now (kept, so nothing typed is lost when the page is drawn again).
  case typed(StaffField, String)
  case chooseOperator(String)
  case signIn(pin: String)
  case signOut
  /// Leave the sign-in without signing in.
  case cancel
  /// Queue, today's receipts, day-end, handouts (drafts open through `openDraft`: audited).
  case go(StaffPage)
  case back
  case openDraft(Int64)
  /// Open by code: typed, or a slip's QR scanned into the field.
  case openCode(String)
  /// "Correct" on a question's row.
  case correct(questionID: String)
  /// The correction's value: as typed, or the chosen option's value.
  case saveCorrection(String)
  case markFiled(String)
  case printFilingSheet
  case charge
  case confirmCharge
  case declineCharge
  case reprint(Int64)
  case startVoid(Int64)
  case void(reason: String)
  case printDayEnd
  case printHandout(file: String, serviceID: String)
  /// A desk: call the longest-waiting token (of the chosen letters).
  case callNext
  /// A desk: call this token (a citizen standing at the desk with the slip).
  case callToken(Int64)
  /// A desk: "call next" only for this letter too (or no longer).
  case toggleLetter(String)
  /// A response to a complaint: a new row of the register (the complaint is never changed).
  case respond(complaintID: Int64, text: String)
  /// A desk: the serving token is done (`served: false`: the citizen did not come).
  case finishToken(served: Bool)

  // Results of effects, sent by the runner.
  case operatorsLoaded([Operator])
  case operatorsFailed(BilingualText)
  case signInAnswered(LoginResult)
  case signInFailed(BilingualText)
  case signedOut
  /// The sign-out's audit row could not be written: signed out all the same, and said so.
  case signOutFailed(BilingualText)
  case queueLoaded([Draft], waiting: Int)
  case queueFailed(BilingualText)
  case codeFound(Int64?)
  case codeFailed(BilingualText)
  case opened(Int64)
  /// The opening could not be audited: no audit row, no opening.
  case openFailed(Int64, BilingualText)
  case draftLoaded(StaffDraftView)
  case draftFailed(Int64, BilingualText)
  case corrected(draftID: Int64, questionID: String)
  case correctionFailed(draftID: Int64, questionID: String, BilingualText)
  case markedFiled(draftID: Int64)
  case markFiledFailed(draftID: Int64, BilingualText)
  case filingSheetPrinted(draftID: Int64, StaffPrint)
  case charged(draftID: Int64, LedgerReceipt, StaffPrint)
  case chargeFailed(draftID: Int64, BilingualText)
  case receiptsLoaded([StaffReceiptRow])
  case receiptsFailed(BilingualText)
  case reprinted(LedgerReceipt, StaffPrint)
  case voided(LedgerReceipt, by: LedgerReceipt)
  case voidFailed(receiptID: Int64, BilingualText)
  case dayEndLoaded(CivilDate, DayEndReport)
  case dayEndFailed(BilingualText)
  /// The CSV's path or why it was not saved, and the printing.
  case dayEndPrinted(csv: Result<String, StaffTrouble>, StaffPrint)
  case handoutsLoaded(folder: String, [String])
  case handoutsFailed(folder: String, BilingualText)
  /// The PDF and its receipt printed (or why not); `moveTrouble`: it could not be moved aside.
  case handoutPrinted(
    file: String, LedgerReceipt, paper: PrintOutcome, receipt: StaffPrint, moveTrouble: BilingualText?)
  /// Nothing charged, nothing printed.
  case handoutFailed(file: String, BilingualText)
  case tokensLoaded(waiting: [QueueToken], mine: [QueueToken])
  case tokensFailed(BilingualText)
  case tokenCalled(QueueToken)
  /// Nobody waits (of the chosen letters).
  case noTokenWaiting
  /// Another desk called it first, or it is finished: as it stands now.
  case tokenTaken(QueueToken)
  /// The call did not happen (the server is away, the store failed).
  case callFailed(BilingualText)
  case tokenFinished(QueueToken, served: Bool)
  case finishFailed(QueueToken, BilingualText)
  case complaintsLoaded([StaffComplaintRow])
  case complaintsFailed(BilingualText)
  case responded(complaintID: Int64)
  case respondFailed(complaintID: Int64, BilingualText)
}

/// A complaint on staff's list, with its responses (the mobile number is not shown here).
public struct StaffComplaintRow: Sendable, Equatable {
  public let complaint: Complaint
  public let responses: [ComplaintResponse]
  public init(complaint: Complaint, responses: [ComplaintResponse]) {
    self.complaint = complaint
    self.responses = responses
  }
}

public enum StaffEffect: Sendable, Equatable {
  case loadOperators
  /// Argon2id: slow.
  case logIn(operatorID: String, pin: String)
  /// The sign-out's audit row.
  case logOut(Operator, reason: String)
  /// Staff mode is over: the runner shows a fresh citizen home page.
  case leave
  case loadQueue
  case findCode(ResumeCode)
  /// The opening's audit row (no row, no opening).
  case openDraft(draftID: Int64, operatorID: String)
  case loadDraft(Int64)
  case correct(draftID: Int64, questionID: String, value: String, operatorID: String)
  case markFiled(draftID: Int64, applicationNumber: String, operatorID: String)
  case printFilingSheet(draftID: Int64, Operator)
  case charge(draftID: Int64, Operator)
  case loadReceipts(CivilDate)
  case reprint(LedgerReceipt, Operator)
  case void(receiptID: Int64, reason: String, operatorID: String)
  case loadDayEnd(CivilDate)
  case printDayEnd(CivilDate, Operator)
  case loadHandouts
  case printHandout(file: String, serviceID: String, Operator)
  /// A desk's queue: the centre's waiting tokens and the ones this desk called.
  case loadTokens(desk: String)
  case callNext(desk: String, letters: [String])
  case callToken(Int64, desk: String)
  case finishToken(QueueToken, served: Bool, desk: String)
  case loadComplaints
  case respond(complaintID: Int64, text: String, operatorID: String)

  /// Work that blocks for long (Argon2id, libcups): a runner with a screen does it off its thread.
  public var isSlow: Bool {
    switch self {
    case .logIn, .printFilingSheet, .charge, .reprint, .printDayEnd, .printHandout: return true
    default: return false
    }
  }
}

public struct StaffReducer: Sendable {
  public let catalogue: Catalogue
  /// Staff mode closes itself after this long untouched (signed in or not).
  public let idleSeconds: Double
  /// Seconds since 1970; injected so that tests control idle time.
  public let clock: @Sendable () -> Double
  /// The desk this is (`bhumiseba-kiosk --desk`): it calls the centre's queue tokens, and its
  /// sessions end on the sign-in, never on a citizen's page. Nil: the kiosk's own staff mode.
  public let desk: String?

  /// The services a portal PDF can be printed and charged as.
  public static let handoutServices = ["khatian-copy", "namjari-dcr"]
  /// Why a receipt is voided: one is chosen, none is typed.
  public static let voidReasons = [
    tr("Wrong service").both, tr("Wrong page count").both, tr("Wrong name").both,
    tr("Charged twice").both,
  ]
  /// The portal's application numbers are longer than this.
  public static let shortestApplicationNumber = 4

  public init(
    catalogue: Catalogue, idleSeconds: Double, desk: String? = nil, clock: @escaping @Sendable () -> Double
  ) {
    self.catalogue = catalogue
    self.idleSeconds = idleSeconds
    self.desk = desk
    self.clock = clock
  }

  /// The letters of the centre's tokens, as the catalogue gives them (ক, খ, গ …).
  public var tokenLetters: [String] { Array(Set(catalogue.services.map(\.tokenLetter))).sorted() }

  public func today() -> CivilDate { CivilDate(secondsSince1970: clock()) }

  /// The service and the question a correction is about.
  public func question(_ view: StaffDraftView?, _ questionID: String) -> Question? {
    // A group's item (heirs.2.name) is found through its group, as the check page finds it.
    view.flatMap { catalogue.service($0.draft.serviceID) }?.question(forKey: questionID)
  }

  public func reduce(_ state: StaffState, _ event: StaffEvent) -> (StaffState, [StaffEffect]) {
    var s = state
    var fx: [StaffEffect] = []
    let now = clock()
    if event != .tick { s.lastActivity = now }
    switch event {
    case .open:
      s = StaffState()
      s.lastActivity = now
      fx = [.loadOperators]
    case .touch: break
    case .tick:
      // Nobody at the counter: the session ends (signed out, audited) and the citizen's home returns.
      guard now - s.lastActivity > idleSeconds else { break }
      s.lastActivity = now
      fx = close(&s, reason: "idle")
    case .typed(let field, let text):
      s.typed[field] = text
    case .chooseOperator(let id):
      guard s.signedIn == nil, s.operators?.contains(where: { $0.id == id }) == true else { break }
      s.chosenOperator = id
      s.message = nil
      s.typed[.pin] = nil
    case .signIn(let pin):
      s.typed[.pin] = pin
      guard s.signedIn == nil, !s.busy, let id = s.chosenOperator else { break }
      s.busy = true
      fx = [.logIn(operatorID: id, pin: pin)]
    case .signOut:
      fx = close(&s, reason: "sign-out")
    case .cancel:
      fx = close(&s, reason: "cancel")
    case .go(let page):
      guard s.signedIn != nil else { break }
      switch page {
      case .queue, .receipts, .dayEnd, .handouts, .complaints: fx = go(&s, page)
      case .respond(let id):
        guard s.complaints?.contains(where: { $0.complaint.id == id }) == true else { break }
        fx = go(&s, page)
      case .signIn, .draft, .edit, .void: break
      }
    case .back:
      switch s.page {
      case .signIn: fx = close(&s, reason: "cancel")
      case .queue: break
      case .draft, .receipts, .dayEnd, .handouts, .complaints: fx = go(&s, .queue)
      case .edit(let id, _): fx = go(&s, .draft(id))
      case .void: fx = go(&s, .receipts)
      case .respond: fx = go(&s, .complaints)
      }
    case .openDraft(let id):
      guard let op = s.signedIn else { break }
      fx = [.openDraft(draftID: id, operatorID: op.id)]
    case .openCode(let text):
      s.typed[.code] = text
      guard s.signedIn != nil else { break }
      // A slip's scan (the last one in the field) or a typed code.
      guard let code = ResumeCode.scan(in: text).map(\.code) ?? ResumeCode(typed: text) else {
        s.message = StaffMessage(Self.noSuchCode, failed: true, at: .code)
        break
      }
      fx = [.findCode(code)]
    case .correct(let qid):
      guard case .draft(let id) = s.page, s.signedIn != nil, s.draft?.draft.id == id, question(s.draft, qid) != nil
      else { break }
      s.typed[.correction(id, qid)] = nil
      fx = go(&s, .edit(id, qid))
    case .saveCorrection(let text):
      guard case .edit(let id, let qid) = s.page, let op = s.signedIn, let view = s.draft, view.draft.id == id,
        let q = question(view, qid)
      else { break }
      if q.type != .choice && q.type != .yesno { s.typed[.correction(id, qid)] = text }
      switch Validators.validate(q, text, answers: view.answers, today: today()) {
      case .failure(let f):
        s.message = StaffMessage(f.message, failed: true, at: .correction)
      case .success(let value):
        fx = [.correct(draftID: id, questionID: qid, value: value, operatorID: op.id)]
      }
    case .markFiled(let number):
      guard case .draft(let id) = s.page, let op = s.signedIn else { break }
      s.typed[.applicationNumber(id)] = number
      let trimmed = number.trimmingCharacters(in: .whitespaces)
      guard trimmed.count >= Self.shortestApplicationNumber else {
        s.message = StaffMessage(
          tr("Type the portal's application number"), failed: true,
          at: .markFiled)
        break
      }
      fx = [.markFiled(draftID: id, applicationNumber: trimmed, operatorID: op.id)]
    case .printFilingSheet:
      guard case .draft(let id) = s.page, let op = s.signedIn, !s.busy else { break }
      s.busy = true
      fx = [.printFilingSheet(draftID: id, op)]
    case .charge:
      guard case .draft(let id) = s.page, let op = s.signedIn, !s.busy, let view = s.draft, view.draft.id == id else {
        break
      }
      // A second charge for the same application is asked for in words first; with the earlier
      // receipts unreadable, nothing is charged (a second receipt could not be told from a first).
      guard view.receipts != nil else {
        s.message = StaffMessage(
          StaffWords.prefixed(
            view.receiptsTrouble ?? Self.unreadable, tr("The earlier receipts cannot be read, so nothing was charged")),
          failed: true, at: .fee)
        break
      }
      guard view.fee != nil else {
        s.message = StaffMessage(
          StaffWords.prefixed(
            view.feeTrouble ?? Self.unreadable, tr("The fee cannot be worked out, so nothing was charged")),
          failed: true, at: .fee)
        break
      }
      s.message = nil
      if view.standing.isEmpty {
        s.busy = true
        fx = [.charge(draftID: id, op)]
      } else {
        s.confirmCharge = id
      }
    case .confirmCharge:
      guard case .draft(let id) = s.page, s.confirmCharge == id, let op = s.signedIn, !s.busy else { break }
      s.confirmCharge = nil
      s.busy = true
      fx = [.charge(draftID: id, op)]
    case .declineCharge:
      s.confirmCharge = nil
      s.message = nil
    case .reprint(let rid):
      guard s.page == .receipts, let op = s.signedIn, !s.busy,
        let row = s.receipts?.first(where: { $0.receipt.id == rid }), row.receipt.voidsReceipt == nil
      else { break }
      s.busy = true
      fx = [.reprint(row.receipt, op)]
    case .startVoid(let rid):
      guard s.page == .receipts, s.signedIn != nil, s.receipts?.first(where: { $0.receipt.id == rid })?.canVoid == true
      else { break }
      fx = go(&s, .void(rid))
    case .void(let reason):
      guard case .void(let rid) = s.page, let op = s.signedIn else { break }
      let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
      guard !why.isEmpty else {
        s.message = StaffMessage(
          tr("Choose why the receipt is voided"), failed: true,
          at: .void)
        break
      }
      fx = [.void(receiptID: rid, reason: why, operatorID: op.id)]
    case .printDayEnd:
      guard s.page == .dayEnd, let op = s.signedIn, !s.busy, let day = s.day else { break }
      s.busy = true
      fx = [.printDayEnd(day, op)]
    case .printHandout(let file, let serviceID):
      guard s.page == .handouts, let op = s.signedIn, !s.busy, Self.handoutServices.contains(serviceID),
        s.handouts?.contains(file) == true
      else { break }
      s.busy = true
      fx = [.printHandout(file: file, serviceID: serviceID, op)]

    case .callNext:
      guard let desk, s.signedIn != nil, !s.busy else { break }
      if let serving = s.serving {
        s.message = StaffMessage(Self.finishFirst(serving), failed: true, at: .serving)
        break
      }
      s.message = nil
      fx = [.callNext(desk: desk, letters: s.letters.sorted())]
    case .callToken(let id):
      guard let desk, s.signedIn != nil, !s.busy else { break }
      if let serving = s.serving, serving.id != id {
        s.message = StaffMessage(Self.finishFirst(serving), failed: true, at: .serving)
        break
      }
      s.message = nil
      fx = [.callToken(id, desk: desk)]
    case .toggleLetter(let letter):
      guard desk != nil, s.signedIn != nil, tokenLetters.contains(letter) else { break }
      if s.letters.contains(letter) { s.letters.remove(letter) } else { s.letters.insert(letter) }
    case .finishToken(let served):
      guard let desk, s.signedIn != nil, let serving = s.serving else { break }
      fx = [.finishToken(serving, served: served, desk: desk)]

    // MARK: results
    case .operatorsLoaded(let ops):
      s.operators = ops.filter { !$0.disabled }
      s.loadTrouble = nil
    case .operatorsFailed(let why):
      s.operators = nil
      s.loadTrouble = StaffWords.prefixed(why, tr("The list of staff could not be read"))
    case .signInAnswered(let result):
      s.busy = false
      s.typed[.pin] = nil
      switch result {
      case .ok(let op):
        s.signedIn = op
        s.chosenOperator = nil
        fx = go(&s, .queue)
      case .wrongPIN(let remaining):
        s.message = StaffMessage(
          tr("Wrong PIN; {1} more tries before the lock", .digits("\(remaining)")), failed: true, at: .signIn)
      case .locked(let until):
        let t = Counter.time(until)
        s.message = StaffMessage(
          tr("Too many wrong PINs; locked until {1}", .digits("\(t)")),
          failed: true, at: .signIn)
      case .disabled:
        s.message = StaffMessage(
          tr("This operator is disabled"), failed: true, at: .signIn)
      case .unknownOperator:
        s.message = StaffMessage(
          tr("No such operator"), failed: true, at: .signIn)
      }
    case .signInFailed(let why):
      // The PIN stays in its field: the store failed, not the person.
      s.busy = false
      s.message = StaffMessage(
        StaffWords.prefixed(why, tr("Could not sign in")), failed: true, at: .signIn)
    case .signedOut:
      s = StaffState()
      s.lastActivity = now
      // A desk is staff's alone: its session ends on the sign-in again.
      fx = desk == nil ? [.leave] : [.loadOperators]
    case .signOutFailed(let why):
      // Nobody stays signed in on an unattended screen: signed out all the same, and the sign-in
      // page says that the audit log lacks it (the next idle tick closes staff mode).
      s = StaffState()
      s.lastActivity = now
      s.message = StaffMessage(
        StaffWords.prefixed(
          why, tr("Signed out, but the sign-out could not be written to the audit log")), failed: true, at: .page)
      fx = [.loadOperators]
    case .queueLoaded(let drafts, let waiting):
      s.queue = drafts
      s.waiting = waiting
    case .queueFailed(let why):
      s.queue = nil
      s.waiting = 0
      s.loadTrouble = StaffWords.prefixed(
        why, tr("The waiting applications could not be read"))
    case .codeFound(let id):
      if let id, let op = s.signedIn {
        fx = [.openDraft(draftID: id, operatorID: op.id)]
      } else {
        s.message = StaffMessage(Self.noSuchCode, failed: true, at: .code)
      }
    case .codeFailed(let why):
      s.message = StaffMessage(
        StaffWords.prefixed(why, tr("Could not look the code up")), failed: true, at: .code)
    case .opened(let id):
      s.typed[.code] = nil
      fx = go(&s, .draft(id))
    case .openFailed(let id, let why):
      let spot: StaffSpot = s.queue?.contains(where: { $0.id == id }) == true ? .queueRow(id) : .code
      s.message = StaffMessage(
        StaffWords.prefixed(why, tr("The application was not opened")), failed: true,
        at: spot)
    case .draftLoaded(let view):
      guard s.page.draftID == view.draft.id else { break }
      s.draft = view
    case .draftFailed(let id, let why):
      guard s.page.draftID == id else { break }
      s.draft = nil
      s.loadTrouble = StaffWords.prefixed(why, tr("The application could not be read"))
    case .corrected(let id, let qid):
      s.typed[.correction(id, qid)] = nil
      fx = go(&s, .draft(id))
      s.message = StaffMessage(
        tr("Correction saved"), failed: false, at: .answer(qid))
    case .correctionFailed(_, _, let why):
      // Still on the correction, what was typed in its field.
      s.message = StaffMessage(
        StaffWords.prefixed(why, tr("The correction was not saved")), failed: true,
        at: .correction)
    case .markedFiled(let id):
      s.typed[.applicationNumber(id)] = nil
      fx = go(&s, .draft(id))
      s.message = StaffMessage(
        tr("Marked as filed"), failed: false, at: .markFiled)
    case .markFiledFailed(_, let why):
      // The number typed stays in its field.
      s.message = StaffMessage(
        StaffWords.prefixed(why, tr("The filing was not recorded")), failed: true,
        at: .markFiled)
    case .filingSheetPrinted(let id, let print):
      s.busy = false
      fx = go(&s, .draft(id))
      s.message = Self.said(
        print, at: .filingSheet, printed: tr("Filing sheet printed"),
        notPrinted: tr("The filing sheet did not print"))
    case .charged(let id, let receipt, let print):
      s.busy = false
      fx = go(&s, .draft(id))
      let n = receipt.displayNumber
      s.message = Self.said(
        print, at: .fee, printed: tr("Receipt {1} printed", .same("\(n)")),
        notPrinted: tr("Receipt {1} is in the ledger but did not print", .same("\(n)")))
    case .chargeFailed(let id, let why):
      s.busy = false
      fx = go(&s, .draft(id))
      s.message = StaffMessage(
        StaffWords.prefixed(why, tr("Could not charge; no receipt was issued")),
        failed: true, at: .fee)
    case .respond(let id, let text):
      s.typed[.response(id)] = text
      guard let op = s.signedIn, s.page == .respond(id) else { break }
      guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
        s.message = StaffMessage(ComplaintError.emptyResponse.message, failed: true, at: .complaint(id))
        break
      }
      fx = [.respond(complaintID: id, text: text, operatorID: op.id)]
    case .complaintsLoaded(let rows):
      s.complaints = rows
    case .complaintsFailed(let why):
      s.complaints = nil
      s.loadTrouble = StaffWords.prefixed(why, tr("The complaints could not be read"))
    case .responded(let id):
      s.typed[.response(id)] = nil
      fx = go(&s, .complaints)
      s.message = StaffMessage(tr("The response is added to the complaint"), failed: false, at: .complaint(id))
    case .respondFailed(let id, let why):
      s.message = StaffMessage(
        StaffWords.prefixed(why, tr("The response was not added")), failed: true, at: .complaint(id))
    case .receiptsLoaded(let rows):
      s.receipts = rows
    case .receiptsFailed(let why):
      s.receipts = nil
      s.loadTrouble = StaffWords.prefixed(why, tr("Today's receipts could not be read"))
    case .reprinted(let receipt, let print):
      s.busy = false
      fx = go(&s, .receipts)
      let n = receipt.displayNumber
      s.message = Self.said(
        print, at: .receipt(receipt.id), printed: tr("{1} reprinted", .same("\(n)")),
        notPrinted: tr("{1} was not reprinted", .same("\(n)")))
    case .voided(let original, let void):
      fx = go(&s, original.draftID.map { .draft($0) } ?? .receipts)
      s.message = StaffMessage(
        tr(
          "{1} voided ({2}); issue a new receipt if needed", .same("\(original.displayNumber)"),
          .same("\(void.displayNumber)")), failed: false,
        at: original.draftID == nil ? .receipt(original.id) : .fee)
    case .voidFailed(_, let why):
      s.message = StaffMessage(
        StaffWords.prefixed(why, tr("Could not void")), failed: true, at: .void)
    case .dayEndLoaded(let day, let report):
      s.day = day
      s.dayEnd = report
    case .dayEndFailed(let why):
      s.dayEnd = nil
      s.loadTrouble = StaffWords.prefixed(
        why, tr("The day-end report could not be read"))
    case .dayEndPrinted(let csv, let print):
      s.busy = false
      fx = go(&s, .dayEnd)
      let printed = Self.said(
        print, at: .dayEnd, printed: tr("Report printed"),
        notPrinted: tr("The report did not print"))
      let saved: BilingualText
      var failed = printed.failed
      switch csv {
      case .success(let path): saved = tr("CSV: {1}", .same("\(path)"))
      case .failure(let why):
        saved = StaffWords.prefixed(why.text, tr("CSV not saved"))
        failed = true
      }
      s.message = StaffMessage(
        tr("{1}; {2}", .text(printed.text), .text(saved)), failed: failed,
        at: .dayEnd)
    case .handoutsLoaded(let folder, let files):
      s.handoutFolder = folder
      s.handouts = files
    case .handoutsFailed(let folder, let why):
      s.handoutFolder = folder
      s.handouts = nil
      s.loadTrouble = StaffWords.prefixed(
        why, tr("The folder of portal PDFs could not be read"))
    case .handoutPrinted(let file, let receipt, let paper, let slip, let moveTrouble):
      s.busy = false
      fx = go(&s, .handouts)
      let n = receipt.displayNumber
      let printed = paper.succeeded && slip.outcome?.succeeded == true
      // Every trouble is said: the PDF's printing, the receipt's, what the store could not record,
      // and a file that could not be moved aside.
      var troubles: [BilingualText] = []
      if !paper.succeeded { troubles.append(paper.message) }
      if let o = slip.outcome, !o.succeeded {
        troubles.append(StaffWords.prefixed(o.message, tr("the receipt did not print")))
      }
      troubles += [slip.trouble, moveTrouble, paper.notice, slip.outcome?.notice].compactMap { $0 }
      var text =
        printed
        ? tr("Printed; receipt {1}", .same("\(n)"))
        : tr("Receipt {1} is in the ledger; printing trouble", .same("\(n)"))
      for (i, t) in troubles.enumerated() {
        let sep = i == 0 && !printed ? ": " : "; "
        text = BilingualText(bn: text.bn + sep + t.bn, en: text.en + sep + t.en)
      }
      let clean = paper.succeeded && slip.clean && moveTrouble == nil
      // The file has moved aside (its row is gone): the message is at the top of the list.
      s.message = StaffMessage(text, failed: !clean, at: moveTrouble == nil ? .page : .handout(file))
    case .handoutFailed(let file, let why):
      s.busy = false
      fx = go(&s, .handouts)
      s.message = StaffMessage(
        StaffWords.prefixed(why, tr("Could not print; nothing was charged")),
        failed: true, at: .handout(file))
    case .tokensLoaded(let waiting, let mine):
      s.tokens = waiting
      // The desk's own called token (after a sign-in again, or a restart) is its citizen still.
      let current = s.serving?.id
      s.serving = mine.first(where: { $0.id == current }) ?? mine.first
    case .tokensFailed(let why):
      s.tokens = nil
      s.loadTrouble = StaffWords.prefixed(
        why, tr("The waiting tokens could not be read"))
    case .tokenCalled(let token):
      s.serving = token
      s.tokens?.removeAll { $0.id == token.id }
      let t = token.shown(.bn)
      let e = token.shown(.en)
      s.message = StaffMessage(
        tr("Token {1} called", .init(bn: "\(t)", en: "\(e)")), failed: false, at: .serving)
      if let id = token.draftID, let op = s.signedIn {
        // Its application opens at once (audited, as any opening).
        fx = [.openDraft(draftID: id, operatorID: op.id)]
      } else {
        s.message = StaffMessage(
          tr("Token {1} called; it has no application", .init(bn: "\(t)", en: "\(e)")),
          failed: true, at: .serving)
      }
    case .noTokenWaiting:
      let chosen = s.letters.sorted().joined(separator: ", ")
      s.message = StaffMessage(
        chosen.isEmpty
          ? tr("No token is waiting")
          : tr("No token of {1} is waiting", .same("\(chosen)")),
        failed: false, at: .tokens)
      if let desk { fx = [.loadTokens(desk: desk)] }
    case .tokenTaken(let token):
      let t = token.shown(.bn)
      let e = token.shown(.en)
      let who = token.desk ?? ""
      let text: BilingualText
      switch token.state {
      case "called":
        text = tr(
          "Token {1} was already called by desk {2}; it is that desk's", .init(bn: "\(t)", en: "\(e)"),
          .digits("\(who)"))
      case "served":
        text = tr("Token {1} has been served already", .init(bn: "\(t)", en: "\(e)"))
      case "skipped":
        text = tr("Token {1} was called before and did not come", .init(bn: "\(t)", en: "\(e)"))
      default:
        text = tr("Token {1} cannot be called now", .init(bn: "\(t)", en: "\(e)"))
      }
      s.message = StaffMessage(text, failed: true, at: .tokens)
      if let desk { fx = [.loadTokens(desk: desk)] }
    case .callFailed(let why):
      // Nothing was called; what staff typed stays where it was.
      s.message = StaffMessage(
        StaffWords.prefixed(why, tr("No token was called")), failed: true, at: .tokens)
    case .tokenFinished(let token, let served):
      s.serving = nil
      fx = go(&s, .queue)
      let t = token.shown(.bn)
      let e = token.shown(.en)
      s.message = StaffMessage(
        served
          ? tr("Token {1} served", .init(bn: "\(t)", en: "\(e)"))
          : tr("Token {1} marked as not here", .init(bn: "\(t)", en: "\(e)")),
        failed: false, at: .tokens)
    case .finishFailed(let token, let why):
      s.message = StaffMessage(
        StaffWords.prefixed(
          why, tr("Token {1} was not finished", .init(bn: "\(token.shown(.bn))", en: "\(token.shown(.en))"))),
        failed: true, at: .serving)
    }
    return (s, fx)
  }

  /// One citizen at a time: the token being served is finished first.
  static func finishFirst(_ serving: QueueToken) -> BilingualText {
    tr("Finish token {1} first (served, or not here)", .init(bn: "\(serving.shown(.bn))", en: "\(serving.shown(.en))"))
  }

  static let noSuchCode = tr("No application has this code")
  static let unreadable = tr("could not be read")

  /// Ends the session: a signed-in operator is signed out first (audited), then staff mode closes.
  func close(_ s: inout StaffState, reason: String) -> [StaffEffect] {
    if let op = s.signedIn { return [.logOut(op, reason: reason)] }
    s = StaffState()
    s.lastActivity = clock()
    // A desk is never left: its sign-in starts again (a half-typed PIN goes).
    return desk == nil ? [.leave] : [.loadOperators]
  }

  /// Shows `page` (a fresh message; its data is read again).
  func go(_ s: inout StaffState, _ page: StaffPage) -> [StaffEffect] {
    s.page = page
    s.message = nil
    s.loadTrouble = nil
    s.confirmCharge = nil
    switch page {
    case .signIn: return [.loadOperators]
    case .queue: return [.loadQueue] + (desk.map { [.loadTokens(desk: $0)] } ?? [])
    case .draft(let id), .edit(let id, _): return [.loadDraft(id)]
    case .receipts: return [.loadReceipts(today())]
    case .void: return []
    case .dayEnd: return [.loadDayEnd(today())]
    case .handouts: return [.loadHandouts]
    case .complaints: return [.loadComplaints]
    case .respond: return []
    }
  }

  /// What came of a print, in words: printed, or why not, and anything the store could not record.
  static func said(_ print: StaffPrint, at spot: StaffSpot, printed: BilingualText, notPrinted: BilingualText)
    -> StaffMessage
  {
    var text: BilingualText
    if let outcome = print.outcome, outcome.succeeded {
      text = printed
      // Printed, with what the printer said beside (a thermal printer's paper near its end).
      if let notice = outcome.notice { text = tr("{1}; {2}", .text(text), .text(notice)) }
    } else {
      text = StaffWords.prefixed(
        print.outcome?.message ?? print.trouble ?? unreadable, notPrinted)
    }
    if print.outcome != nil, let trouble = print.trouble {
      text = tr("{1}; {2}", .text(text), .text(trouble))
    }
    return StaffMessage(text, failed: !print.clean, at: spot)
  }
}

extension StaffPage {
  /// The draft a page is about.
  public var draftID: Int64? {
    switch self {
    case .draft(let id), .edit(let id, _): return id
    default: return nil
    }
  }
}
