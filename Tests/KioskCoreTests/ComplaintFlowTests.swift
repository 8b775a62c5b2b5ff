import KioskCore
import KioskTesting
import Testing

/// The complaint's questions in the citizen flow (issue 20): asked like a service's, kept in memory
/// until confirmed (no draft, nothing saved on the way), then one `fileComplaint` effect; and the
/// one-tap feedback on a finished visit's confirmation page.
@Suite struct ComplaintFlowTests {
  let driver: FlowDriver
  init() throws { driver = FlowDriver(catalogue: try loadCatalogue()) }

  @Test func anOverchargeIsAskedThenFiledInOneEffectWithNoDraft() {
    let (s, effects) = driver.drive([
      .start, .back, .openComplaint, .answer("overcharged"), .answer("১৫০০"), .answer("namjari"),
      .answer("DEMO-2026-000003"), .answer(""),
    ])
    #expect(s.screen == .check, "\(s.screen)")
    #expect(s.draftID == nil && effects.isEmpty, "nothing kept before it is confirmed: \(effects)")
    #expect(
      s.answers == [
        "kind": "overcharged", "asked_amount": "1500", "about_service": "namjari", "reference": "DEMO-2026-000003",
        "mobile": "",
      ])
    let (done, filed) = driver.drive([.confirm], from: s)
    #expect(done.screen == .complaintFiled && done.printStatus == .printing)
    #expect(filed == [.fileComplaint(answers: s.answers)])
    let (shown, none) = driver.drive(
      [.complaintFiled(number: "DEMO-C-000001", ok: true, message: tr("Printed"))], from: done)
    #expect(shown.complaintNumber == "DEMO-C-000001" && shown.printStatus == .printed && none.isEmpty)
  }

  @Test func theAmountIsAskedOnlyForAnOverchargeAndItsLargeAmountsAreTaken() {
    let (s, _) = driver.drive([.openComplaint, .answer("conduct")])
    #expect(s.screen == .question("about_service"))
    let (o, _) = driver.drive([.openComplaint, .answer("overcharged"), .answer("25000")])
    #expect(
      o.screen == .question("about_service") && o.answers["asked_amount"] == "25000", "\(String(describing: o.error))")
    let (bad, _) = driver.drive([.openComplaint, .answer("overcharged"), .answer("0")])
    #expect(bad.screen == .question("asked_amount") && bad.error != nil)
    let (wrongMobile, _) = driver.drive(
      [.openComplaint, .answer("misuse"), .answer("none"), .answer(""), .answer("12345")])
    #expect(wrongMobile.screen == .question("mobile") && wrongMobile.error != nil)
  }

  @Test func backFromTheFirstQuestionGoesHomeAndARefusalKeepsTheAnswers() {
    let (home, _) = driver.drive([.openComplaint, .back])
    #expect(home.screen == .home)
    let (s, _) = driver.drive([
      .openComplaint, .answer("filing"), .answer("none"), .answer(""), .answer(""), .confirm,
      .complaintFailed(tr("Printing failed")),
    ])
    #expect(s.screen == .check && s.notice == tr("Printing failed") && s.answers["kind"] == "filing")
  }

  @Test func feedbackIsOneTapOnAFinishedVisitOnly() {
    var s = FlowState()
    s.serviceID = "namjari"
    s.draftID = 4
    s.screen = .confirmation
    let (rated, effects) = driver.drive([.rate(3), .rate(1)], from: s)
    #expect(rated.rated && effects == [.recordFeedback(serviceID: "namjari", rating: 3)], "one tap counts once")
    s.screen = .check
    #expect(driver.drive([.rate(3)], from: s).1.isEmpty, "not before the visit is finished")
  }
}
