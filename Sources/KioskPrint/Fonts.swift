import CPangoCairo
import Foundation

/// The fonts the kiosk draws with, and nothing else.
///
/// The screen and the documents use Noto Sans Bengali and Noto Sans (fonts-noto-core), with DejaVu
/// Sans for the few symbols GTK draws itself (the dots of a hidden PIN). A Debian machine with
/// fonts-noto-core offers ~400 fonts; every size and weight on a page makes fontconfig sort all of
/// them for fallbacks, which was most of the kiosk's start-up time over a bare GTK window
/// (13 ms of 35 on the home page). The system configuration still applies (font folders, caches,
/// rendering); only the choice of fonts is narrowed (and hinting is off, see `configuration`), so
/// a character outside these fonts would show as a box: `FontsTests` checks every text of the
/// catalogue and of the screens against them.
public enum KioskFonts {
  public static let families = ["Noto Sans Bengali", "Noto Sans", "DejaVu Sans"]

  /// fontconfig XML: the system configuration, then only `families` accepted, drawn unhinted. The
  /// kiosk's text is 22 px and larger, where hinting changes nothing one can see (compare
  /// docs/screenshots), but Noto's hinting programs ran for every new size and glyph: ~6 ms of the
  /// first frame.
  public static var configuration: String {
    let accepted = families.map { "<pattern><patelt name=\"family\"><string>\($0)</string></patelt></pattern>" }
    return """
      <?xml version="1.0"?>
      <!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
      <fontconfig>
        <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
        <match target="font">
          <edit name="hinting" mode="assign"><bool>false</bool></edit>
          <edit name="hintstyle" mode="assign"><const>hintnone</const></edit>
        </match>
        <selectfont>
          <acceptfont>\(accepted.joined())</acceptfont>
          <rejectfont><pattern></pattern></rejectfont>
        </selectfont>
      </fontconfig>
      """
  }

  public enum Outcome: Equatable, Sendable {
    /// The narrowed set is in use.
    case narrowed(fonts: Int)
    /// Named in FONTCONFIG_FILE for fontconfig to read when it starts; `confirm()` tells.
    case pending
    /// FONTCONFIG_FILE is set: the administrator's choice stands.
    case leftToEnvironment
    /// The kiosk's fonts are not installed (or fontconfig refused the XML): all fonts stay.
    case unavailable
  }

  nonisolated(unsafe) private static var done: Outcome?
  private static let lock = NSLock()

  /// Narrows the process's fonts, once, before Pango first looks for a font. Safe to call again.
  /// For documents printed by kioskctl and the tests; the kiosk uses `narrowAtStart`.
  @discardableResult
  public static func narrow() -> Outcome {
    lock.lock()
    defer { lock.unlock() }
    if let done { return done }
    let outcome: Outcome
    if let file = getenv("FONTCONFIG_FILE"), file.pointee != 0 {
      outcome = .leftToEnvironment
    } else if let config = cpango_font_config_new(configuration) {
      if cpango_font_config_count(config, "Noto Sans Bengali") > 0 {
        let count = fonts(in: config)
        outcome = cpango_font_config_use(config) != 0 ? .narrowed(fonts: count) : .unavailable
      } else {
        cpango_font_config_free(config)
        outcome = .unavailable
      }
    } else {
      outcome = .unavailable
    }
    done = outcome
    return outcome
  }

  /// The kiosk's way, before GTK starts: FONTCONFIG_FILE names a file with `configuration` (in
  /// XDG_RUNTIME_DIR, else ~/.cache/bhumiseba), so that fontconfig reads it on Pango's own start-up
  /// thread, alongside GTK opening the display, instead of being read twice. `confirm()` checks
  /// the result once GTK is up.
  public static func narrowAtStart(environment: [String: String] = ProcessInfo.processInfo.environment) -> Outcome {
    if let file = environment["FONTCONFIG_FILE"], !file.isEmpty { return .leftToEnvironment }
    let folder: String
    if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/"), access(runtime, W_OK) == 0 {
      folder = runtime + "/bhumiseba"
    } else if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
      folder = cache + "/bhumiseba"
    } else {
      folder = (environment["HOME"] ?? NSHomeDirectory()) + "/.cache/bhumiseba"
    }
    let path = folder + "/fonts.conf"
    let text = Data(configuration.utf8)
    if (try? Data(contentsOf: URL(fileURLWithPath: path))) != text {
      do {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try text.write(to: URL(fileURLWithPath: path), options: .atomic)
      } catch {
        return narrow()  // no place to write: parse it here instead
      }
    }
    setenv("FONTCONFIG_FILE", path, 1)
    lock.lock()
    defer { lock.unlock() }
    if done == nil { done = .pending }
    return .pending
  }

  /// After `narrowAtStart`: whether the kiosk's fonts are there; if not, back to all fonts.
  public static func confirm() -> Outcome {
    lock.lock()
    defer { lock.unlock() }
    guard done == .pending else { return done ?? .unavailable }
    if cpango_current_font_count("Noto Sans Bengali") > 0 {
      done = .narrowed(fonts: fonts(in: nil))
    } else {
      unsetenv("FONTCONFIG_FILE")
      cpango_font_config_reset()
      done = .unavailable
    }
    return done!
  }

  /// How many fonts the kiosk's configuration offers (nil: fontconfig refused it or none is there).
  public static func availableFonts() -> Int? {
    guard let config = cpango_font_config_new(configuration) else { return nil }
    defer { cpango_font_config_free(config) }
    return fonts(in: config)
  }

  /// The fonts of `families` in a configuration (nil: the process's current one).
  private static func fonts(in config: OpaquePointer?) -> Int {
    families.reduce(0) { total, family in
      total + Int(config.map { cpango_font_config_count($0, family) } ?? cpango_current_font_count(family))
    }
  }

  /// The characters of `texts` that none of the kiosk's fonts can draw (controls and joiners aside);
  /// nil when the fonts are not installed.
  public static func uncovered(_ texts: [String]) -> [Character]? {
    guard let config = cpango_font_config_new(configuration) else { return nil }
    defer { cpango_font_config_free(config) }
    var seen = Set<UInt32>()
    var missing: [Character] = []
    for text in texts {
      for scalar in text.unicodeScalars where seen.insert(scalar.value).inserted {
        if scalar.value < 0x20 || scalar.properties.generalCategory == .format { continue }
        if cpango_font_config_covers(config, scalar.value) == 0 { missing.append(Character(scalar)) }
      }
    }
    return missing
  }
}
