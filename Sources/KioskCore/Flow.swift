/// The citizen's journey as a pure state machine: `reduce(state, event) -> (state, effects)`.
/// Pages render the state and send events; a runner performs the effects (save, print, reset)
/// and reports their results back as events. No GTK, no SQL, no CUPS here.
public enum Screen: Sendable, Equatable {
  /// Attract screen: touch to start, language, helplines, resume a draft.
  case home
  case services
  /// What you need, what it costs, how long.
  case info
  /// What is kept, who sees it, for how long.
  case consent
  case question(String)
  case check
  /// Each heir's share (Muslim law, Hanafi) of the heirs given in group `String` (e-Namjari by
  /// inheritance), opened from the heirs' list page; Back returns there.
  case shares(String)
  case confirmation
  /// Typing or scanning a resume code.
  case resume
  /// A complaint was recorded: its number and the slip's printing.
  case complaintFiled
}

public enum PrintStatus: Sendable, Equatable {
  case idle, printing, printed
  case failed(BilingualText)
}

public struct FlowState: Sendable, Equatable {
  /// A new citizen's session on the home page (nothing of the last one kept) in `language`, the
  /// screen's language where the citizen goes on (a new service, "I do not agree", home), Bengali
  /// after an idle wipe.
  public static func fresh(keeping language: Language, at now: Double) -> FlowState {
    var s = FlowState()
    s.language = language
    s.lastActivity = now
    return s
  }

  public var screen: Screen = .home
  public var language: Language = .bn
  public var serviceID: String?
  /// Valid answers, normalised, by question id.
  public var answers: [String: String] = [:]
  /// What was typed on a page, kept even when it was refused, so nothing typed is lost.
  public var typed: [String: String] = [:]
  public var error: ValidationFailure?
  public var draftID: Int64?
  public var resumeCode: ResumeCode?
  /// Set when a question was opened from "check your answers": answering returns there.
  public var returnToCheck = false
  public var lastActivity: Double = 0
  public var idleWarning = false
  public var printStatus: PrintStatus = .idle
  /// A passing message on the current page ("the list is printed").
  public var notice: BilingualText?
  /// The queue token given when the application was confirmed (as shown: ক-০২৩).
  public var token: String?
  /// The number of the complaint just recorded (DEMO-C-000012).
  public var complaintNumber: String?
  /// The one-tap feedback was given on this confirmation page.
  public var rated = false
  /// This session is a complaint (`ComplaintForm`), not a service's application.
  public var isComplaint: Bool { serviceID == ComplaintForm.serviceID }
  public init() {}
}

public enum FlowEvent: Sendable, Equatable {
  /// Any touch or key: the citizen is still there.
  case touch
  /// The idle clock ticked (about once a second).
  case tick
  case start
  case setLanguage(Language)
  case chooseService(String)
  case continueFromInfo
  /// "Print this list": what to bring and what it costs.
  case printDocumentsList
  case agree
  case decline
  /// The current question's answer as typed, or the chosen option's value; on a group's list page
  /// "add" (another item) or "done".
  case answer(String)
  /// On a group's list page: take item `n` (from 1) out; the items after it move up.
  case removeItem(Int)
  /// "Each heir's share" on a list page of heirs (a group whose items have a relation).
  case showShares
  case back
  case change(String)
  case confirm
  case goHome
  case openResume
  case enterCode(String)
  // Results of effects, sent by the runner.
  case draftCreated(id: Int64, code: ResumeCode)
  /// The draft could not be started (the store refused): the citizen stays on the consent page
  /// with the message; no answer is taken that could not be kept.
  case draftFailed(BilingualText)
  /// Marking the draft as waiting for the counter failed: back to check answers, nothing printed.
  case confirmFailed(BilingualText)
  /// Saving the answer to `questionID` failed (disk full…): back to that question, nothing lost.
  case saveFailed(questionID: String, message: BilingualText)
  case documentsListPrinted(ok: Bool, message: BilingualText)
  case printFinished(ok: Bool, message: BilingualText)
  case resumed(id: Int64, code: ResumeCode, serviceID: String, answers: [String: String])
  case resumeFailed(BilingualText)
  /// The "Complaint" tile: the complaint's questions, asked like a service's.
  case openComplaint
  /// The complaint is in the register (its number); the slip printed, or why not.
  case complaintFiled(number: String, ok: Bool, message: BilingualText)
  /// The register refused the complaint: back to check answers with the message, nothing lost.
  case complaintFailed(BilingualText)
  /// One tap of feedback after a finished visit: 1 poor, 2 fair, 3 good.
  case rate(Int)
}

