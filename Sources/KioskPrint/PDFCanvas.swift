import CPangoCairo
import CQREncode
import CRsvg
import Foundation

/// One block of a document, drawn top to bottom.
public enum Block: Sendable {
  case text(String, size: Double = 9, bold: Bool = false, align: TextAlign = .left)
  /// Cells across the width; `widths` are fractions of it. The last cell is right-aligned when
  /// `rightAlignLast` (amounts).
  case row([String], widths: [Double], size: Double = 9, bold: Bool = false, rightAlignLast: Bool = true)
  case qr(String, size: Double)
  /// A line of text with pictures (SVG files, drawn `pictureSize` points square) at its left: a
  /// document to bring, for a citizen who reads with difficulty. Without pictures the words start
  /// where they would after one.
  case pictured(String, pictures: [String], size: Double, pictureSize: Double)
  case rule
  case space(Double)
}

public enum TextAlign: Sendable { case left, center, right }

/// Page geometry: a thermal roll (as long as the content) or cut sheets such as A4.
public enum PaperSize: Sendable {
  case roll(widthMM: Double)
  case sheet(widthMM: Double, heightMM: Double)
  public static let roll80 = PaperSize.roll(widthMM: 80)
  /// A 58 mm roll: its documents are laid out at that width (words wrap sooner), not the 80 mm
  /// layout shrunk onto 384 dots.
  public static let roll58 = PaperSize.roll(widthMM: 58)
  public static let a4 = PaperSize.sheet(widthMM: 210, heightMM: 297)
}

/// Draws blocks with Pango (HarfBuzz shaping: Bengali conjuncts, reph and vowel signs come out
/// right) onto a Cairo PDF surface held in memory.
enum PDFCanvas {
  static let pointsPerMM = 72.0 / 25.4
  /// Noto Sans Bengali for Bengali, Noto Sans for Latin (fonts-noto-core).
  static let family = "Noto Sans Bengali, Noto Sans"

  private final class Sink {
    var data = Data()
  }

  private struct Laid {
    let block: Block
    var layouts: [OpaquePointer?]
    let height: Double
  }

