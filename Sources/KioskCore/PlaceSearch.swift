/// How a typed name is compared with the place names, in either script.
///
/// Three keys per name:
/// - `normalised`: lowercase, NFC, Latin digits, words separated by one space (apostrophes dropped);
///   equal keys are an exact match, a key that begins a word of the name a prefix match.
/// - `sound`: the consonant skeleton of how the name is said, the same for Bengali and Latin
///   spellings: aspirates folded (খ/kh → k, ভ/bh/v → b), ণ = ন, শ = ষ = স = sh = s, য = জ = z = j,
///   ড়/ঢ় = r, ং/ঙ = ng, ঁ = n, ক্ষ = ks, and ্য/্ব (silent or doubling) dropped; vowels dropped; double
///   letters once. কেরাণীগঞ্জ, কেরানীগঞ্জ, Keraniganj and keranigonj all become `krngnj`; Barisal and
///   Barishal `brsl`; Bogra and Bogura `bgr`; Jessore, Jashore and যশোর `jsr`.
/// - `voiced`: the same with its vowels (a = o, i = ee = y, u = w): ranks names of one skeleton by
///   how close their vowels are.
///
/// Names that sound nothing alike (Chittagong/Chattogram, Dacca/Dhaka) are in `aliases.csv`.
enum PlaceKey {
  /// `nfc`: the text is known to be in NFC already (the loader makes the names so), which saves
  /// Foundation's normalisation on each of ten thousand names.
  static func normalised(_ text: String, nfc: Bool = false) -> String {
    var out = String.UnicodeScalarView()
    var space = true  // no space at the start, one between words
    let source = nfc || text.utf8.allSatisfy({ $0 < 0x80 }) ? text : text.precomposedStringWithCanonicalMapping
    for s in source.unicodeScalars {
      var c = s
      switch s.value {
      case 0x27, 0x2019: continue  // Cox's, Cox’s
      case 0x41...0x5A: c = Unicode.Scalar(s.value + 0x20)!
      case 0x61...0x7A, 0x30...0x39: break
      case 0x09E6...0x09EF: c = Unicode.Scalar(s.value - 0x09E6 + 0x30)!  // Bengali digits
      case 0x0980...0x09FF where s.value != 0x09F7: break  // letters, vowel signs, hasanta, nukta
      case 0...0x7F: c = " "
      default:
        if s.properties.isAlphabetic || s.properties.numericType != nil {
          let lower = s.properties.lowercaseMapping.unicodeScalars
          if lower.count == 1 { c = lower.first! }
        } else {
          c = " "
        }
      }
      if c == " " {
        if !space { out.append(" ") }
        space = true
      } else {
        out.append(c)
        space = false
      }
    }
    if out.last == " " { out.removeLast() }
    return String(out)
  }

  /// The spoken form of each word of a normalised text, as ASCII: consonants and the vowels a,
  /// e, i, u.
  static func voicedWords(normalised n: String) -> [[UInt8]] {
    n.split(separator: " ").map { word in
      if word.utf8.allSatisfy({ $0 < 0x80 }) { return latin(Array(word.utf8)) }
      let scalars = Array(word.unicodeScalars)
      if scalars.contains(where: { (0x0980...0x09FF).contains($0.value) }) { return bengali(scalars) }
      return latin(Array(String(word).folding(options: [.diacriticInsensitive], locale: nil).utf8))
    }
  }

  static func voicedWords(_ text: String) -> [[UInt8]] { voicedWords(normalised: normalised(text)) }

  static func isVowel(_ c: UInt8) -> Bool { c == a || c == e || c == i || c == u }

  /// Consonants only, double letters once, words run together.
  static func sound(_ words: [[UInt8]]) -> [UInt8] {
    squeeze(words.joined().filter { !isVowel($0) })
  }

  static func voiced(_ words: [[UInt8]]) -> [UInt8] { squeeze(Array(words.joined())) }

  static func squeeze(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    for b in bytes where out.last != b { out.append(b) }
    return out
  }

  static let a = UInt8(ascii: "a")
  static let e = UInt8(ascii: "e")
  static let i = UInt8(ascii: "i")
  static let u = UInt8(ascii: "u")

