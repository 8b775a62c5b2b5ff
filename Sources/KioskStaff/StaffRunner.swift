import Foundation
import KioskCore
import KioskPrint
import KioskStore

/// Carries out staff mode's effects against the store, the printer and the data folder, and says
/// what came of each as the event to send back — failures included, in words. It blocks (the
/// store's busy wait, Argon2id, libcups): a runner with a screen calls it off its thread for the
/// effects that are `isSlow`. Used by the kiosk's staff mode; tested on a real database file.
public struct StaffRunner: Sendable {
  public let counter: Counter
  /// Where the counter's browser saves PDFs downloaded from the portal; printed ones move to `printed/`.
  public let handoutFolder: String
  /// Where day-end CSV files go.
  public let reportFolder: String

  public init(counter: Counter, dataDirectory: String) {
    self.counter = counter
    handoutFolder = dataDirectory + "/handouts"
    reportFolder = dataDirectory + "/reports"
  }

  var store: KioskStore { counter.store }
  var setup: KioskSetup { counter.setup }

  /// Performs one effect; the event to send back (nil for `.leave`, which is the screen's to do).
  public func perform(_ effect: StaffEffect) -> StaffEvent? {
    switch effect {
    case .leave: return nil
    case .loadOperators:
      do { return .operatorsLoaded(try store.operators()) } catch { return .operatorsFailed(StaffWords.trouble(error)) }
    case .logIn(let id, let pin):
      do { return .signInAnswered(try store.logIn(id: id, pin: pin)) } catch {
        return .signInFailed(StaffWords.trouble(error))
      }
    case .logOut(let op, let reason):
      do {
        try store.audit(actor: op.id, action: "logout", subject: "operator:\(op.id)", detail: reason)
        return .signedOut
      } catch { return .signOutFailed(StaffWords.trouble(error)) }
    case .loadQueue:
      do { return .queueLoaded(try store.staffQueue(), waiting: try store.staffQueueCount()) } catch {
        return .queueFailed(StaffWords.trouble(error))
      }
    case .findCode(let code):
      do { return .codeFound(try store.draft(code: code)?.id) } catch { return .codeFailed(StaffWords.trouble(error)) }
    case .openDraft(let id, let operatorID):
      // Every staff access is audited: no audit row, no opening.
      do {
        try store.staffOpened(draftID: id, operatorID: operatorID)
        return .opened(id)
      } catch { return .openFailed(id, StaffWords.trouble(error)) }
    case .loadDraft(let id):
      return loadDraft(id)
    case .correct(let id, let qid, let value, let operatorID):
      do {
        try store.correctAnswer(draftID: id, questionID: qid, value: value, operatorID: operatorID)
        return .corrected(draftID: id, questionID: qid)
      } catch { return .correctionFailed(draftID: id, questionID: qid, StaffWords.trouble(error)) }
    case .markFiled(let id, let number, let operatorID):
      do {
        try store.markFiled(draftID: id, applicationNumber: number, operatorID: operatorID)
        return .markedFiled(draftID: id)
      } catch { return .markFiledFailed(draftID: id, StaffWords.trouble(error)) }
    case .printFilingSheet(let id, let op):
      return .filingSheetPrinted(draftID: id, printFilingSheet(id, op))
    case .charge(let id, let op):
      let receipt: LedgerReceipt
      do { receipt = try counter.issueReceipt(forDraft: id, operator: op) } catch {
        return .chargeFailed(draftID: id, StaffWords.trouble(error))
      }
      // In the ledger from here on: what follows is only whether (and how well) it printed.
      return .charged(draftID: id, receipt, printReceipt(receipt, op, reprint: false))
    case .loadReceipts(let day):
      do {
        return .receiptsLoaded(
          try store.receipts(on: day).map { StaffReceiptRow(receipt: $0, voided: try store.voidOf($0.id) != nil) })
      } catch { return .receiptsFailed(StaffWords.trouble(error)) }
    case .reprint(let receipt, let op):
      return .reprinted(receipt, printReceipt(receipt, op, reprint: true))
    case .void(let rid, let reason, let operatorID):
      do {
        guard let original = try store.receipt(id: rid) else { throw StaffError.unknownReceipt(String(rid)) }
        return .voided(original, by: try store.voidReceipt(rid, reason: reason, operatorID: operatorID))
      } catch { return .voidFailed(receiptID: rid, StaffWords.trouble(error)) }
    case .loadDayEnd(let day):
      do { return .dayEndLoaded(day, try counter.dayEnd(day)) } catch {
        return .dayEndFailed(StaffWords.trouble(error))
      }
    case .printDayEnd(let day, let op):
      return printDayEnd(day, op)
    case .loadHandouts:
      return loadHandouts()
    case .printHandout(let file, let serviceID, let op):
      return printHandout(file, serviceID, op)
    case .loadComplaints:
      do {
        return .complaintsLoaded(
          try store.complaints().reversed().map { StaffComplaintRow(complaint: $0.0, responses: $0.1) })
      } catch { return .complaintsFailed(StaffWords.trouble(error)) }
    case .respond(let id, let text, let operatorID):
      do {
        try store.respondToComplaint(id, text: text, operatorID: operatorID)
        return .responded(complaintID: id)
      } catch { return .respondFailed(complaintID: id, StaffWords.trouble(error)) }
    case .loadTokens(let desk):
      do {
        let queue = try store.deskQueue(desk: desk)
        return .tokensLoaded(waiting: queue.waiting, mine: queue.mine)
      } catch { return .tokensFailed(StaffWords.trouble(error)) }
    case .callNext(let desk, let letters):
      // Each token goes to one desk (the store's lock): two desks at once get two tokens.
      do {
        guard let token = try store.callNext(desk: desk, letters: letters.isEmpty ? nil : letters) else {
          return .noTokenWaiting
        }
        return .tokenCalled(token)
      } catch { return .callFailed(StaffWords.trouble(error)) }
    case .callToken(let id, let desk):
      do {
        switch try store.callToken(id, desk: desk) {
        case .called(let token): return .tokenCalled(token)
        case .taken(let token): return .tokenTaken(token)
        case .unknown: return .callFailed(tr("there is no such token"))
        }
      } catch { return .callFailed(StaffWords.trouble(error)) }
    case .finishToken(let token, let served, let desk):
      do {
        try store.finishToken(token.id, served: served, desk: desk)
        return .tokenFinished(token, served: served)
      } catch { return .finishFailed(token, StaffWords.trouble(error)) }
    }
  }

