import Foundation
import KioskCore
import KioskStaff
import KioskStore
import Testing

/// The desk's queue rules (issue 16) in the staff reducer, run as the desk runs them on a real
/// database file, without a display: calling a token opens its draft, a token another desk took
/// is said in words, a store failure comes back as an event, and a desk's session never leaves
/// for a citizen's page.
@Suite(.serialized) struct DeskTests {
  /// A waiting draft and its token, as a kiosk gives it when the citizen confirms.
  func waitingToken(_ desk: Desk) throws -> (Draft, QueueToken) {
    let d = try desk.waitingDraft()
    let t = try desk.store.issueToken(draftID: d.id, serviceID: d.serviceID, letter: "ক")
    return (d, t)
  }

  /// A token's state and desk in the store ("called:3"), whoever has it.
  func token(_ desk: Desk, _ id: Int64) throws -> String {
    for d in ["2", "3"] {
      let (waiting, mine) = try desk.store.deskQueue(desk: d)
      if let t = (waiting + mine).first(where: { $0.id == id }) { return "\(t.state):\(t.desk ?? "")" }
    }
    return "not waiting nor called"
  }

  @Test func callNextGivesTheLongestWaitingTokenAndOpensItsDraft() throws {
    let desk = try Desk(desk: "3")
    let (first, t1) = try waitingToken(desk)
    _ = try waitingToken(desk)
    desk.signIn()
    #expect(desk.state.page == .queue)
    #expect(desk.state.tokens?.map(\.id).first == t1.id, "the queue shows the centre's waiting tokens")
    #expect(desk.state.tokens?.count == 2)
    desk.send(.callNext)
    #expect(desk.state.serving?.id == t1.id)
    #expect(desk.state.page == .draft(first.id), "the token's draft is open")
    #expect(desk.state.draft?.answers["applicant_name"] == "রহিমা খাতুন")
    #expect(try token(desk, t1.id) == "called:3")
    let audit = try desk.audit()
    #expect(audit.contains { $0.actor == "3" && $0.action == "token-call" && $0.subject == "token:\(t1.id)" })
    #expect(audit.contains { $0.actor == "salma" && $0.action == "open" && $0.subject == "draft:\(first.id)" })

    // One citizen at a time: the serving token is finished first, in words.
    desk.send(.callNext)
    #expect(desk.state.serving?.id == t1.id)
    #expect(desk.state.message?.spot == .serving && desk.state.message?.failed == true)
    #expect(desk.state.said.contains("Finish token ক-001 first"), "\(desk.state.said)")
    #expect(desk.state.message?.text.bn.contains("ক-০০১") == true)

    desk.send(.finishToken(served: true))
    #expect(desk.state.serving == nil)
    #expect(desk.state.page == .queue)
    #expect(desk.state.said == "Token ক-001 served")
    #expect(desk.state.message?.text.bn == "টোকেন ক-০০১: সেবা দেওয়া হয়েছে")
    let figures = try desk.store.queueFigures(day: CivilDate(secondsSince1970: Date().timeIntervalSince1970))
    #expect(figures.served == 1 && figures.called == 1 && figures.issued == 2)

    // The second: not here.
    desk.send(.callNext)
    #expect(desk.state.serving?.number == 2)
    desk.send(.finishToken(served: false))
    #expect(desk.state.said == "Token ক-002 marked as not here")
    desk.send(.callNext)
    #expect(desk.state.said == "No token is waiting")
    #expect(desk.state.message?.text.bn == "কোনো টোকেন অপেক্ষায় নেই")
    #expect(desk.state.message?.failed == false)
  }

  @Test func onlyTheChosenLettersAreCalled() throws {
    let desk = try Desk(desk: "3")
    let d = try desk.waitingDraft()
    let kha = try desk.store.issueToken(draftID: d.id, serviceID: d.serviceID, letter: "খ")
    desk.signIn()
    desk.send(.toggleLetter("ক"))
    #expect(desk.state.letters == ["ক"])
    desk.send(.toggleLetter("ঝ"))
    #expect(desk.state.letters == ["ক"], "a letter no service has is not a choice")
    desk.send(.callNext)
    #expect(desk.state.serving == nil)
    #expect(desk.state.said == "No token of ক is waiting")
    desk.send(.toggleLetter("ক"))
    desk.send(.callNext)
    #expect(desk.state.serving?.id == kha.id)
  }