public enum FlowEffect: Sendable, Equatable {
  case createDraft(serviceID: String, language: Language)
  /// Durable before the next page is shown.
  case saveAnswer(draftID: Int64, questionID: String, value: String)
  /// Answers of questions no longer asked (the citizen changed an earlier choice): removed.
  case dropAnswers(draftID: Int64, questionIDs: [String])
  case markWaiting(draftID: Int64)
  case printSlip(draftID: Int64)
  case printDocumentsList(serviceID: String, answers: [String: String])
  case lookUpCode(ResumeCode)
  /// Idle wipe or "done": clear the screen; the draft stays, locked behind its code.
  case resetSession
  /// Into the complaints register, then the complaint slip printed.
  case fileComplaint(answers: [String: String])
  /// The day's count for the service and rating goes up by one (nothing else is kept).
  case recordFeedback(serviceID: String, rating: Int)
}

public struct FlowReducer: Sendable {
  public let catalogue: Catalogue
  public let idleWarningSeconds: Double
  public let idleResetSeconds: Double
  /// Seconds since 1970; injected so that tests control idle time.
  public let clock: @Sendable () -> Double
  /// What a place answer is stored as (`PlaceDirectory.resolve`: the one place it names, or "not
  /// found"); nil takes the text as typed.
  public let resolvePlace: (@Sendable (String, Language) -> Result<String, ValidationFailure>)?

  public init(
    catalogue: Catalogue, idleWarningSeconds: Double, idleResetSeconds: Double, clock: @escaping @Sendable () -> Double,
    resolvePlace: (@Sendable (String, Language) -> Result<String, ValidationFailure>)? = nil
  ) {
    self.catalogue = catalogue
    self.idleWarningSeconds = idleWarningSeconds
    self.idleResetSeconds = idleResetSeconds
    self.clock = clock
    self.resolvePlace = resolvePlace
    complaintForm = ComplaintForm.service(catalogue)
  }

  /// The complaint's questions, as a service's form.
  public let complaintForm: Service

  public func service(_ state: FlowState) -> Service? {
    state.isComplaint ? complaintForm : state.serviceID.flatMap(catalogue.service)
  }

  /// The questions that apply now, in order.
  public func activeQuestions(_ state: FlowState) -> [Question] {
    service(state)?.activeQuestions(state.answers) ?? []
  }

