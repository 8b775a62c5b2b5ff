import Foundation
import Gtk
import KioskCore

/// Writes a PNG of every page, in both languages, for people to look at (README, reviews).
/// The flow is driven through the reducer without performing effects: nothing is stored or printed.
@MainActor
final class Tour {
  let app: KioskApp
  let directory: String
  var steps: [(String, @MainActor (KioskApp) -> Void)] = []
  var timer: LoopTimer?

  init(app: KioskApp, directory: String) {
    self.app = app
    self.directory = directory
    for language in [Language.bn, .en] {
      let l = language.rawValue
      func go(_ events: [FlowEvent]) -> @MainActor (KioskApp) -> Void { Tour.go(language, events) }
      let toConsent: [FlowEvent] = [.start, .chooseService("namjari"), .continueFromInfo]
      let answered: [FlowEvent] =
        toConsent + [
          .agree, .answer("মোছাম্মৎ রহিমা খাতুন"), .answer("purchase"), .answer("1234567890"), .answer("1985-03-21"),
          .answer("01712345678"), .answer("সাভার, ঢাকা, ঢাকা"), .answer("আশুলিয়া"), .answer("42"), .answer("123"),
          .answer("12, 13"), .answer("12.5"), .answer("77"), .answer("12"), .answer("5567"), .answer("2024-05-02"),
          .answer("করিম উদ্দিন"), .answer("no"), .answer("yes"), .answer("25"),
        ]
      let toHeirs = Tour.toHeirs
      let twoHeirs = Tour.twoHeirs
      steps += [
        ("\(l)-01-home", go([])),
        ("\(l)-02-services", go([.start])),
        ("\(l)-03-info", go([.start, .chooseService("namjari")])),
        ("\(l)-04-consent", go(toConsent)),
        ("\(l)-05-question-name", go(toConsent + [.agree])),
        ("\(l)-06-question-choice", go(toConsent + [.agree, .answer("মোছাম্মৎ রহিমা খাতুন")])),
        (
          "\(l)-07-question-error",
          go(toConsent + [.agree, .answer("মোছাম্মৎ রহিমা খাতুন"), .answer("purchase"), .answer("12345")])
        ),
        ("\(l)-08-question-place", go(Array(answered.prefix(9)))),
        ("\(l)-09-check", go(answered)),
        (
          "\(l)-10-confirmation",
          { app in
            go(answered)(app)
            app.state.screen = .confirmation
            app.state.resumeCode = ResumeCode.generate()
            app.state.token = l == "bn" ? "ক-০২৩" : "ক-023"
            app.state.printStatus = .printed
          }
        ),
        (
          "\(l)-26-confirmation-end",
          { app in
            go(answered)(app)
            app.state.screen = .confirmation
            app.state.resumeCode = ResumeCode.generate()
            app.state.printStatus = .printed
            // The end of the page: the steps before the hearing, right above Done.
            app.window?.onNextPaint { [weak app] in app?.shown?.scrolled?.scrollToEnd() }
          }
        ),
        ("\(l)-11-resume", go([.openResume])),
        (
          "\(l)-12-idle-warning",
          { app in
            go(toConsent + [.agree])(app)
            app.state.idleWarning = true
          }
        ),
        ("\(l)-22-heir-relation", go(toHeirs)),
        ("\(l)-23-heirs", go(twoHeirs)),
        ("\(l)-24-representative", go(twoHeirs + [.answer("done")])),
        ("\(l)-25-online-hearing", go(twoHeirs + [.answer("done"), .answer("no")])),
        (
          "\(l)-30-question-ward",
          { app in
            // The centre's own area: Dhaka North City Corporation → Tejgaon → the ward numbers.
            go(Array(answered.prefix(9)))(app)
            if let places = app.places, let tejgaon = places.search("Tejgaon").first {
              app.placePath = places.lineage(tejgaon.index)
              app.placeWards = true
            }
          }
        ),
      ]
    }
    // The most wards: Dhaka South's 75, after "my thana is not in the list".
    steps.append(
      (
        "bn-31-question-ward-dhaka-south",
        { app in
          Tour.go(.bn, Tour.toPlace)(app)
          if let places = app.places, let south = places.search("DSCC").first {
            app.placePath = places.lineage(south.index)
            app.placeWards = true
          }
        }
      ))
    // Larger text, which a citizen can turn on from any page.
    for (name, events) in [
      ("bn-13-large-home", [FlowEvent]()), ("bn-14-large-services", [.start]),
      ("bn-15-large-question", [.start, .chooseService("namjari"), .continueFromInfo, .agree]),
      ("en-13-large-question", [.start, .chooseService("namjari"), .continueFromInfo, .agree]),
      ("bn-27-large-heir-relation", Tour.toHeirs), ("bn-28-large-heirs", Tour.twoHeirs),
      (
        "bn-29-large-question-error",
        [
          .start, .chooseService("namjari"), .continueFromInfo, .agree, .answer("মোছাম্মৎ রহিমা খাতুন"),
          .answer("purchase"), .answer("12345"),
        ]
      ),
    ] {
      let show = Tour.go(name.hasPrefix("en") ? .en : .bn, events)
      steps.append(
        (
          name,
          { app in
            show(app)
            app.largeText = true
            app.setAccessibilityModes()
          }
        ))
    }
    // High contrast: every text on black in white, yellow or light red (the UI test measures it).
    let toQuestions: [FlowEvent] = [.start, .chooseService("namjari"), .continueFromInfo, .agree]
    for (name, events) in [
      ("bn-16-contrast-home", [FlowEvent]()), ("bn-17-contrast-services", [.start]),
      ("bn-18-contrast-info", [.start, .chooseService("namjari")]),
      ("bn-19-contrast-question", toQuestions),
      ("bn-20-contrast-keypad", toQuestions + [.answer("মোছাম্মৎ রহিমা খাতুন"), .answer("purchase")]),
      ("bn-21-contrast-error", toQuestions + [.answer("মোছাম্মৎ রহিমা খাতুন"), .answer("purchase"), .answer("12345")]),
    ] {
      let show = Tour.go(.bn, events)
      steps.append(
        (
          name,
          { app in
            show(app)
            app.largeText = false
            app.highContrast = true
            app.setAccessibilityModes()
          }
        ))
    }
  }

