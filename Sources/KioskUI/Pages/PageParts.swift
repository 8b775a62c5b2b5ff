import Foundation
import Gtk
import KioskCore
import KioskPrint

/// What a page builder is given and what it gives back, in the spirit of gnome-initial-setup's
/// `GisPage`: the scrolling body and the fixed footer it fills, and what it produced — whether it
/// is a typing page, the error summary to bring into sight, its live text field and keyboard.
/// The shown page's parts are kept by the app (the keyboard lives as long as its page).
@MainActor
final class PageParts {
  let root: Box
  let body: Box
  /// The keyboard and Back/Next stay on screen below the scrolling part, where a thumb finds them.
  let footer: Box
  /// The scrolling window around `body` (nil on the home page), for a page that scrolls later.
  var scrolled: Scrolled?
  var typing = false
  var summary: Box?
  /// The page's text field and the key its text is kept under in `state.typed`.
  var liveEntry: (key: String, entry: Entry)?
  var keyboard: Keyboard?
  /// The field that takes a keyboard's or a scanner's keys once the page is on screen (a widget
  /// not yet in a window cannot take the focus: GTK gave it to the title button instead).
  var focus: Entry?
  /// A page without a field: the control the keyboard starts on (the desk's sign-in).
  var focusWidget: Widget?
  /// A staff page showed the last action's message by where it was taken (else it goes on top).
  var noteShown = false
  /// The banner's Listen button (it says so when there is no sound device).
  var listen: Button?
  /// The page's title, a heading: the focus starts there on a page without a field.
  var heading: Button?

  init(spacing: Int32 = 16) {
    root = Box(vertical: true, spacing: 0)
    body = Box(vertical: true, spacing: spacing, classes: ["page"])
    body.setExpand(horizontal: true, vertical: true)
    footer = Box(vertical: true, spacing: 8, classes: ["footer"])
    // Next grows to fill the height beside the keys; that must not make the footer take room from
    // the question above it (expansion would otherwise spread up to here).
    footer.setExpand(horizontal: true, vertical: false)
  }
}

extension KioskApp {
  /// The page table: which page draws each screen of the citizen flow.
  func build(_ screen: Screen, into p: PageParts) {
    switch screen {
    case .home: homePage(p)
    case .services: servicesPage(p)
    case .info: infoPage(p)
    case .consent: consentPage(p)
    case .question(let id): questionPage(p, id)
    case .check: checkPage(p)
    case .shares(let id): sharesPage(p, id)
    case .confirmation: confirmationPage(p)
    case .resume: resumePage(p)
    case .complaintFiled: complaintFiledPage(p)
    }
  }

  func page(for s: FlowState) -> PageParts {
    let p = PageParts()
    let root = p.root
    root.append(banner(title: title(for: s), code: bannerCode(s)))
    p.listen = listenButton
    p.heading = titleHeading
    if s.idleWarning { root.append(idleWarning()) }
    let body = p.body
    build(s.screen, into: p)
    if let notice = s.notice { body.append(Label(text(notice), classes: ["notice"])).setWrap() }
    if s.screen == .home && !largeText {
      // The home page fits the screen: no scrolling (and a lighter first frame at start-up).
      root.append(body)
    } else {
      let scrolled = root.append(Scrolled(body))
      scrolled.setExpand(horizontal: true, vertical: true)
      p.scrolled = scrolled
      if let summary = p.summary {
        // After a refused answer the error summary comes first, at the top of the view: the
        // question follows it as far as there is room (the message is also right by the field).
        window?.onNextPaint { [weak scrolled, weak summary] in
          if let summary { scrolled?.scrollToShow(summary) }
        }
      } else if p.typing {
        // The keyboard leaves little room above it (with larger text, less than the question
        // needs): the question and its hint, at the end, stay in sight right above the field.
        window?.onNextPaint { [weak scrolled] in scrolled?.scrollToEnd() }
      }
    }
    if p.footer.hasChildren { root.append(p.footer) }
    return p
  }

  func title(for s: FlowState) -> String {
    switch s.screen {
    case .home: return text(tr("Bhumiseba Kiosk"))
    case .services: return text(tr("Which service do you need?"))
    case .resume: return text(tr("Continue an application"))
    case .complaintFiled: return text(tr("Complaint recorded"))
    case .confirmation: return text(tr("Application saved"))
    case .check: return text(tr("Check your answers"))
    default: return reducer.service(s).map { text($0.name) } ?? ""
    }
  }

  /// The resume code from the first question on (the draft exists from then): on every page of the
  /// journey, so a citizen who walks away, or whose screen is wiped, can come back with it.
  func bannerCode(_ s: FlowState) -> ResumeCode? {
    switch s.screen {
    case .question, .check, .shares, .confirmation: return s.resumeCode
    default: return nil
    }
  }

