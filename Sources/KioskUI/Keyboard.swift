import Gtk
import KioskCore

/// The on-screen keyboard, inside the app: the compositor has no layer-shell for a system one,
/// and a system one would not know our fields. Keys type into one entry.
@MainActor
final class Keyboard {
  enum Kind {
    /// Bengali letters in the order every schoolchild learns them: vowels, consonants, vowel
    /// signs, hasanta (for conjuncts), ং ঃ ঁ ৎ — for citizens, who mostly do not touch-type.
    case bengaliAlphabet
    case qwerty
    case bengaliDigits
    case latinDigits
    /// The national (Jatiya) layout, for staff who touch-type.
    case jatiya
  }

  static func kind(for type: QuestionType, language: Language) -> Kind {
    switch type {
    case .text, .name, .place: return language == .bn ? .bengaliAlphabet : .qwerty
    default: return language == .bn ? .bengaliDigits : .latinDigits
    }
  }

  /// Each key is its levels: plain, shift, and (Jatiya only) AltGr.
  static let rows: [Kind: [[[String]]]] = [
    .bengaliAlphabet: [
      ["অ", "আ", "ই", "ঈ", "উ", "ঊ", "ঋ", "এ", "ঐ", "ও", "ঔ"],
      ["ক", "খ", "গ", "ঘ", "ঙ", "চ", "ছ", "জ", "ঝ", "ঞ", "ট"],
      ["ঠ", "ড", "ঢ", "ণ", "ত", "থ", "দ", "ধ", "ন", "প", "ফ"],
      ["ব", "ভ", "ম", "য", "র", "ল", "শ", "ষ", "স", "হ", "ড়"],
      ["ঢ়", "য়", "ৎ", "ং", "ঃ", "ঁ", "া", "ি", "ী", "ু", "ূ"],
      ["ৃ", "ে", "ৈ", "ো", "ৌ", "্"],
    ].map { $0.map { [$0] } },
    // The national (Jatiya) layout, as xkeyboard-config's `bd` symbols define it, for staff.
    .jatiya: [
      [
        ["ঙ", "ং", "ঙ"], ["য", "য়", "য"], ["ড", "ঢ", "ড"], ["প", "ফ", "প"], ["ট", "ঠ", "ট"], ["চ", "ছ", "চ"],
        ["জ", "ঝ", "জ"], ["হ", "ঞ", "হ"], ["গ", "ঘ", "গ"], ["ড়", "ঢ়", "ড়"],
      ],
      [
        ["ৃ", "ৗ", "ঋ"], ["ু", "ূ", "উ"], ["ি", "ী", "ই"], ["ব", "ভ", "ব"], ["্", "।", "্"], ["া", "অ", "আ"],
        ["ক", "খ", "ক"], ["ত", "থ", "ৎ"], ["দ", "ধ", "দ"],
      ],
      [
        ["ঁ", "ঃ", "ঁ"], ["ো", "ৌ", "ও"], ["ে", "ৈ", "এ"], ["র", "ল", "র"], ["ন", "ণ", "ন"], ["স", "ষ", "স"],
        ["ম", "শ", "ম"], [",", "<", ","], [".", ">", "."], ["/", "?", "/"],
      ],
    ],
    .qwerty: [
      ["q", "w", "e", "r", "t", "y", "u", "i", "o", "p"],
      ["a", "s", "d", "f", "g", "h", "j", "k", "l"],
      ["z", "x", "c", "v", "b", "n", "m", ".", "-"],
    ].map { $0.map { [$0, $0.uppercased()] } },
    .bengaliDigits: [["১", "২", "৩"], ["৪", "৫", "৬"], ["৭", "৮", "৯"], ["/", "০", "-"], [".", ","]].map {
      $0.map { [$0] }
    },
    .latinDigits: [["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"], ["/", "0", "-"], [".", ","]].map {
      $0.map { [$0] }
    },
  ]

  let widget: Box
  private weak var target: Entry?
  private let touched: @MainActor () -> Void
  private(set) var kind: Kind
  /// 0 plain, 1 shift, 2 AltGr; falls back to plain after one key.
  private var level = 0
  private var keys: [(Button, [String])] = []

  init(kind: Kind, target: Entry, touched: @escaping @MainActor () -> Void) {
    self.target = target
    self.kind = kind
    self.touched = touched
    widget = Box(vertical: true, spacing: 4, classes: ["keyboard"])
    widget.setAlign(.center, .start)
    build()
  }

