import Foundation
import Gtk
import KioskCore
import KioskStore
import Logging

/// `bhumiseba-kiosk --board`: the "now serving" board on a wall screen (issue 16). Full screen, no
/// pointer, no key reaches it; it shows the centre's name, the time, and the last called tokens
/// with their desks, big, in Bengali digits with English below, the newest one highlighted. A call
/// shows within a second (see `CallWatch`: LISTEN on PostgreSQL); when the store does not answer
/// the board says so in words and connects again by itself. Only tokens, desks and services are
/// shown: nothing of a citizen.
@MainActor
public final class BoardApp {
  let setup: KioskSetup
  let options: LaunchOptions
  let application: Application
  let watch: CallWatch
  var window: Window?
  var clockTimer: LoopTimer?
  var snapshotTimer: LoopTimer?
  let clockBn = Label("", classes: ["board-clock"])
  let clockEn = Label("", classes: ["board-clock-en"])
  let body = Box(vertical: true, spacing: 8, classes: ["board-body"])
  /// The last report of the watch; nil until the store first answered or was found away.
  var update: BoardUpdate?
  var snapshotTaken = false
  /// Set when the snapshot found the board wider than the screen: the run exits 3.
  var overflow = false
  let logger = Logger(label: "bhumiseba.board")

  /// How many tokens the board shows: the newest, and the ones before it in two columns.
  static let shown = 7

  public init(setup: KioskSetup, options: LaunchOptions) {
    self.setup = setup
    self.options = options
    application = Application(id: "bd.gov.land.BhumisebaKiosk.Board")
    watch = CallWatch(setup, limit: BoardApp.shown)
  }

  public func run() -> Int32 {
    application.onActivate { [weak self] in self?.activate() }
    let status = application.run()
    watch.stop()
    return overflow ? 3 : status
  }

  func activate() {
    let css = setup.shareDirectory + "/ui/kiosk.css"
    guard let data = FileManager.default.contents(atPath: css) else {
      FileHandle.standardError.write(Data("bhumiseba-kiosk: \(css): theme file is missing or unreadable\n".utf8))
      application.quit()
      return
    }
    Style.load(css: String(decoding: data, as: UTF8.self))
    let window = KioskWindow.make(application)
    window.setTitle(tr("Now serving").both)
    // A wall screen takes no input at all: every key is swallowed (the kiosk's staff door too).
    window.onKeyCaptured { _, _ in true }
    self.window = window
    window.setContent(page())
    draw()
    tick()
    window.present()
    clockTimer = LoopTimer(every: 1000) { [weak self] in
      self?.tick()
      return true
    }
    watch.start { [weak self] update in
      MainLoop.invoke { [weak self] in self?.received(update) }
    }
    logger.info("board started", metadata: ["store": "\(watch.source.kind)"])
  }

  func page() -> Widget {
    let root = Box(vertical: true, spacing: 0, classes: ["board"])
    root.setExpand(horizontal: true, vertical: true)
    if (Monitor.size?.width ?? 1280) >= 1600 { root.addClass("board-wide") }
    let header = root.append(Box(vertical: false, spacing: 24, classes: ["board-header"]))
    let names = header.append(Box(vertical: true, spacing: 0))
    names.setExpand(horizontal: true, vertical: false)
    let centre = setup.config.centreName
    let bn = names.append(Label(centre.bn, classes: ["board-centre"]))
    bn.setXAlign(0)
    let en = names.append(Label(centre.en, classes: ["board-centre-en"]))
    en.setXAlign(0)
    let clock = header.append(Box(vertical: true, spacing: 0))
    clock.setAlign(.end, .center)
    clock.append(clockBn).setXAlign(1)
    clock.append(clockEn).setXAlign(1)
    let title = root.append(Label(tr("Now serving").both, classes: ["board-title"]))
    title.setXAlign(0)
    body.setExpand(horizontal: true, vertical: true)
    root.append(body)
    return root
  }

  /// The clock (Bangladesh time, whatever the machine's zone): ১০:৪৫ above 10:45, with the day.
  func tick() {
    let now = Date().timeIntervalSince1970
    let s = (Int(now) + 6 * 3600) % 86400
    let hm = String(format: "%02d:%02d", s / 3600, (s % 3600) / 60)
    let day = CivilDate(secondsSince1970: now)
    let bn = BengaliDigits.toBengali(hm) + " · " + day.formatted(.bn)
    if clockBn.text != bn { clockBn.text = bn }
    let en = hm + " · " + day.formatted(.en)
    if clockEn.text != en { clockEn.text = en }
  }

  func received(_ update: BoardUpdate) {
    if update.trouble != self.update?.trouble {
      if let trouble = update.trouble {
        logger.error("board not connected", metadata: ["reason": "\(trouble.en)"])
      } else if self.update != nil {
        logger.info("board connected again")
      }
    }
    self.update = update
    draw()
    takeSnapshotOnce()
  }

