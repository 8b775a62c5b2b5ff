import CPoppler
import Foundation

/// A PDF that staff downloaded from the portal (a khatian, a DCR) and print for a citizen.
public struct Handout: Sendable {
  public let pdf: Data
  public let pageCount: Int

  public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
    case notAPDF(String)
    case empty
    public var description: String {
      switch self {
      case .notAPDF(let why): return "not a readable PDF: \(why)"
      case .empty: return "the PDF has no pages"
      }
    }
  }

  /// Opens the PDF with poppler to check it and count its pages (the handout's fee line counts them).
  public init(pdf: Data) throws(Problem) {
    var error: UnsafeMutablePointer<GError>?
    let bytes = pdf.withUnsafeBytes { raw in g_bytes_new(raw.baseAddress, gsize(raw.count)) }
    defer { g_bytes_unref(bytes) }
    guard let doc = poppler_document_new_from_bytes(bytes, nil, &error) else {
      let message = error.map { String(cString: $0.pointee.message) } ?? "unknown error"
      if let error { g_error_free(error) }
      throw .notAPDF(message)
    }
    defer { g_object_unref(UnsafeMutableRawPointer(doc)) }
    let pages = Int(poppler_document_get_n_pages(doc))
    guard pages > 0 else { throw .empty }
    self.pdf = pdf
    self.pageCount = pages
  }
}
