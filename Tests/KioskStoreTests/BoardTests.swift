import Foundation
import KioskCore
import Testing

@testable import KioskStore

/// What the board's watch reported, in order; a test waits for the report it expects.
final class Reports: @unchecked Sendable {
  private let condition = NSCondition()
  private var all: [BoardUpdate] = []

  func add(_ update: BoardUpdate) {
    condition.lock()
    all.append(update)
    condition.broadcast()
    condition.unlock()
  }

  /// The first report from `from` on that satisfies `test`, within `seconds`; and its index.
  func wait(_ seconds: Double, from: Int = 0, _ test: (BoardUpdate) -> Bool) -> (Int, BoardUpdate)? {
    let deadline = Date().addingTimeInterval(seconds)
    condition.lock()
    defer { condition.unlock() }
    while true {
      if from < all.count, let i = all[from...].firstIndex(where: test) { return (i, all[i]) }
      if !condition.wait(until: deadline) { return nil }
    }
  }
}

/// The "now serving" board's watch and the manager's waiting figures (issue 16).
@Suite(.serialized) struct BoardTests {
  /// 09:00 in Bangladesh (UTC+6) on 7 December 2026.
  static let nine = Double(CivilDate(year: 2026, month: 12, day: 7)!.dayNumber * 86400 - 6 * 3600 + 9 * 3600)
  static func at(_ h: Int, _ m: Int) -> Date { Date(timeIntervalSince1970: nine + Double((h - 9) * 3600 + m * 60)) }

