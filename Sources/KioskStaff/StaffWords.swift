import Foundation
import KioskCore
import KioskPrint
import KioskStore

/// What a store, printer or file failure says to staff, Bengali first with English: the store's
/// own words where it has them (busy, damaged, filed…), else what failed.
public enum StaffWords {
  public static func trouble(_ error: any Error) -> BilingualText {
    switch error {
    case let e as StoreError: return e.message
    case let e as LedgerError: return e.message
    case let e as BadValue:
      return BilingualText(bn: "ডেটাবেসের একটি ঘরে ভুল মান আছে (\(e))", en: "a value in the database is wrong (\(e))")
    case let e as StaffError: return staff(e)
    case let e as UnrecordedPrint:
      return prefixed(
        trouble(e.error),
        bn: e.outcome.succeeded ? "ছাপা হয়েছে, কিন্তু হিসাবে লেখা যায়নি" : "ছাপা হয়নি, এবং হিসাবে লেখাও যায়নি",
        en: e.outcome.succeeded ? "printed, but not recorded" : "not printed, and not recorded either")
    case let e as CounterError:
      switch e {
      case .unknownDraft: return BilingualText(bn: "আবেদনটি পাওয়া যায়নি", en: "no such application")
      case .unknownService(let id): return BilingualText(bn: "\(id) নামে কোনো সেবা নেই", en: "no service '\(id)'")
      }
    case let e as Handout.Problem:
      switch e {
      case .notAPDF(let why): return BilingualText(bn: "ফাইলটি পড়ার মতো PDF নয় (\(why))", en: "not a readable PDF (\(why))")
      case .empty: return BilingualText(bn: "PDF-এ কোনো পৃষ্ঠা নেই", en: "the PDF has no pages")
      }
    case let e as FeeError:
      switch e {
      case .noCentreFee(let id):
        return BilingualText(bn: "এই কেন্দ্রের শ্রেণিতে \(id)-এর ফি নেই", en: "no centre fee for \(id) at this area class")
      case .badPageCount(let n):
        return BilingualText(
          bn: "পৃষ্ঠা সংখ্যা \(BengaliDigits.toBengali(String(n))) হতে পারে না", en: "\(n) is not a page count")
      }
    default:
      return BilingualText(bn: "তথ্যভান্ডারে সমস্যা: \(error)", en: "the store failed: \(error)")
    }
  }

  /// A file or folder that could not be read, made or moved.
  public static func file(_ error: any Error) -> BilingualText {
    let why = (error as NSError).localizedDescription
    return BilingualText(bn: "ফাইলে সমস্যা: \(why)", en: "file trouble: \(why)")
  }

  static func staff(_ e: StaffError) -> BilingualText {
    switch e {
    case .badPIN: return BilingualText(bn: "পিন ৬ বা তার বেশি অঙ্কের", en: "a PIN is 6 or more digits")
    case .operatorExists(let id): return BilingualText(bn: "কর্মী \(id) আগেই আছেন", en: "operator \(id) exists already")
    case .unknownOperator(let id): return BilingualText(bn: "\(id) নামে কোনো কর্মী নেই", en: "no operator \(id)")
    case .unknownReceipt(let n): return BilingualText(bn: "রসিদ \(n) পাওয়া যায়নি", en: "no receipt \(n)")
    case .alreadyVoided(let n): return BilingualText(bn: "রসিদ \(n) আগেই বাতিল", en: "receipt \(n) is voided already")
    case .cannotVoidAVoid(let n):
      return BilingualText(bn: "\(n) নিজেই একটি বাতিল; এটি বাতিল করা যায় না", en: "\(n) is a void entry; it cannot be voided")
    case .emptyReason: return BilingualText(bn: "বাতিলের একটি কারণ লাগবে", en: "a void needs a reason")
    }
  }

  /// "What did not happen: why", in each language.
  public static func prefixed(_ why: BilingualText, bn: String, en: String) -> BilingualText {
    BilingualText(bn: "\(bn): \(why.bn)", en: "\(en): \(why.en)")
  }
}

/// What came of printing one document: the printer's answer, and what the store could not do
/// around it (keep the copy, record that it printed). Neither is ever dropped.
public struct StaffPrint: Sendable, Equatable {
  /// What the printer said; nil when nothing was sent to it (`trouble` says why).
  public var outcome: PrintOutcome?
  public var trouble: BilingualText?
  public init(outcome: PrintOutcome?, trouble: BilingualText? = nil) {
    self.outcome = outcome
    self.trouble = trouble
  }
  /// Printed, and every record of it kept.
  public var clean: Bool { outcome?.succeeded == true && trouble == nil }
}

/// A failure carried in an event: words for the page (Bengali and English).
public struct StaffTrouble: Error, Sendable, Equatable {
  public let text: BilingualText
  public init(_ text: BilingualText) { self.text = text }
  public init(_ error: any Error) { text = StaffWords.trouble(error) }
}