  @Test func aTokenAnotherDeskTookMeanwhileIsSaidInWords() throws {
    let desk = try Desk(desk: "3")
    let (_, t) = try waitingToken(desk)
    desk.signIn()
    #expect(desk.state.tokens?.map(\.id) == [t.id])
    // Desk 2 calls it while desk 3 still shows it waiting.
    #expect(try desk.store.callNext(desk: "2")?.id == t.id)
    desk.send(.callToken(t.id))
    #expect(desk.state.serving == nil, "it is desk 2's")
    #expect(desk.state.page == .queue)
    #expect(desk.state.message?.failed == true && desk.state.message?.spot == .tokens)
    #expect(desk.state.said == "Token ক-001 was already called by desk 2; it is that desk's", "\(desk.state.said)")
    #expect(desk.state.message?.text.bn == "টোকেন ক-০০১ ডেস্ক ২ আগেই ডেকেছে; এটি অন্য ডেস্কের")
    #expect(desk.state.tokens == [], "the list is read again")
    #expect(try token(desk, t.id) == "called:2")
    // Served there: said as served.
    try desk.store.finishToken(t.id, served: true, desk: "2")
    desk.send(.callToken(t.id))
    #expect(desk.state.said == "Token ক-001 has been served already")
    // Calling its own token again gives it back (a double press, a second window).
    let (_, mine) = try waitingToken(desk)
    desk.send(.callToken(mine.id))
    #expect(desk.state.serving?.id == mine.id)
    desk.send(.callToken(mine.id))
    #expect(desk.state.serving?.id == mine.id)
    #expect(desk.state.message?.failed != true, "\(desk.state.said)")
  }

  @Test func aStoreFailureComesBackAsAnEventInBothLanguagesAndKeepsWhatWasTyped() throws {
    let desk = try Desk(desk: "3")
    let (_, t) = try waitingToken(desk)
    desk.signIn()
    desk.send(.typed(.code, "12345"))
    try desk.whileLocked { desk.send(.callNext) }
    #expect(desk.state.serving == nil)
    #expect(desk.state.page == .queue)
    #expect(desk.state.message?.failed == true && desk.state.message?.spot == .tokens)
    #expect(desk.state.said.hasPrefix("No token was called: "), "\(desk.state.said)")
    #expect(desk.state.message?.text.bn.hasPrefix("টোকেন ডাকা যায়নি: ") == true)
    #expect(desk.state.typed[.code] == "12345", "what staff typed stays")
    #expect(try token(desk, t.id) == "waiting:", "nothing was called")
    // Finishing can fail too: the token stays this desk's, and it is said.
    desk.send(.callNext)
    #expect(desk.state.serving?.id == t.id)
    try desk.whileLocked { desk.send(.finishToken(served: true)) }
    #expect(desk.state.serving?.id == t.id)
    #expect(desk.state.said.hasPrefix("Token ক-001 was not finished: "), "\(desk.state.said)")
    #expect(desk.state.message?.spot == .serving)
    // A desk signed in again finds the citizen it was serving.
    desk.send(.signOut)
    desk.signIn()
    #expect(desk.state.serving?.id == t.id)
  }

  @Test func aDeskSessionEndsOnTheSignInNeverOnACitizensPage() throws {
    let desk = try Desk(idleSeconds: 60, desk: "3")
    desk.signIn()
    #expect(desk.state.signedIn != nil)
    desk.effects = []
    desk.send(.signOut)
    #expect(desk.state.signedIn == nil && desk.state.page == .signIn)
    #expect(!desk.effects.contains(.leave), "\(desk.effects)")
    #expect(desk.state.operators?.map(\.id) == ["salma"], "the sign-in is offered again")
    // Idle: signed out (audited), on the sign-in.
    desk.signIn()
    desk.effects = []
    desk.clock.now += 61
    desk.send(.tick)
    #expect(desk.state.signedIn == nil && desk.state.page == .signIn)
    #expect(!desk.effects.contains(.leave))
    #expect(try desk.audit().filter { $0.action == "logout" }.map(\.detail) == ["sign-out", "idle"])
    // Not signed in, idle or Escape: the sign-in starts again, a half-typed PIN gone.
    desk.send(.chooseOperator("salma"))
    desk.send(.typed(.pin, "48"))
    desk.send(.back)
    #expect(desk.state.typed[.pin] == nil && desk.state.chosenOperator == nil)
    #expect(!desk.effects.contains(.leave))
    // Queue events are refused without a signed-in operator.
    desk.send(.callNext)
    #expect(!desk.effects.contains { if case .callNext = $0 { return true } else { return false } })
  }

  @Test func theKiosksOwnStaffModeHasNoQueueTokensAndStillLeaves() throws {
    let desk = try Desk()
    _ = try waitingToken(desk)
    desk.signIn()
    #expect(desk.state.tokens == nil)
    desk.send(.callNext)
    #expect(desk.state.serving == nil)
    #expect(!desk.effects.contains { if case .callNext = $0 { return true } else { return false } })
    desk.send(.signOut)
    #expect(desk.effects.last == .leave)
  }
}
