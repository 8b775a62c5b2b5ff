import Foundation
import Gtk
import KioskCore
import KioskPrint
import KioskSpeech
import KioskStaff
import KioskStore
import Logging

/// Options that come from the command line or the environment, not from the config file.
public struct LaunchOptions: Sendable {
  /// Write a PNG of the first painted frame here (no compositor needed).
  public var snapshotPath: String?
  /// Print the time of the first painted frame and quit (benchmarks).
  public var exitAfterFirstFrame = false
  /// Quit once the snapshot is written (headless runs).
  public var quitAfterSnapshot = false
  /// Write a PNG of every page, in both languages, into this folder and quit.
  public var tourDirectory: String?
  /// `--bench-journey N`: time N whole journeys, tap to painted frame (bench/, not the tests).
  public var benchJourneys: Int?
  /// `--desk`: the staff desk program with this desk's id (a normal window, staff only).
  public var desk: String?
  public init() {}
}

/// The kiosk: one full-screen window whose content is the page of the current flow state. Pages
/// send events; `send` runs them through the reducer, performs the effects and draws the page.
@MainActor
public final class KioskApp {
  let setup: KioskSetup
  let store: KioskStore
  let printer: Printer
  let options: LaunchOptions
  let application: Application
  let reducer: FlowReducer
  var window: Window?
  var state = FlowState()
  /// What the current page was drawn from: a page is rebuilt only when it changes.
  var drawn: FlowState?
  var idleTimer: LoopTimer?
  var snapshotTimer: LoopTimer?
  var countdown: Label?
  /// The page on screen: its widgets, keyboard and live text field (see PageParts).
  var shown: PageParts?
  /// Staff mode, when someone opened it (see StaffPages); the citizen pages are not shown meanwhile.
  var staff: StaffState?
  /// What the staff page on screen was drawn from: it is rebuilt only when that changes.
  var staffDrawn: StaffState?
  /// Counts staff sessions: a slow effect's result for a session since closed is dropped.
  var staffSession = 0
  var pageCache: [String: PageParts] = [:]
  var titleTaps: [Double] = []
  /// The place picker's position (division, district indices) and whether the citizen asked to type.
  var placePath: [Int] = []
  var placeTyping = false
  /// The ward numbers are on screen, under the thana (or city corporation) last in `placePath`.
  var placeWards = false
  var largeText = false
  var highContrast = false
  /// Speech (see Speaker): every page spoken as it opens when on (config `speak_pages`, or the
  /// home page's switch); the Listen button of the page on screen.
  let speaker = Speaker()
  var speakPages = false
  var listenButton: Button?
  var titleHeading: Button?
  /// Keys typed while no field has focus (a QR scanner types the slip's code and Enter).
  var scanned = ""
  /// What is being typed into a question's field, not yet confirmed, and the timer that saves it.
  var pendingTyping: (draftID: Int64, questionID: String, text: String)?
  var typingTimer: LoopTimer?
  /// Set when the kiosk is out of order (see OutOfOrder): nothing else is drawn.
  var alarm: BilingualText?
  /// The code being looked up came from the scanner (see lookUp).
  var scanPending = false
  /// Loaded on a thread of its own once the first frame is painted (see PlaceLoader).
  let placeLoader: PlaceLoader
  var places: PlaceDirectory? { placeLoader.places }
  let logger = Logger(label: "bhumiseba.kiosk")

  public init(setup: KioskSetup, store: KioskStore, options: LaunchOptions) {
    self.setup = setup
    self.store = store
    self.options = options
    printer = Printer(config: setup.config)
    application = Application(id: options.desk == nil ? "bd.gov.land.BhumisebaKiosk" : "bd.gov.land.BhumisebaDesk")
    let placeLoader = PlaceLoader(folder: setup.shareDirectory + "/assets/places")
    self.placeLoader = placeLoader
    speakPages = setup.config.speakPages
    reducer = FlowReducer(
      catalogue: setup.catalogue, idleWarningSeconds: Double(setup.config.idleWarningSeconds),
      idleResetSeconds: Double(setup.config.idleResetSeconds), clock: { Date().timeIntervalSince1970 },
      resolvePlace: { text, language in
        // Without the list (unreadable files, reported at load) the answer is kept as typed.
        placeLoader.places?.resolve(text, language: language) ?? .success(text)
      })
  }

  public func run() -> Int32 {
    application.onActivate { [weak self] in self?.activate() }
    return application.run()
  }