  /// Up to the place question (e-Namjari by purchase).
  static let toPlace: [FlowEvent] = [
    .start, .chooseService("namjari"), .continueFromInfo, .agree, .answer("মোছাম্মৎ রহিমা খাতুন"), .answer("purchase"),
    .answer("1234567890"), .answer("1985-03-21"), .answer("01712345678"),
  ]

  /// By inheritance: the deceased owner, then the heirs one page at a time, then their list.
  static let toHeirs: [FlowEvent] = [
    .start, .chooseService("namjari"), .continueFromInfo, .agree, .answer("মোছাম্মৎ রহিমা খাতুন"), .answer("inheritance"),
    .answer("1234567890"), .answer("1985-03-21"), .answer("01712345678"), .answer("সাভার, ঢাকা, ঢাকা"),
    .answer("আশুলিয়া"), .answer("42"), .answer("123"), .answer("12, 13"), .answer("12.5"), .answer(""), .answer(""),
    .answer("আব্দুল করিম"), .answer("মোছাম্মৎ রহিমা খাতুন"),
  ]
  static let twoHeirs = toHeirs + [.answer("daughter"), .answer("add"), .answer("সালমা খাতুন"), .answer("daughter")]

  /// The resume code the tour's pictures show (a valid one; no draft has it).
  static let code = "407162509384126"

  /// A step that shows the page these events lead to from a fresh start in `language`.
  static func go(_ language: Language, _ events: [FlowEvent]) -> @MainActor (KioskApp) -> Void {
    { app in
      app.placePath = []
      app.placeTyping = false
      app.placeWards = false
      var s = FlowState()
      s.language = language
      s.lastActivity = Date().timeIntervalSince1970
      for e in events {
        let (next, effects) = app.reducer.reduce(s, e)
        s = next
        // The runner's answer to "start a draft" (nothing is stored on a tour): the questions and
        // the banner's code come after it, as in a real journey.
        if effects.contains(where: { if case .createDraft = $0 { return true } else { return false } }),
          let code = ResumeCode(typed: Tour.code)
        {
          s = app.reducer.reduce(s, .draftCreated(id: 0, code: code)).0
        }
      }
      app.state = s
    }
  }

