import Foundation
import KioskTesting
import Testing

@testable import KioskCore

@Suite struct DocumentPictureTests {
  @Test func eachKindHasItsPictureAndIsFoundInTheCatalogue() throws {
    for kind in DocumentPicture.allCases {
      let svg = try String(contentsOfFile: TestPaths.repoRoot + "/" + kind.path, encoding: .utf8)
      #expect(svg.hasPrefix("<svg") && svg.contains("viewBox"), "\(kind.path) is an SVG picture")
    }
    let c = try loadCatalogue()
    var found = Set<DocumentPicture>()
    for s in c.services { for d in s.documents { found.formUnion(DocumentPicture.pictures(for: d.text)) } }
    #expect(found == Set(DocumentPicture.allCases), "every picture is used by some document")
    let t = { (en: String) in DocumentPicture.pictures(for: BilingualText(bn: "", en: en)) }
    #expect(t("The representative's national ID card and one photo") == [.nid, .photo])
    #expect(t("Land development tax receipt (dakhila)") == [.dakhila])
    #expect(t("The khatian number") == [])
    #expect(t("The heba (gift) deed") == [.deed])
  }
}
