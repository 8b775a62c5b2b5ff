import Foundation
import Gtk
import KioskCore
import KioskPrint
import KioskStaff
import KioskStore

/// Staff mode: signed in with a PIN, on the same screen. Its rules are KioskStaff's
/// `StaffReducer` and its work (store, fees, ledger, printing) `StaffRunner`; these pages only draw
/// `StaffState` and send `StaffEvent`s, and `sendStaff` runs the effects (slow ones off the GTK
/// thread) and sends their results back.
extension KioskApp {
  var counter: Counter { Counter(setup: setup, store: store, printer: printer) }
  var staffRunner: StaffRunner { StaffRunner(counter: counter, dataDirectory: setup.dataDirectory()) }
  var staffReducer: StaffReducer {
    StaffReducer(
      catalogue: setup.catalogue, idleSeconds: Double(setup.config.staffIdleSeconds), desk: options.desk,
      clock: { Date().timeIntervalSince1970 })
  }

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
    staffSession += 1
    staff = StaffState()
    sendStaff(.open)
  }

  /// Staff mode is over (the reducer's `.leave`): a fresh citizen home page.
  func leaveStaff() {
    staff = nil
    staffDrawn = nil
    if isDesk {
      // A desk shows no citizen page: its sign-in again (the reducer does not ask for this).
      openStaff()
      return
    }
    state = FlowState()
    redraw()
  }

  /// Staff mode closes itself when nobody touches it (the reducer decides).
  func staffTick() { sendStaff(.tick) }

  /// Runs a staff event through the reducer, performs what it asks and draws the page. Effects
  /// that block (`isSlow`) run on a thread of their own and come back through the GLib loop;
  /// a result for a staff session that has since closed is dropped.
  func sendStaff(_ event: StaffEvent) {
    var pending = [event]
    let reducer = staffReducer
    let runner = staffRunner
    while !pending.isEmpty {
      let next = pending.removeFirst()
      guard let current = staff else { return }
      logStaffFailure(next)
      let (s, effects) = reducer.reduce(current, next)
      staff = s
      if case .typed = next {
        // What the field shows is what it holds: no need to draw the page again.
        staffDrawn?.typed = s.typed
        return
      }
      for effect in effects {
        if effect == .leave {
          leaveStaff()
          return
        }
        if effect.isSlow {
          let session = staffSession
          Thread.detachNewThread {
            let result = runner.perform(effect)
            MainLoop.invoke { [weak self] in
              guard let self, self.staffSession == session, let result else { return }
              self.sendStaff(result)
            }
          }
        } else if let result = runner.perform(effect) {
          pending.append(result)
        }
      }
    }
    render()
  }

  /// Store failures also go to the journal (the page says them to staff).
  func logStaffFailure(_ event: StaffEvent) {
    switch event {
    case .operatorsFailed(let t), .signInFailed(let t), .signOutFailed(let t), .queueFailed(let t), .codeFailed(let t),
      .openFailed(_, let t), .draftFailed(_, let t), .correctionFailed(_, _, let t), .markFiledFailed(_, let t),
      .chargeFailed(_, let t), .receiptsFailed(let t), .voidFailed(_, let t), .dayEndFailed(let t),
      .handoutsFailed(_, let t), .handoutFailed(_, let t), .tokensFailed(let t), .callFailed(let t),
      .finishFailed(_, let t), .complaintsFailed(let t), .respondFailed(_, let t):
      logger.error("staff: the store or a file failed", metadata: ["error": "\(t.en)"])
    case .filingSheetPrinted(_, let p), .charged(_, _, let p), .reprinted(_, let p), .dayEndPrinted(_, let p),
      .handoutPrinted(_, _, _, let p, _):
      if let t = p.trouble { logger.error("staff: a print was not recorded", metadata: ["error": "\(t.en)"]) }
    default: break
    }
  }

  // MARK: pages

  func staffPage(_ s: StaffState) -> PageParts {
    let p = PageParts(spacing: 14)
    let root = p.root
    let bar = root.append(Box(vertical: false, spacing: 12, classes: ["banner", "staff-banner"]))
    let title = bar.append(Label(staffTitle(s.page), classes: ["title"]))
    title.setExpand(horizontal: true, vertical: false)
    title.setXAlign(0)
    if let op = s.signedIn {
      bar.append(Label(op.name, classes: ["body"]))
      let out = bar.append(Button(tr("Sign out").both, classes: ["tool"]))
      out.onClicked { [weak self] in self?.sendStaff(.signOut) }
    } else if !isDesk {
      let cancel = bar.append(Button(tr("Cancel").both, classes: ["tool"]))
      cancel.onClicked { [weak self] in self?.sendStaff(.cancel) }
    }
    if let desk = options.desk {
      bar.append(Label(trc("staff desk", "Desk {1}", .digits("\(desk)")).both, classes: ["body"]))
      if s.signedIn != nil { deskBar(p, s) }
    }
    let body = p.body
    // Page-wide words first: what could not be read, and a message whose place is not on this page.
    let top = body.append(Box(vertical: true, spacing: 8))
    if let trouble = s.loadTrouble {
      top.append(Label(trouble.both, classes: ["error"])).setWrap()
    }
    switch s.page {
    case .signIn: staffSignIn(p, s)
    case .queue: staffQueue(p, s)
    case .draft(let id): staffDraft(p, s, id)
    case .edit(let id, let q): staffEdit(p, s, id, q)
    case .receipts: staffReceipts(p, s)
    case .void(let id): staffVoid(p, s, id)
    case .dayEnd: staffDayEnd(p, s)
    case .handouts: staffHandouts(p, s)
    case .complaints: staffComplaints(p, s)
    case .respond(let id): staffRespond(p, s, id)
    }
    if let m = s.message, !p.noteShown {
      top.append(Label(m.text.both, classes: [m.failed ? "error" : "notice"])).setWrap()
    }
    let scrolled = root.append(Scrolled(body))
    scrolled.setExpand(horizontal: true, vertical: true)
    p.scrolled = scrolled
    if let summary = p.summary {
      // A message by a row further down the page is brought into sight.
      window?.onNextPaint { [weak scrolled, weak summary] in
        if let summary { scrolled?.scrollToShow(summary) }
      }
    }
    if p.footer.hasChildren { root.append(p.footer) }
    return p
  }

  func staffTitle(_ page: StaffPage) -> String {
    switch page {
    case .signIn: return tr("Staff sign-in").both
    case .queue: return tr("Waiting applications").both
    case .draft, .edit: return tr("Application").both
    case .receipts, .void: return tr("Today's receipts").both
    case .dayEnd: return tr("Day-end report").both
    case .handouts: return tr("Print a portal PDF").both
    case .complaints, .respond: return tr("Complaints").both
    }
  }

  func staffButton(_ box: Box, _ label: String, _ cls: String = "secondary", _ action: @escaping @MainActor () -> Void)
    -> Button
  {
    let b = box.append(Button(label, classes: [cls]))
    b.onClicked(action)
    return b
  }

  /// The last action's message, when its place is `spot`: right by what was tapped or typed.
  /// `inBody`: the page scrolls to it (a footer is always in sight).
  func staffNote(_ p: PageParts, _ box: Box, _ s: StaffState, at spot: StaffSpot, inBody: Bool = true) {
    guard let m = s.message, m.spot == spot else { return }
    let holder = box.append(Box(vertical: true, spacing: 0))
    holder.append(Label(m.text.both, classes: [m.failed ? "error" : "notice"])).setWrap()
    p.noteShown = true
    if inBody { p.summary = holder }
  }

  /// What staff type into `entry` is kept in the state as they type (a page drawn again, after a
  /// failure or a refusal, shows it again: nothing typed is lost).
  func staffField(_ entry: Entry, _ field: StaffField, _ s: StaffState, default value: String = "") {
    entry.text = s.typed[field] ?? value
    entry.onChanged { [weak self, weak entry] in
      guard let self, let entry else { return }
      self.sendStaff(.typed(field, entry.text))
    }
  }

  /// Back to the queue, for a page whose data could not be read.
  func staffBackToQueue(_ body: Box) {
    _ = staffButton(body, tr("Back to the queue").both) { [weak self] in self?.sendStaff(.back) }
  }
}
