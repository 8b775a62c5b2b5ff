import Foundation
import KioskCore
import KioskStore

// crash-writer DB: opens the store, continues the one draft's answers from where they stopped,
// and prints "ack N" after each answer is durably saved, until it is killed.
// crash-writer DB receipts: issues receipts one after another, as the counter does (number first,
// then "printing", then the printed mark), printing "issued N" and "printed N", until it is killed.
// crash-writer STORE charge N KEY: a desk charging N receipts as fast as it can (STORE a file or a
// postgresql:// URL; KEY the ledger key), printing "issued N" for each; exits 0 when done.
let path = CommandLine.arguments[1]
let keyPath = CommandLine.arguments.count > 4 ? CommandLine.arguments[4] : nil
let store = try KioskStore.open(
  url: path.hasPrefix("postgresql://") ? path : nil, path: path, ledgerKeyPath: keyPath)
let out = FileHandle.standardOutput
// The killing test times its kill from here, not from the start of the process, which takes much
// longer on a loaded machine (CI) than writing does.
out.write(Data("ready\n".utf8))
if CommandLine.arguments.count > 3, CommandLine.arguments[2] == "charge", let n = Int(CommandLine.arguments[3]) {
  let line = LedgerLine(id: "centre-fee", bn: "কেন্দ্রের সেবা ফি", en: "Centre's service fee", amount: 300)
  var times: [Double] = []
  for _ in 0..<n {
    let t0 = Date()
    let r = try store.issueReceipt(
      centreID: "DEMO", draftID: nil, serviceID: "namjari", operatorID: "op\(getpid())", lines: [line])
    times.append(Date().timeIntervalSince(t0))
    out.write(Data("issued \(r.number)\n".utf8))
  }
  let sorted = times.sorted()
  out.write(Data("p99 \(sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))])\n".utf8))
  exit(0)
}
if CommandLine.arguments.count > 2, CommandLine.arguments[2] == "receipts" {
  let line = LedgerLine(id: "centre-fee", bn: "কেন্দ্রের সেবা ফি", en: "Centre's service fee", amount: 300)
  while true {
    let r = try store.issueReceipt(
      centreID: "DEMO", draftID: nil, serviceID: "namjari", operatorID: "op1", lines: [line])
    out.write(Data("issued \(r.number)\n".utf8))
    usleep(200)  // the printer
    try store.markReceiptPrinted(r.id, operatorID: "op1", reprint: false)
    out.write(Data("printed \(r.number)\n".utf8))
  }
}
let draft = try store.drafts().first ?? store.createDraft(serviceID: "namjari", language: .bn)
var next = try store.answers(draftID: draft.id).count
while true {
  let key = String(format: "q%06d", next)
  try store.saveAnswer(draftID: draft.id, questionID: key, value: "উত্তর \(next) য়", position: key)
  out.write(Data("ack \(next)\n".utf8))
  next += 1
}
