import CEspeak
import Foundation
import KioskCore

/// Speech through espeak-ng's C library: the segments of `Speakable`, each in its language's voice
/// (espeak-ng-data's `bn` and `en`), synthesised into memory (ENOUTPUT_MODE_SYNCHRONOUS and the
/// synth callback), then written to a WAV file (tests, `kioskctl say --wav`) or played through the
/// sound device (pcaudiolib, as espeak-ng itself plays). One path for both: a WAV holds exactly
/// what the kiosk says. espeak-ng is one global state: one synthesis at a time.
public struct SpeechFailure: Error, CustomStringConvertible, Sendable {
  public let message: BilingualText
  /// No sound device: nothing else is wrong.
  public let noSoundDevice: Bool
  public var description: String { message.en }
}

/// 16-bit mono samples at the voice's rate.
public struct SpeechAudio: Sendable {
  public var samples: [Int16]
  public let rate: Int

  public var seconds: Double { Double(samples.count) / Double(rate) }

  /// Root mean square of the samples, 0…1.
  public var rms: Double {
    guard !samples.isEmpty else { return 0 }
    let sum = samples.reduce(0.0) { $0 + Double($1) * Double($1) }
    return (sum / Double(samples.count)).squareRoot() / 32768
  }

  /// A RIFF WAVE file: PCM, 16 bit, mono.
  public var wav: Data {
    var d = Data()
    func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { d.append(contentsOf: $0) } }
    func u16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { d.append(contentsOf: $0) } }
    let bytes = UInt32(samples.count * 2)
    d.append(contentsOf: Array("RIFF".utf8))
    u32(36 + bytes)
    d.append(contentsOf: Array("WAVEfmt ".utf8))
    u32(16)
    u16(1)
    u16(1)
    u32(UInt32(rate))
    u32(UInt32(rate * 2))
    u16(2)
    u16(16)
    d.append(contentsOf: Array("data".utf8))
    u32(bytes)
    samples.withUnsafeBufferPointer { p in
      for s in p { withUnsafeBytes(of: s.littleEndian) { d.append(contentsOf: $0) } }
    }
    return d
  }
}

/// A flag another thread sets to stop speech at once (the citizen tapped on).
public final class SpeechStop: @unchecked Sendable {
  private let lock = NSLock()
  private var stopped = false
  public init() {}
  public func stop() {
    lock.lock()
    stopped = true
    lock.unlock()
  }
  public var isStopped: Bool {
    lock.lock()
    defer { lock.unlock() }
    return stopped
  }
}

/// What the synth callback fills: the user data of each synthesis.
final class Collector {
  var samples: [Int16] = []
  let stop: SpeechStop?
  init(stop: SpeechStop?) { self.stop = stop }
}

private let synthCallback:
  @convention(c) (UnsafeMutablePointer<Int16>?, Int32, UnsafeMutablePointer<espeak_EVENT>?)
    -> Int32 = { wav, count, events in
      guard let user = events?.pointee.user_data else { return 0 }
      let c = Unmanaged<Collector>.fromOpaque(user).takeUnretainedValue()
      if let wav, count > 0 { c.samples.append(contentsOf: UnsafeBufferPointer(start: wav, count: Int(count))) }
      return c.stop?.isStopped == true ? 1 : 0
    }

public final class Speech: @unchecked Sendable {
  /// The voice of each language in espeak-ng-data (Debian 12: `bn` is inc/bn, `en` is gmw/en).
  public static func voice(_ language: Language) -> String { language == .bn ? "bn" : "en" }

  private let lock = NSLock()
  private var rate = 0
  private var problem: SpeechFailure?
  private var started = false

  public static let shared = Speech()