  func banner(title: String, code: ResumeCode? = nil) -> Box {
    let bar = Box(vertical: false, spacing: 12, classes: ["banner"])
    let titles = bar.append(Box(vertical: true, spacing: 0))
    titles.setExpand(horizontal: true, vertical: false)
    titles.setAlign(.fill, .center)
    // The title is also the staff door: five quick taps (see titleTapped).
    // A heading to a screen reader, where the focus starts on a page without a field.
    let heading = titles.append(Button(heading: title, classes: ["title", "title-button"]))
    titleHeading = heading
    heading.setExpand(horizontal: true, vertical: false)
    heading.captionAtStart()
    heading.onClicked { [weak self] in self?.titleTapped() }
    if let code {
      let line = titles.append(
        Label(text(tr("Your code: ")) + code.formatted(state.language), classes: ["banner-code"]))
      line.setXAlign(0)
    }
    // শুনুন / Listen: the page read aloud (see Listening.swift).
    let listen = bar.append(Button(text(tr("Listen")), classes: ["tool", "listen"], wrap: false))
    listen.onClicked { [weak self] in self?.listen() }
    listenButton = listen
    // Toggles: a screen reader announces whether each is on.
    let bigger = bar.append(Button(toggle: text(tr("Larger text")), active: largeText, classes: ["tool"]))
    bigger.onClicked { [weak self] in
      guard let self else { return }
      self.largeText.toggle()
      self.setAccessibilityModes()
      self.send(.touch)
    }
    let contrast = bar.append(Button(toggle: text(tr("High contrast")), active: highContrast, classes: ["tool"]))
    contrast.onClicked { [weak self] in
      guard let self else { return }
      self.highContrast.toggle()
      self.setAccessibilityModes()
      self.send(.touch)
    }
    // One button for each other installed language (Bengali and English, and any language whose
    // catalogue is installed), named in itself.
    var buttons = [bigger, contrast]
    for other in Language.allCases where other != state.language {
      let switchButton = bar.append(Button(other.endonym, classes: ["lang"], wrap: false))
      switchButton.onClicked { [weak self] in self?.send(.setLanguage(other)) }
      buttons.append(switchButton)
    }
    // Bengali and Latin lines differ in height: the captions line up by their baseline.
    for b in [listen] + buttons { b.setAlign(.fill, code == nil ? .baseline : .center) }
    return bar
  }

  func idleWarning() -> Widget {
    let box = Box(vertical: false, spacing: 16, classes: ["idle-warning"])
    let label = box.append(Label(countdownText(), classes: ["body"]))
    label.setWrap()
    label.setExpand(horizontal: true, vertical: false)
    countdown = label
    let here = box.append(Button(text(tr("I am here")), classes: ["primary"]))
    here.onClicked { [weak self] in self?.send(.touch) }
    return box
  }

  /// Back and the page's main button, at the bottom; `submitting` replaces the event (a field's Next).
  func navigation(
    _ p: PageParts, next: (String, FlowEvent)?, back: Bool = true, submitting: (@MainActor () -> Void)? = nil
  ) {
    let row = Box(vertical: false, spacing: 16)
    if back {
      let b = row.append(Button(text(tr("Back")), classes: ["secondary"]))
      b.onClicked { [weak self] in self?.send(.back) }
    }
    if let (label, event) = next {
      let n = row.append(Button(label, classes: ["primary"]))
      n.setExpand(horizontal: true, vertical: false)
      if let submitting { n.onClicked(submitting) } else { n.onClicked { [weak self] in self?.send(event) } }
    }
    p.footer.append(row)
  }

  func paragraph(_ body: Box, _ s: String, _ cls: String = "body") {
    let l = body.append(Label(s, classes: [cls]))
    l.setWrap()
    l.setXAlign(0)
  }

  /// "There is a problem" and the message, at the top of a page; the page scrolls to it.
  func errorSummary(_ p: PageParts, _ error: ValidationFailure) {
    let body = p.body
    // An alert: a screen reader announces it as the page opens.
    let summary = body.append(Box(alertSpacing: 4, classes: ["error-summary"]))
    summary.append(Label(text(tr("There is a problem")), classes: ["error-title"])).setXAlign(0)
    let m = summary.append(Label(text(error.message), classes: ["error"]))
    m.setXAlign(0)
    m.setWrap()
    p.summary = summary
  }

  /// The field, the on-screen keyboard and Back/Next stay fixed at the bottom of a typing page, with
  /// Back/Next beside the keys, so that the field and both buttons are on screen with the keyboard.
  /// `back`: what Back does (staff pages pass their own; nil is the citizen flow's Back);
  /// `showBack: false` leaves it out.
  func typingFooter(
    _ p: PageParts, _ entry: Entry, _ kind: Keyboard.Kind, lettersToo: Bool = false, next label: String,
    back: (@MainActor () -> Void)? = nil,
    showBack: Bool = true, _ submit: @escaping @MainActor () -> Void
  ) {
    let footer = p.footer
    p.typing = true
    p.focus = entry
    // Typing, on the keys or a keyboard, counts as being there (also in staff mode).
    entry.onChanged { [weak self] in self?.send(.touch) }
    footer.append(entry)
    let row = footer.append(Box(vertical: false, spacing: 16))
    if isDesk {
      // A desk has a physical keyboard (Bengali through the system's input method): no keys on screen.
      let space = row.append(Box(vertical: false))
      space.setExpand(horizontal: true, vertical: false)
    } else {
      let keyboard = Keyboard(kind: kind, language: state.language, lettersToo: lettersToo, target: entry) {
        [weak self] in self?.send(.touch)
      }
      p.keyboard = keyboard
      keyboard.widget.setExpand(horizontal: true, vertical: false)
      row.append(keyboard.widget)
    }
    let buttons = row.append(Box(vertical: true, spacing: 16, classes: ["side-nav"]))
    let next = buttons.append(Button(label, classes: ["primary"]))
    next.setExpand(horizontal: false, vertical: true)
    next.onClicked(submit)
    if showBack {
      let b = buttons.append(Button(text(tr("Back")), classes: ["secondary"]))
      if let back { b.onClicked(back) } else { b.onClicked { [weak self] in self?.send(.back) } }
    }
    entry.grabFocus()
    entry.moveCursorToEnd()
  }
}
