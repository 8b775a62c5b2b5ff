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
    /// The portal-number keypad (staff, at the counter's touchscreen): Latin digits, - and / in
    /// one row; its letters page is `capitals` (numbers such as DK-2026-5531).
    case portalDigits
    case capitals
  }

  /// The keyboard a question's type asks for: letters for names, places and free text (digits a
  /// key away), the keypad for numbers, dates, NID and mobile, and for deed, case and lease numbers
  /// the keypad with / and - and letters a key away.
  static func kind(for type: QuestionType, language: Language) -> Kind {
    switch type {
    case .text, .name, .place: return language == .bn ? .bengaliAlphabet : .qwerty
    default: return language == .bn ? .bengaliDigits : .latinDigits
    }
  }

  /// Whether a keypad page offers letters too (a deed or case number can have them).
  static func lettersToo(for type: QuestionType) -> Bool { type == .reference }

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
    .capitals: [
      ["Q", "W", "E", "R", "T", "Y", "U", "I", "O", "P"],
      ["A", "S", "D", "F", "G", "H", "J", "K", "L"],
      ["Z", "X", "C", "V", "B", "N", "M", "-", "/"],
    ].map { $0.map { [$0] } },
    .portalDigits: [["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "-", "/"].map { [$0] }],
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
  /// The screen's language: key names and which digits the digit page has.
  let language: Language
  /// The letter keyboard the digit page returns to (nil: a keypad that has no letters).
  private var letters: Kind?
  /// 0 plain, 1 shift, 2 AltGr; falls back to plain after one key.
  private var level = 0
  private var keys: [(Button, [String])] = []

  /// `lettersToo`: a keypad (deed or case number) that can switch to letters and back;
  /// `letterPage`: which letters it switches to (else those of the screen's language).
  init(
    kind: Kind, language: Language, lettersToo: Bool = false, letterPage: Kind? = nil, target: Entry,
    touched: @escaping @MainActor () -> Void
  ) {
    self.target = target
    self.kind = kind
    self.language = language
    self.touched = touched
    let isDigits = kind == .bengaliDigits || kind == .latinDigits || kind == .portalDigits
    letters =
      isDigits ? (lettersToo ? (letterPage ?? (language == .bn ? .bengaliAlphabet : .qwerty)) : nil) : kind
    widget = Box(vertical: true, spacing: 4, classes: ["keyboard"])
    widget.setAlign(.center, .start)
    build()
  }

  var isLetters: Bool { kind == .bengaliAlphabet || kind == .jatiya || kind == .qwerty || kind == .capitals }

  /// The digits of the screen's language (Bengali digits on Bengali screens); the portal's numbers
  /// are Latin.
  private var digitKind: Kind { kind == .capitals ? .portalDigits : language == .bn ? .bengaliDigits : .latinDigits }

  private func say(_ text: BilingualText) -> String { text[language] }

  private func build() {
    widget.removeAll()
    keys.removeAll()
    level = 0
    // The portal's keypad is one row of letter-sized keys.
    widget.setClasses(["letters", "keypad"], [kind == .bengaliDigits || kind == .latinDigits ? "keypad" : "letters"])
    let rows = Keyboard.rows[kind] ?? []
    for (index, row) in rows.enumerated() {
      let line = widget.append(Box(vertical: false, spacing: 4))
      line.setAlign(.center, .start)
      for levels in row {
        let b = line.append(Button(levels[0], classes: ["key"], wrap: false))
        name(b, levels[0])
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

  /// A key's accessible name says what it is (a vowel sign or the hasanta alone says nothing to a
  /// screen reader); its description is exactly what it types, so a test can find the key for a
  /// character as a person finds it by its caption.
  private func name(_ b: Button, _ key: String) {
    let spoken = Keyboard.name(key, language)
    b.setAccessibleLabel(spoken)
    b.setAccessibleDescription(key)
  }

  /// The English and Jatiya keyboards' last letter rows are long: with shift (and AltGr) beside
  /// them they ran past the 1280 px screen, Next and Back out of sight (the UI tests' assert_fits).
  private var controlsOnOwnRow: Bool { kind == .qwerty || kind == .jatiya }

  /// Space, shift, the digit page, layout switch and backspace share the last row (a row of their
  /// own where the last letter row is long), so the keyboard stays short.
  private func controls(_ line: Box) {
    if isLetters && kind != .capitals {
      let space = line.append(Button("␣", classes: ["key", "space"], wrap: false))
      space.setAccessibleLabel(say(tr("space")))
      space.setAccessibleDescription(" ")
      space.onClicked { [weak self] in self?.press([" "]) }
    }
    if kind == .qwerty || kind == .jatiya {
      let shift = line.append(Button("⇧", classes: ["key"], wrap: false))
      shift.setAccessibleLabel(say(tr("shift")))
      shift.onClicked { [weak self] in self?.setLevel(self?.level == 1 ? 0 : 1) }
    }
    if kind == .jatiya {
      let alt = line.append(Button("AltGr", classes: ["key"], wrap: false))
      alt.setAccessibleLabel(say(tr("AltGr")))
      alt.onClicked { [weak self] in self?.setLevel(self?.level == 2 ? 0 : 2) }
    }
    if kind == .capitals {
      let digits = line.append(Button("123", classes: ["key", "switch"], wrap: false))
      digits.setAccessibleLabel(say(tr("digits")))
      digits.onClicked { [weak self] in self?.switchTo(self?.digitKind) }
    } else if isLetters {
      // Digits, / and - a tap away: deed, case and lease numbers, addresses.
      let digits = line.append(Button(language == .bn ? "১২৩" : "123", classes: ["key", "switch"], wrap: false))
      digits.setAccessibleLabel(say(tr("digits")))
      digits.onClicked { [weak self] in self?.switchTo(self?.digitKind) }
      let next: Kind = kind == .bengaliAlphabet ? .jatiya : kind == .jatiya ? .qwerty : .bengaliAlphabet
      let label = next == .jatiya ? "জাতীয়" : next == .qwerty ? "ABC" : "অআক"
      let switcher = line.append(Button(label, classes: ["key", "switch"], wrap: false))
      switcher.setAccessibleLabel(
        next == .jatiya
          ? say(tr("Jatiya layout"))
          : next == .qwerty ? say(tr("English letters")) : say(tr("Bengali letters")))
      switcher.onClicked { [weak self] in
        self?.letters = next
        self?.switchTo(next)
      }
    } else if let letters {
      let back = line.append(
        Button(letters == .qwerty || letters == .capitals ? "ABC" : "অআক", classes: ["key", "switch"], wrap: false))
      back.setAccessibleLabel(say(tr("letters")))
      back.onClicked { [weak self] in self?.switchTo(self?.letters) }
    }
    let erase = line.append(Button("⌫", classes: ["key", "erase"], wrap: false))
    erase.setAccessibleLabel(say(tr("backspace")))
    erase.onClicked { [weak self] in
      self?.backspace()
      self?.touched()
    }
  }

  private func switchTo(_ kind: Kind?) {
    guard let kind else { return }
    self.kind = kind
    build()
    touched()
  }

  private func setLevel(_ value: Int?) {
    level = value ?? 0
    for (button, levels) in keys {
      let key = levels[min(level, levels.count - 1)]
      button.setCaption(key)
      name(button, key)
    }
  }

  private func press(_ levels: [String]) {
    type(levels[min(level, levels.count - 1)])
    if level != 0 { setLevel(0) }
    touched()
  }

  /// What a screen reader says for a key that does not say itself: vowel signs, the hasanta and
  /// the other signs by their names in the screen's language.
  static func name(_ key: String, _ language: Language) -> String {
    let names: [String: (String, String)] = [
      "্": ("হসন্ত", "hasanta"), "ং": ("অনুস্বার", "anusvara"), "ঃ": ("বিসর্গ", "visarga"),
      "ঁ": ("চন্দ্রবিন্দু", "chandrabindu"), "ৎ": ("খণ্ড ত", "khanda ta"), "া": ("আ-কার", "aa-kar"),
      "ি": ("ই-কার", "i-kar"), "ী": ("ঈ-কার", "ii-kar"), "ু": ("উ-কার", "u-kar"), "ূ": ("ঊ-কার", "uu-kar"),
      "ৃ": ("ঋ-কার", "ri-kar"), "ে": ("এ-কার", "e-kar"), "ৈ": ("ঐ-কার", "oi-kar"), "ো": ("ও-কার", "o-kar"),
      "ৌ": ("ঔ-কার", "ou-kar"), "ৗ": ("ঔ-কার চিহ্ন", "au length mark"), "/": ("বাঁকা দাগ", "slash"),
      "-": ("হাইফেন", "hyphen"), ".": ("দাঁড়ি বিন্দু", "full stop"), ",": ("কমা", "comma"),
      "।": ("দাঁড়ি", "dari"),
    ]
    guard let n = names[key] else { return key }
    return language == .bn ? n.0 : n.1
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
