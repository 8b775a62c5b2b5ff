import Foundation
import Gtk
import KioskCore
import KioskSpeech

/// Speaks a page off the GTK main thread: espeak-ng synthesises it into memory, then pcaudiolib
/// plays it a tenth of a second at a time; `stop` (any tap) ends it at once. The result comes back
/// on the main loop.
@MainActor
final class Speaker {
  private var current: SpeechStop?

  var speaking: Bool { current != nil }

  func stop() {
    current?.stop()
    current = nil
  }

  func speak(_ segments: [SpeechSegment], done: @escaping @MainActor @Sendable (SpeechFailure?) -> Void) {
    stop()
    guard !segments.isEmpty else { return }
    let stop = SpeechStop()
    current = stop
    Thread.detachNewThread { [weak self] in
      var failure: SpeechFailure?
      do throws(SpeechFailure) {
        let audio = try Speech.shared.synthesize(segments, stop: stop)
        try Speech.play(audio, stop: stop)
      } catch {
        failure = error
      }
      let result = failure
      MainLoop.invoke { [weak self] in
        if self?.current === stop { self?.current = nil }
        if !stop.isStopped { done(result) }
      }
    }
  }
}