  /// Tokens issued and called at known times: the figures of the day, by hour and by service.
  @Test(arguments: Engine.allCases) func waitingFiguresByHourAndService(engine: Engine) throws {
    let db = try TestDatabase(engine)
    defer { db.remove() }
    let store = try db.open()
    func token(_ service: String, _ letter: String, _ h: Int, _ m: Int) throws -> QueueToken {
      let d = try store.createDraft(serviceID: service, language: .bn)
      return try store.issueToken(draftID: d.id, serviceID: service, letter: letter, now: Self.at(h, m))
    }
    let a = try token("namjari", "ক", 9, 5)
    let b = try token("namjari", "ক", 9, 10)
    let c = try token("khatian-copy", "খ", 9, 20)
    let d = try token("khatian-copy", "খ", 10, 5)
    _ = try token("namjari", "ক", 10, 30)  // never called
    _ = try token("namjari", "ক", 33, 0)  // the next day: not in this day's figures
    #expect(try store.callNext(desk: "1", letters: ["ক"], now: Self.at(9, 15))?.id == a.id)  // waited 10 min
    #expect(try store.callNext(desk: "2", letters: ["খ"], now: Self.at(9, 25))?.id == c.id)  // 5 min
    #expect(try store.callNext(desk: "1", letters: ["ক"], now: Self.at(9, 40))?.id == b.id)  // 30 min
    #expect(try store.callNext(desk: "2", letters: ["খ"], now: Self.at(10, 45))?.id == d.id)  // 40 min
    try store.finishToken(a.id, served: true, desk: "1", now: Self.at(9, 30))
    try store.finishToken(c.id, served: true, desk: "2", now: Self.at(9, 35))
    try store.finishToken(b.id, served: false, desk: "1", now: Self.at(9, 50))

    let q = try store.queueReport(day: CivilDate(year: 2026, month: 12, day: 7)!)
    var day = QueueFigureRow(key: "")
    (day.issued, day.called, day.served, day.skipped) = (5, 4, 2, 1)
    (day.meanWaitSeconds, day.p90WaitSeconds, day.maxWaitSeconds) = (1275, 2400, 2400)
    #expect(q.total == day)
    #expect(q.byHour.map(\.key) == ["09", "10"])
    #expect(
      q.byHour.map(\.issued) == [3, 2] && q.byHour.map(\.called) == [3, 1] && q.byHour.map(\.waiting) == [0, 1])
    #expect(q.byHour.map(\.served) == [2, 0] && q.byHour.map(\.skipped) == [1, 0])
    #expect(q.byHour.map(\.meanWaitSeconds) == [900, 2400] && q.byHour.map(\.p90WaitSeconds) == [1800, 2400])
    #expect(q.byService.map(\.key) == ["khatian-copy", "namjari"])
    #expect(q.byService.map(\.issued) == [2, 3] && q.byService.map(\.called) == [2, 2])
    #expect(q.byService.map(\.served) == [1, 1] && q.byService.map(\.skipped) == [0, 1])
    #expect(q.byService.map(\.meanWaitSeconds) == [1350, 1200] && q.byService.map(\.p90WaitSeconds) == [2400, 1800])
    // A day without tokens: zeros and no waits, not a failure.
    let empty = try store.queueReport(day: CivilDate(year: 2026, month: 12, day: 1)!)
    #expect(empty.total == QueueFigureRow(key: "") && empty.byHour.isEmpty && empty.byService.isEmpty)
  }

  @Test func theNinetiethPercentileIsTheNearestRank() {
    #expect(QueueFigures.percentile((1...10).map(Double.init), 0.9) == 9)
    #expect(QueueFigures.percentile((1...11).map(Double.init), 0.9) == 10)
    #expect(QueueFigures.percentile([42], 0.9) == 42)
    #expect(QueueFigures.percentile([], 0.9) == nil)
    #expect(QueueFigures.minutes(1275, .bn) == "২১ মিনিট" && QueueFigures.minutes(nil, .en) == "—")
    #expect(QueueFigures.hourSpan("09", .bn) == "০৯:০০–১০:০০")
  }

  /// The board hears of a call within a second: on PostgreSQL by LISTEN/NOTIFY, on a kiosk's
  /// own file by its half-second look. Nothing but token, desk and service is in what it gets.
  @Test(arguments: Engine.allCases) func theBoardHearsOfACallWithinASecond(engine: Engine) throws {
    let db = try TestDatabase(engine)
    defer { db.remove() }
    let store = try db.open()
    let source: CallWatch.Source =
      engine == .postgres ? .centre(url: db.url, ledgerKeyPath: db.keyPath) : .file(path: db.path)
    let watch = CallWatch(source: source, limit: 7)
    let reports = Reports()
    watch.start { reports.add($0) }
    defer { watch.stop() }
    #expect(reports.wait(10) { $0.trouble == nil && $0.tokens.isEmpty } != nil, "the first report: nobody called")
    for i in 1...3 {
      let d = try store.createDraft(serviceID: "namjari", language: .bn)
      _ = try store.issueToken(draftID: d.id, serviceID: "namjari", letter: "ক", now: Date())
      let started = Date()
      let called = try #require(try store.callNext(desk: "\(i)"))
      let heard = reports.wait(5) { $0.tokens.first?.id == called.id }
      let took = Date().timeIntervalSince(started)
      #expect(heard != nil && took < 1.0, "call \(i) reached the board in \(took) s")
      print("board (\(engine)): call \(i) heard after \(Int(took * 1000)) ms")
      #expect(heard?.1.tokens.first?.desk == "\(i)" && heard?.1.tokens.count == i)
    }
  }

  /// The centre's server killed: the board's watch says so in words; started again: the watch is
  /// back by itself and hears the next call.
  @Test func theBoardSaysWhenTheServerIsAwayAndComesBack() throws {
    let db = try TestDatabase(.postgres)
    defer { db.remove() }
    let watch = CallWatch(source: .centre(url: db.url, ledgerKeyPath: db.keyPath), limit: 7)
    let reports = Reports()
    watch.start { reports.add($0) }
    defer { watch.stop() }
    let first = try #require(reports.wait(10) { $0.trouble == nil })
    try PrivatePostgres.server("kill")
    let away: (Int, BoardUpdate)?
    do {
      defer {
        do { try PrivatePostgres.server("restart") } catch { Issue.record("the server did not start again: \(error)") }
      }
      away = reports.wait(5, from: first.0) { $0.trouble != nil }
    }
    let words = try #require(away?.1.trouble)
    #expect(words.en.contains("cannot be reached") && words.bn.contains("পাওয়া যাচ্ছে না"), "\(words)")
    let back = try #require(reports.wait(15, from: away!.0) { $0.trouble == nil }, "the watch connected again")
    let store = try db.open()
    let d = try store.createDraft(serviceID: "namjari", language: .bn)
    _ = try store.issueToken(draftID: d.id, serviceID: "namjari", letter: "ক", now: Date())
    let called = try #require(try store.callNext(desk: "3"))
    #expect(reports.wait(2, from: back.0) { $0.tokens.first?.id == called.id } != nil, "the call after the restart")
  }
}
