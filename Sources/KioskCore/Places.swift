import Foundation

/// An administrative unit: division (বিভাগ) → district (জেলা) → upazila (উপজেলা) → union (ইউনিয়ন).
public struct Place: Sendable, Equatable {
  public enum Level: Int, Sendable, Comparable, CaseIterable {
    case division, district, upazila, union
    public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    public var name: BilingualText {
      switch self {
      case .division: return BilingualText(bn: "বিভাগ", en: "Division")
      case .district: return BilingualText(bn: "জেলা", en: "District")
      case .upazila: return BilingualText(bn: "উপজেলা", en: "Upazila")
      case .union: return BilingualText(bn: "ইউনিয়ন", en: "Union")
      }
    }
  }
  public let level: Level
  public let id: Int
  public let name: BilingualText
  /// Index of the parent in `PlaceDirectory.places`.
  public let parent: Int?
}

/// The place list with prefix search in Bengali or English. Defective rows are kept where they can
/// be and reported with file and line.
public struct PlaceDirectory: Sendable {
  public let places: [Place]
  public let defects: [SourceError]
  /// (search key, place index), sorted by key: a prefix query is a binary search and a short scan.
  private let index: [(key: String, place: Int)]

  public struct Match: Sendable, Equatable {
    public let place: Place
    /// From the division down to the place itself.
    public let path: [Place]
    public func label(_ language: Language) -> String {
      path.reversed().map { $0.name[language] }.joined(separator: ", ")
    }
  }

  /// Loads `divisions.csv`, `districts.csv`, `upazilas.csv`, `unions.csv` from `directory`.
  public static func load(directory: String) throws(SourceErrors) -> PlaceDirectory {
    var places: [Place] = []
    var defects: [SourceError] = []
    var byLevel: [Place.Level: [Int: Int]] = [:]  // level → id → index
    let files: [(Place.Level, String, Int, Int)] = [  // level, file, columns, index of name_en
      (.division, "divisions.csv", 4, 1), (.district, "districts.csv", 7, 2), (.upazila, "upazilas.csv", 5, 2),
      (.union, "unions.csv", 5, 2),
    ]
    for (level, name, columns, nameColumn) in files {
      let path = directory + "/" + name
      guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
        throw SourceErrors([SourceError(file: path, line: 0, "missing or unreadable")])
      }
      var seen: [String: Int] = [:]  // "name_en|name_bn" → line, for unions repeated elsewhere
      for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let lineNumber = i + 1
        if line.trimmingSpaces.isEmpty { continue }
        let fields = parseCSVLine(String(line))
        guard fields.count == columns, let id = Int(fields[0]) else {
          defects.append(
            SourceError(file: path, line: lineNumber, "expected \(columns) fields with a numeric id; row skipped"))
          continue
        }
        var parent: Int?
        if level != .division {
          let parentLevel = Place.Level(rawValue: level.rawValue - 1)!
          guard let pid = Int(fields[1]), let p = byLevel[parentLevel]?[pid] else {
            defects.append(
              SourceError(file: path, line: lineNumber, "parent id '\(fields[1])' is not in the list; row skipped"))
            continue
          }
          parent = p
        }
        let en = fields[nameColumn].trimmingSpaces
        var bn = fields[nameColumn + 1].trimmingSpaces.precomposedStringWithCanonicalMapping
        if bn.isEmpty {
          defects.append(
            SourceError(file: path, line: lineNumber, "no Bengali name for '\(en)'; the English name is shown"))
          bn = en
        }
        if en.isEmpty {
          defects.append(SourceError(file: path, line: lineNumber, "no English name; row skipped"))
          continue
        }
        if byLevel[level]?[id] != nil {
          defects.append(SourceError(file: path, line: lineNumber, "id \(id) appears twice; row skipped"))
          continue
        }
        if level == .union {
          let key = en.lowercased() + "|" + bn
          if let first = seen[key] {
            defects.append(
              SourceError(
                file: path, line: lineNumber, "repeats line \(first) ('\(en)') under another upazila; both kept"))
          } else {
            seen[key] = lineNumber
          }
        }
        byLevel[level, default: [:]][id] = places.count
        places.append(Place(level: level, id: id, name: BilingualText(bn: bn, en: en), parent: parent))
      }
    }
    return PlaceDirectory(places: places, defects: defects)
  }

  init(places: [Place], defects: [SourceError]) {
    self.places = places
    self.defects = defects
    var entries: [(key: String, place: Int)] = []
    for (i, p) in places.enumerated() {
      for name in Set([p.name.en, p.name.bn]) {
        let words = PlaceDirectory.normalise(name).split(separator: " ")
        for start in words.indices {
          entries.append((words[start...].joined(separator: " "), i))
        }
      }
    }
    index = entries.sorted { $0.key < $1.key }
  }

  /// Lowercase, NFC, Latin digits, punctuation to spaces, one space between words.
  static func normalise(_ text: String) -> String {
    let folded = BengaliDigits.toLatin(text).precomposedStringWithCanonicalMapping.lowercased()
    return String(folded.map { $0.isLetter || $0.isNumber ? $0 : " " })
      .split(separator: " ").joined(separator: " ")
  }

  /// Places any of whose words (or the whole name) starts with `text`; larger units first.
  public func search(_ text: String, limit: Int = 20) -> [Match] {
    let q = PlaceDirectory.normalise(text)
    if q.isEmpty { return [] }
    var lo = 0
    var hi = index.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if index[mid].key < q { lo = mid + 1 } else { hi = mid }
    }
    var found = Set<Int>()
    var i = lo
    while i < index.count, index[i].key.hasPrefix(q) {
      found.insert(index[i].place)
      i += 1
    }
    return found.sorted { (places[$0].level, places[$0].name.en, $0) < (places[$1].level, places[$1].name.en, $1) }
      .prefix(limit).map { Match(place: places[$0], path: path($0)) }
  }

  public func path(_ index: Int) -> [Place] {
    var out: [Place] = []
    var cur: Int? = index
    while let c = cur {
      out.insert(places[c], at: 0)
      cur = places[c].parent
    }
    return out
  }

  public func children(of parent: Int?) -> [Int] {
    places.indices.filter { places[$0].parent == parent }
  }

  /// Splits one CSV line, with "quoted, fields" and "" for a quote inside quotes.
  static func parseCSVLine(_ line: String) -> [String] {
    var fields: [String] = []
    var current = ""
    var quoted = false
    var chars = Array(line.hasSuffix("\r") ? String(line.dropLast()) : line)[...]
    while let c = chars.popFirst() {
      if quoted {
        if c == "\"" {
          if chars.first == "\"" {
            current.append("\"")
            chars.removeFirst()
          } else {
            quoted = false
          }
        } else {
          current.append(c)
        }
      } else if c == "\"" {
        quoted = true
      } else if c == "," {
        fields.append(current)
        current = ""
      } else {
        current.append(c)
      }
    }
    fields.append(current)
    return fields
  }
}