  func activate() {
    let css = setup.shareDirectory + "/ui/kiosk.css"
    guard let data = FileManager.default.contents(atPath: css), let text = String(data: data, encoding: .utf8) else {
      FileHandle.standardError.write(Data("bhumiseba-kiosk: \(css): theme file is missing or unreadable\n".utf8))
      application.quit()
      return
    }
    StartupTrace.mark("activate")
    Style.load(css: text)
    if let desk = options.desk {
      activateDesk(desk)
      return
    }
    let window = KioskWindow.make(application)
    window.onKeyCaptured { [weak self] keyval, _ in self?.scannerKey(keyval) ?? false }
    window.onKeyPressed { [weak self] keyval, modifiers in self?.physicalKey(keyval, modifiers) ?? false }
    Clipboard.clear()
    self.window = window
    render()
    StartupTrace.mark("page-built")
    window.onFirstPaint { [weak self] in self?.firstFrame() }
    window.present()
    idleTimer = LoopTimer(every: 1000) { [weak self] in
      self?.tick()
      return true
    }
    logger.info(
      "kiosk started",
      metadata: [
        "renderer": "\(ProcessInfo.processInfo.environment["GSK_RENDERER"] ?? "default")",
        "display": "\(GtkRuntime.displayBackend)",
      ])
  }

  var tour: Tour?
  var journeyBench: JourneyBench?

  func firstFrame() {
    let ms = MainLoop.monotonicMilliseconds()
    StartupTrace.mark("first-frame")
    SystemdNotify.ready(status: "home page shown")
    checkStoreInTheBackground()
    placeLoader.start()
    // The papers' pictures (info page) read once now, after the first frame, rather than on the
    // first visit to an info page (they are kept as textures: `Image(file:size:)`).
    for picture in DocumentPicture.allCases {
      _ = Image(file: setup.shareDirectory + "/" + picture.path, size: KioskApp.documentPictureSize)
    }
    prepareServicesPage()
    if options.exitAfterFirstFrame {
      FileHandle.standardOutput.write(Data("first-frame-ms \(ms) renderer \(window?.rendererName ?? "")\n".utf8))
      application.quit()
      return
    }
    if let n = options.benchJourneys {
      let bench = JourneyBench(app: self, journeys: n)
      journeyBench = bench
      bench.start()
      return
    }
    if let dir = options.tourDirectory {
      let tour = Tour(app: self, directory: dir)
      self.tour = tour
      tour.start()
      return
    }
    if let path = options.snapshotPath {
      // One more frame, so that text laid out after the first paint is in the picture.
      snapshotTimer = LoopTimer(every: 300) { [weak self] in
        self?.writeSnapshot(path)
        if self?.options.quitAfterSnapshot == true { self?.application.quit() }
        return false
      }
    }
  }

  @discardableResult
  func writeSnapshot(_ path: String) -> Bool {
    if let window, window.snapshot(toPNG: path) {
      FileHandle.standardOutput.write(Data("snapshot written to \(path)\n".utf8))
      return true
    }
    FileHandle.standardError.write(Data("bhumiseba-kiosk: could not write a snapshot to \(path)\n".utf8))
    return false
  }

  // MARK: events and effects

  /// Runs an event through the flow, performs what it asks, and redraws.
  func send(_ event: FlowEvent) {
    if staff != nil {
      // In staff mode a touch or a key (the keyboards, a field) is the staff member's.
      if event == .touch { sendStaff(.touch) }
      return
    }
    // A tap on anything stops the page being spoken.
    speaker.stop()
    let before = shown
    let (next, effects) = reducer.reduce(state, event)
    state = next
    for effect in effects { perform(effect) }
    render()
    if shown !== before { spokenOnOpen() }
  }

