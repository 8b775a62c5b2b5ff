import Foundation
import KioskCore
import KioskPrint
import KioskStore

/// kiosk-bench places | store [DRAFTS] | print | purge | seed | the centre's modes (Centre.swift) —
/// figures for the README; never part of the tests.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().path

func percentile(_ sorted: [Double], _ p: Double) -> Double {
  sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}

func report(_ name: String, _ samples: [Double], budget: Double? = nil) {
  let s = samples.sorted()
  let p50 = percentile(s, 0.5)
  let p99 = percentile(s, 0.99)
  var line = String(format: "%@: n=%d p50=%.3f ms p99=%.3f ms max=%.3f ms", name, s.count, p50, p99, s.last ?? 0)
  if let budget { line += String(format: " (budget p99 ≤ %.0f ms: %@)", budget, p99 <= budget ? "met" : "NOT MET") }
  print(line)
}

func time(_ body: () throws -> Void) rethrows -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  try body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
}

func benchPlaces() throws {
  let loadMS = try time { _ = try PlaceDirectory.load(directory: root + "/assets/places") }
  let d = try PlaceDirectory.load(directory: root + "/assets/places")
  print(String(format: "places: loading and indexing %d places: %.1f ms", d.places.count, loadMS))
  var generator = SystemRandomNumberGenerator()
  var samples: [Double] = []
  for _ in 0..<600 {
    let place = d.places.randomElement(using: &generator)!
    let name = Bool.random(using: &generator) ? place.name.bn : place.name.en
    var typed = ""
    for ch in name {  // one search per keystroke, as the place picker does
      typed.append(ch)
      samples.append(time { _ = d.search(typed) })
    }
  }
  report("place search per keystroke", samples, budget: 5)
}

func benchStore(drafts: Int) throws {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-bench-\(UUID().uuidString)").path
  defer { try? FileManager.default.removeItem(atPath: dir) }
  let store = try KioskStore(path: dir + "/bench.sqlite")
  func autosave(_ label: String) throws {
    let draft = try store.createDraft(serviceID: "namjari", language: .bn)
    var samples: [Double] = []
    for i in 0..<2000 {
      samples.append(
        try time {
          try store.saveAnswer(draftID: draft.id, questionID: "q\(i % 20)", value: "উত্তর \(i)", position: "q\(i % 20)")
        })
    }
    report("durable autosave of one answer, \(label)", samples, budget: 5)
  }
  try autosave("empty database")
  let seedMS = try time { try store.seedSyntheticDrafts(count: drafts) }
  print(String(format: "store: seeded %d drafts (2 answers each) in %.1f s", drafts, seedMS / 1000))
  try autosave("\(drafts) drafts stored")
  // The staff queue and the list, a page at a time (issue 21: budgets queue page ≤ 50 ms and the
  // whole list ≤ 1 s at 1,000,000 drafts).
  var firstPages: [Double] = []
  var deepPages: [Double] = []
  var cursor: DraftCursor?
  for i in 0..<200 {
    var page: DraftPage?
    let ms = try time { page = try store.staffQueuePage(after: cursor, limit: 50) }
    if i < 20 { firstPages.append(ms) } else { deepPages.append(ms) }
    cursor = page?.next
    // Jump deep into the queue now and then, as paging far would.
    if i % 20 == 19, let c = cursor {
      cursor = DraftCursor(updatedAt: c.updatedAt, id: c.id + Int64(drafts / 20))
    }
  }
  report("staff queue page of 50 at \(drafts) drafts (first pages)", firstPages, budget: 50)
  report("staff queue page of 50 at \(drafts) drafts (deep pages)", deepPages, budget: 50)
  var countMS = 0.0
  countMS = try time { _ = try store.staffQueueCount() }
  print(String(format: "staff queue count at %d drafts: %.1f ms", drafts, countMS))
  var listed = 0
  var last: [ResumeCode] = []
  var listCursor: DraftCursor?
  let listMS = try time {
    repeat {
      let page = try store.draftsPage(after: listCursor, limit: 1000)
      listed += page.drafts.count
      if page.next == nil { last = page.drafts.suffix(1000).map(\.resumeCode) }
      listCursor = page.next
    } while listCursor != nil
  }
  print(
    String(
      format: "drafts list, every draft in pages of 1,000: %d drafts in %.0f ms (budget ≤ 1000 ms: %@)", listed, listMS,
      listMS <= 1000 ? "met" : "NOT MET"))
  let known = last
  var samples: [Double] = []
  for code in known { samples.append(try time { _ = try store.draft(code: code) }) }
  for _ in 0..<1000 { samples.append(try time { _ = try store.draft(code: ResumeCode.generate()) }) }
  report("resume-code lookup at \(drafts) drafts (half found, half not)", samples)
}