  public func reduce(_ state: FlowState, _ event: FlowEvent) -> (FlowState, [FlowEffect]) {
    var s = state
    var effects: [FlowEffect] = []
    let now = clock()
    if event != .tick && !isResult(event) {
      s.lastActivity = now
      s.idleWarning = false
      if event != .touch { s.notice = nil }
    }
    switch event {
    case .touch: break
    case .tick:
      guard s.screen != .home else { break }
      let idle = now - s.lastActivity
      if idle >= idleResetSeconds {
        s = .fresh(keeping: .bn, at: now)  // the next citizen starts on the home page, in Bengali
        effects.append(.resetSession)
      } else if idle >= idleWarningSeconds {
        s.idleWarning = true
      }
    case .start:
      s.screen = .services
    case .setLanguage(let l):
      s.language = l
    case .chooseService(let id):
      guard catalogue.service(id) != nil else { break }
      s = .fresh(keeping: s.language, at: now)
      s.serviceID = id
      s.screen = .info
    case .continueFromInfo:
      if s.screen == .info { s.screen = .consent }
    case .printDocumentsList:
      if let id = s.serviceID { effects.append(.printDocumentsList(serviceID: id, answers: s.answers)) }
    case .agree:
      guard s.screen == .consent, let service = service(s) else { break }
      s.error = nil
      if s.draftID == nil {
        // The first question comes once the draft exists (draftCreated): nothing is asked that
        // could not be kept, and the resume code is on screen from the first question on.
        effects.append(.createDraft(serviceID: service.id, language: s.language))
      } else {
        s.screen = firstUnanswered(s).map { .question($0.id) } ?? .check
      }
    case .decline:
      s = .fresh(keeping: s.language, at: now)
      effects.append(.resetSession)
    case .answer(let text):
      guard case .question(let qid) = s.screen, let q = activeQuestions(s).first(where: { $0.id == qid }) else { break }
      if q.group != nil {
        effects += answerGroup(&s, q, text)
        break
      }
      s.typed[qid] = text
      // A complaint is kept in memory until it is confirmed (then in one row of the register).
      let draftID = s.draftID
      guard draftID != nil || s.isComplaint else {
        s.error = Self.cannotSave
        break
      }
      let today = CivilDate(secondsSince1970: now)
      var result = Validators.validate(q, text, answers: s.answers, today: today)
      // A typed place that names no place in the list is refused, never stored as typed.
      if q.type == .place, let resolve = resolvePlace, case .success(let v) = result, !v.isEmpty {
        result = resolve(v, s.language)
      }
      switch result {
      case .failure(let f):
        s.error = f
      case .success(let value):
        s.error = nil
        s.answers[qid] = value
        s.typed[qid] = value
        if let draftID { effects.append(.saveAnswer(draftID: draftID, questionID: qid, value: value)) }
        // Answers of a branch the citizen left (purchase → inheritance) are not kept as answers:
        // neither shown, stored nor filed. What was typed stays on this screen's memory only
        // (`typed`), so going back to that branch in this session offers it again.
        let active = Set(activeQuestions(s).map(\.id))
        let left = s.answers.keys.filter { !active.contains($0) }.sorted()
        if !left.isEmpty {
          for id in left { s.answers[id] = nil }
          if let draftID { effects.append(.dropAnswers(draftID: draftID, questionIDs: left)) }
        }
        s.screen = next(after: qid, in: s)
        if s.screen == .check { s.returnToCheck = false }
      }
    case .removeItem(let index):
      effects += removeItem(&s, index)
    case .showShares:
      guard case .question(let gid) = s.screen, let q = activeQuestions(s).first(where: { $0.id == gid }),
        q.group?.questions.contains(where: { $0.id == "relation" }) == true
      else { break }
      s.error = nil
      s.screen = .shares(gid)
    case .back:
      s.error = nil
      switch s.screen {
      case .services, .resume: s.screen = .home
      case .info: s.screen = .services
      case .consent: s.screen = .info
      case .question(let qid):
        if let group = justAdded(s, qid) {
          // Back from an item just added, before anything was given for it: it is not added after
          // all, and the list is shown again (where "done" or "add" is said once more).
          s.screen = .question(group)
          if s.answers[group] != nil, let draftID = s.draftID {
            s.answers[group] = nil
            effects.append(.dropAnswers(draftID: draftID, questionIDs: [group]))
          }
        } else if s.returnToCheck {
          s.screen = .check
          s.returnToCheck = false
        } else {
          let qs = activeQuestions(s)
          if let i = qs.firstIndex(where: { $0.id == qid }), i > 0 {
            s.screen = .question(qs[i - 1].id)
          } else {
            s.screen = s.isComplaint ? .home : .consent
          }
        }
      case .check:
        s.screen = activeQuestions(s).last.map { .question($0.id) } ?? .consent
      case .shares(let gid):
        s.screen = .question(gid)
      case .home, .confirmation, .complaintFiled: break
      }
    case .change(let qid):
      guard s.screen == .check, activeQuestions(s).contains(where: { $0.id == qid }) else { break }
      s.returnToCheck = true
      s.screen = .question(qid)
    case .confirm:
      guard s.screen == .check else { break }
      if let missing = firstUnanswered(s) {
        s.screen = .question(missing.id)
        s.error = ValidationFailure(tr("Please answer this question"))
        break
      }
      if s.isComplaint {
        effects.append(.fileComplaint(answers: s.answers))
        s.printStatus = .printing
        s.screen = .complaintFiled
        break
      }
      guard let id = s.draftID else { break }
      effects += [.markWaiting(draftID: id), .printSlip(draftID: id)]
      s.printStatus = .printing
      s.screen = .confirmation
    case .goHome:
      s = .fresh(keeping: s.language, at: now)
      effects.append(.resetSession)
    case .openResume:
      s.screen = .resume
      s.error = nil
    case .enterCode(let text):
      guard s.screen == .resume else { break }
      s.typed["resume-code"] = text
      switch ResumeCode.check(text) {
      case .success(let code):
        s.error = nil
        effects.append(.lookUpCode(code))
      case .failure(let why):
        s.error = why
      }
    case .draftCreated(let id, let code):
      s.draftID = id
      s.resumeCode = code
      s.error = nil
      if s.screen == .consent { s.screen = firstUnanswered(s).map { .question($0.id) } ?? .check }
      // Answers given before the draft existed are saved now.
      for q in activeQuestions(s) {
        if let v = s.answers[q.id] { effects.append(.saveAnswer(draftID: id, questionID: q.id, value: v)) }
      }
    case .draftFailed(let message):
      s.error = ValidationFailure(message)
    case .confirmFailed(let message):
      s.screen = .check
      s.printStatus = .idle
      s.notice = message
    case .saveFailed(let qid, let message):
      // Back to the question whose answer could not be kept; what was typed is in `typed`.
      s.error = ValidationFailure(message)
      s.answers[qid] = nil
      s.screen = .question(qid)
    case .documentsListPrinted(_, let message):
      s.notice = message
    case .printFinished(let ok, let message):
      s.printStatus = ok ? .printed : .failed(message)
    case .resumed(let id, let code, let serviceID, let answers):
      s = .fresh(keeping: s.language, at: now)
      s.serviceID = serviceID
      s.draftID = id
      s.resumeCode = code
      s.answers = answers
      s.typed = answers
      s.screen = firstUnanswered(s).map { .question($0.id) } ?? .check
    case .resumeFailed(let message):
      s.error = ValidationFailure(message)
    case .openComplaint:
      s = .fresh(keeping: s.language, at: now)
      s.serviceID = ComplaintForm.serviceID
      s.screen = firstUnanswered(s).map { .question($0.id) } ?? .check
    case .complaintFiled(let number, let ok, let message):
      s.complaintNumber = number
      s.printStatus = ok ? .printed : .failed(message)
    case .complaintFailed(let message):
      s.screen = .check
      s.printStatus = .idle
      s.notice = message
    case .rate(let rating):
      guard s.screen == .confirmation, !s.rated, !s.isComplaint, let id = s.serviceID, (1...3).contains(rating)
      else { break }
      s.rated = true
      effects.append(.recordFeedback(serviceID: id, rating: rating))
    }
    return (s, effects)
  }

