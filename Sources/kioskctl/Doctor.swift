import ArgumentParser
import Foundation
import KioskCore
import KioskPrint
import KioskStore

/// `kioskctl doctor`: one health check of an installed kiosk, a line per check and exit 1 when
/// any fails (so a technician, a monitoring script or the package's test can rely on it).
struct DoctorCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "doctor",
    abstract: "Check the kiosk: config, store, printers, fonts, disk space, clock, ledger (exit 1 when any fails).")
  @OptionGroup var common: Common
  @Option(help: "Fail when the data folder's disk has less free space than this (MiB)") var minFreeMib = 256

  struct Check {
    let name: String
    let ok: Bool
    let detail: String
  }

  func run() throws {
    var checks: [Check] = []
    func record(_ name: String, _ body: () throws -> (Bool, String)) {
      do {
        let (ok, detail) = try body()
        checks.append(Check(name: name, ok: ok, detail: detail))
      } catch {
        checks.append(Check(name: name, ok: false, detail: "\(error)".replacingOccurrences(of: "\n", with: " / ")))
      }
    }
    var setup: KioskSetup?
    record("config") {
      let loaded = try KioskSetup.load(configPath: common.config)
      setup = loaded
      let files = loaded.config.sources.filter { !$0.hasPrefix("(") }
      return (true, files.isEmpty ? "embedded default (no config file)" : files.joined(separator: ", "))
    }
    guard let setup else {
      return try report(
        checks
          + ["store", "printers", "fonts", "disk", "clock", "ledger"].map {
            Check(name: $0, ok: false, detail: "not checked: the config has a mistake")
          })
    }
    var store: KioskStore?
    record("store") {
      let opened = try KioskStore.open(setup, checkFirst: false)
      try opened.quickCheck()
      store = opened
      return (true, "\(opened.dialect.rawValue) \(opened.path): \(try opened.appliedMigrations().count) migrations")
    }
    record("printers") {
      let c = setup.config
      switch Printer(server: c.cupsServer).queues() {
      case .failure(let e): return (false, "\(e.message.en) / \(e.message.bn)")
      case .success(let queues):
        var problems: [String] = []
        for (key, name) in [("slip_queue", c.slipQueue), ("a4_queue", c.a4Queue)] where !name.isEmpty {
          if let q = queues.first(where: { $0.name == name }) {
            if let trouble = q.trouble { problems.append("\(name): \(trouble.en)") }
          } else {
            problems.append("\(key) \(name) is not a CUPS queue")
          }
        }
        if queues.isEmpty { problems.append("CUPS has no queue") }
        return problems.isEmpty
          ? (true, "\(queues.count) queues: \(queues.map(\.name).joined(separator: ", "))")
          : (false, problems.joined(separator: "; "))
      }
    }
    record("fonts") {
      switch KioskFonts.narrow() {
      case .unavailable: return (false, "Noto Sans Bengali not found: apt install fonts-noto-core")
      case .leftToEnvironment: return (true, "FONTCONFIG_FILE is set: the administrator's fonts")
      case .narrowed(let n): return (true, "Noto Sans Bengali and \(n - 1) more")
      case .pending: return (true, "the kiosk's fonts")
      }
    }
    record("disk") {
      let folder = setup.storeURL() == nil ? setup.dataDirectory() : "/"
      var s = statvfs()
      guard statvfs(folder, &s) == 0 else { return (false, "\(folder): \(String(cString: strerror(errno)))") }
      let freeMib = Int(UInt64(s.f_bavail) * UInt64(s.f_frsize) / (1024 * 1024))
      return (freeMib >= minFreeMib, "\(folder): \(freeMib) MiB free (at least \(minFreeMib))")
    }
    record("clock") {
      let now = Date()
      // Receipts carry the day and time: a clock far off (a flat RTC battery) misdates them.
      guard let built = ISO8601DateFormatter().date(from: "2026-01-01T00:00:00Z"), now > built else {
        return (false, "the clock says \(isoUTC(now)), before this release was made: set the time")
      }
      if let store, let newest = try store.ledgerHeads().map(\.at).max(), newest > now.addingTimeInterval(300) {
        return (
          false, "the clock (\(isoUTC(now))) is behind the ledger's newest head (\(isoUTC(newest))): set the time"
        )
      }
      return (true, isoUTC(now))
    }
    record("ledger") {
      guard let store else { return (false, "not checked: the store could not be opened") }
      let check = try store.checkLedger(full: false)
      if let problem = check.problem { return (false, "BROKEN at \(problem)") }
      return (true, "\(try store.receiptCount()) receipts; \(check.checked) rows checked, \(check.heads) heads hold")
    }
    try report(checks)
  }

  func report(_ checks: [Check]) throws {
    let failed = checks.filter { !$0.ok }.count
    let width = checks.map(\.name.count).max() ?? 0
    let lines = checks.map {
      "\($0.ok ? "ok  " : "FAIL")  \($0.name.padding(toLength: width, withPad: " ", startingAt: 0))  \($0.detail)"
    }
    try common.emit(
      (lines + ["doctor: \(checks.count - failed) ok, \(failed) failed"]).joined(separator: "\n"),
      [
        "ok": failed == 0,
        "checks": checks.map { ["check": $0.name, "ok": $0.ok, "detail": $0.detail] as [String: Any] },
      ])
    if failed > 0 { throw ExitCode(1) }
  }
}