  /// Pages whose content is wider than the screen (a part of them would be out of sight).
  var tooWide: [String] = []
  /// Pages with a button, label or field a person cannot bring into sight (see unreachable).
  var outOfReach: [String] = []
  /// Every page's captions, their font sizes and where they are (`captions.tsv`: page, kind, px, x,
  /// y, width, height, caption), so that a test can compare the same captions with and without
  /// larger text, and look at a widget in the page's picture.
  var captions = ""

  /// What on the page on screen a person cannot see, nor scroll to: outside the window, or in the
  /// scrolled part but out of its view with no scrollbar showing that the page goes on (or too
  /// tall to be seen whole in it). Also notes the page's captions.
  func unreachable(_ name: String) -> [String] {
    guard let window = app.window, let parts = app.shown else { return [] }
    let screen = Rect(x: 0, y: 0, width: window.width, height: window.height)
    let view = parts.scrolled?.view(in: window)
    let bar = parts.scrolled?.scrollbarShown ?? false
    var out: [String] = []
    for w in window.survey(parts.root, scrolled: parts.scrolled) {
      let f = w.frame
      captions +=
        "\(name)\t\(w.kind)\t\(w.fontPixels)\t\(Int(f.x))\t\(Int(f.y))\t\(Int(f.width))\t\(Int(f.height))\t\(w.caption)\n"
      if w.scrolls, let view {
        if view.contains(w.frame) { continue }
        let across = Rect(x: view.x, y: w.frame.y, width: view.width, height: w.frame.height)
        if bar && w.frame.height <= view.height + 1 && across.contains(w.frame) { continue }
      } else if screen.contains(w.frame) {
        continue
      }
      out.append("\(w.kind) \"\(w.caption.prefix(30))\" at y \(Int(w.frame.y))")
    }
    return out
  }

  func start() {
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      // Each snapshot that then cannot be written says so too (writeSnapshot).
      FileHandle.standardError.write(Data("bhumiseba-kiosk: cannot make \(directory): \(error)\n".utf8))
    }
    var index = 0
    var pending: String?
    var retries = 0
    timer = LoopTimer(every: 350) { [weak self] in
      guard let self else { return false }
      if let name = pending {
        // A page not painted yet gives no snapshot: try again on the next tick (a few times).
        if !self.app.writeSnapshot(self.directory + "/" + name + ".png"), retries < 5 {
          retries += 1
          return true
        }
        let overflow = self.app.window?.contentOverflow ?? 0
        if overflow > 0 { self.tooWide.append("\(name) (\(overflow) px)") }
        let lost = self.unreachable(name)
        if !lost.isEmpty { self.outOfReach.append("\(name): \(lost.prefix(4).joined(separator: ", "))") }
        pending = nil
        retries = 0
      }
      guard index < self.steps.count else {
        let captionsPath = self.directory + "/captions.tsv"
        if !FileManager.default.createFile(atPath: captionsPath, contents: Data(self.captions.utf8)) {
          FileHandle.standardError.write(Data("bhumiseba-kiosk: cannot write \(captionsPath)\n".utf8))
          exit(3)
        }
        if !self.tooWide.isEmpty {
          FileHandle.standardError.write(
            Data("bhumiseba-kiosk: wider than the screen: \(self.tooWide.joined(separator: ", "))\n".utf8))
        }
        if !self.outOfReach.isEmpty {
          FileHandle.standardError.write(
            Data(
              "bhumiseba-kiosk: out of reach (neither on screen nor a visible scroll away): \(self.outOfReach.joined(separator: "; "))\n"
                .utf8))
        }
        if !self.tooWide.isEmpty || !self.outOfReach.isEmpty { exit(3) }
        self.app.application.quit()
        return false
      }
      let (name, step) = self.steps[index]
      index += 1
      step(self.app)
      self.app.drawn = nil
      self.app.render()
      pending = name
      return true
    }
  }
}