  static func pdf(_ paper: PaperSize, marginMM: Double, footer: ((Int, Int) -> String)? = nil, blocks: [Block]) -> Data
  {
    KioskFonts.narrow()  // the same fonts as on the screen, whichever program prints
    let width: Double
    var pageHeight: Double?
    switch paper {
    case .roll(let w): width = w * pointsPerMM
    case .sheet(let w, let h):
      width = w * pointsPerMM
      pageHeight = h * pointsPerMM
    }
    let margin = marginMM * pointsPerMM
    let sink = Sink()
    let unmanaged = Unmanaged.passRetained(sink)
    defer { unmanaged.release() }
    let surface = cairo_pdf_surface_create_for_stream(
      { closure, bytes, length in
        guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
        Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
        return CAIRO_STATUS_SUCCESS
      }, unmanaged.toOpaque(), width, pageHeight ?? 1000)
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Bhumiseba Kiosk")
    let cr = cairo_create(surface)!
    let inner = width - 2 * margin
    // Lay out first (to size a roll and to paginate sheets), then draw.
    var laid: [Laid] = []
    for block in blocks {
      switch block {
      case .text(let text, let size, let bold, let align):
        let layout = makeLayout(cr, text: text, size: size, bold: bold, align: align, width: inner)
        laid.append(Laid(block: block, layouts: [layout], height: height(layout) + 2))
      case .row(let cells, let widths, let size, let bold, let rightAlignLast):
        var layouts: [OpaquePointer?] = []
        var h = 0.0
        for (i, cell) in cells.enumerated() {
          let align: TextAlign = (rightAlignLast && i == cells.count - 1 && i > 0) ? .right : .left
          let l = makeLayout(cr, text: cell, size: size, bold: bold, align: align, width: inner * widths[i] - 4)
          layouts.append(l)
          h = max(h, height(l))
        }
        laid.append(Laid(block: block, layouts: layouts, height: h + 2))
      case .pictured(let text, let pictures, let size, let pictureSize):
        let layout = makeLayout(
          cr, text: text, size: size, bold: false, align: .left, width: inner - indent(pictures.count, pictureSize))
        laid.append(
          Laid(block: block, layouts: [layout], height: max(height(layout), pictures.isEmpty ? 0 : pictureSize) + 4))
      case .qr(_, let size): laid.append(Laid(block: block, layouts: [], height: size + 4))
      case .rule: laid.append(Laid(block: block, layouts: [], height: 6))
      case .space(let h): laid.append(Laid(block: block, layouts: [], height: h))
      }
    }
    // Pages: a roll is one page as long as its content; a sheet breaks before a block that does not fit.
    var pages: [[Int]] = [[]]
    let footerSpace = footer == nil ? 0 : 14.0
    if let pageHeight {
      var y = margin
      for (i, item) in laid.enumerated() {
        if y + item.height > pageHeight - margin - footerSpace, !pages[pages.count - 1].isEmpty {
          pages.append([])
          y = margin
        }
        pages[pages.count - 1].append(i)
        y += item.height
      }
    } else {
      pages[0] = Array(laid.indices)
      cairo_pdf_surface_set_size(surface, width, laid.reduce(2 * margin) { $0 + $1.height })
    }
    for (p, page) in pages.enumerated() {
      var y = margin
      for i in page {
        let item = laid[i]
        switch item.block {
        case .text:
          cairo_move_to(cr, margin, y)
          pango_cairo_show_layout(cr, item.layouts[0])
        case .row(_, let widths, _, _, _):
          var x = margin
          for (j, l) in item.layouts.enumerated() {
            cairo_move_to(cr, x, y)
            pango_cairo_show_layout(cr, l)
            x += inner * widths[j]
          }
        case .pictured(_, let pictures, _, let pictureSize):
          var x = margin
          for picture in pictures {
            drawSVG(cr, path: picture, x: x, y: y + 2, size: pictureSize)
            x += pictureSize + 4
          }
          let textHeight = height(item.layouts[0])
          let middle = pictures.isEmpty ? 0 : max(0, (pictureSize - textHeight) / 2)
          cairo_move_to(cr, margin + indent(pictures.count, pictureSize), y + 2 + middle)
          pango_cairo_show_layout(cr, item.layouts[0])
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
      if let footer, let pageHeight {
        let l = makeLayout(cr, text: footer(p + 1, pages.count), size: 8, bold: false, align: .center, width: inner)
        cairo_move_to(cr, margin, pageHeight - margin)
        pango_cairo_show_layout(cr, l)
        g_object_unref(UnsafeMutableRawPointer(l))
      }
      cairo_show_page(cr)
    }
    for item in laid { for l in item.layouts { g_object_unref(UnsafeMutableRawPointer(l)) } }
    cairo_destroy(cr)
    cairo_surface_finish(surface)
    cairo_surface_destroy(surface)
    return sink.data
  }

  static func height(_ layout: OpaquePointer?) -> Double {
    var w: Int32 = 0
    var h: Int32 = 0
    pango_layout_get_size(layout, &w, &h)
    return Double(h) / Double(PANGO_SCALE)
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

  /// Where a pictured line's words start: after its pictures, and at least one picture's width in,
  /// so that the lines of a list with and without pictures start at one place.
  static func indent(_ pictures: Int, _ pictureSize: Double) -> Double {
    Double(max(1, pictures)) * (pictureSize + 4) + 4
  }

  /// An SVG file (librsvg) drawn into a `size`-point square. A picture that cannot be read is
  /// left out (the line's words still say what to bring); `PDFCanvas.unreadableSVGs` names such
  /// files before anything is printed, and the catalogue test holds every picture to it.
  static func drawSVG(_ cr: OpaquePointer, path: String, x: Double, y: Double, size: Double) {
    var error: UnsafeMutablePointer<GError>?
    guard let handle = rsvg_handle_new_from_file(path, &error) else {
      if let error { g_error_free(error) }
      return
    }
    defer { g_object_unref(UnsafeMutableRawPointer(handle)) }
    var viewport = RsvgRectangle(x: x, y: y, width: size, height: size)
    cairo_save(cr)
    if rsvg_handle_render_document(handle, cr, &viewport, &error) == 0, let error { g_error_free(error) }
    cairo_restore(cr)
    cairo_set_source_rgb(cr, 0, 0, 0)
  }

  /// The SVG files of `paths` that librsvg cannot read, each with why.
  public static func unreadableSVGs(_ paths: [String]) -> [(path: String, reason: String)] {
    paths.compactMap { path in
      var error: UnsafeMutablePointer<GError>?
      if let handle = rsvg_handle_new_from_file(path, &error) {
        g_object_unref(UnsafeMutableRawPointer(handle))
        return nil
      }
      defer { if let error { g_error_free(error) } }
      return (path, error.map { String(cString: $0.pointee.message) } ?? "unreadable")
    }
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
