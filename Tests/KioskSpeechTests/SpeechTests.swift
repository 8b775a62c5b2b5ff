import Foundation
import KioskCore
import KioskSpeech
import KioskTesting
import Testing

/// Speech rendered to WAV through espeak-ng's C library (synthesis into memory): non-silent, of a
/// plausible length for its text, in each language's voice; the file is a WAV that sox reads.
@Suite(.serialized) struct SpeechTests {
  /// Seconds of speech a text's words can plausibly take: 4 to 40 characters a second.
  static func plausible(_ audio: SpeechAudio, _ segments: [SpeechSegment]) -> Bool {
    let chars = Double(segments.map(\.text.count).reduce(0, +))
    return audio.seconds >= chars / 40 && audio.seconds <= chars / 4
  }

  @Test func bengaliAndEnglishAreSpoken() throws {
    for (text, language) in [
      ("নামজারি আবেদন করতে জাতীয় পরিচয়পত্র লাগবে", Language.bn),
      ("Mutation needs your national identity card", .en),
      (tr("Helplines: 16122 (land services, 24 hours) · 333 (national call centre)").bn, .bn),
      ("Tk 1,170 · 2025-01-26 · 01712-345678", .en),
    ] {
      let segments = Speakable.segments(text, language)
      let audio = try Speech.shared.synthesize(segments)
      #expect(audio.rate >= 16000)
      #expect(audio.rms > 0.02, "\(text): silent (RMS \(audio.rms))")
      #expect(Self.plausible(audio, segments), "\(text): \(audio.seconds) s for \(Speakable.describe(segments))")
    }
  }

  /// The helpline said digit by digit takes longer than the number would.
  @Test func digitsByDigitTakeTheirTime() throws {
    let digits = try Speech.shared.synthesize(text: "16122", .en)
    let number = try Speech.shared.synthesize([SpeechSegment(.en, "sixteen thousand")])
    #expect(digits.seconds > number.seconds, "\(digits.seconds) s vs \(number.seconds) s")
    #expect(digits.seconds > 1.0)
  }

  /// Each segment in its own voice: the Bengali voice does not say English words as it says Bengali.
  @Test func mixedLanguagesAreBothSpoken() throws {
    let mixed = try Speech.shared.synthesize(Speakable.segments("ছাপা হয়েছে / Printed", .bn))
    let bn = try Speech.shared.synthesize([SpeechSegment(.bn, "ছাপা হয়েছে")])
    #expect(mixed.seconds > bn.seconds + 0.2)
  }

  @Test func stopEndsSynthesisAtOnce() throws {
    let stop = SpeechStop()
    stop.stop()
    let audio = try Speech.shared.synthesize(Speakable.segments("নামজারি আবেদন করতে জাতীয় পরিচয়পত্র লাগবে", .bn), stop: stop)
    #expect(audio.seconds < 0.5)
  }

  /// Every question page of every service is spoken in both languages (non-silent).
  @Test func everyQuestionPageIsSpoken() throws {
    let c = try loadCatalogue()
    var pages = 0
    var seconds = 0.0
    for service in c.services {
      let questions = service.questions.filter { $0.group == nil }
      for (i, q) in questions.enumerated() {
        for language in Language.allCases {
          let segments = Speakable.questionPage(q, index: i + 1, count: questions.count, language)
          let audio = try Speech.shared.synthesize(segments)
          #expect(audio.rms > 0.02 && Self.plausible(audio, segments), "\(service.id) \(q.id) \(language)")
          pages += 1
          seconds += audio.seconds
        }
      }
    }
    #expect(pages > 50)
    print("speech: \(pages) question pages, \(Int(seconds)) s of speech")
  }

  @Test func wavFileIsReadBySox() throws {
    let dir = try scratchDirectory("speech")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let audio = try Speech.shared.synthesize(text: "১৬১২২", .bn)
    let path = dir + "/helpline.wav"
    try audio.wav.write(to: URL(fileURLWithPath: path))
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/soxi")
    p.arguments = ["-D", path]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    p.waitUntilExit()
    let said = Double(
      String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines))
    #expect(p.terminationStatus == 0)
    #expect(abs((said ?? 0) - audio.seconds) < 0.01, "soxi says \(said ?? -1) s, we made \(audio.seconds) s")
  }

  /// No sound device is not an error: playing says so in words, in both languages.
  @Test func playingWithoutASoundDeviceSaysSo() throws {
    let audio = try Speech.shared.synthesize(text: "Listen", .en)
    do {
      try Speech.play(audio, stop: SpeechStop())
    } catch {
      #expect(error.noSoundDevice, "\(error)")
      #expect(error.message.en.contains("No sound device") && !error.message.bn.isEmpty)
    }
  }
}