  func perform(_ effect: FlowEffect) {
    switch effect {
    case .createDraft(let serviceID, let language):
      do {
        let draft = try store.createDraft(serviceID: serviceID, language: language)
        let (next, more) = reducer.reduce(state, .draftCreated(id: draft.id, code: draft.resumeCode))
        state = next
        more.forEach(perform)
      } catch {
        logger.error("could not start a draft", metadata: ["error": "\(error)"])
        let (next, _) = reducer.reduce(
          state,
          .draftFailed(
            tr("Could not start the application (this machine cannot save it). Please call staff.")))
        state = next
      }
    case .saveAnswer(let draftID, let questionID, let value):
      // The confirmed answer replaces what was being typed (saveAnswer forgets it in the store).
      if pendingTyping?.questionID == questionID { dropTyping() }
      do {
        let position: String? = {
          if case .question(let q) = state.screen { return q }
          return nil
        }()
        try store.saveAnswer(draftID: draftID, questionID: questionID, value: value, position: position)
      } catch {
        logger.error("could not save an answer", metadata: ["error": "\(type(of: error))"])
        let (next, _) = reducer.reduce(
          state,
          .saveFailed(
            questionID: questionID,
            message: tr(
              "The answer could not be saved (the machine may be full). Please call staff; what you typed is not lost.")
          ))
        state = next
      }
    case .dropAnswers(let draftID, let questionIDs):
      do {
        try store.dropAnswers(draftID: draftID, questionIDs: questionIDs)
      } catch {
        logger.error("could not drop answers of a branch left", metadata: ["error": "\(type(of: error))"])
        state.notice = tr("Some earlier answers could not be removed. Please tell staff.")
      }
    case .markWaiting(let draftID):
      do {
        try store.setState(draftID: draftID, .waiting)
      } catch {
        logger.error("could not mark a draft waiting", metadata: ["error": "\(type(of: error))"])
        let (next, _) = reducer.reduce(
          state,
          .confirmFailed(
            tr(
              "The application could not be confirmed (this machine cannot save it). Please call staff; your answers are not lost."
            )))
        state = next
      }
    case .printSlip(let draftID):
      // Only a confirmed draft gets its slip (marking it waiting may just have failed).
      if state.screen == .confirmation { printSlip(draftID: draftID) }
    case .printDocumentsList(let serviceID, let answers):
      printDocumentsList(serviceID: serviceID, answers: answers)
    case .lookUpCode(let code):
      lookUp(code)
    case .resetSession:
      flushTyping()
      drawn = nil
      // What one citizen copied never reaches the next.
      Clipboard.clear()
    case .fileComplaint(let answers):
      fileComplaint(answers)
    case .recordFeedback(let serviceID, let rating):
      do {
        try store.recordFeedback(serviceID: serviceID, rating: rating)
      } catch {
        // A lost tap of feedback costs the citizen nothing: said in the log (no personal data).
        logger.error("could not count a feedback tap", metadata: ["error": "\(type(of: error))"])
      }
    }
  }

  func tick() {
    if sleepTick() { return }
    if staff != nil {
      staffTick()
      return
    }
    let before = state.idleWarning
    let (next, effects) = reducer.reduce(state, .tick)
    state = next
    effects.forEach(perform)
    if state.idleWarning != before || !effects.isEmpty {
      render()
    } else if state.idleWarning, let countdown {
      countdown.text = countdownText()
    }
  }

  func countdownText() -> String {
    let left = max(
      0, Int((state.lastActivity + Double(setup.config.idleResetSeconds) - Date().timeIntervalSince1970).rounded()))
    guard let code = state.resumeCode else {
      return text(
        tr("Are you still there? The screen clears in {1} seconds.", .digits("\(left)")))
    }
    return text(
      tr(
        "Are you still there? The screen clears in {1} seconds; your application stays: open it again with the code {2}.",
        .digits("\(left)"), .init(bn: "\(code.formatted(.bn))", en: "\(code.formatted(.en))")))
  }

  /// Keys that no field took: Escape goes back (scans: scannerKey).
  func physicalKey(_ keyval: UInt32, _ modifiers: UInt32 = 0) -> Bool {
    // Ctrl+Shift+S: staff sign-in, from a keyboard at the counter.
    if KeyPolicy.isStaffDoor(keyval, modifiers) {
      openStaff()
      return true
    }
    if staff != nil { return false }
    send(.touch)
    switch keyval {
    case Key.escape:
      send(.back)
      return true
    default:
      return false
    }
  }

  /// Every key, before any widget: a slip scanner (a keyboard that types `BHUMISEBA:<code>` and
  /// Enter) opens its application from any citizen page, whatever has the focus — a field (where
  /// its text also lands) or a button (which Enter would otherwise press).
  func scannerKey(_ keyval: UInt32) -> Bool {
    if staff != nil { return false }  // the staff queue opens scans in staff mode
    switch keyval {
    case Key.returnKey, Key.keypadEnter:
      defer { scanned = "" }
      guard let scan = ResumeCode.scan(in: scanned) else { return false }
      if let entry = shown?.focus ?? shown?.liveEntry?.entry, let inField = ResumeCode.scan(in: entry.text) {
        entry.text = inField.before  // what the citizen had typed stays; the scan does not
      }
      openScanned(scan.code)
      return true
    default:
      if let scalar = Unicode.Scalar(keyval), keyval < 0x80 {
        scanned.append(Character(scalar))
        if scanned.count > 40 { scanned.removeFirst(scanned.count - 40) }
      }
      return false
    }
  }

