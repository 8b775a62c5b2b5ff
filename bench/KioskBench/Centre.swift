import Foundation
import KioskStore
import Logging
import NIOPosix
import PostgresNIO

// A centre's store (issue 15): autosave through PostgreSQL, desks charging at once, a ledger to
// verify. `scripts/bench-centre.sh` starts the private server, seeds it and runs these modes.

/// The store a bench argument names: a `postgresql://` URL, else a SQLite file.
func openStore(_ location: String, key: String?) throws -> KioskStore {
  try KioskStore.open(
    url: location.hasPrefix("postgresql://") ? location : nil, path: location, ledgerKeyPath: key)
}

let benchFee = LedgerLine(id: "centre-fee", bn: "কেন্দ্রের সেবা ফি", en: "Centre's service fee", amount: 300)

/// One citizen's autosaves, `count` in a row on a fresh draft, as the kiosk saves each answer
/// (the same code on either engine).
func benchAutosave(_ location: String, key: String?, count: Int, label: String, journal: String? = nil) throws {
  // With `journal`: a centre kiosk (its own SQLite file first, then the server; see Journal).
  let store =
    try journal.map { try KioskStore(url: location, ledgerKeyPath: key ?? "", journalPath: $0) }
    ?? openStore(location, key: key)
  let draft = try store.createDraft(serviceID: "namjari", language: .bn)
  for i in 0..<50 {  // the connection, the statements' plans and the draft's pages warm
    try store.saveAnswer(draftID: draft.id, questionID: "q\(i % 20)", value: "উত্তর \(i)", position: "q\(i % 20)")
  }
  var samples: [Double] = []
  samples.reserveCapacity(count)
  for i in 0..<count {
    samples.append(
      try time {
        try store.saveAnswer(draftID: draft.id, questionID: "q\(i % 20)", value: "উত্তর \(i)", position: "q\(i % 20)")
      })
  }
  report("durable autosave of one answer, \(label)", samples, budget: 5)
  try store.close()
}

/// One desk (a child process of `benchDesks`): opens the store, says "ready", waits for "go" on
/// stdin, charges `count` receipts one after another and then prints "t MS NUMBER" for each.
func benchDesk(_ location: String, key: String, count: Int) throws {
  let store = try openStore(location, key: key)
  FileHandle.standardOutput.write(Data("ready\n".utf8))  // unbuffered: the parent waits for it
  guard readLine() == "go" else { exit(3) }
  var lines: [String] = []
  lines.reserveCapacity(count)
  for _ in 0..<count {
    var number = 0
    let ms = try time {
      number =
        try store.issueReceipt(
          centreID: "DEMO", draftID: nil, serviceID: "namjari", operatorID: "desk\(getpid())", lines: [benchFee]
        ).number
    }
    lines.append(String(format: "t %.4f %d", ms, number))
  }
  FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
  try store.close()
}