  func loadDraft(_ id: Int64) -> StaffEvent {
    let draft: Draft
    let answers: [String: String]
    let number: String?
    do {
      guard let d = try store.draft(id: id) else { throw CounterError.unknownDraft }
      guard setup.catalogue.service(d.serviceID) != nil else { throw CounterError.unknownService(d.serviceID) }
      draft = d
      answers = try store.answers(draftID: id)
      number = try store.applicationNumber(draftID: id)
    } catch { return .draftFailed(id, StaffWords.trouble(error)) }
    var fee: [LedgerLine]?
    var feeTrouble: BilingualText?
    do { fee = try counter.charge(forDraft: id).1 } catch { feeTrouble = StaffWords.trouble(error) }
    var receipts: [LedgerReceipt]?
    var receiptsTrouble: BilingualText?
    do { receipts = try store.receipts().filter { $0.draftID == id } } catch {
      receiptsTrouble = StaffWords.trouble(error)
    }
    return .draftLoaded(
      StaffDraftView(
        draft: draft, answers: answers, applicationNumber: number, fee: fee, feeTrouble: feeTrouble,
        receipts: receipts, receiptsTrouble: receiptsTrouble))
  }

  /// A receipt to the roll printer: nothing printed when its paper form or its print job cannot
  /// be made; what the store could not record after printing is said beside the printer's answer.
  func printReceipt(_ receipt: LedgerReceipt, _ op: Operator, reprint: Bool) -> StaffPrint {
    do {
      return StaffPrint(outcome: try counter.printReceipt(receipt, operator: op, reprint: reprint))
    } catch let e as UnrecordedPrint {
      return StaffPrint(
        outcome: e.outcome,
        trouble: StaffWords.prefixed(
          StaffWords.trouble(e.error), tr("its printing was not recorded")))
    } catch {
      return StaffPrint(outcome: nil, trouble: StaffWords.trouble(error))
    }
  }

