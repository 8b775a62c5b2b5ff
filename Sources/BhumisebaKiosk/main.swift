import Foundation
import Gtk
import KioskCore
import KioskPrint
import KioskStore
import KioskUI

StartupTrace.mark("swift-main")
// swift-log's lines with their syslog priorities when the journal reads them (see JournalLogHandler).
bootstrapJournalLogging()

/// bhumiseba-kiosk [--config FILE] [--board] [--desk [--desk-id ID]] [--snapshot FILE.png [--quit-after-snapshot]] [--tour DIR] [--exit-after-first-frame]
func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("bhumiseba-kiosk: \(message)\n".utf8))
  exit(2)
}

var configPath: String?
var options = LaunchOptions()
/// `--board`: the "now serving" board on a wall screen instead of the kiosk (see BoardApp).
var board = false
var deskMode = false
var deskID: String?
var args = CommandLine.arguments.dropFirst().makeIterator()
while let arg = args.next() {
  switch arg {
  case "--config":
    guard let v = args.next() else { fail("--config needs a file") }
    configPath = v
  case "--snapshot":
    guard let v = args.next() else { fail("--snapshot needs a file") }
    options.snapshotPath = v
  case "--desk": deskMode = true
  case "--desk-id":
    guard let v = args.next(), KioskConfig.isDeskID(v) else { fail("--desk-id needs 1 to 12 letters, digits or '-'") }
    deskID = v
  case "--exit-after-first-frame": options.exitAfterFirstFrame = true
  case "--board": board = true
  case "--quit-after-snapshot": options.quitAfterSnapshot = true
  case "--bench-journey":
    guard let v = args.next(), let n = Int(v), n > 0 else { fail("--bench-journey needs a number of journeys") }
    options.benchJourneys = n
  case "--tour":
    guard let v = args.next() else { fail("--tour needs a folder") }
    options.tourDirectory = v
  case "-h", "--help":
    print(
      "usage: bhumiseba-kiosk [--config FILE] [--board] [--desk [--desk-id ID]] [--snapshot FILE.png [--quit-after-snapshot]] [--tour DIR] [--exit-after-first-frame]"
    )
    exit(0)
  default: fail("unknown option \(arg)")
  }
}
if deskID != nil && !deskMode { fail("--desk-id is for the desk: add --desk") }
StartupTrace.mark("args")
let environment = ProcessInfo.processInfo.environment
StartupTrace.mark("environment")
if options.snapshotPath == nil, let s = environment["BHUMISEBA_SNAPSHOT"], !s.isEmpty { options.snapshotPath = s }

// Without a GPU, GTK's GL renderer runs in software (llvmpipe): cairo paints sooner and uses less
// memory there. A machine with a render node keeps GTK's own choice; GSK_RENDERER always wins.
if environment["GSK_RENDERER"] == nil {
  let nodes = (try? FileManager.default.contentsOfDirectory(atPath: "/dev/dri")) ?? []
  if !nodes.contains(where: { $0.hasPrefix("renderD") }) { setenv("GSK_RENDERER", "cairo", 1) }
}
// With cairo drawing the window nothing uses OpenGL, yet GTK 4.8 would still load Mesa (and LLVM)
// to prepare a GL context when it opens the display: 36 ms and 58 MiB here. An explicit
// GDK_DEBUG (even empty) is left as it is.
if getenv("GSK_RENDERER").map({ String(cString: $0) }) == "cairo", environment["GDK_DEBUG"] == nil {
  setenv("GDK_DEBUG", "gl-disable", 1)
}
// No way out of the kiosk: GTK_DEBUG=interactive would open the Inspector (with its file chooser)
// at start-up; the other GTK_DEBUG flags are left as they are.
if let debug = environment["GTK_DEBUG"] {
  let kept = debug.split(whereSeparator: { ",: ".contains($0) }).filter { $0.lowercased() != "interactive" }
  setenv("GTK_DEBUG", kept.joined(separator: ","), 1)
}
// Only the kiosk's fonts (see KioskFonts): set before GTK, and so fontconfig, starts, and before
// the second thread below (setenv is not safe while another thread reads the environment).
_ = KioskFonts.narrowAtStart(environment: environment)
// The texts' catalogues (po/ compiled into locale/): found here, before any second thread, since
// it sets LANGUAGE. Without them a Bengali screen would show English: say which file is missing.
if let problem = Texts.prepare() { fail("cannot start: the texts are missing: \(problem)") }

if board {
  // The board opens no store of its own here: its watch connects (and connects again) by itself,
  // and says on the screen while the store does not answer.
  let boardSetup: KioskSetup
  do { boardSetup = try KioskSetup.load(configPath: configPath) } catch { fail("cannot start:\n\(error)") }
  guard MainActor.assumeIsolated({ GtkRuntime.initialize(programName: "bhumiseba-kiosk") }) else {
    fail("cannot open the display (DISPLAY=\(environment["DISPLAY"] ?? "")); start the board under its compositor")
  }
  if KioskFonts.confirm() == .unavailable {
    FileHandle.standardError.write(
      Data("bhumiseba-kiosk: Noto Sans Bengali (fonts-noto-core) not found: drawing with all installed fonts\n".utf8))
  }
  let chosen = options
  exit(MainActor.assumeIsolated { BoardApp(setup: boardSetup, options: chosen).run() })
}

