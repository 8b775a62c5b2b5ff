/// The pictures of the papers a citizen brings (assets/documents/NAME.svg), for a citizen who
/// reads with difficulty: a document of the catalogue is shown with the picture of its kind, found
/// by the words of its English text.
public enum DocumentPicture: String, Sendable, CaseIterable {
  case deed, nid, khatian, photo, dakhila

  /// The kinds a text names, in the order they are tested: "The representative's national ID card
  /// and one photo" is an NID card and a photo.
  public static func pictures(for text: BilingualText) -> [DocumentPicture] {
    let en = text.en.lowercased()
    var out: [DocumentPicture] = []
    if en.contains("dakhila") || en.contains("tax receipt") { out.append(.dakhila) }
    if en.contains("khatian") && !en.contains("khatian number") { out.append(.khatian) }
    if en.contains("deed") { out.append(.deed) }
    if en.contains("national id") || en.contains(" nid") { out.append(.nid) }
    if en.contains("photo") { out.append(.photo) }
    return out
  }

  /// The file under the share folder.
  public var path: String { "assets/documents/\(rawValue).svg" }
}