  static let cannotSave = ValidationFailure(
    tr("The application cannot be saved. Please call staff; what you typed is not lost."))

  /// A group's list page: "add" opens the next item's first question (the count is saved, so the
  /// item is there after a resume too); "done" keeps the count and goes on.
  func answerGroup(_ s: inout FlowState, _ q: Question, _ choice: String) -> [FlowEffect] {
    guard let g = q.group, let service = service(s) else { return [] }
    guard let draftID = s.draftID else {
      s.error = Self.cannotSave
      return []
    }
    let n = service.itemCount(q, s.answers)
    switch choice {
    case "add":
      guard n < g.maxItems else {
        s.error = ValidationFailure(
          tr("At most {1} can be given here; tell the counter if there are more", .digits("\(g.maxItems)")))
        return []
      }
      s.error = nil
      s.answers[q.id] = String(n + 1)
      s.screen = .question(GroupPosition.key(q.id, n + 1, g.questions[0].id))
      return [.saveAnswer(draftID: draftID, questionID: q.id, value: String(n + 1))]
    case "done":
      s.answers[q.id] = String(n)
      let effects: [FlowEffect] = [.saveAnswer(draftID: draftID, questionID: q.id, value: String(n))]
      // An item left half-answered (added, then the citizen walked away): its question first.
      if let missing = activeQuestions(s).first(where: {
        $0.position?.group == q.id && $0.required && s.answers[$0.id] == nil
      }) {
        s.screen = .question(missing.id)
        s.error = ValidationFailure(tr("Please answer this question"))
        return effects
      }
      s.error = nil
      s.screen = next(after: q.id, in: s)
      if s.screen == .check { s.returnToCheck = false }
      return effects
    default:
      s.error = ValidationFailure(tr("Choose one"))
      return []
    }
  }

