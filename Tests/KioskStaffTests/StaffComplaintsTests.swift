import Foundation
import KioskCore
import KioskStaff
import KioskStore
import KioskTesting
import Testing

/// Staff answer complaints in staff mode (issue 20): the register's list, newest first, and a
/// response added as a row of its own (the complaint unchanged, the chain holding); an empty
/// response and one the store refuses are said by the complaint.
@Suite(.serialized) struct StaffComplaintsTests {
  @Test func staffListComplaintsAndAddAResponseNeverChangingOne() throws {
    let desk = try Desk()
    let a = try desk.store.fileComplaint(
      centreID: "DEMO", kind: .overcharged, askedAmount: 2000, reference: nil, serviceID: "namjari", fee: 1170,
      mobile: "01712345678")
    let b = try desk.store.fileComplaint(
      centreID: "DEMO", kind: .conduct, askedAmount: nil, reference: nil, serviceID: nil, fee: nil, mobile: nil)
    desk.send(.go(.complaints))
    #expect(desk.state.page == .signIn, "not before signing in")
    desk.signIn()
    desk.send(.go(.complaints))
    #expect(desk.state.complaints?.map(\.complaint.id) == [b.id, a.id], "newest first")
    desk.send(.go(.respond(a.id)))
    #expect(desk.state.page == .respond(a.id))
    desk.send(.respond(complaintID: a.id, text: "   "))
    #expect(desk.state.message?.failed == true && desk.state.message?.spot == .complaint(a.id))
    desk.send(.respond(complaintID: a.id, text: "Refunded 830 taka; operator warned."))
    #expect(desk.state.page == .complaints && desk.state.said == "The response is added to the complaint")
    let row = try #require(desk.state.complaints?.first { $0.complaint.id == a.id })
    #expect(row.responses.map(\.text) == ["Refunded 830 taka; operator warned."])
    #expect(row.responses.first?.operatorID == Desk.salma.id)
    #expect(row.complaint == a, "the complaint itself is as it was filed")
    #expect(try desk.store.verifyComplaints() == nil)
    #expect(try desk.audit().contains { $0.action == "complaint-respond" && $0.actor == Desk.salma.id })
    desk.send(.back)
    #expect(desk.state.page == .queue)

    // The store refuses (another program holds the file): said by the complaint, nothing added.
    desk.send(.go(.complaints))
    desk.send(.go(.respond(b.id)))
    try desk.whileLocked { desk.send(.respond(complaintID: b.id, text: "Spoke to the operator.")) }
    #expect(desk.state.message?.failed == true && desk.state.message?.spot == .complaint(b.id), "\(desk.state.said)")
    #expect(desk.state.typed[.response(b.id)] == "Spoke to the operator.", "nothing typed is lost")
    #expect(try desk.store.complaints().first { $0.0.id == b.id }?.1.isEmpty == true)
  }
}
