import CPangoCairo
import CQREncode
import Foundation

/// One block of a document, drawn top to bottom.
public enum Block: Sendable {
  case text(String, size: Double = 9, bold: Bool = false, align: TextAlign = .left)
  case qr(String, size: Double)
  case rule
  case space(Double)
}

public enum TextAlign: Sendable { case left, center, right }

/// Draws blocks with Pango (HarfBuzz shaping: Bengali conjuncts, reph and vowel signs come out
/// right) onto a Cairo PDF surface held in memory. A roll page is as tall as its content.
enum PDFCanvas {
  static let pointsPerMM = 72.0 / 25.4
  /// Noto Sans Bengali for Bengali, Noto Sans for Latin (fonts-noto-core).
  static let family = "Noto Sans Bengali, Noto Sans"

  private final class Sink {
    var data = Data()
  }

  /// A single page `widthMM` wide, as long as the blocks need (a thermal roll).
  static func rollPDF(widthMM: Double, marginMM: Double = 4, blocks: [Block]) -> Data {
    let width = widthMM * pointsPerMM
    let margin = marginMM * pointsPerMM
    let sink = Sink()
    let unmanaged = Unmanaged.passRetained(sink)
    defer { unmanaged.release() }
    let surface = cairo_pdf_surface_create_for_stream(
      { closure, bytes, length in
        guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
        Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
        return CAIRO_STATUS_SUCCESS
      }, unmanaged.toOpaque(), width, 1000)
    let cr = cairo_create(surface)!
    let inner = width - 2 * margin
    // Lay out first, then size the page, then draw: set_size must come before any drawing.
    var laidOut: [(block: Block, layout: OpaquePointer?, height: Double)] = []
    for block in blocks {
      switch block {
      case .text(let text, let size, let bold, let align):
        let layout = makeLayout(cr, text: text, size: size, bold: bold, align: align, width: inner)
        var w: Int32 = 0
        var h: Int32 = 0
        pango_layout_get_size(layout, &w, &h)
        laidOut.append((block, layout, Double(h) / Double(PANGO_SCALE) + 2))
      case .qr(_, let size): laidOut.append((block, nil, size + 4))
      case .rule: laidOut.append((block, nil, 6))
      case .space(let h): laidOut.append((block, nil, h))
      }
    }
    let height = laidOut.reduce(2 * margin) { $0 + $1.height }
    cairo_pdf_surface_set_size(surface, width, height)
    var y = margin
    for item in laidOut {
      switch item.block {
      case .text:
        cairo_move_to(cr, margin, y)
        pango_cairo_show_layout(cr, item.layout)
        g_object_unref(UnsafeMutableRawPointer(item.layout))
      case .qr(let payload, let size):
        drawQR(cr, payload: payload, x: (width - size) / 2, y: y + 2, size: size)
      case .rule:
        cairo_set_line_width(cr, 0.6)
        cairo_move_to(cr, margin, y + 3)
        cairo_line_to(cr, width - margin, y + 3)
        cairo_stroke(cr)
      case .space: break
      }
      y += item.height
    }
    cairo_show_page(cr)
    cairo_destroy(cr)
    cairo_surface_finish(surface)
    cairo_surface_destroy(surface)
    return sink.data
  }

  static func makeLayout(
    _ cr: OpaquePointer, text: String, size: Double, bold: Bool, align: TextAlign, width: Double
  ) -> OpaquePointer? {
    let layout = pango_cairo_create_layout(cr)
    let desc = pango_font_description_from_string("\(family) \(bold ? "Bold " : "")\(size)")
    pango_layout_set_font_description(layout, desc)
    pango_font_description_free(desc)
    pango_layout_set_width(layout, Int32(width * Double(PANGO_SCALE)))
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
    switch align {
    case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
    case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
    case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
    }
    pango_layout_set_text(layout, text, -1)
    return layout
  }

  /// A QR code (libqrencode, error correction M) as filled squares, with a quiet zone.
  static func drawQR(_ cr: OpaquePointer, payload: String, x: Double, y: Double, size: Double) {
    guard let code = QRcode_encodeString(payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { return }
    defer { QRcode_free(code) }
    let n = Int(code.pointee.width)
    let module = size / Double(n + 8)
    cairo_set_source_rgb(cr, 1, 1, 1)
    cairo_rectangle(cr, x, y, size, size)
    cairo_fill(cr)
    cairo_set_source_rgb(cr, 0, 0, 0)
    for row in 0..<n {
      for col in 0..<n where code.pointee.data[row * n + col] & 1 == 1 {
        cairo_rectangle(cr, x + Double(col + 4) * module, y + Double(row + 4) * module, module, module)
      }
    }
    cairo_fill(cr)
  }
}