// The catalogue, the database and the retention purge are loaded on a second thread while GTK
// opens the display on this one: start-up is the longer of the two, not their sum.
final class Loaded: @unchecked Sendable {
  var setup: KioskSetup?
  var store: KioskStore?
  var failure: String?
  /// The store could not be opened (busy, damaged, foreign…): in words, for the screen.
  var storeFailure: BilingualText?
  /// The settings have a mistake (file and line): the out-of-service page stays up until they are
  /// corrected (a restart would only find the same mistake again).
  var configFailure: BilingualText?
  var notes: [String] = []
}
let loaded = Loaded()
let ready = DispatchSemaphore(value: 0)
let chosenConfig = configPath
let chosenDesk = deskMode
Thread.detachNewThread {
  var signalled = false
  defer { if !signalled { ready.signal() } }
  do {
    loaded.setup = try KioskSetup.load(configPath: chosenConfig)
  } catch {
    loaded.failure = "cannot start:\n\(error)"
    loaded.configFailure = tr(
      "The kiosk's settings have a mistake: {1}. Correct the file, check it with 'kioskctl doctor', then restart the kiosk.",
      .same("\(error)"))
    return
  }
  guard let setup = loaded.setup else { return }
  let store: KioskStore
  do {
    // The quick check of the whole file runs after the first page is painted (KioskApp). A desk
    // works on the centre's server itself (no journal: it says so when the server is away).
    store =
      chosenDesk
      ? try KioskStore.open(setup, checkFirst: false) : try KioskStore.openKiosk(setup, checkFirst: false)
  } catch {
    // Never a new database in its place: a busy, damaged or foreign file stops the kiosk here,
    // with the words (Bengali and English) and the command that recovers it, in the journal and,
    // where there is a screen, on it ("out of order").
    loaded.failure = "cannot open the database \(setup.databasePath()):\n\(error)"
    loaded.storeFailure =
      (error as? StoreError)?.message
      ?? tr("The store could not be opened: {1}", .same("\(error)"))
    return
  }
  loaded.store = store
  // The first page does not wait for the purge: it goes on here, in batches (the kiosk's saves
  // wait at most one batch).
  signalled = true
  ready.signal()
  // Retention: drafts never filed, and filed ones, are purged after their periods (audited, counts only).
  do {
    _ = try store.purge(
      draftDays: setup.config.draftRetentionDays, filedDays: setup.config.filedRetentionDays, actor: "kiosk")
  } catch {
    FileHandle.standardError.write(Data("bhumiseba-kiosk: retention purge failed:\n\(error)\n".utf8))
  }
}
StartupTrace.mark("main")
let hasDisplay = MainActor.assumeIsolated { GtkRuntime.initialize(programName: "bhumiseba-kiosk") }
StartupTrace.mark("gtk-init")
ready.wait()
StartupTrace.mark("loaded")
if let failure = loaded.failure {
  if let words = loaded.configFailure, hasDisplay, !options.exitAfterFirstFrame {
    // Not a blank screen restarting for ever: the out-of-service page, naming the file and line,
    // stays up (systemd is told the kiosk is ready, and its watchdog is fed) until someone
    // corrects the settings and restarts the kiosk. With --snapshot: the picture, then exit 2.
    FileHandle.standardError.write(Data("bhumiseba-kiosk: \(failure)\nshowing the out-of-service page\n".utf8))
    let css = KioskSetup.defaultShareDirectory().map { $0 + "/ui/kiosk.css" }
    exit(runOutOfOrder(words, css: css, seconds: nil, snapshot: options.snapshotPath))
  }
  if let words = loaded.storeFailure, hasDisplay, options.snapshotPath == nil, !options.exitAfterFirstFrame {
    FileHandle.standardError.write(Data("bhumiseba-kiosk: \(failure)\n".utf8))
    exit(runOutOfOrder(words, css: loaded.setup.map { $0.shareDirectory + "/ui/kiosk.css" }))
  }
  fail(failure)
}
if !hasDisplay {
  // No screen to put out of order: a damaged store is said first, in the journal.
  if let store = loaded.store, let setup = loaded.setup {
    do { try store.quickCheck() } catch { fail("cannot open the database \(setup.databasePath()):\n\(error)") }
  }
  fail(
    "cannot open the display (DISPLAY=\(environment["DISPLAY"] ?? "") WAYLAND_DISPLAY=\(environment["WAYLAND_DISPLAY"] ?? "")); start the kiosk under its compositor, or use scripts/run-kiosk.sh"
  )
}
if KioskFonts.confirm() == .unavailable {
  loaded.notes.append("Noto Sans Bengali (fonts-noto-core) not found: drawing with all installed fonts")
}
for note in loaded.notes { FileHandle.standardError.write(Data("bhumiseba-kiosk: \(note)\n".utf8)) }
let setup = loaded.setup!
let store = loaded.store!
if deskMode {
  // The desk's id: `--desk-id`, else `[desk] id` in the config.
  let id = deskID ?? setup.config.deskID
  if id.isEmpty { fail("the desk needs its id: --desk-id ID, or id = ID under [desk] in the config") }
  options.desk = id
}

let status = MainActor.assumeIsolated {
  KioskApp(setup: setup, store: store, options: options).run()
}
exit(status)
