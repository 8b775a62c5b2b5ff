import Foundation
import Gtk
import KioskCore

/// `--bench-journey N`: taps through N whole e-Namjari journeys (home → services → info → consent →
/// every question → check answers → back home) through the same `send` a tap uses, answers saved to
/// SQLite as usual, and times each tap to the next painted frame. Prints p50/p95/max and quits.
@MainActor
final class JourneyBench {
  let app: KioskApp
  let journeys: Int
  var steps: [FlowEvent] = []
  var index = 0
  var times: [Double] = []
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
    for _ in 0..<journeys { steps += one }
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
      if getenv("BHUMISEBA_BENCH_STEPS") != nil {
        FileHandle.standardError.write(Data(String(format: "step %.1f %@\n", ms, "\(event)").utf8))
      }
      // Let the loop breathe between taps, as between a person's taps.
      self.timer = LoopTimer(every: 5) { [weak self] in
        self?.next()
        return false
      }
    }
  }

  func finish() {
    let sorted = times.sorted()
    func pct(_ p: Double) -> Double {
      sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }
    let line = String(
      format: "journey-taps %d p50-ms %.1f p95-ms %.1f max-ms %.1f renderer %@\n", sorted.count, pct(0.5), pct(0.95),
      sorted.last ?? 0, app.window?.rendererName ?? "")
    FileHandle.standardOutput.write(Data(line.utf8))
    app.application.quit()
  }
}
