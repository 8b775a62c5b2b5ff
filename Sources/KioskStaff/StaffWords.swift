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
      return tr("a value in the database is wrong ({1})", .same("\(e)"))
    case let e as StaffError: return staff(e)
    case let e as UnrecordedPrint:
      return prefixed(
        trouble(e.error),
        e.outcome.succeeded ? tr("printed, but not recorded") : tr("not printed, and not recorded either"))
    case let e as CounterError:
      switch e {
      case .unknownDraft: return tr("no such application")
      case .unknownService(let id): return tr("no service '{1}'", .same("\(id)"))
      }
    case let e as Handout.Problem:
      switch e {
      case .notAPDF(let why): return tr("not a readable PDF ({1})", .same("\(why)"))
      case .empty: return tr("the PDF has no pages")
      }
    case let e as FeeError:
      switch e {
      case .noCentreFee(let id):
        return tr("no centre fee for {1} at this area class", .same("\(id)"))
      case .badPageCount(let n):
        return tr("{1} is not a page count", .digits("\(n)"))
      }
    default:
      return tr("the store failed: {1}", .same("\(error)"))
    }
  }

  /// A file or folder that could not be read, made or moved.
  public static func file(_ error: any Error) -> BilingualText {
    let why = (error as NSError).localizedDescription
    return tr("file trouble: {1}", .same("\(why)"))
  }

  static func staff(_ e: StaffError) -> BilingualText {
    switch e {
    case .badPIN: return tr("a PIN is 6 or more digits")
    case .operatorExists(let id): return tr("operator {1} exists already", .same("\(id)"))
    case .unknownOperator(let id): return tr("no operator {1}", .same("\(id)"))
    case .unknownReceipt(let n): return tr("no receipt {1}", .same("\(n)"))
    case .alreadyVoided(let n): return tr("receipt {1} is voided already", .same("\(n)"))
    case .cannotVoidAVoid(let n):
      return tr("{1} is a void entry; it cannot be voided", .same("\(n)"))
    case .emptyReason: return tr("a void needs a reason")
    }
  }

  /// "What did not happen: why", in each language.
  public static func prefixed(_ why: BilingualText, _ what: BilingualText) -> BilingualText {
    tr("{1}: {2}", .text(what), .text(why))
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