/// `desks` processes charging `each` receipts at once (released together once every one has its
/// connection): p50/p99 per charge over all of them, receipts per second, and the numbers and
/// the chain checked afterwards (every number once, no gap; `checkLedger` holds).
func benchDesks(_ location: String, key: String, desks: Int, each: Int) throws {
  let before = try openStore(location, key: key)
  let startCount = try before.receiptCount()
  var children: [(Process, Pipe, Pipe)] = []
  for _ in 0..<desks {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    p.arguments = ["desk", location, key, String(each)]
    let input = Pipe()
    let output = Pipe()
    p.standardInput = input
    p.standardOutput = output
    try p.run()
    children.append((p, input, output))
  }
  // Every desk connected before any charges.
  var early: [Data] = []
  for (_, _, output) in children {
    var got = Data()
    while !String(decoding: got, as: UTF8.self).contains("ready\n") {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { throw BenchFailure("a desk stopped before it was ready") }
      got.append(chunk)
    }
    early.append(got)
  }
  let start = DispatchTime.now().uptimeNanoseconds
  for (_, input, _) in children { input.fileHandleForWriting.write(Data("go\n".utf8)) }
  var samples: [Double] = []
  var numbers: [Int] = []
  var perDeskP99: [Double] = []
  for (i, (p, _, output)) in children.enumerated() {
    let text = String(decoding: early[i] + output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { throw BenchFailure("desk \(i) failed (exit \(p.terminationStatus))") }
    var mine: [Double] = []
    for line in text.split(separator: "\n") where line.hasPrefix("t ") {
      let parts = line.split(separator: " ")
      guard parts.count == 3, let ms = Double(parts[1]), let n = Int(parts[2]) else { continue }
      mine.append(ms)
      numbers.append(n)
    }
    samples += mine
    perDeskP99.append(percentile(mine.sorted(), 0.99))
  }
  let wallMS = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
  report(
    "charge (issueReceipt), \(desks) desk\(desks == 1 ? "" : "s") charging \(each) each at once", samples, budget: 50)
  print(
    String(
      format: "  %d receipts in %.2f s: %.0f receipts/s; p99 per desk %.1f…%.1f ms", samples.count, wallMS / 1000,
      Double(samples.count) / (wallMS / 1000), perDeskP99.min() ?? 0, perDeskP99.max() ?? 0))
  let expected = Set((startCount + 1)...(startCount + desks * each))
  guard numbers.count == desks * each, Set(numbers) == expected else {
    throw BenchFailure("receipt numbers are not \(startCount + 1)…\(startCount + desks * each) once each")
  }
  let check = try before.checkLedger(full: true)
  if let problem = check.problem { throw BenchFailure("the ledger does not verify: \(problem)") }
  print(
    "  numbers \(startCount + 1)…\(startCount + desks * each), each once; the ledger verifies (\(check.checked) rows)")
  try before.close()
}

/// One round trip of the client the store uses (PostgresNIO, `SELECT 1`, waited for from a thread
/// of ours as the store does): what each of an autosave's six statements costs before the server
/// does anything.
func benchRoundTrip(_ url: String, count: Int) throws {
  guard let c = URLComponents(string: url), let host = c.host, let user = c.user else {
    throw BenchFailure("not a postgresql:// URL: \(url)")
  }
  let logger = Logger(label: "bench")
  let config = PostgresConnection.Configuration(
    host: host, port: c.port ?? 5432, username: user, password: nil, database: String(c.path.dropFirst()),
    tls: .disable)
  let conn = try PostgresConnection.connect(
    on: MultiThreadedEventLoopGroup.singleton.any(), configuration: config, id: 1, logger: logger
  ).wait()
  for _ in 0..<100 { _ = try conn.query("SELECT 1", logger: logger).wait() }
  var samples: [Double] = []
  for _ in 0..<count { samples.append(try time { _ = try conn.query("SELECT 1", logger: logger).wait() }) }
  report("one round trip through PostgresNIO (SELECT 1)", samples)
  try conn.close().wait()
}

/// Adds `count` receipts to the ledger (to time `kioskctl ledger verify` against).
func seedReceipts(_ location: String, key: String, count: Int) throws {
  let store = try openStore(location, key: key)
  for i in 0..<count {
    _ = try store.issueReceipt(
      centreID: "DEMO", draftID: nil, serviceID: "namjari", operatorID: "op\(i % 9)", lines: [benchFee])
  }
  try store.close()
}

struct BenchFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// Runs one of the centre's modes; false when `mode` is not one of them.
func runCentre(_ mode: String, _ args: [String]) throws -> Bool {
  func arg(_ i: Int) throws -> String {
    guard i < args.count else { throw BenchFailure("usage: KioskBench \(centreUsage)") }
    return args[i]
  }
  switch mode {
  case "autosave":  // autosave STORE KEY COUNT LABEL
    try benchAutosave(try arg(0), key: try arg(1), count: Int(try arg(2)) ?? 5000, label: try arg(3))
  case "autosave-kiosk":  // autosave-kiosk URL KEY JOURNAL COUNT LABEL: a centre kiosk, with its journal
    try benchAutosave(
      try arg(0), key: try arg(1), count: Int(try arg(3)) ?? 5000, label: try arg(4), journal: try arg(2))
  case "desks":  // desks STORE KEY DESKS EACH
    try benchDesks(try arg(0), key: try arg(1), desks: Int(try arg(2)) ?? 9, each: Int(try arg(3)) ?? 200)
  case "desk":
    try benchDesk(try arg(0), key: try arg(1), count: Int(try arg(2)) ?? 200)
  case "roundtrip":  // roundtrip URL COUNT
    try benchRoundTrip(try arg(0), count: Int(try arg(1)) ?? 5000)
  case "receipts":  // receipts STORE KEY COUNT
    try seedReceipts(try arg(0), key: try arg(1), count: Int(try arg(2)) ?? 1000)
  default:
    return false
  }
  return true
}

let centreUsage =
  "autosave STORE KEY COUNT LABEL | autosave-kiosk URL KEY JOURNAL COUNT LABEL | desks STORE KEY DESKS EACH | roundtrip URL COUNT | receipts STORE KEY COUNT"
