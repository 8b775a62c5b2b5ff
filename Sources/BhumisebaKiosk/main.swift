import Foundation
import KioskCore
import KioskStore
import KioskUI

/// bhumiseba-kiosk [--config FILE] [--snapshot FILE.png [--quit-after-snapshot]] [--tour DIR] [--exit-after-first-frame]
func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("bhumiseba-kiosk: \(message)\n".utf8))
  exit(2)
}

var configPath: String?
var options = LaunchOptions()
var args = CommandLine.arguments.dropFirst().makeIterator()
while let arg = args.next() {
  switch arg {
  case "--config":
    guard let v = args.next() else { fail("--config needs a file") }
    configPath = v
  case "--snapshot":
    guard let v = args.next() else { fail("--snapshot needs a file") }
    options.snapshotPath = v
  case "--exit-after-first-frame": options.exitAfterFirstFrame = true
  case "--quit-after-snapshot": options.quitAfterSnapshot = true
  case "--tour":
    guard let v = args.next() else { fail("--tour needs a folder") }
    options.tourDirectory = v
  case "-h", "--help":
    print(
      "usage: bhumiseba-kiosk [--config FILE] [--snapshot FILE.png [--quit-after-snapshot]] [--tour DIR] [--exit-after-first-frame]"
    )
    exit(0)
  default: fail("unknown option \(arg)")
  }
}
let environment = ProcessInfo.processInfo.environment
if options.snapshotPath == nil, let s = environment["BHUMISEBA_SNAPSHOT"], !s.isEmpty { options.snapshotPath = s }

// Without a GPU, GTK's GL renderer runs in software (llvmpipe): cairo paints sooner and uses less
// memory there. A machine with a render node keeps GTK's own choice; GSK_RENDERER always wins.
if environment["GSK_RENDERER"] == nil {
  let nodes = (try? FileManager.default.contentsOfDirectory(atPath: "/dev/dri")) ?? []
  if !nodes.contains(where: { $0.hasPrefix("renderD") }) { setenv("GSK_RENDERER", "cairo", 1) }
}

let setup: KioskSetup
do {
  setup = try KioskSetup.load(configPath: configPath)
} catch {
  fail("cannot start:\n\(error)")
}
let store: KioskStore
do {
  store = try KioskStore(path: setup.databasePath())
} catch {
  fail("cannot open the database \(setup.databasePath()): \(error)")
}
if let moved = store.movedAside { FileHandle.standardError.write(Data("bhumiseba-kiosk: \(moved)\n".utf8)) }
// Retention: drafts never filed, and filed ones, are purged after their periods (audited, counts only).
do {
  _ = try store.purge(
    draftDays: setup.config.draftRetentionDays, filedDays: setup.config.filedRetentionDays, actor: "kiosk")
} catch {
  FileHandle.standardError.write(Data("bhumiseba-kiosk: retention purge failed: \(error)\n".utf8))
}

let status = MainActor.assumeIsolated {
  KioskApp(setup: setup, store: store, options: options).run()
}
exit(status)