  /// Typing into a question's field: kept in the store within a second of the last key (a crash
  /// or a power cut loses at most that second), offered again when the draft is resumed.
  func typingChanged(_ questionID: String, _ text: String) {
    guard let draftID = state.draftID else { return }
    if let pending = pendingTyping, pending.questionID != questionID || pending.draftID != draftID { flushTyping() }
    pendingTyping = (draftID, questionID, text)
    if typingTimer == nil {
      typingTimer = LoopTimer(every: 700) { [weak self] in
        self?.flushTyping()
        return false
      }
    }
  }

  func flushTyping() {
    typingTimer?.cancel()
    typingTimer = nil
    guard let p = pendingTyping else { return }
    pendingTyping = nil
    do {
      try store.saveTyping(draftID: p.draftID, questionID: p.questionID, text: p.text)
    } catch {
      // Not silent: the journal says so (the next confirmed answer shows the citizen any lasting trouble).
      logger.error("could not keep the typing of a field", metadata: ["error": "\(type(of: error))"])
    }
  }

  func dropTyping() {
    typingTimer?.cancel()
    typingTimer = nil
    pendingTyping = nil
  }

  /// A slip's QR code was scanned on a citizen page: open that application (a damaged scan says so
  /// on the resume page).
  func openScanned(_ code: ResumeCode?) {
    scanPending = code != nil
    send(.openResume)
    send(.enterCode(code?.digits ?? ""))
  }

  func printSlip(draftID: Int64) {
    guard let service = reducer.service(state), let code = state.resumeCode else { return }
    let config = setup.config
    let answers = state.answers
    // The catalogue is checked at start-up (every service quotes at every area class), so this does
    // not fail for a loaded service; if it did, the slip leaves out the centre fee rather than print a
    // wrong one. No store or printer failure is behind this `try?`.
    let quote = try? FeeEngine.quote(
      service, areaClass: config.areaClass, pages: FeeEngine.pageCount(service, answers: answers))
    // The queue token, from the centre's one numbering (a kiosk's own file when it stands alone).
    var token: QueueToken? = nil
    do {
      token = try store.issueToken(draftID: draftID, serviceID: service.id, letter: service.tokenLetter)
      state.token = token?.shown(state.language)
    } catch {
      logger.error("no queue token", metadata: ["error": "\(type(of: error))"])
      state.notice = tr("No token could be given; show the slip at the counter.")
    }
    var slip = AcknowledgementSlip(
      centre: config.centreName, service: service.name, date: CivilDate(secondsSince1970: Date().timeIntervalSince1970),
      code: code, applicantName: answers["applicant_name"], documents: service.documents(for: answers),
      centreFee: quote?.centreTotal, governmentFees: service.governmentFees.filter { $0.when == .filing },
      usualDays: service.usualDays, nextSteps: service.nextSteps(for: answers))
    slip.token = token.map { ($0.shown(.bn), $0.shown(.en)) }
    slip.tracking = service.tracking
    slip.shares = PrintedShares(answers: answers, bighaDecimals: config.bighaDecimals)
    let finished = slip
    let counter = self.counter
    let queue = config.slipQueue
    // libcups blocks: print off the GTK thread, come back through the GLib loop.
    Thread.detachNewThread {
      let pdf = Documents.acknowledgementSlip(finished, paper: counter.printer.rollPaper(forQueue: queue))
      // Kept as a print job when the store takes it; printed all the same when it does not (the
      // citizen needs the slip), and the page says what the store could not keep. Printed once.
      let print = counter.printReporting(pdf, draftID: draftID, kind: "slip", queue: queue, title: "slip-\(draftID)")
      let outcome = print.outcome
      MainLoop.invoke { [weak self] in
        guard let self else { return }
        if let trouble = print.trouble {
          self.logger.error("slip printed without its record", metadata: ["error": "\(trouble.en)"])
          self.state.notice = StaffWords.prefixed(
            trouble, tr("Please tell staff"))
        } else if let notice = outcome?.notice, outcome?.succeeded == true {
          // The slip came out, and the printer said something worth a word to staff (paper low).
          self.logger.warning("slip printer", metadata: ["notice": "\(notice.en)"])
          self.state.notice = StaffWords.prefixed(notice, tr("Please tell staff"))
        }
        self.send(
          .printFinished(
            ok: outcome?.succeeded == true,
            message: outcome?.message ?? print.trouble ?? tr("Printing failed")))
      }
    }
  }

