import Foundation
import Gtk
import KioskCore
import KioskPrint
import KioskStaff
import KioskStore
import Logging

extension KioskApp {
  /// The complaint is in the register: its number, the slip's printing, where to go next.
  func complaintFiledPage(_ p: PageParts) {
    let body = p.body
    paragraph(body, text(tr("Complaint no.")), "subtitle")
    if let number = state.complaintNumber {
      body.append(Label(number, classes: ["code"]))
    } else {
      paragraph(body, text(tr("Recording the complaint…")), "status")
    }
    let status: String
    var cls = ["status"]
    switch state.printStatus {
    case .idle, .printing: status = text(tr("Printing the slip…"))
    case .printed:
      status = text(tr("Printed"))
      cls.append("ok")
    case .failed(let message):
      status = text(message) + text(tr(". ")) + text(tr("Your complaint is recorded; write down its number."))
      cls.append("trouble")
    }
    body.append(Label(status, classes: cls)).setWrap()
    paragraph(body, text(tr("Your complaint is kept in a register that the centre cannot change or delete.")))
    paragraph(body, text(Documents.escalation), "heading")
    navigation(p, next: (text(tr("Done")), .goHome), back: false)
  }

  /// Files the complaint in the register, then prints its slip (off the GTK thread). The fixed fee
  /// on the slip is the catalogue's for the service named, or for the receipt's service.
  func fileComplaint(_ answers: [String: String]) {
    let config = setup.config
    func given(_ id: String) -> String? {
      guard let v = answers[id]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
      return v
    }
    let kind = ComplaintKind(rawValue: given(ComplaintForm.kind) ?? "") ?? .other
    let reference = given(ComplaintForm.reference)
    var service = given(ComplaintForm.about).flatMap { setup.catalogue.service($0) }
    if service == nil, let reference, reference.contains("-") {
      do {
        service = try store.receipt(number: reference).flatMap { setup.catalogue.service($0.serviceID) }
      } catch {
        // The complaint is filed all the same, without the receipt's service.
        logger.error("could not read the receipt named by a complaint", metadata: ["error": "\(type(of: error))"])
      }
    }
    // No store or printer failure hides behind this `try?`: the catalogue is checked at start-up
    // (every service quotes at every area class); a quote that failed leaves the fee out.
    let quote = service.flatMap { try? FeeEngine.quote($0, areaClass: config.areaClass) }
    let complaint: Complaint
    do {
      complaint = try store.fileComplaint(
        centreID: config.receiptPrefix, kind: kind, askedAmount: given(ComplaintForm.asked).flatMap { Int($0) },
        reference: reference, serviceID: service?.id, fee: quote?.centreTotal, mobile: given(ComplaintForm.mobile))
    } catch {
      logger.error("could not file a complaint", metadata: ["error": "\(type(of: error))"])
      send(
        .complaintFailed(
          StaffWords.prefixed(StaffWords.trouble(error), tr("The complaint could not be recorded. Please call staff"))
        ))
      return
    }
    let now = CivilDate(secondsSince1970: complaint.at.timeIntervalSince1970)
    let f = DateFormatter()
    f.dateFormat = "HH:mm"
    f.timeZone = TimeZone(secondsFromGMT: 6 * 3600)
    let slip = ComplaintSlip(
      centre: config.centreName, number: complaint.displayNumber, date: now, time: f.string(from: complaint.at),
      kind: kind.words, askedAmount: complaint.askedAmount, service: service?.name, fee: quote?.centreTotal,
      governmentFee: quote?.governmentAtFilingTotal, reference: reference)
    let counter = self.counter
    let queue = config.slipQueue
    let number = complaint.displayNumber
    let id = complaint.id
    Thread.detachNewThread {
      let pdf = Documents.complaintSlip(slip, paper: counter.printer.rollPaper(forQueue: queue))
      let print = counter.printReporting(
        pdf, draftID: nil, kind: "complaint-slip", queue: queue, title: "complaint-\(id)")
      let outcome = print.outcome
      MainLoop.invoke { [weak self] in
        guard let self else { return }
        self.send(
          .complaintFiled(
            number: number, ok: outcome?.succeeded == true,
            message: outcome?.message ?? print.trouble ?? tr("Printing failed")))
      }
    }
  }
}