  /// Takes item `index` out of the group on screen: the items after it move up one (their answers
  /// saved under their new numbers), the last number's answers are dropped.
  func removeItem(_ s: inout FlowState, _ index: Int) -> [FlowEffect] {
    guard case .question(let qid) = s.screen, let service = service(s),
      let q = activeQuestions(s).first(where: { $0.id == qid }), let g = q.group, let draftID = s.draftID
    else { return [] }
    let n = service.itemCount(q, s.answers)
    guard n > 1, (1...n).contains(index) else { return [] }
    s.error = nil
    var saves: [FlowEffect] = []
    var drops: [String] = []
    for i in stride(from: index, to: n, by: 1) {
      for item in g.questions {
        let to = GroupPosition.key(q.id, i, item.id)
        let from = GroupPosition.key(q.id, i + 1, item.id)
        if let v = s.answers[from] {
          s.answers[to] = v
          saves.append(.saveAnswer(draftID: draftID, questionID: to, value: v))
        } else if s.answers[to] != nil {
          s.answers[to] = nil
          drops.append(to)
        }
        s.typed[to] = s.typed[from]
      }
    }
    for item in g.questions {
      let last = GroupPosition.key(q.id, n, item.id)
      s.answers[last] = nil
      s.typed[last] = nil
      drops.append(last)
    }
    if s.answers[q.id] != nil {
      s.answers[q.id] = String(n - 1)
      saves.append(.saveAnswer(draftID: draftID, questionID: q.id, value: String(n - 1)))
    }
    return saves + [.dropAnswers(draftID: draftID, questionIDs: drops.sorted())]
  }

  /// The group whose newest item's first question `qid` is, when nothing has been given for that
  /// item yet (and it is not the first item, which is always asked).
  func justAdded(_ s: FlowState, _ qid: String) -> String? {
    guard let service = service(s), let p = GroupPosition(key: qid), p.index > 1,
      let group = service.questions.first(where: { $0.id == p.group }), let g = group.group,
      group.when?.holds(s.answers) ?? true, p.item == g.questions.first?.id,
      p.index == service.itemCount(group, s.answers),
      g.questions.allSatisfy({ s.answers[GroupPosition.key(p.group, p.index, $0.id)] == nil })
    else { return nil }
    return p.group
  }

  func isResult(_ e: FlowEvent) -> Bool {
    switch e {
    case .draftCreated, .draftFailed, .confirmFailed, .saveFailed, .printFinished, .resumed, .resumeFailed,
      .documentsListPrinted, .complaintFiled, .complaintFailed:
      return true
    default: return false
    }
  }

  func firstUnanswered(_ s: FlowState) -> Question? {
    activeQuestions(s).first { $0.required && s.answers[$0.id] == nil }
  }

  /// After answering `qid`: back to "check" when it came from there (unless the answer opened
  /// new questions), else the next question that applies, else "check".
  func next(after qid: String, in s: FlowState) -> Screen {
    let qs = activeQuestions(s)
    let i = qs.firstIndex(where: { $0.id == qid })
    if s.returnToCheck {
      if let missing = firstUnanswered(s) { return .question(missing.id) }
      // The last question of a group's last item (one just added from check answers): its list
      // again, where another can be added or "done" returns to check answers.
      if let i, let p = qs[i].position, i + 1 < qs.count, qs[i + 1].id == p.group { return .question(p.group) }
      return .check
    }
    if let i, i + 1 < qs.count { return .question(qs[i + 1].id) }
    return .check
  }
}