  func printDocumentsList(serviceID: String, answers: [String: String]) {
    guard let service = setup.catalogue.service(serviceID) else { return }
    let config = setup.config
    let quote: FeeQuote
    do { quote = try FeeEngine.quote(service, areaClass: config.areaClass) } catch {
      // Not silent: the page says the list was not printed, and why.
      let why = StaffWords.trouble(error)
      send(
        .documentsListPrinted(
          ok: false,
          message: tr("The list was not printed: {1}", .text(why))))
      return
    }
    let choice = service.questions.first { $0.type == .choice && answers[$0.id] != nil }
      .flatMap { q in q.options.first { $0.value == answers[q.id] }?.label }
    let sheet = RequiredDocumentsSheet(
      centre: config.centreName, areaClass: config.areaClass.rawValue, service: service.name,
      summary: service.summary, choice: choice, documents: service.documents(for: answers),
      centreFees: quote.centreLines.map { ReceiptLine(label: $0.label, amount: $0.amount) },
      governmentFees: (quote.governmentAtFiling + quote.governmentLater).map {
        ReceiptLine(label: $0.label, amount: $0.amount)
      }, usualDays: service.usualDays, tracking: service.tracking,
      date: CivilDate(secondsSince1970: Date().timeIntervalSince1970), pictureFolder: setup.shareDirectory)
    let printer = self.printer
    let queue = config.a4Queue.isEmpty ? config.slipQueue : config.a4Queue
    Thread.detachNewThread {
      let outcome = printer.printPDF(Documents.requiredDocuments(sheet), queue: queue, title: "documents-list")
      let message =
        outcome.succeeded
        ? tr("The list is printed")
        : tr("The list was not printed: {1}", .text(outcome.message))
      MainLoop.invoke { [weak self] in self?.send(.documentsListPrinted(ok: outcome.succeeded, message: message)) }
    }
  }

  func lookUp(_ code: ResumeCode) {
    do {
      // A slip's QR code read by the scanner is counted apart from codes typed on the screen: someone
      // guessing at the screen does not lock out a citizen with a slip.
      let source = scanPending ? CodeSource.scanner : CodeSource.screen
      scanPending = false
      switch try store.lookUp(code: code, source: source) {
      case .found(let draft) where draft.isFiled:
        // Filed: the citizen's to follow, not to change (corrections are staff's, with history).
        let number = try store.applicationNumber(draftID: draft.id)
        let tracking = setup.catalogue.service(draft.serviceID)?.tracking
        let numberText = number.map { tr(" (application number {1})", .same("\($0)")) }
        state =
          reducer.reduce(
            state,
            .resumeFailed(
              tr(
                "This application has been filed{1}; it can no longer be changed here. {2}",
                .init(bn: "\(numberText?.bn ?? "")", en: "\(numberText?.en ?? "")"),
                .init(bn: "\((tracking?.bn ?? ""))", en: "\((tracking?.en ?? ""))")))
          ).0
      case .found(let draft):
        let answers = try store.answers(draftID: draft.id)
        let typing = try store.typing(draftID: draft.id)
        let (next, more) = reducer.reduce(
          state, .resumed(id: draft.id, code: draft.resumeCode, serviceID: draft.serviceID, answers: answers))
        state = next
        // What was being typed and not confirmed (a crash, a wipe) is in its field again.
        state.typed.merge(typing) { _, typed in typed }
        more.forEach(perform)
      case .notFound:
        state =
          reducer.reduce(
            state,
            .resumeFailed(
              tr("No application has this code. Check the slip and type it again."))
          ).0
      case .slowDown(let seconds):
        state =
          reducer.reduce(
            state,
            .resumeFailed(
              tr("Too many wrong codes. Try again in {1} seconds.", .digits("\(seconds)")))
          ).0
      case .locked:
        state =
          reducer.reduce(
            state,
            .resumeFailed(
              tr("Codes are locked after too many wrong ones. Please ask staff at the counter."))
          ).0
      }
    } catch {
      logger.error("resume lookup failed", metadata: ["error": "\(type(of: error))"])
      let message =
        (error as? StoreError)?.message
        ?? tr("The application cannot be opened now. Please call staff.")
      state = reducer.reduce(state, .resumeFailed(message)).0
    }
  }

