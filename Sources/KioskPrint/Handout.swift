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
    var why = [CChar](repeating: 0, count: 512)
    let pages = Int(pdf.withUnsafeBytes { raw in cpoppler_page_count(raw.baseAddress, raw.count, &why, why.count) })
    if pages < 0 {
      throw .notAPDF(String(decoding: why.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
    guard pages > 0 else { throw .empty }
    self.pdf = pdf
    self.pageCount = pages
  }
}
