import CPangoCairo
import CPoppler
import Foundation
import KioskCore

/// What kind of printer a queue drives, as `kioskctl printers add --kind` set it up. Kept in the
/// queue's printer-info ("… [bhumiseba:thermal80]"), so every program on the machine reads the same.
public enum PrinterKind: String, Sendable, CaseIterable {
  /// A driverless office printer (IPP Everywhere): PDF, A4.
  case a4
  /// An 80 mm ESC/POS thermal printer: 576 dots at 203 dpi.
  case thermal80
  /// A 58 mm ESC/POS thermal printer: 384 dots at 203 dpi.
  case thermal58

  /// Dots across the printable width (thermal kinds).
  public var dots: Int? {
    switch self {
    case .a4: return nil
    case .thermal80: return 576
    case .thermal58: return 384
    }
  }

  public var tag: String { "[bhumiseba:\(rawValue)]" }

  /// The kind named in a queue's printer-info, if any.
  public static func from(info: String) -> PrinterKind? {
    allCases.first { info.contains($0.tag) }
  }
}

/// A 1-bit image, one row after another, 8 dots to a byte, the leftmost dot in the high bit;
/// a set bit is a black dot (as ESC/POS wants it).
public struct Bitmap: Sendable, Equatable {
  public let width: Int
  public let height: Int
  public var bytesPerRow: Int { (width + 7) / 8 }
  public var bits: [UInt8]

  public init(width: Int, height: Int, bits: [UInt8]) {
    self.width = width
    self.height = height
    self.bits = bits
  }

  public func isBlack(x: Int, y: Int) -> Bool { bits[y * bytesPerRow + x / 8] & (0x80 >> UInt8(x % 8)) != 0 }
}

/// ESC/POS for thermal printers whose own fonts have no Bengali: the document is drawn by our
/// code (Pango shaped it into the PDF; Cairo draws the PDF's glyphs through poppler) to a 1-bit
/// raster at the printer's width and sent as `GS v 0` bands, then cut with `GS V`.
public enum EscPos {
  public enum Problem: Error, Sendable, Equatable {
    case unreadable(String)
  }