  // MARK: drawing

  func text(bn: String, en: String) -> String { state.language == .bn ? bn : en }
  func text(_ t: BilingualText) -> String { t[state.language] }
  /// Digits in the screen's language.
  func digits(_ s: String) -> String { BengaliDigits.localized(s, state.language) }

  /// Draws the page for the current state, when anything it shows has changed.
  func render() {
    guard let window, alarm == nil else { return }
    if let staff {
      // Drawn again only when what it shows changed (not for the clock, nor while slow work runs).
      var shown = staff
      shown.lastActivity = 0
      shown.busy = false
      if let staffDrawn, staffDrawn == shown { return }
      staffDrawn = shown
      countdown = nil
      show(staffPage(staff), in: window)
      return
    }
    staffDrawn = nil
    // What the entry holds is carried into the state, so a rebuild (the idle warning coming up,
    // larger text) keeps it; a touch or a keystroke alone does not rebuild the page.
    if let live = shown?.liveEntry, let drawn, drawn.screen == state.screen {
      let entry = live.entry
      state.typed[live.key] = entry.text
    }
    var shown = state
    shown.lastActivity = 0
    shown.typed = [:]
    if let drawn, drawn == shown { return }
    if let drawn, drawn.screen != shown.screen {
      placePath = []
      placeTyping = false
      placeWards = false
    }
    drawn = shown
    countdown = nil
    show(cachedPage(for: state) ?? page(for: state), in: window)
  }

  func show(_ page: PageParts, in window: Window) {
    shown = page
    window.setContent(page.root)
    if let summary = page.summary {
      // After a refused answer the alert takes the focus, so that a screen reader says it first;
      // a key typed on a keyboard goes on into the field.
      let entry = page.focus ?? page.liveEntry?.entry
      summary.makeFocusable(forwardingKeysTo: entry)
      entry?.moveCursorToEnd()
      summary.grabFocus()
    } else if let entry = page.focus ?? page.liveEntry?.entry {
      entry.grabFocus()
      entry.moveCursorToEnd()
    } else if let widget = page.focusWidget {
      widget.grabFocus()
    } else if let heading = page.heading {
      // A screen reader starts the page at its heading.
      heading.grabFocus()
    }
  }

  /// The home page and the service tiles (fifteen icons and wrapped names) cost the most to build
  /// and lay out, and do not change while the kiosk runs: one of each is kept per language and
  /// shown again.
  func cachedPage(for s: FlowState) -> PageParts? {
    guard s.screen == .services || s.screen == .home, !s.idleWarning, s.notice == nil, s.error == nil else {
      return nil
    }
    // Not "\(s.screen)": printing an enum goes through reflection and protocol look-ups (0.5 ms
    // on the first page).
    let key = "\(s.screen == .home ? "home" : "services")-\(s.language.rawValue)-\(largeText)-\(highContrast)"
    if let page = pageCache[key] { return page }
    let page = page(for: s)
    pageCache[key] = page
    return page
  }

  /// The service tiles' icons read, and the tiles built and measured in the window, once the home
  /// page is on screen and before anyone can tap Start: the first tap of the process no longer pays
  /// for them (release, cairo, three runs each: 42–49 ms without this, 32–49 ms with it; 138–222 ms
  /// before the tiles' captions were laid out without a box around them: see
  /// shim_button_new_with_icon). The home page is put back before the next frame.
  func prepareServicesPage() {
    guard let window, let home = shown, state.screen == .home else { return }
    var services = state
    services.screen = .services
    for service in setup.catalogue.services { window.preloadIcon(KioskApp.icon(service), size: 48) }
    guard let page = cachedPage(for: services) else { return }
    window.prepare(page.root)
    show(home, in: window)
  }

  /// Rebuilds the page for a change that lives only in the UI (the place picker's position).
  func redraw() {
    drawn = nil
    staffDrawn = nil
    render()
  }

  func setAccessibilityModes() {
    guard let window else { return }
    if largeText { window.addClass("large-text") } else { window.removeClass("large-text") }
    if highContrast { window.addClass("high-contrast") } else { window.removeClass("high-contrast") }
  }
}