  /// Starts espeak-ng once (6 ms); nil when it is ready, else what is wrong.
  private func start() -> SpeechFailure? {
    if started { return problem }
    started = true
    espeak_ng_InitializePath(nil)
    var context: espeak_ng_ERROR_CONTEXT? = nil
    var status = espeak_ng_Initialize(&context)
    if status == ENS_OK {
      status = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, nil)
    }
    if status != ENS_OK {
      problem = SpeechFailure(
        message: tr("The speech engine (espeak-ng) cannot start: {1}", .same(Self.message(status))),
        noSoundDevice: false)
      if context != nil { espeak_ng_ClearErrorContext(&context) }
      return problem
    }
    espeak_SetSynthCallback(synthCallback)
    rate = Int(espeak_ng_GetSampleRate())
    return nil
  }

  static func message(_ status: espeak_ng_STATUS) -> String {
    var buffer = [CChar](repeating: 0, count: 512)
    espeak_ng_GetStatusCodeMessage(status, &buffer, buffer.count)
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// The segments spoken into memory, each with its language's voice; stops early when `stop` is set.
  public func synthesize(_ segments: [SpeechSegment], stop: SpeechStop? = nil) throws(SpeechFailure) -> SpeechAudio {
    lock.lock()
    defer { lock.unlock() }
    if let problem = start() { throw problem }
    let collector = Collector(stop: stop)
    let user = Unmanaged.passRetained(collector)
    defer { user.release() }
    for segment in segments {
      if stop?.isStopped == true { break }
      var status = espeak_ng_SetVoiceByName(Self.voice(segment.language))
      guard status == ENS_OK else {
        throw SpeechFailure(
          message: tr(
            "The {1} voice of espeak-ng is missing (package espeak-ng-data): {2}", .same(Self.voice(segment.language)),
            .same(Self.message(status))), noSoundDevice: false)
      }
      var bytes = Array(segment.text.utf8CString)
      status = espeak_ng_Synthesize(
        &bytes, bytes.count, 0, POS_CHARACTER, 0, UInt32(espeakCHARS_UTF8), nil, user.toOpaque())
      if status != ENS_OK && stop?.isStopped != true {
        throw SpeechFailure(
          message: tr("The speech engine (espeak-ng) failed: {1}", .same(Self.message(status))), noSoundDevice: false)
      }
    }
    return SpeechAudio(samples: collector.samples, rate: rate)
  }

  /// A text as the kiosk says it on a screen in `language`.
  public func synthesize(text: String, _ language: Language) throws(SpeechFailure) -> SpeechAudio {
    try synthesize(Speakable.segments(text, language))
  }

  /// Plays samples on the sound device, blocking until they are played or `stop` is set (then at
  /// once): call it off the GTK main thread. Throws `noSoundDevice` when there is none.
  public static func play(_ audio: SpeechAudio, stop: SpeechStop) throws(SpeechFailure) {
    let noDevice = { (detail: String) in
      SpeechFailure(message: tr("No sound device: this kiosk cannot speak ({1}).", .same(detail)), noSoundDevice: true)
    }
    guard let device = create_audio_device_object(nil, "bhumiseba-kiosk", "Listen") else {
      throw noDevice("no audio output")
    }
    defer { audio_object_destroy(device) }
    let opened = audio_object_open(device, AUDIO_OBJECT_FORMAT_S16LE, UInt32(audio.rate), 1)
    if opened != 0 {
      throw noDevice(audio_object_strerror(device, opened).map { String(cString: $0) } ?? "error \(opened)")
    }
    defer { audio_object_close(device) }
    // A tenth of a second at a time, so that a tap stops it at once.
    let chunk = max(1, audio.rate / 10)
    var i = 0
    while i < audio.samples.count {
      if stop.isStopped {
        audio_object_flush(device)
        return
      }
      let end = min(i + chunk, audio.samples.count)
      let written = audio.samples[i..<end].withUnsafeBytes { audio_object_write(device, $0.baseAddress, $0.count) }
      if written != 0 {
        throw noDevice(audio_object_strerror(device, written).map { String(cString: $0) } ?? "error \(written)")
      }
      i = end
    }
    audio_object_drain(device)
  }
}
