import Foundation

/// An administrative unit: division (বিভাগ) → district (জেলা) → upazila (উপজেলা) or city corporation
/// (সিটি কর্পোরেশন) → union (ইউনিয়ন) or thana (থানা) → ward (ওয়ার্ড, a numbered part of a city
/// corporation; not in `PlaceDirectory.places`: see `PlaceDirectory.ward(_:under:)`).
public struct Place: Sendable, Equatable {
  public enum Level: Int, Sendable, Comparable, CaseIterable {
    case division, district, upazila, cityCorporation, union, thana, ward
    public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    /// How far down: division 0, district 1, upazila or city corporation 2, union or thana 3,
    /// ward 4.
    public var depth: Int {
      switch self {
      case .division: return 0
      case .district: return 1
      case .upazila, .cityCorporation: return 2
      case .union, .thana: return 3
      case .ward: return 4
      }
    }
    public var name: BilingualText {
      switch self {
      case .division: return tr("Division")
      case .district: return tr("District")
      case .upazila: return tr("Upazila")
      case .cityCorporation: return tr("City corporation")
      case .union: return tr("Union")
      case .thana: return tr("Thana")
      case .ward: return tr("Ward")
      }
    }
    /// Order among equally good matches: city corporations before upazilas (the centres stand in
    /// cities), the hand-listed thanas before the unions (whose names repeat across the country).
    public var rank: Int {
      switch self {
      case .division: return 0
      case .district: return 1
      case .cityCorporation: return 2
      case .upazila: return 3
      case .thana: return 4
      case .union: return 5
      case .ward: return 6
      }
    }
    /// As written in `aliases.csv`.
    public var key: String {
      switch self {
      case .division: return "division"
      case .district: return "district"
      case .upazila: return "upazila"
      case .cityCorporation: return "city-corporation"
      case .union: return "union"
      case .thana: return "thana"
      case .ward: return "ward"
      }
    }
  }
  public let level: Level
  public let id: Int
  public let name: BilingualText
  /// Index of the parent in `PlaceDirectory.places`.
  public let parent: Int?
  public init(level: Level, id: Int, name: BilingualText, parent: Int?) {
    self.level = level
    self.id = id
    self.name = name
    self.parent = parent
  }
}

/// The place list, with search that forgives spelling (see `PlaceKey`) in Bengali or English, and
/// the children of each place for the picker. Defective rows are kept where they can be and
/// reported with file and line.
public struct PlaceDirectory: Sendable {
  public let places: [Place]
  public let defects: [SourceError]
  /// How many numbered wards each city corporation has (`city-corporation-wards.csv`), by the
  /// corporation's index in `places`; a corporation not listed there offers no ward.
  public let wardCounts: [Int: Int]
  let index: PlaceIndex
  let childLists: [Int: [Int]]
  let roots: [Int]
  let ranks: [Int]

  /// How a name matched what was typed, best first.
  public enum Quality: Int, Sendable, Comparable {
    /// The name or an alias, as typed (case, digits and punctuation aside).
    case exact
    /// Spelled otherwise but said the same (কেরাণীগঞ্জ/কেরানীগঞ্জ/keranigonj, Barisal/Barishal).
    case sameSound
    /// A word of the name begins with what was typed.
    case prefix
    /// A word of the name begins with what was typed, said the same.
    case soundsLike
    /// A near miss: a sound or two wrong.
    case similar
    public static func < (a: Quality, b: Quality) -> Bool { a.rawValue < b.rawValue }
  }

  public struct Match: Sendable, Equatable {
    public let place: Place
    /// Its index in `PlaceDirectory.places`; a ward's (not in that list) is its thana's or city
    /// corporation's.
    public let index: Int
    /// From the division down to the place itself.
    public let path: [Place]
    public let quality: Quality
    public func label(_ language: Language) -> String {
      path.reversed().map { $0.name[language] }.joined(separator: ", ")
    }
  }