  /// The PDF's pages, one under another, at `dots` across (the page's width fills the paper),
  /// thresholded at half grey.
  public static func raster(pdf: Data, dots: Int) throws(Problem) -> Bitmap {
    var why = [CChar](repeating: 0, count: 512)
    let opened = pdf.withUnsafeBytes { raw in cpoppler_open(raw.baseAddress, raw.count, &why, why.count) }
    guard let doc = opened else {
      throw .unreadable(String(decoding: why.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
    defer { cpoppler_close(doc) }
    let pages = Int(cpoppler_pages(doc))
    var sizes: [(Double, Double)] = []
    for i in 0..<pages {
      var w = 0.0
      var h = 0.0
      if cpoppler_page_size(doc, Int32(i), &w, &h) != 0, w > 0 { sizes.append((w, h)) }
    }
    guard !sizes.isEmpty else { throw .unreadable("the PDF has no pages") }
    let heights = sizes.map { Int((Double(dots) * $0.1 / $0.0).rounded(.up)) }
    let total = heights.reduce(0, +)
    let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(dots), Int32(total))
    defer { cairo_surface_destroy(surface) }
    let cr = cairo_create(surface)
    cairo_set_source_rgb(cr, 1, 1, 1)
    cairo_paint(cr)
    var top = 0.0
    for (i, size) in sizes.enumerated() {
      let scale = Double(dots) / size.0
      cairo_save(cr)
      cairo_translate(cr, 0, top)
      cairo_scale(cr, scale, scale)
      cpoppler_render(doc, Int32(i), UnsafeMutableRawPointer(cr))
      cairo_restore(cr)
      top += Double(heights[i])
    }
    cairo_destroy(cr)
    cairo_surface_flush(surface)
    let stride = Int(cairo_image_surface_get_stride(surface))
    guard let data = cairo_image_surface_get_data(surface) else { throw .unreadable("no image memory") }
    let bytesPerRow = (dots + 7) / 8
    var bits = [UInt8](repeating: 0, count: bytesPerRow * total)
    for y in 0..<total {
      let row = data + y * stride
      for x in 0..<dots {
        let px = row + x * 4
        // xRGB in native (little-endian) order: blue, green, red.
        let luma = (Int(px[2]) * 299 + Int(px[1]) * 587 + Int(px[0]) * 114) / 1000
        if luma < 128 { bits[y * bytesPerRow + x / 8] |= 0x80 >> UInt8(x % 8) }
      }
    }
    return Bitmap(width: dots, height: total, bits: bits)
  }

  /// ESC @ (reset), the image as `GS v 0` bands of at most `bandLines` rows (many printers
  /// buffer no more), `ESC d` to feed it past the cutter, `GS V 66 0` to cut.
  public static func encode(_ image: Bitmap, bandLines: Int = 256, feedLines: UInt8 = 4) -> Data {
    var out = Data([0x1B, 0x40])
    let bpr = image.bytesPerRow
    var y = 0
    while y < image.height {
      let lines = min(bandLines, image.height - y)
      out.append(contentsOf: [
        0x1D, 0x76, 0x30, 0x00, UInt8(bpr & 0xFF), UInt8(bpr >> 8), UInt8(lines & 0xFF), UInt8(lines >> 8),
      ])
      out.append(contentsOf: image.bits[(y * bpr)..<((y + lines) * bpr)])
      y += lines
    }
    out.append(contentsOf: [0x1B, 0x64, feedLines, 0x1D, 0x56, 0x42, 0x00])
    return out
  }

  /// The whole path: a PDF to the bytes a thermal printer of `dots` width prints.
  public static func job(pdf: Data, dots: Int) throws(Problem) -> Data {
    encode(try raster(pdf: pdf, dots: dots))
  }

  /// What a thermal printer answered to `DLE EOT` 1, 2 and 4 (real-time status).
  public struct Status: Sendable, Equatable {
    public var offline = false
    public var coverOpen = false
    public var paperOut = false
    public var paperNearEnd = false
    public var error = false

    /// Why no job should be sent now, in words; nil when it may print.
    public var trouble: BilingualText? {
      if paperOut { return tr("The printer is out of paper") }
      if coverOpen { return tr("The printer's cover is open") }
      if error { return Printer.failed }
      if offline { return tr("The printer is offline") }
      return nil
    }

    /// Worth saying though the job goes.
    public var warning: BilingualText? { paperNearEnd ? tr("The printer's paper is running low") : nil }

    /// Reads the status bytes (each has bit 1 and bit 4 set; anything else is not an answer).
    public init?(printer: UInt8, offlineCause: UInt8, paper: UInt8) {
      for b in [printer, offlineCause, paper] where b & 0x93 != 0x12 { return nil }
      offline = printer & 0x08 != 0
      coverOpen = offlineCause & 0x04 != 0
      paperOut = offlineCause & 0x20 != 0 || paper & 0x60 != 0
      error = offlineCause & 0x40 != 0
      paperNearEnd = paper & 0x0C != 0
    }
  }

  public enum StatusAnswer: Sendable, Equatable {
    case status(Status)
    /// Connected, but no (valid) answer within the deadline: the printer does not do real-time status.
    case silent
    /// No connection: nothing listens there, or the printer is off.
    case unreachable
  }

  /// Asks a network thermal printer (raw socket, usually port 9100) for its real-time status,
  /// within `deadline` seconds in all.
  public static func askStatus(host: String, port: UInt16, deadline: Double = 1.5) -> StatusAnswer {
    let end = Date().addingTimeInterval(deadline)
    var hints = addrinfo()
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    var info: UnsafeMutablePointer<addrinfo>?
    guard getaddrinfo(host, String(port), &hints, &info) == 0, let first = info else { return .unreachable }
    defer { freeaddrinfo(info) }
    let fd = socket(first.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
    guard fd >= 0 else { return .unreachable }
    defer { close(fd) }
    if connect(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) != 0 {
      guard errno == EINPROGRESS, wait(fd, for: Int16(POLLOUT), until: end) else { return .unreachable }
      var err: Int32 = 0
      var len = socklen_t(MemoryLayout<Int32>.size)
      getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len)
      guard err == 0 else { return .unreachable }
    }
    var answers: [UInt8] = []
    for n: UInt8 in [1, 2, 4] {
      let query: [UInt8] = [0x10, 0x04, n]
      guard send(fd, query, 3, Int32(MSG_NOSIGNAL)) == 3, wait(fd, for: Int16(POLLIN), until: end) else {
        return .silent
      }
      var byte: UInt8 = 0
      guard recv(fd, &byte, 1, 0) == 1 else { return .silent }
      answers.append(byte)
    }
    guard let status = Status(printer: answers[0], offlineCause: answers[1], paper: answers[2]) else { return .silent }
    return .status(status)
  }

  private static func wait(_ fd: Int32, for events: Int16, until end: Date) -> Bool {
    var p = pollfd(fd: fd, events: events, revents: 0)
    while true {
      let left = Int32(max(0, end.timeIntervalSinceNow * 1000))
      let r = poll(&p, 1, left)
      if r > 0 { return p.revents & events != 0 }
      if r == 0 || errno != EINTR { return false }
    }
  }

  /// `socket://host:port` (port 9100 when missing); nil for other device URIs.
  public static func socketAddress(deviceURI: String) -> (host: String, port: UInt16)? {
    guard deviceURI.hasPrefix("socket://") else { return nil }
    var rest = deviceURI.dropFirst("socket://".count)
    if let cut = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) { rest = rest[..<cut] }
    if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
      let host = String(rest[rest.index(after: rest.startIndex)..<close])
      let after = rest[rest.index(after: close)...]
      return (host, after.hasPrefix(":") ? UInt16(after.dropFirst()) ?? 9100 : 9100)
    }
    if let colon = rest.lastIndex(of: ":") {
      return (String(rest[..<colon]), UInt16(rest[rest.index(after: colon)...]) ?? 9100)
    }
    return (String(rest), 9100)
  }
}
