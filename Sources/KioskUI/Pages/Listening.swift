import Foundation
import Gtk
import KioskCore
import KioskSpeech

/// The page read aloud: the Listen button on every page, every page as it opens when the citizen
/// (or the config) asks, and always a refused answer and the confirmation. Bengali voice on
/// Bengali screens; the words made speakable by KioskCore's `Speakable`.
extension KioskApp {
  /// What the page on screen says: a question page its place in the form, the question, its hint
  /// and its choices (and the refusal first); any other page its title and its visible texts.
  func pageSpeech() -> [SpeechSegment] {
    let language = state.language
    if staff == nil, case .question(let id) = state.screen {
      let questions = reducer.activeQuestions(state)
      if let i = questions.firstIndex(where: { $0.id == id }) {
        let refusal = state.error.map { [text(tr("There is a problem")), text($0.message)] } ?? []
        return Speakable.segments(refusal, language)
          + Speakable.questionPage(
            questions[i], index: i + 1, count: questions.count, title: title(for: state), language)
      }
    }
    let heading = staff == nil ? [title(for: state)] : []
    return Speakable.segments(heading + (shown?.body.visibleTexts() ?? []), language)
  }

  /// The Listen button: speaks the page, or stops it when it is speaking.
  func listen() {
    if speaker.speaking {
      speaker.stop()
      return
    }
    speak(pageSpeech())
  }

  func speak(_ segments: [SpeechSegment]) {
    speaker.speak(segments) { [weak self, weak page = shown] failure in
      guard let self, let failure else { return }
      if !failure.noSoundDevice { self.logger.error("speech failed", metadata: ["error": "\(failure)"]) }
      // No sound device is not an error: the button says so, and nothing else changes.
      page?.listen?.setCaption(self.text(failure.noSoundDevice ? tr("No sound device") : tr("Speech failed")))
    }
  }

  /// A page just opened: spoken when every page is (config `speak_pages` or the home page's
  /// switch), and always after a refused answer and on the confirmation.
  func spokenOnOpen() {
    guard staff == nil, alarm == nil else { return }
    guard speakPages || state.error != nil || state.screen == .confirmation, let window else { return }
    // After the page's first frame: the citizen sees the page at once, and the synthesis (a core's
    // work for a tenth of a second on the confirmation) does not compete with drawing it. A page
    // left before then is not spoken.
    let page = shown
    window.onNextPaint { [weak self] in
      guard let self, let page, self.shown === page, self.staff == nil, self.alarm == nil else { return }
      self.speak(self.pageSpeech())
    }
  }
}
