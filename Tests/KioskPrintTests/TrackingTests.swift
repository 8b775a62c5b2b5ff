import Foundation
import KioskCore
import KioskTesting
import Testing

@testable import KioskPrint

/// What to keep and where to follow the application: on the receipt and the slip of every service,
/// as pdftotext reads them, with the service's own tracking words (e-Namjari: mutation.land.gov.bd,
/// the division, the application number and the NID; 16122).
@Suite struct TrackingTests {
  @Test func everyServicesReceiptAndSlipSayWhereToFollowIt() throws {
    let catalogue = try loadCatalogue()
    #expect(catalogue.services.count >= 10)
    for service in catalogue.services {
      for filed in [true, false] {
        var receipt = sampleReceipt()
        receipt.service = service.name
        receipt.applicationNumber = filed ? "NJ-2026-7781" : nil
        receipt.tracking = service.tracking
        let text = squeezed(try pdfText(Documents.moneyReceipt(receipt, paper: .roll80)))
        #expect(text.contains("Tofollowit"), "\(service.id)")
        #expect(text.contains(squeezed(service.tracking.en)), "\(service.id): \(text)")
        #expect(text.contains(squeezed(service.tracking.bn)), "\(service.id): \(text)")
        // "The application number above" only where the receipt has one.
        #expect(text.contains("applicationnumberabove") == filed, "\(service.id), filed \(filed): \(text)")
        #expect(text.contains("NJ-2026-7781") == filed)
        #expect(text.contains("16122"))
      }
      var slip = sampleSlip()
      slip.tracking = service.tracking
      let slipText = squeezed(try pdfText(Documents.acknowledgementSlip(slip)))
      #expect(slipText.contains("Whattokeep") && slipText.contains(squeezed("যা রেখে দেবেন")), "\(service.id)")
      #expect(slipText.contains(squeezed("the portal's application number on your receipt, and your NID number")))
      #expect(slipText.contains(squeezed(service.tracking.en)), "\(service.id): \(slipText)")
    }
    // e-Namjari and its DCR are followed on the mutation portal: division, application number, NID.
    for id in ["namjari", "namjari-dcr"] {
      let tracking = try #require(catalogue.service(id)).tracking
      for needed in ["mutation.land.gov.bd", "division", "application number", "NID", "16122"] {
        #expect(tracking.en.contains(needed), "\(id): \(tracking.en) lacks \(needed)")
      }
      for needed in ["বিভাগ", "আবেদন নম্বর", "জাতীয় পরিচয়পত্র", "১৬১২২"] {
        #expect(tracking.bn.contains(needed), "\(id): \(tracking.bn) lacks \(needed)")
      }
    }
    // A slip with no tracking (a receipt with none: no draft) says nothing of the kind.
    #expect(!squeezed(try pdfText(Documents.acknowledgementSlip(sampleSlip()))).contains("Whattokeep"))
    #expect(!squeezed(try pdfText(Documents.moneyReceipt(sampleReceipt(), paper: .roll80))).contains("Tofollowit"))
  }
}