  /// Loads `divisions.csv`, `districts.csv`, `upazilas.csv`, `city-corporations.csv`, `unions.csv`,
  /// `thanas.csv`, `city-corporation-wards.csv` and `aliases.csv` from `directory` (the city
  /// corporations, thanas, wards and aliases may be missing).
  public static func load(directory: String) throws(SourceErrors) -> PlaceDirectory {
    var places: [Place] = []
    var defects: [SourceError] = []
    var byLevel: [Place.Level: [Int: Int]] = [:]  // level → id → index
    // level, file, parent level, columns, index of name_en, required
    let files: [(Place.Level, String, Place.Level?, Int, Int, Bool)] = [
      (.division, "divisions.csv", nil, 4, 1, true), (.district, "districts.csv", .division, 7, 2, true),
      (.upazila, "upazilas.csv", .district, 5, 2, true),
      (.cityCorporation, "city-corporations.csv", .district, 5, 2, false),
      (.union, "unions.csv", .upazila, 5, 2, true), (.thana, "thanas.csv", .cityCorporation, 5, 2, false),
    ]
    func lines(_ name: String, required: Bool) throws(SourceErrors) -> [ArraySlice<UInt8>]? {
      let path = directory + "/" + name
      guard let data = FileManager.default.contents(atPath: path), String(data: data, encoding: .utf8) != nil else {
        if !required { return nil }
        throw SourceErrors([SourceError(file: path, line: 0, "missing or unreadable")])
      }
      return [UInt8](data).split(separator: 0x0A, omittingEmptySubsequences: false)
    }
    func blank(_ line: ArraySlice<UInt8>) -> Bool { line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }
    for (level, name, parentLevel, columns, nameColumn, required) in files {
      let path = directory + "/" + name
      guard let rows = try lines(name, required: required) else { continue }
      var seen: [String: Int] = [:]  // "name_en|name_bn" → line, for unions repeated elsewhere
      for (i, line) in rows.enumerated() {
        let lineNumber = i + 1
        if blank(line) { continue }
        let fields = parseCSVLine(line)
        guard fields.count == columns, let id = Int(fields[0]) else {
          defects.append(
            SourceError(file: path, line: lineNumber, "expected \(columns) fields with a numeric id; row skipped"))
          continue
        }
        var parent: Int?
        if let parentLevel {
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
    // city-corporation-wards.csv: city_corporation_id, number of wards, source — entered by hand.
    // Which ward lies in which thana is not known: a citizen chooses the ward's number after the
    // thana, among all of the corporation's.
    var wardCounts: [Int: Int] = [:]
    if let rows = try lines("city-corporation-wards.csv", required: false) {
      let path = directory + "/city-corporation-wards.csv"
      for (i, line) in rows.enumerated() where !blank(line) {
        let f = parseCSVLine(line)
        guard f.count == 3, let id = Int(f[0].trimmingSpaces), let count = Int(f[1].trimmingSpaces) else {
          defects.append(
            SourceError(
              file: path, line: i + 1, "expected: city_corporation_id, number of wards, source; row skipped"))
          continue
        }
        guard let corporation = byLevel[.cityCorporation]?[id] else {
          defects.append(
            SourceError(
              file: path, line: i + 1, "city corporation id '\(f[0])' is not in city-corporations.csv; row skipped"))
          continue
        }
        guard (1...Self.maxWards).contains(count) else {
          defects.append(
            SourceError(
              file: path, line: i + 1, "\(count) wards: expected 1 to \(Self.maxWards); row skipped"))
          continue
        }
        guard !f[2].trimmingSpaces.isEmpty else {
          defects.append(
            SourceError(file: path, line: i + 1, "no source for the number of wards; row skipped"))
          continue
        }
        guard wardCounts[corporation] == nil else {
          defects.append(
            SourceError(file: path, line: i + 1, "city corporation \(id) appears twice; row skipped"))
          continue
        }
        wardCounts[corporation] = count
      }
    }
    // aliases.csv: variant, level, id — other spellings of a place (old official names, Latin
    // spellings that sound nothing like the name).
    var aliases: [(place: Int, text: String)] = []
    if let rows = try lines("aliases.csv", required: false) {
      let path = directory + "/aliases.csv"
      let levels = Dictionary(uniqueKeysWithValues: Place.Level.allCases.map { ($0.key, $0) })
      for (i, line) in rows.enumerated() where !blank(line) {
        let f = parseCSVLine(line)
        guard f.count == 3, let level = levels[f[1]], let id = Int(f[2]), let place = byLevel[level]?[id] else {
          defects.append(
            SourceError(file: path, line: i + 1, "expected: variant, level, id of a listed place; skipped"))
          continue
        }
        aliases.append((place, f[0].precomposedStringWithCanonicalMapping))
      }
    }
    return PlaceDirectory(places: places, defects: defects, aliases: aliases, wardCounts: wardCounts)
  }

  /// More wards than any corporation has (Dhaka South, the largest, has 75): a larger number in
  /// the file is a typing slip.
  static let maxWards = 200

  init(
    places: [Place], defects: [SourceError], aliases: [(place: Int, text: String)] = [], wardCounts: [Int: Int] = [:]
  ) {
    self.places = places
    self.defects = defects
    self.wardCounts = wardCounts
    var names: [(place: Int, text: String)] = []
    var children: [Int: [Int]] = [:]
    var roots: [Int] = []
    for (i, p) in places.enumerated() {
      names.append((i, p.name.bn))
      names.append((i, p.name.en))
      if let parent = p.parent { children[parent, default: []].append(i) } else { roots.append(i) }
    }
    ranks = places.map(\.level.rank)
    index = PlaceIndex(placeCount: places.count, names: names + aliases)
    childLists = children
    self.roots = roots
  }

  /// Places whose names (or aliases) match `text`, best first: the name as typed, then the same
  /// name spelled otherwise, then names that begin with it, then near misses; larger units first
  /// among equals. "Tejgaon, Dhaka" (or a whole answer "তেজগাঁও, ঢাকা উত্তর সিটি কর্পোরেশন, ঢাকা,
  /// ঢাকা") keeps the Tejgaon whose parents match the later parts.
  ///
  /// A ward ("ward 26", "২৬ নং ওয়ার্ড", "ওয়ার্ড নং ২৬, তেজগাঁও") is found under the places after
  /// it, or, typed alone, under `scope` (the thana or city corporation chosen in the list), or
  /// else under every city corporation that has a ward of that number.
  public func search(_ text: String, limit: Int = 20, scope: Int? = nil) -> [Match] {
    let parts = text.split(separator: ",").map(String.init).filter { !PlaceKey.normalised($0).isEmpty }
    guard let first = parts.first else { return [] }
    if let number = Self.wardNumber(first) {
      return wardMatches(number, above: parts.dropFirst(), scope: scope, limit: limit)
    }
    var found = within(index.find(first), parts.dropFirst())
    let words = PlaceKey.normalised(first).split(separator: " ").map(String.init)
    if found.isEmpty && parts.count == 1 && words.count > 1 {
      // "Savar Dhaka", "Tejgaon Dhaka North": a name, then its parents, without commas.
      for k in stride(from: words.count - 1, through: 1, by: -1) {
        let name = words[..<k].joined(separator: " ")
        found = within(index.find(name), [words[k...].joined(separator: " ")])
        if !found.isEmpty { break }
      }
      // "Uttara sector 7", "Mirpur 10": what the list has of the beginning, offered to tap, never
      // taken as the answer by itself.
      for k in stride(from: words.count - 1, through: 1, by: -1) where found.isEmpty {
        found = index.find(words[..<k].joined(separator: " ")).filter { $0.value.quality <= .prefix }
          .mapValues { (quality: PlaceDirectory.Quality.similar, distance: $0.distance) }
      }
    }
    // Only the best `limit` are put in order by name (comparing names is the slow part).
    let ordered = found.sorted { x, y in
      (x.value.quality, x.value.distance, ranks[x.key], x.key)
        < (y.value.quality, y.value.distance, ranks[y.key], y.key)
    }
    var cut = min(limit, ordered.count)
    if cut > 0 {
      let last = ordered[cut - 1].value
      // Keep the whole run of equals at the cut, so that the name decides among them.
      while cut < ordered.count, ordered[cut].value == last, ranks[ordered[cut].key] == ranks[ordered[cut - 1].key] {
        cut += 1
      }
    }
    return ordered.prefix(cut).sorted { x, y in
      let a = (x.value.quality, x.value.distance, ranks[x.key])
      let b = (y.value.quality, y.value.distance, ranks[y.key])
      if a != b { return a < b }
      return (places[x.key].name.en, x.key) < (places[y.key].name.en, y.key)
    }.prefix(limit).map { Match(place: places[$0.key], index: $0.key, path: path($0.key), quality: $0.value.quality) }
  }

  /// The places found whose parents match each of `above` (names said the same or exactly).
  func within(
    _ found: [Int: (quality: Quality, distance: Int)], _ above: some Collection<String>
  ) -> [Int: (quality: Quality, distance: Int)] {
    if above.isEmpty { return found }
    let parents = above.map { index.find($0) }
    return found.filter { place, _ in
      var ancestors = Set<Int>()
      var up = places[place].parent
      while let a = up {
        ancestors.insert(a)
        up = places[a].parent
      }
      return parents.allSatisfy { matches in
        matches.contains { ancestors.contains($0.key) && $0.value.quality <= .sameSound }
      }
    }
  }

  /// What a typed place answer is stored as: the whole path of the one place it names, in the
  /// screen's language (a whole answer in either language is kept as it is). Refused when it names
  /// no place ("not found"), or several that are not one inside another ("which one?").
  public func resolve(_ text: String, language: Language) -> Result<String, ValidationFailure> {
    let matches = search(text, limit: 50)
    guard let best = matches.first, best.quality <= .sameSound else {
      return .failure(matches.isEmpty ? Self.notFound : Self.whichOne)
    }
    // A whole answer as the picker writes it, in either language, is kept as it is (its digits
    // Latin, as every answer is stored: a ward's number).
    let cleaned = Validators.clean(text)
    for m in matches
    where m.path.count > 1
      && (Validators.clean(m.label(.bn)) == cleaned || Validators.clean(m.label(.en)) == cleaned)
    {
      return .success(cleaned)
    }
    let top = matches.prefix { $0.quality == best.quality }
    let deepest = top.max { $0.path.count < $1.path.count }!
    guard top.allSatisfy({ deepest.path.contains($0.place) }) else { return .failure(Self.whichOne) }
    // One inside the other (Dhaka the division and the district; Savar the upazila and its union):
    // the upazila or district is meant, not the larger unit nor a union of the same name.
    let meant = top.filter { $0.path.count <= 3 }.max { $0.path.count < $1.path.count } ?? deepest
    return .success(meant.label(language))
  }

  public static let notFound = ValidationFailure(
    tr("Not found: no place in the list has this name. Check the spelling, or choose from the list."))
  public static let whichOne = ValidationFailure(
    tr("Not sure which place you mean: tap yours among the names below, or choose from the list."))

  /// Indices in `places` from the division down to `index`.
  public func lineage(_ index: Int) -> [Int] {
    var out: [Int] = []
    var cur: Int? = index
    while let c = cur {
      out.insert(c, at: 0)
      cur = places[c].parent
    }
    return out
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

  /// The places directly under `parent` (the divisions under nil), in the order of the files.
  public func children(of parent: Int?) -> [Int] {
    guard let parent else { return roots }
    return childLists[parent] ?? []
  }

  /// Splits one CSV line, with "quoted, fields" and "" for a quote inside quotes.
  static func parseCSVLine(_ line: String) -> [String] { parseCSVLine(Array(line.utf8)[...]) }

  /// The same on the line's UTF-8 bytes (the loader's way: no grapheme breaking on 30,000 fields).
  static func parseCSVLine(_ line: ArraySlice<UInt8>) -> [String] {
    let quote = UInt8(ascii: "\"")
    let comma = UInt8(ascii: ",")
    var fields: [String] = []
    var current: [UInt8] = []
    var quoted = false
    var bytes = line
    if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
    var k = bytes.startIndex
    while k < bytes.endIndex {
      let c = bytes[k]
      k += 1
      if quoted {
        if c == quote {
          if k < bytes.endIndex && bytes[k] == quote {
            current.append(quote)
            k += 1
          } else {
            quoted = false
          }
        } else {
          current.append(c)
        }
      } else if c == quote {
        quoted = true
      } else if c == comma {
        fields.append(String(decoding: current, as: UTF8.self))
        current = []
      } else {
        current.append(c)
      }
    }
    fields.append(String(decoding: current, as: UTF8.self))
    return fields
  }
}

// MARK: - Wards (ওয়ার্ড): numbered parts of a city corporation

extension PlaceDirectory {
  /// The city corporation of the place at `index`: itself, or a thana's; nil for anything else.
  public func corporation(of index: Int) -> Int? {
    guard places.indices.contains(index) else { return nil }
    let place = places[index]
    if place.level == .cityCorporation { return index }
    if place.level == .thana, let parent = place.parent, places[parent].level == .cityCorporation { return parent }
    return nil
  }

  /// How many wards a citizen can choose from under the place at `index` (a thana or a city
  /// corporation): all of its corporation's, since which ward lies in which thana is not known;
  /// 0 where no count is listed.
  public func wardCount(under index: Int) -> Int {
    corporation(of: index).flatMap { wardCounts[$0] } ?? 0
  }

  /// Ward `number` as a place under the thana or city corporation at `index` ("Ward No. 26",
  /// "ওয়ার্ড নং 26": digits Latin, as every answer is stored, shown in the screen's script), or
  /// nil when its corporation has no ward of that number.
  public func ward(_ number: Int, under index: Int) -> Place? {
    guard number >= 1, number <= wardCount(under: index) else { return nil }
    return Place(level: .ward, id: number, name: tr("Ward No. {1}", .same(String(number))), parent: index)
  }

  /// The answer for the place at `index` and, when given, ward `ward` below it: the whole path,
  /// smallest first ("ওয়ার্ড নং 26, তেজগাঁও, ঢাকা উত্তর সিটি কর্পোরেশন, ঢাকা, ঢাকা").
  public func answer(_ index: Int, ward: Int? = nil, language: Language) -> String {
    var path = path(index)
    if let ward, let place = self.ward(ward, under: index) { path.append(place) }
    return path.reversed().map { $0.name[language] }.joined(separator: ", ")
  }

  /// Where a tap in the place list leads.
  public enum PickerStep: Sendable, Equatable {
    /// The places below this one (its index in `places`).
    case open(Int)
    /// The ward numbers under this thana or city corporation, and "I don't know my ward".
    case wards(Int)
    /// The question is answered with this text.
    case answer(String)
  }

  /// A place tapped in the list: the list below it; the wards, for a thana of a corporation with
  /// wards listed; else the place is the answer.
  public func tapped(_ index: Int, language: Language) -> PickerStep {
    if !children(of: index).isEmpty { return .open(index) }
    // A thana, or a city corporation whose thanas are not listed (all but Dhaka's two): its wards.
    let level = places[index].level
    if (level == .thana || level == .cityCorporation) && wardCount(under: index) > 0 { return .wards(index) }
    return .answer(answer(index, language: language))
  }

  /// "My union (thana) is not in the list" at an upazila or a city corporation: the corporation's
  /// wards when it has them listed, else the upazila or corporation is the answer.
  public func notListed(_ index: Int, language: Language) -> PickerStep {
    if places[index].level == .cityCorporation && wardCount(under: index) > 0 { return .wards(index) }
    return .answer(answer(index, language: language))
  }

  /// A ward number tapped under the thana or corporation at `index`, or "I don't know my ward"
  /// (nil): the answer stops at the thana (corporation) then.
  public func wardChosen(_ number: Int?, under index: Int, language: Language) -> PickerStep {
    .answer(answer(index, ward: number, language: language))
  }

  /// The number in a typed ward: "ward 26", "Ward No. 26", "ward no.26", "26 no ward", "ওয়ার্ড ২৬",
  /// "ওয়ার্ড নং ২৬", "২৬ নং ওয়ার্ড", "২৬নং ওয়ার্ড", "ওয়ার্ড নম্বর ২৬"; nil for anything else (a
  /// place name: "Mirpur 10" is not a ward).
  static func wardNumber(_ text: String) -> Int? {
    // Digits apart from letters ("২৬নং", "ward26"), after normalising (Bengali digits Latin).
    var spaced = String.UnicodeScalarView()
    var lastDigit: Bool?
    for s in PlaceKey.normalised(text).unicodeScalars {
      let digit = (0x30...0x39).contains(s.value)
      if s != " ", let last = lastDigit, last != digit { spaced.append(" ") }
      spaced.append(s)
      lastDigit = s == " " ? nil : digit
    }
    var number: Int?
    var ward = false
    for word in String(spaced).split(separator: " ").map(String.init) {
      if word.unicodeScalars.allSatisfy({ (0x30...0x39).contains($0.value) }) {
        guard number == nil, word.count <= 3, let n = Int(word), n > 0 else { return nil }
        number = n
      } else if wardWords.contains(word) {
        if ward { return nil }
        ward = true
      } else if !numberWords.contains(word) {
        return nil
      }
    }
    return ward ? number : nil
  }

  /// ওয়ার্ড is written with য় as one letter or as য and a dot (normalised, the same).
  static let wardWords: Set<String> = Set(["ward", "wards", "ওয়ার্ড", "ওয়াড"].map { PlaceKey.normalised($0) })
  static let numberWords: Set<String> = Set(
    ["no", "nong", "number", "num", "নং", "নম্বর", "নাম্বার"].map { PlaceKey.normalised($0) })

  /// Ward `number` under what `above` names (a thana or city corporation, or a district or
  /// division: each corporation in it), or, with nothing above, under `scope` or every corporation.
  func wardMatches(_ number: Int, above: ArraySlice<String>, scope: Int?, limit: Int) -> [Match] {
    var out: [Match] = []
    var seen = Set<Int>()
    func offer(_ index: Int, _ quality: Quality) {
      guard !seen.contains(index), let ward = ward(number, under: index) else { return }
      seen.insert(index)
      out.append(Match(place: ward, index: index, path: path(index) + [ward], quality: quality))
    }
    if above.isEmpty {
      if let scope, corporation(of: scope) != nil {
        offer(scope, .exact)
      } else {
        for (i, p) in places.enumerated() where p.level == .cityCorporation { offer(i, .exact) }
      }
      return Array(out.prefix(limit))
    }
    // The places named best, when they are named as typed or said the same ("ward 26, Tejgaon":
    // not Tejgaon Industrial Area's); only while nothing is named so ("ward 26, Tejg"), all the
    // names they begin, to tap.
    let named = search(above.joined(separator: ","), limit: 50)
    let best = named.first?.quality ?? .similar
    let sure = best <= .sameSound ? named.filter { $0.quality == best } : named
    for m in sure {
      switch m.place.level {
      case .thana, .cityCorporation:
        offer(m.index, m.quality)
      case .division, .district:
        for (i, p) in places.enumerated() where p.level == .cityCorporation && lineage(i).contains(m.index) {
          offer(i, m.quality)
        }
      default:
        break
      }
    }
    return Array(out.prefix(limit))
  }
}