  /// Every answer of a draft on A4, for filing on the portal. Audited before it prints: no audit
  /// row, no sheet.
  func printFilingSheet(_ id: Int64, _ op: Operator) -> StaffPrint {
    let draft: Draft
    let service: Service
    let answers: [String: String]
    let number: String?
    do {
      guard let d = try store.draft(id: id) else { throw CounterError.unknownDraft }
      guard let s = setup.catalogue.service(d.serviceID) else { throw CounterError.unknownService(d.serviceID) }
      draft = d
      service = s
      answers = try store.answers(draftID: id)
      number = try store.applicationNumber(draftID: id)
      try store.audit(actor: op.id, action: "print", subject: "draft:\(id)", detail: "filing sheet")
    } catch { return StaffPrint(outcome: nil, trouble: StaffWords.trouble(error)) }
    // Values in words, in both languages where they differ ("ক্রয় / Purchase", both calendars' dates).
    func both(_ q: Question, _ v: String) -> String {
      guard !v.isEmpty else { return "" }
      let bn = q.shown(v, .bn)
      let en = q.shown(v, .en)
      return bn == en ? bn : bn + " / " + en
    }
    var sheet = FilingSheet(
      centre: setup.config.centreName, service: service.name, code: draft.resumeCode.grouped,
      applicationNumber: number,
      rows: service.activeQuestions(answers).map { ($0.label, both($0, answers[$0.id] ?? "")) },
      date: CivilDate(secondsSince1970: Date().timeIntervalSince1970))
    sheet.shares = PrintedShares(answers: answers, bighaDecimals: setup.config.bighaDecimals)
    return counter.printReporting(
      Documents.filingSheet(sheet), draftID: id, kind: "filing-sheet", queue: counter.reportQueue,
      title: "filing-\(id)")
  }

  /// The Z report: saved as CSV in the reports folder, audited, printed. Each part says what came
  /// of it; a report that could not be audited is not printed.
  func printDayEnd(_ day: CivilDate, _ op: Operator) -> StaffEvent {
    let csv: Result<String, StaffTrouble>
    do {
      let text = try counter.dayEndCSV(day)
      let path = reportFolder + "/day-end-\(day.iso).csv"
      do {
        try FileManager.default.createDirectory(atPath: reportFolder, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
      } catch { throw StaffTrouble(StaffWords.file(error)) }
      csv = .success(path)
    } catch let e as StaffTrouble {
      csv = .failure(e)
    } catch {
      csv = .failure(StaffTrouble(error))
    }
    do {
      try store.audit(actor: op.id, action: "print", subject: "day-end:\(day.iso)")
    } catch {
      return .dayEndPrinted(csv: csv, StaffPrint(outcome: nil, trouble: StaffWords.trouble(error)))
    }
    let pdf: Data
    do { pdf = Documents.dayEnd(try counter.closeDay(day, operatorID: op.id)) } catch {
      return .dayEndPrinted(csv: csv, StaffPrint(outcome: nil, trouble: StaffWords.trouble(error)))
    }
    return .dayEndPrinted(
      csv: csv,
      counter.printReporting(
        pdf, draftID: nil, kind: "day-end", queue: counter.reportQueue, title: "day-end-\(day.iso)"))
  }

  func loadHandouts() -> StaffEvent {
    do {
      try FileManager.default.createDirectory(atPath: handoutFolder, withIntermediateDirectories: true)
      let files = try FileManager.default.contentsOfDirectory(atPath: handoutFolder)
        .filter { $0.lowercased().hasSuffix(".pdf") }.sorted()
      return .handoutsLoaded(folder: handoutFolder, files)
    } catch { return .handoutsFailed(folder: handoutFolder, StaffWords.file(error)) }
  }

  /// A portal PDF printed byte for byte with its own receipt, then moved to `printed/` (so that it
  /// is not charged twice). Nothing is charged when the file cannot be read.
  func printHandout(_ file: String, _ serviceID: String, _ op: Operator) -> StaffEvent {
    let path = handoutFolder + "/" + file
    let pdf: Data
    do { pdf = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
      return .handoutFailed(file: file, StaffWords.file(error))
    }
    let receipt: LedgerReceipt
    do { receipt = try counter.handoutReceipt(pdf: pdf, serviceID: serviceID, draftID: nil, operator: op) } catch {
      return .handoutFailed(file: file, StaffWords.trouble(error))
    }
    let paper = counter.printHandoutPaper(pdf, receipt: receipt)
    let slip = printReceipt(receipt, op, reprint: false)
    let done = handoutFolder + "/printed"
    var moveTrouble: BilingualText?
    do {
      try FileManager.default.createDirectory(atPath: done, withIntermediateDirectories: true)
      try FileManager.default.moveItem(atPath: path, toPath: done + "/" + file)
    } catch {
      moveTrouble = StaffWords.prefixed(
        StaffWords.file(error), tr("{1} could not be moved to printed/; do not charge for it again", .same("\(file)")))
    }
    return .handoutPrinted(file: file, receipt, paper: paper, receipt: slip, moveTrouble: moveTrouble)
  }
}
