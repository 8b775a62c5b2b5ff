import ArgumentParser
import Foundation
import KioskCore
import KioskSpeech

/// `kioskctl say`: a text as the kiosk would say it, for admins and tests: its speakable form (each
/// segment with the voice that says it), or its speech written to a WAV file through espeak-ng.
struct SayCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "say",
    abstract: "Prints the speakable form of a text, or writes its speech to a WAV file, as the kiosk says it.")
  @Option(help: "The screen's language: bn or en (digits with no words around them are said in it).")
  var lang: Language = .bn
  @Flag(help: "Print the speakable form (the default without --wav).") var speakable = false
  @Option(help: "Write the speech to this WAV file (16-bit mono PCM).") var wav: String?
  @Flag(name: .long, help: "Print JSON instead of text.") var json = false
  @Argument(help: "The text, as a page shows it.") var text: String

  func run() throws {
    let segments = Speakable.segments(text, lang)
    var object: [String: Any] = [
      "segments": segments.map { ["language": $0.language.rawValue, "text": $0.text] }
    ]
    var lines: [String] = []
    if speakable || wav == nil { lines.append(Speakable.describe(segments)) }
    if let wav {
      let audio: SpeechAudio
      do {
        audio = try Speech.shared.synthesize(segments)
      } catch {
        throw ValidationError(error.description)
      }
      do {
        try audio.wav.write(to: URL(fileURLWithPath: wav))
      } catch {
        throw ValidationError("cannot write \(wav): \(error.localizedDescription)")
      }
      let seconds = (audio.seconds * 100).rounded() / 100
      let rms = (audio.rms * 1000).rounded() / 1000
      lines.append("\(wav): \(seconds) s at \(audio.rate) Hz, RMS \(rms)")
      object["wav"] = ["file": wav, "seconds": seconds, "rate": audio.rate, "rms": rms]
    }
    if json {
      let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
      print(String(decoding: data, as: UTF8.self))
    } else {
      print(lines.joined(separator: "\n"))
    }
  }
}