  static func latin(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    var k = 0
    while k < bytes.count {
      let c = bytes[k]
      let next = k + 1 < bytes.count ? bytes[k + 1] : 0
      if next == UInt8(ascii: "h"), let folded = aspirate[c] {
        out.append(folded)
        k += 2
        continue
      }
      switch c {
      case UInt8(ascii: "a"), UInt8(ascii: "o"): out.append(a)
      case UInt8(ascii: "e"): out.append(e)
      case UInt8(ascii: "i"), UInt8(ascii: "y"): out.append(i)
      case UInt8(ascii: "u"), UInt8(ascii: "w"): out.append(u)
      case UInt8(ascii: "c"), UInt8(ascii: "q"): out.append(UInt8(ascii: "k"))
      case UInt8(ascii: "v"): out.append(UInt8(ascii: "b"))
      case UInt8(ascii: "z"): out.append(UInt8(ascii: "j"))
      case UInt8(ascii: "x"): out += [UInt8(ascii: "k"), UInt8(ascii: "s")]
      case UInt8(ascii: "b")...UInt8(ascii: "z"): out.append(c)
      default: break  // digits and anything else are not sounds
      }
      k += 1
    }
    return out
  }

  /// kh gh ch jh th dh ph bh sh rh: one sound each.
  static let aspirate: [UInt8: UInt8] = [
    UInt8(ascii: "k"): UInt8(ascii: "k"), UInt8(ascii: "g"): UInt8(ascii: "g"), UInt8(ascii: "c"): UInt8(ascii: "c"),
    UInt8(ascii: "j"): UInt8(ascii: "j"), UInt8(ascii: "t"): UInt8(ascii: "t"), UInt8(ascii: "d"): UInt8(ascii: "d"),
    UInt8(ascii: "p"): UInt8(ascii: "f"), UInt8(ascii: "b"): UInt8(ascii: "b"), UInt8(ascii: "s"): UInt8(ascii: "s"),
    UInt8(ascii: "r"): UInt8(ascii: "r"),
  ]

  /// Bengali consonants (U+0995…U+09B9) and what they sound like here.
  static let consonants: [UInt32: String] = [
    0x0995: "k", 0x0996: "k", 0x0997: "g", 0x0998: "g", 0x0999: "ng", 0x099A: "c", 0x099B: "c", 0x099C: "j",
    0x099D: "j", 0x099E: "n", 0x099F: "t", 0x09A0: "t", 0x09A1: "d", 0x09A2: "d", 0x09A3: "n", 0x09A4: "t",
    0x09A5: "t", 0x09A6: "d", 0x09A7: "d", 0x09A8: "n", 0x09AA: "p", 0x09AB: "f", 0x09AC: "b", 0x09AD: "b",
    0x09AE: "m", 0x09AF: "j", 0x09B0: "r", 0x09B2: "l", 0x09B6: "s", 0x09B7: "s", 0x09B8: "s", 0x09B9: "h",
    0x09DC: "r", 0x09DD: "r", 0x09CE: "t",
  ]
  /// Independent vowels and vowel signs.
  static let vowels: [UInt32: String] = [
    0x0985: "a", 0x0986: "a", 0x0987: "i", 0x0988: "i", 0x0989: "u", 0x098A: "u", 0x098B: "ri", 0x098F: "e",
    0x0990: "ai", 0x0993: "a", 0x0994: "au", 0x09BE: "a", 0x09BF: "i", 0x09C0: "i", 0x09C1: "u", 0x09C2: "u",
    0x09C3: "ri", 0x09C7: "e", 0x09C8: "ai", 0x09CB: "a", 0x09CC: "au", 0x09DF: "i",
  ]

