import Foundation
import KioskCore
import KioskStore

// crash-writer DB: opens the store, continues the one draft's answers from where they stopped,
// and prints "ack N" after each answer is durably saved, until it is killed.
let path = CommandLine.arguments[1]
let store = try KioskStore(path: path)
let draft = try store.drafts().first ?? store.createDraft(serviceID: "namjari", language: .bn)
var next = try store.answers(draftID: draft.id).count
let out = FileHandle.standardOutput
while true {
  let key = String(format: "q%06d", next)
  try store.saveAnswer(draftID: draft.id, questionID: key, value: "উত্তর \(next) য়", position: key)
  out.write(Data("ack \(next)\n".utf8))
  next += 1
}