  var isLetters: Bool { kind == .bengaliAlphabet || kind == .jatiya || kind == .qwerty }

  private func build() {
    widget.removeAll()
    keys.removeAll()
    level = 0
    widget.setClasses(["letters", "keypad"], [isLetters ? "letters" : "keypad"])
    let rows = Keyboard.rows[kind] ?? []
    for (index, row) in rows.enumerated() {
      let line = widget.append(Box(vertical: false, spacing: 4))
      line.setAlign(.center, .start)
      for levels in row {
        let b = line.append(Button(levels[0], classes: ["key"], wrap: false))
        // Vowel signs and the hasanta are named for screen readers and tests.
        b.setAccessibleLabel(Keyboard.name(levels[0]))
        b.onClicked { [weak self] in self?.press(levels) }
        keys.append((b, levels))
      }
      if index == rows.count - 1 && !controlsOnOwnRow { controls(line) }
    }
    if controlsOnOwnRow {
      let line = widget.append(Box(vertical: false, spacing: 4))
      line.setAlign(.center, .start)
      controls(line)
    }
  }

  /// The English and Jatiya keyboards' last letter rows are long: with shift (and AltGr) beside
  /// them they ran past the 1280 px screen, Next and Back out of sight (the UI tests' assert_fits).
  private var controlsOnOwnRow: Bool { kind == .qwerty || kind == .jatiya }

  /// Space, shift, layout switch and backspace share the last row (a row of their own where the
  /// last letter row is long), so the keyboard stays short.
  private func controls(_ line: Box) {
    if isLetters {
      let space = line.append(Button("␣", classes: ["key", "space"], wrap: false))
      space.setAccessibleLabel("space")
      space.onClicked { [weak self] in self?.press([" "]) }
    }
    if kind == .qwerty || kind == .jatiya {
      let shift = line.append(Button("⇧", classes: ["key"], wrap: false))
      shift.setAccessibleLabel("shift")
      shift.onClicked { [weak self] in self?.setLevel(self?.level == 1 ? 0 : 1) }
    }
    if kind == .jatiya {
      let alt = line.append(Button("AltGr", classes: ["key"], wrap: false))
      alt.setAccessibleLabel("AltGr")
      alt.onClicked { [weak self] in self?.setLevel(self?.level == 2 ? 0 : 2) }
    }
    if isLetters {
      let next: Kind = kind == .bengaliAlphabet ? .jatiya : kind == .jatiya ? .qwerty : .bengaliAlphabet
      let label = next == .jatiya ? "জাতীয়" : next == .qwerty ? "ABC" : "অআক"
      let switcher = line.append(Button(label, classes: ["key", "switch"], wrap: false))
      switcher.setAccessibleLabel(
        next == .jatiya ? "Jatiya layout" : next == .qwerty ? "English letters" : "Bengali letters")
      switcher.onClicked { [weak self] in
        guard let self else { return }
        self.kind = next
        self.build()
        self.touched()
      }
    }
    let erase = line.append(Button("⌫", classes: ["key", "erase"], wrap: false))
    erase.setAccessibleLabel("backspace")
    erase.onClicked { [weak self] in
      self?.backspace()
      self?.touched()
    }
  }

  private func setLevel(_ value: Int?) {
    level = value ?? 0
    for (button, levels) in keys { button.setCaption(levels[min(level, levels.count - 1)]) }
  }

  private func press(_ levels: [String]) {
    type(levels[min(level, levels.count - 1)])
    if level != 0 { setLevel(0) }
    touched()
  }

  static func name(_ key: String) -> String {
    switch key {
    case "্": return "hasanta"
    case "ং": return "anusvara"
    case "ঃ": return "visarga"
    case "ঁ": return "chandrabindu"
    default: return key
    }
  }

  func type(_ key: String) {
    guard let target else { return }
    target.text += key
    target.moveCursorToEnd()
  }

  /// Removes the last code point (a vowel sign or a hasanta on its own, not the whole cluster).
  func backspace() {
    guard let target else { return }
    var scalars = Array(target.text.unicodeScalars)
    guard !scalars.isEmpty else { return }
    scalars.removeLast()
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars)
    target.text = String(view)
    target.moveCursorToEnd()
  }
}