  static func bengali(_ scalars: [Unicode.Scalar]) -> [UInt8] {
    var out: [UInt8] = []
    var inherent = false  // the last sound was a consonant whose vowel অ has not been cancelled
    var afterHasanta = false
    var k = 0
    while k < scalars.count {
      let s = scalars[k].value
      let nukta = k + 1 < scalars.count && scalars[k + 1].value == 0x09BC
      defer { k += nukta ? 2 : 1 }
      if s == 0x09CD {  // হসন্ত: no vowel after the consonant
        inherent = false
        afterHasanta = true
        continue
      }
      let joined = afterHasanta
      afterHasanta = false
      if var sound = consonants[s] {
        if nukta { sound = s == 0x09AF ? "i" : "r" }  // য় (a vowel glide here), ড়, ঢ়
        if joined && !nukta && (s == 0x09AF || s == 0x09AC) { continue }  // য-ফলা, ব-ফলা
        if inherent { out.append(a) }
        if sound == "i" {
          out.append(i)
          inherent = false
        } else {
          out += Array(sound.utf8)
          inherent = s != 0x09CE
        }
      } else if let sound = vowels[s] {
        if inherent && s < 0x09BE { out.append(a) }  // an independent vowel after a consonant
        out += Array(sound.utf8)
        inherent = false
      } else if s == 0x0982 {  // ং
        if inherent { out.append(a) }
        out += Array("ng".utf8)
        inherent = false
      } else if s == 0x0981 {  // ঁ: a nasal vowel, written n in Latin (গাঁও gaon, চাঁদ chand)
        if inherent { out.append(a) }
        out.append(UInt8(ascii: "n"))
        inherent = false
      } else if s < 0x80 {
        out += latin([UInt8(s)])
        inherent = false
      }
    }
    return out
  }

  /// Edit distance between two short keys, or nil once it is over `limit`.
  static func distance(_ x: [UInt8], _ y: [UInt8], limit: Int) -> Int? {
    if abs(x.count - y.count) > limit { return nil }
    if x.isEmpty || y.isEmpty { return max(x.count, y.count) <= limit ? max(x.count, y.count) : nil }
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for (xi, xc) in x.enumerated() {
      current[0] = xi + 1
      var best = current[0]
      for (yi, yc) in y.enumerated() {
        current[yi + 1] = Swift.min(previous[yi] + (xc == yc ? 0 : 1), previous[yi + 1] + 1, current[yi] + 1)
        best = Swift.min(best, current[yi + 1])
      }
      if best > limit { return nil }
      swap(&previous, &current)
    }
    return previous[y.count] <= limit ? previous[y.count] : nil
  }
}

/// The search index over every name and alias of the places.
struct PlaceIndex: Sendable {
  struct Name: Sendable {
    let place: Int
    let normalised: String
    let sound: [UInt8]
    let voiced: [UInt8]
  }
  let names: [Name]
  let namesByPlace: [[Int]]
  let exact: [[UInt8]: [Int]]
  let sameSound: [[UInt8]: [Int]]
  /// (normalised name from one of its words on, as UTF-8, name), sorted by bytes: a prefix query
  /// is a binary search.
  let prefixes: [(key: [UInt8], name: Int)]
  /// (sound from one of its words on, name), sorted.
  let soundPrefixes: [(key: [UInt8], name: Int)]
  /// By first sound: (sound from one of its words on, name), for the near misses.
  let near: [UInt8: [(key: [UInt8], name: Int)]]