  /// The body drawn again from the last report.
  func draw() {
    body.removeAll()
    guard let update else {
      body.append(Label(tr("Connecting…").both, classes: ["board-note"]))
      return
    }
    if update.trouble != nil {
      let bar = body.append(Box(vertical: true, spacing: 4, classes: ["board-trouble"]))
      let words = bar.append(
        Label(tr("Not connected — trying again").both, classes: ["board-trouble-title"]))
      words.setWrap()
      words.setXAlign(0)
      let note = bar.append(
        Label(
          update.tokens.isEmpty
            ? tr("The calls cannot be read now; listen for your call.").both
            : tr("The list below may be out of date; listen for your call.").both,
          classes: ["board-trouble-note"]))
      note.setWrap()
      note.setXAlign(0)
      // Whether anybody was called is not known: nothing more is said.
      if update.tokens.isEmpty { return }
    }
    guard let newest = update.tokens.first else {
      let none = body.append(
        Label(
          tr("No token has been called yet today").both, classes: ["board-note"]))
      none.setWrap()
      return
    }
    body.append(newestBox(newest))
    // Six earlier calls in two columns where three rows fit under the newest (800 px and more
    // high), else four: nothing runs off the bottom of the screen.
    let rows = (Monitor.size?.height ?? 800) >= 790 ? 3 : 2
    let rest = Array(update.tokens.dropFirst().prefix(rows * 2))
    guard !rest.isEmpty else { return }
    let earlier = body.append(Label(tr("Called before").both, classes: ["board-earlier"]))
    earlier.setXAlign(0)
    let grid = body.append(Box(vertical: false, spacing: 16))
    grid.setHomogeneous(true)
    let columns = [Box(vertical: true, spacing: 8), Box(vertical: true, spacing: 8)]
    for c in columns { grid.append(c) }
    let perColumn = (rest.count + 1) / 2
    for (i, token) in rest.enumerated() { columns[i < perColumn ? 0 : 1].append(row(token)) }
  }

  /// "কাউন্টার ৩" / "Desk 3": the desk's name as the desk gave it, its digits in Bengali.
  static func desk(_ token: QueueToken, _ language: Language) -> String {
    let name = token.desk ?? "?"
    return tr("Desk {1}", .digits(name))[language]
  }

  func serviceName(_ token: QueueToken) -> BilingualText {
    setup.catalogue.service(token.serviceID)?.name ?? BilingualText(bn: token.serviceID, en: token.serviceID)
  }

  /// The newest call, highlighted: its token and desk as large as the screen allows.
  func newestBox(_ token: QueueToken) -> Widget {
    let box = Box(vertical: true, spacing: 4, classes: ["board-newest"])
    let line = box.append(Box(vertical: false, spacing: 48))
    line.setAlign(.center, .center)
    line.append(Label(token.shown(.bn), classes: ["board-token"]))
    line.append(Label("→", classes: ["board-arrow"]))
    line.append(Label(Self.desk(token, .bn), classes: ["board-desk"]))
    let en = box.append(
      Label("Token \(token.shown(.en)) → \(Self.desk(token, .en))", classes: ["board-newest-en"]))
    en.setAlign(.center, .center)
    let service = serviceName(token)
    let s = box.append(Label(service.bn + " / " + service.en, classes: ["board-service"]))
    s.setAlign(.center, .center)
    return box
  }

  /// An earlier call: "খ-০০১ → কাউন্টার ৩", English below.
  func row(_ token: QueueToken) -> Widget {
    let box = Box(vertical: true, spacing: 0, classes: ["board-row"])
    let bn = box.append(Label(token.shown(.bn) + "  →  " + Self.desk(token, .bn), classes: ["board-row-token"]))
    bn.setXAlign(0)
    let en = box.append(Label(token.shown(.en) + " → " + Self.desk(token, .en), classes: ["board-row-en"]))
    en.setXAlign(0)
    return box
  }

  /// `--snapshot FILE`: the board as first drawn from the store, then (with --quit-after-snapshot)
  /// exit: 3 when it is wider than the screen.
  func takeSnapshotOnce() {
    guard let path = options.snapshotPath, !snapshotTaken, let window else { return }
    snapshotTaken = true
    window.onNextPaint { [weak self] in
      self?.snapshotTimer = LoopTimer(every: 300) { [weak self] in
        guard let self else { return false }
        if window.snapshot(toPNG: path) {
          FileHandle.standardOutput.write(Data("snapshot written to \(path)\n".utf8))
          let wider = window.contentOverflow
          if wider > 0 {
            self.overflow = true
            FileHandle.standardError.write(
              Data("bhumiseba-kiosk: the board is \(wider) px wider than the screen\n".utf8))
          }
        } else {
          FileHandle.standardError.write(Data("bhumiseba-kiosk: could not write a snapshot to \(path)\n".utf8))
        }
        if self.options.quitAfterSnapshot { self.application.quit() }
        return false
      }
    }
  }
}

extension CallWatch.Source {
  /// For the journal: which kind of store the board watches (no address, no password).
  var kind: String {
    switch self {
    case .centre: return "centre server (LISTEN \(CallWatch.channel))"
    case .file: return "this machine's file"
    }
  }
}
