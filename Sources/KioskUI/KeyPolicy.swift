/// GDK's key values and modifier bits that the kiosk names (gdk/gdkkeysyms.h, gdkenums.h).
enum Key {
  static let escape: UInt32 = 0xff1b
  static let returnKey: UInt32 = 0xff0d
  static let keypadEnter: UInt32 = 0xff8d
  static let insert: UInt32 = 0xff63
  static let menu: UInt32 = 0xff67
  static let f1: UInt32 = 0xffbe
  static let f35: UInt32 = 0xffe0
  static let upperS: UInt32 = 0x53
  static let lowerS: UInt32 = 0x73

  static let shiftMask: UInt32 = 1 << 0
  static let controlMask: UInt32 = 1 << 2
  static let altMask: UInt32 = 1 << 3
  static let superMask: UInt32 = 1 << 26
  static let hyperMask: UInt32 = 1 << 27
  static let metaMask: UInt32 = 1 << 28
}

/// The kiosk's lockdown: which physical keys reach a page. A citizen, a keyboard at the counter
/// and a slip scanner need letters, digits, Backspace, Enter, Tab, arrows and AltGr (the Bengali
/// layouts' third level, which is not one of these modifiers). Every Ctrl, Alt, Super, Hyper or
/// Meta chord is swallowed before any widget sees it — Ctrl+Shift+I and Ctrl+Shift+D would open
/// GTK's Inspector (Debian's GTK enables the binding) with a file chooser, Ctrl+V pastes, Ctrl+.
/// opens the emoji chooser — except the staff door, Ctrl+Shift+S. So are the Menu key, the
/// function keys (Shift+F10 opens the context menu) and Shift+Insert (paste).
enum KeyPolicy {
  static func swallows(_ keyval: UInt32, _ modifiers: UInt32) -> Bool {
    let chord = modifiers & (Key.controlMask | Key.altMask | Key.superMask | Key.hyperMask | Key.metaMask)
    if chord != 0 { return !isStaffDoor(keyval, modifiers) }
    if keyval == Key.menu || (Key.f1...Key.f35).contains(keyval) { return true }
    if keyval == Key.insert && modifiers & Key.shiftMask != 0 { return true }
    return false
  }

  /// Ctrl+Shift+S opens the staff sign-in from a keyboard at the counter.
  static func isStaffDoor(_ keyval: UInt32, _ modifiers: UInt32) -> Bool {
    let chord =
      modifiers & (Key.shiftMask | Key.controlMask | Key.altMask | Key.superMask | Key.hyperMask | Key.metaMask)
    return chord == Key.shiftMask | Key.controlMask && (keyval == Key.upperS || keyval == Key.lowerS)
  }
}

/// The desk's keys: a desk is an ordinary PC with a physical keyboard, so letters, Bengali through
/// the system's input method, Ctrl+C/V and Tab all reach its fields. Only GTK's Inspector
/// (Ctrl+Shift+I, Ctrl+Shift+D) is kept out. Its shortcuts are written on the buttons they press.
enum DeskKeyPolicy {
  enum Action: Equatable {
    /// F2 or Ctrl+N.
    case callNext
    /// F8: the serving token was served.
    case served
    /// F9: the serving token's citizen did not come.
    case notHere
    /// F5: the queue, read again.
    case refresh
    /// Escape.
    case back
  }

  static let f2: UInt32 = Key.f1 + 1
  static let f5: UInt32 = Key.f1 + 4
  static let f8: UInt32 = Key.f1 + 7
  static let f9: UInt32 = Key.f1 + 8

  static func chord(_ modifiers: UInt32) -> UInt32 {
    modifiers & (Key.shiftMask | Key.controlMask | Key.altMask | Key.superMask | Key.hyperMask | Key.metaMask)
  }

  static func swallows(_ keyval: UInt32, _ modifiers: UInt32) -> Bool {
    chord(modifiers) == Key.shiftMask | Key.controlMask && [0x49, 0x69, 0x44, 0x64].contains(keyval)
  }

  static func action(_ keyval: UInt32, _ modifiers: UInt32) -> Action? {
    let chord = chord(modifiers)
    if chord == Key.controlMask && (keyval == 0x6e || keyval == 0x4e) { return .callNext }
    guard chord == 0 else { return nil }
    switch keyval {
    case f2: return .callNext
    case f5: return .refresh
    case f8: return .served
    case f9: return .notHere
    case Key.escape: return .back
    default: return nil
    }
  }
}
