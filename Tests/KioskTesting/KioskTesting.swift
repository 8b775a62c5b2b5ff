import Foundation
import KioskCore

/// What every test target shares: the checkout's paths, the real catalogue, a folder of a test's
/// own, an injected clock, and a driver for the citizen flow without a display — in the spirit of
/// Hummingbird's `…Testing` modules.
public enum TestPaths {
  /// The checkout's root, from this file's path (Tests/KioskTesting/KioskTesting.swift).
  public static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
  public static let catalogueDirectory = repoRoot + "/assets/catalogue/services"
}

/// The catalogue the kiosk ships.
public func loadCatalogue() throws -> Catalogue { try Catalogue.load(directory: TestPaths.catalogueDirectory) }

/// A folder of its own for a test (under the system's temporary folder), removed by the caller.
public func scratchDirectory(_ prefix: String = "kiosk-test") throws -> String {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
  try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  return dir
}

/// A clock the test moves (idle warnings and wipes without waiting).
public final class TestClock: @unchecked Sendable {
  public var now: Double = 1_795_000_000
  public init() {}
}

/// Drives the citizen flow as the kiosk's runner does, without a display: events in order, the
/// runner's answer to "start a draft" (draft 7), and answers for every question of a service.
public struct FlowDriver: Sendable {
  public let reducer: FlowReducer
  public let clock: TestClock

  public init(catalogue: Catalogue, clock: TestClock = TestClock(), idleWarning: Double = 60, idleReset: Double = 90) {
    self.clock = clock
    reducer = FlowReducer(
      catalogue: catalogue, idleWarningSeconds: idleWarning, idleResetSeconds: idleReset, clock: { clock.now })
  }

  /// Sends events in order; returns the last state and every effect.
  public func drive(_ events: [FlowEvent], from start: FlowState = FlowState()) -> (FlowState, [FlowEffect]) {
    var state = start
    var effects: [FlowEffect] = []
    for e in events {
      let (s, fx) = reducer.reduce(state, e)
      state = s
      effects += fx
      if fx.contains(where: { if case .createDraft = $0 { return true } else { return false } }) {
        let (s2, fx2) = reducer.reduce(state, .draftCreated(id: 7, code: ResumeCode.generate()))
        state = s2
        effects += fx2
      }
    }
    return (state, effects)
  }

  /// A right answer for every question of `service`, by type (`choosing` picks choice options). A
  /// group gets answers for its first item and "done" for its list page.
  public func answers(for service: Service, choosing choices: [String: String] = [:]) -> [String: String] {
    var typed: [String: String] = [:]
    for q in service.questions {
      if let g = q.group {
        for item in g.questions {
          let key = GroupPosition.key(q.id, 1, item.id)
          typed[key] = choices[key] ?? Self.answer(for: item)
        }
        typed[q.id] = "done"
      } else {
        typed[q.id] = q.type == .choice ? choices[q.id] ?? q.options[0].value : Self.answer(for: q)
      }
    }
    return typed
  }

  /// A right answer to one question, by its type (a choice: its first option).
  public static func answer(for q: Question) -> String {
    switch q.type {
    case .name: return "রহিমা খাতুন"
    case .nid: return "1234567890"
    case .mobile: return "01712345678"
    case .date: return "1985-03-21"
    case .number, .pages: return "25"
    case .khatian, .jl: return "42"
    case .dag: return "12, 13"
    case .landAmount: return "12.5"
    case .choice: return q.options[0].value
    case .yesno: return "yes"
    case .text, .place: return "মিরপুর"
    case .reference: return "১২৩৪/২০২৩"
    case .group: return "done"
    }
  }

  /// Answers page by page whatever question is on the screen, until "check your answers".
  public func answerAll(_ state: FlowState, _ typed: [String: String]) -> (FlowState, [FlowEffect]) {
    var s = state
    var fx: [FlowEffect] = []
    var guardCount = 0
    while case .question(let qid) = s.screen, guardCount < 50, let answer = typed[qid] {
      let r = drive([.answer(answer)], from: s)
      s = r.0
      fx += r.1
      guardCount += 1
    }
    return (s, fx)
  }
}
