import Foundation
import Gtk
import KioskCore

/// `--bench-journey N`: taps through N pairs of whole e-Namjari journeys through the same `send` a
/// tap uses, answers saved to SQLite as usual, and times each tap to the next painted frame. One by
/// purchase (home → services → info → consent → every question → check answers, a correction, two
/// language switches → home), one by inheritance (two heirs, their list, confirm: the confirmation
/// page, the slip sent to the printer → home → the resume page → home). Prints p50/p95/max of all
/// taps, then p50/p99/max for each page a tap led to (`journey-page`), and quits.
@MainActor
final class JourneyBench {
  let app: KioskApp
  let journeys: Int
  var steps: [FlowEvent] = []
  var index = 0
  var times: [Double] = []
  /// Each tap's time by the page it led to (a question page by its type: typing, choice, place…).
  var byPage: [String: [Double]] = [:]
  var timer: LoopTimer?

  init(app: KioskApp, journeys: Int) {
    self.app = app
    self.journeys = journeys
    let answers: [FlowEvent] = [
      .answer("মোছাম্মৎ রহিমা খাতুন"), .answer("purchase"), .answer("1234567890"), .answer("1985-03-21"),
      .answer("01712345678"), .answer("সাভার, ঢাকা, ঢাকা"), .answer("আশুলিয়া"), .answer("42"), .answer("123"),
      .answer("12, 13"), .answer("12.5"), .answer("77"), .answer("12"), .answer("5567"), .answer("2024-05-02"),
      .answer("করিম উদ্দিন"), .answer("no"), .answer("yes"), .answer("25"),
    ]
    let one: [FlowEvent] =
      [.start, .chooseService("namjari"), .continueFromInfo, .agree] + answers
      + [.change("mobile"), .answer("01898765432"), .setLanguage(.en), .setLanguage(.bn), .goHome]
    let inheritance: [FlowEvent] =
      Tour.twoHeirs + [.answer("done"), .answer("no"), .answer("yes"), .answer("25"), .confirm, .goHome]
      + [.openResume, .back]
    for _ in 0..<journeys { steps += one + inheritance }
  }

  /// The page on screen, named for the figures: a question page by its kind of answer.
  func pageName() -> String {
    switch app.state.screen {
    case .question(let id):
      guard let q = app.reducer.activeQuestions(app.state).first(where: { $0.id == id }) else { return "question" }
      return "question/\(q.type.rawValue)"
    default: return "\(app.state.screen)"
    }
  }

  func start() { next() }

  func next() {
    guard index < steps.count, let window = app.window else { return finish() }
    let event = steps[index]
    index += 1
    let t0 = MainLoop.monotonicMilliseconds()
    app.send(event)
    window.onNextPaint { [weak self] in
      guard let self else { return }
      let ms = MainLoop.monotonicMilliseconds() - t0
      self.times.append(ms)
      let page = self.pageName()
      self.byPage[page, default: []].append(ms)
      if getenv("BHUMISEBA_BENCH_STEPS") != nil {
        FileHandle.standardError.write(Data(String(format: "step %.1f %@ -> %@\n", ms, "\(event)", page).utf8))
      }
      // Let the loop breathe between taps, as between a person's taps.
      self.timer = LoopTimer(every: 5) { [weak self] in
        self?.next()
        return false
      }
    }
  }

  /// The value below which a share `p` of the times lie (nearest rank).
  static func percentile(_ times: [Double], _ p: Double) -> Double {
    let sorted = times.sorted()
    guard !sorted.isEmpty else { return 0 }
    let rank = Int((Double(sorted.count) * p).rounded(.up))
    return sorted[max(0, min(sorted.count - 1, rank - 1))]
  }

  func finish() {
    var out = String(
      format: "journey-taps %d p50-ms %.1f p95-ms %.1f max-ms %.1f renderer %@\n", times.count,
      Self.percentile(times, 0.5), Self.percentile(times, 0.95), times.max() ?? 0, app.window?.rendererName ?? "")
    for (page, t) in byPage.sorted(by: { $0.key < $1.key }) {
      out += String(
        format: "journey-page %@ taps %d p50-ms %.1f p99-ms %.1f max-ms %.1f\n", page, t.count, Self.percentile(t, 0.5),
        Self.percentile(t, 0.99), t.max() ?? 0)
    }
    FileHandle.standardOutput.write(Data(out.utf8))
    app.application.quit()
  }
}
