import Foundation
import KioskCore

extension Documents {
  /// The page `kioskctl printers test` prints: the edges of the printable width (alignment),
  /// Bengali with conjuncts, reph and vowel signs as Pango shapes them, and a QR code to scan.
  public static func testPage(queue: String, kind: PrinterKind, centre: BilingualText, date: CivilDate) -> Data {
    let roll = kind != .a4
    let qr = "BHUMISEBA-TEST|\(queue)|\(kind.rawValue)|\(date.formatted(.en))"
    let digits = String(repeating: "1234567890", count: roll ? 5 : 10)
    let blocks: [Block] = [
      .text(tr("Printer test").both, size: 12, bold: true, align: .center),
      .text(centre.bn, size: 9, align: .center),
      .text(centre.en, size: 9, align: .center),
      .text("\(queue) · \(kind.rawValue) · \(date.formatted(.en))", size: 8, align: .center),
      .rule,
      .text(tr("Alignment: the arrows mark the left and right margins").both, size: 8),
      .row(["◀", "▶"], widths: [0.5, 0.5], size: 12, bold: true),
      .text(digits, size: 8),
      .rule,
      .text(tr("Bengali text").both, size: 9, bold: true),
      .text(tr("Sample of Bengali shaping").bn, size: 12),
      .text(tr("Sample of Bengali shaping").bn, size: 9),
      .text(tr("Sample of Bengali shaping").en, size: 8),
      .rule,
      .text(tr("Scan this code: it must read as below").both, size: 8, align: .center),
      .qr(qr, size: roll ? 110 : 140),
      .text(qr, size: 7, align: .center),
    ]
    let paper: PaperSize = kind == .a4 ? .a4 : .roll(widthMM: kind == .thermal58 ? 58 : 80)
    return PDFCanvas.pdf(paper, marginMM: roll ? 4 : 18, blocks: blocks)
  }
}