  /// `names`: in NFC (the loader makes them so).
  init(placeCount: Int, names input: [(place: Int, text: String)]) {
    var names: [Name] = []
    var namesByPlace = [[Int]](repeating: [], count: placeCount)
    var exact: [[UInt8]: [Int]] = [:]
    var sameSound: [[UInt8]: [Int]] = [:]
    var prefixes: [(key: [UInt8], name: Int)] = []
    var soundPrefixes: [(key: [UInt8], name: Int)] = []
    var near: [UInt8: [(key: [UInt8], name: Int)]] = [:]
    names.reserveCapacity(input.count)
    prefixes.reserveCapacity(input.count * 2)
    soundPrefixes.reserveCapacity(input.count * 2)
    for (place, text) in input {
      let n = PlaceKey.normalised(text, nfc: true)
      if n.isEmpty || namesByPlace[place].contains(where: { names[$0].normalised == n }) { continue }
      let words = PlaceKey.voicedWords(normalised: n)
      let id = names.count
      let sound = PlaceKey.sound(words)
      names.append(Name(place: place, normalised: n, sound: sound, voiced: PlaceKey.voiced(words)))
      namesByPlace[place].append(id)
      let bytes = Array(n.utf8)
      exact[bytes, default: []].append(id)
      if !sound.isEmpty { sameSound[sound, default: []].append(id) }
      prefixes.append((bytes, id))
      for (k, b) in bytes.enumerated() where b == 0x20 {
        prefixes.append((Array(bytes[(k + 1)...]), id))
      }
      for start in words.indices {
        let key = PlaceKey.sound(Array(words[start...]))
        guard let first = key.first else { continue }
        soundPrefixes.append((key, id))
        near[first, default: []].append((key, id))
      }
    }
    self.names = names
    self.namesByPlace = namesByPlace
    self.exact = exact
    self.sameSound = sameSound
    self.prefixes = prefixes.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    self.soundPrefixes = soundPrefixes.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    self.near = near
  }

  /// For each place found, its best (quality, distance of the vowels).
  func find(_ text: String) -> [Int: (quality: PlaceDirectory.Quality, distance: Int)] {
    let q = PlaceKey.normalised(text)
    var found: [Int: (quality: PlaceDirectory.Quality, distance: Int)] = [:]
    if q.isEmpty { return found }
    let words = PlaceKey.voicedWords(normalised: q)
    let sound = PlaceKey.sound(words)
    let voiced = PlaceKey.voiced(words)
    func offer(_ name: Int, _ quality: PlaceDirectory.Quality) {
      let n = names[name]
      let d: Int
      switch quality {
      case .exact, .prefix: d = 0
      default: d = PlaceKey.distance(voiced, n.voiced, limit: 99) ?? 99
      }
      if let old = found[n.place], (old.quality, old.distance) <= (quality, d) { return }
      found[n.place] = (quality, d)
    }
    let qBytes = Array(q.utf8)
    for name in exact[qBytes] ?? [] { offer(name, .exact) }
    // Two sounds say too little to be sure (kera and Keora are both k-r): below the prefixes then.
    if sound.count >= 2 {
      for name in sameSound[sound] ?? [] { offer(name, sound.count >= 3 ? .sameSound : .soundsLike) }
    }
    // Prefixes: a binary search, then the run of keys that begin with the query.
    var lo = 0
    var hi = prefixes.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if prefixes[mid].key.lexicographicallyPrecedes(qBytes) { lo = mid + 1 } else { hi = mid }
    }
    while lo < prefixes.count, prefixes[lo].key.starts(with: qBytes) {
      offer(prefixes[lo].name, .prefix)
      lo += 1
    }
    guard sound.count >= 3 else { return found }
    lo = 0
    hi = soundPrefixes.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if soundPrefixes[mid].key.lexicographicallyPrecedes(sound) { lo = mid + 1 } else { hi = mid }
    }
    while lo < soundPrefixes.count, soundPrefixes[lo].key.starts(with: sound) {
      offer(soundPrefixes[lo].name, .soundsLike)
      lo += 1
    }
    // Near misses: none for three sounds or fewer, one wrong sound for up to six, two beyond; the
    // allowance follows the shorter of the two (a long jumble is not near a short name), the first
    // sound must agree (people rarely mistype the first letter) and so must half the vowels.
    func allowance(_ n: Int) -> Int { n <= 3 ? 0 : n <= 6 ? 1 : 2 }
    for (key, name) in near[sound[0]] ?? [] where abs(key.count - sound.count) <= allowance(sound.count) {
      let limit = allowance(min(key.count, sound.count))
      if let d = PlaceKey.distance(sound, key, limit: limit) {
        let n = names[name]
        guard let vowels = PlaceKey.distance(voiced, n.voiced, limit: max(voiced.count, n.voiced.count) / 2) else {
          continue
        }
        let distance = d * 100 + vowels
        if let old = found[n.place], (old.quality, old.distance) <= (.similar, distance) { continue }
        found[n.place] = (.similar, distance)
      }
    }
    return found
  }
}