/// The retention purge of `drafts` expired drafts with a kept print job each, while another thread
/// autosaves answers as the kiosk does: how long the purge takes and how long a save waits.
func benchPurge(drafts: Int) throws {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-bench-\(UUID().uuidString)").path
  defer { try? FileManager.default.removeItem(atPath: dir) }
  let store = try KioskStore(path: dir + "/bench.sqlite")
  let old = Date().addingTimeInterval(-40 * 86400)
  try store.seedSyntheticDrafts(count: drafts, now: old)
  for id in 1...Int64(min(drafts, 10_000)) {
    _ = try store.recordPrintJob(draftID: id, kind: "slip", queue: "q", pdf: Data(count: 2048), now: old)
  }
  let live = try store.createDraft(serviceID: "namjari", language: .bn)
  let done = DispatchSemaphore(value: 0)
  final class Samples: @unchecked Sendable { var ms: [Double] = [] }
  let samples = Samples()
  let stop = DispatchSemaphore(value: 0)
  Thread.detachNewThread {
    var i = 0
    while stop.wait(timeout: .now()) == .timedOut {
      let ms = (try? time { try store.saveAnswer(draftID: live.id, questionID: "q\(i % 20)", value: "উত্তর \(i)") }) ?? -1
      samples.ms.append(ms)
      i += 1
      usleep(2000)
    }
    done.signal()
  }
  var purged: PurgeReport?
  let ms = try time { purged = try store.purge(draftDays: 30, filedDays: 1825, actor: "bench") }
  stop.signal()
  done.wait()
  print(
    String(
      format: "purge of %d expired drafts (%d kept print jobs), batches of 200: %.1f s", purged?.unfiledDrafts ?? 0,
      purged?.printJobs ?? 0, ms / 1000))
  report("autosave while the purge runs", samples.ms.filter { $0 >= 0 }, budget: 50)
}

func benchPrint() throws {
  let receipt = MoneyReceipt(
    number: "DEMO-2026-000042", centre: BilingualText(bn: "ভূমি ভবন, তেজগাঁও", en: "Bhumi Bhaban, Tejgaon"),
    operatorName: "Nasrin Akter", citizenName: "মোছাম্মৎ রহিমা খাতুন",
    service: BilingualText(bn: "ই-নামজারি আবেদন", en: "e-Namjari application"), applicationNumber: "NJ-2026-7781",
    lines: [ReceiptLine(label: BilingualText(bn: "কেন্দ্রের সেবা ফি", en: "Centre's service fee"), amount: 300)],
    date: CivilDate(year: 2026, month: 11, day: 22)!, time: "11:05", verification: "DEMO-2026-000042|300|ab12")
  let slip = AcknowledgementSlip(
    centre: receipt.centre, service: receipt.service, date: receipt.date, code: ResumeCode.generate(),
    applicantName: receipt.citizenName, documents: [BilingualText(bn: "দলিল", en: "Deed")], centreFee: 300,
    governmentFees: [], usualDays: 28)
  _ = Documents.moneyReceipt(receipt, paper: .roll80)  // fonts and caches warm
  report(
    "render money receipt 80 mm", (0..<200).map { _ in time { _ = Documents.moneyReceipt(receipt, paper: .roll80) } },
    budget: 30)
  report(
    "render money receipt A4", (0..<100).map { _ in time { _ = Documents.moneyReceipt(receipt, paper: .a4) } },
    budget: 30)
  report("render acknowledgement slip 80 mm", (0..<200).map { _ in time { _ = Documents.acknowledgementSlip(slip) } })
  guard let server = ProcessInfo.processInfo.environment["CUPS_SERVER"] else {
    print("print tap to job accepted: skipped (no CUPS_SERVER; scripts/bench.sh starts a private cupsd)")
    return
  }
  // Tap to job accepted: render + Create-Job + Send-Document, without waiting for the paper.
  let printer = Printer(server: server, timeoutSeconds: 20)
  var samples: [Double] = []
  for _ in 0..<50 {
    samples.append(
      time { _ = printer.submit(Documents.moneyReceipt(receipt, paper: .roll80), queue: "capture", title: "bench") })
  }
  report("print tap to job accepted by cupsd (receipt)", samples, budget: 300)
}

let args = CommandLine.arguments.dropFirst()
switch args.first ?? "all" {
case "places": try benchPlaces()
case "store": try benchStore(drafts: Int(args.dropFirst().first ?? "") ?? 1_000_000)
case "print": try benchPrint()
case "purge": try benchPurge(drafts: Int(args.dropFirst().first ?? "") ?? 100_000)
case "seed":  // seed PATH DRAFTS: a database to time kioskctl against (drafts list, purge)
  guard let path = args.dropFirst().first, let n = Int(args.dropFirst(2).first ?? "") else {
    FileHandle.standardError.write(Data("usage: KioskBench seed PATH DRAFTS\n".utf8))
    exit(2)
  }
  try KioskStore(path: path).seedSyntheticDrafts(count: n)
case "all":
  try benchPlaces()
  try benchPrint()
  try benchStore(drafts: 1_000_000)
case let mode where try runCentre(mode, Array(args.dropFirst())):
  break
default:
  FileHandle.standardError.write(
    Data("usage: KioskBench places|print|store [DRAFTS]|purge [DRAFTS]|seed PATH DRAFTS|all|\(centreUsage)\n".utf8))
  exit(2)
}
