import Foundation

/// A small JSON reader that keeps the line of every value, so that a mistake in a catalogue file is
/// reported as `file:line: what is wrong` (Foundation's decoder reports only a coding path).
public indirect enum JSONValue: Sendable, Equatable {
  case object([(key: String, value: JSONNode)])
  case array([JSONNode])
  case string(String)
  case number(String)
  case bool(Bool)
  case null

  public static func == (a: JSONValue, b: JSONValue) -> Bool {
    switch (a, b) {
    case (.object(let x), .object(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    case (.array(let x), .array(let y)): return x == y
    case (.string(let x), .string(let y)), (.number(let x), .number(let y)): return x == y
    case (.bool(let x), .bool(let y)): return x == y
    case (.null, .null): return true
    default: return false
    }
  }
}

public struct JSONNode: Sendable, Equatable {
  public let line: Int
  public let value: JSONValue

  public static func parse(_ text: String, file: String) throws(SourceError) -> JSONNode {
    var parser = JSONParser(bytes: Array(text.utf8), file: file)
    parser.skipSpace()
    let node = try parser.value()
    parser.skipSpace()
    if parser.pos < parser.bytes.count { throw parser.error("unexpected text after the JSON value") }
    return node
  }
}

struct JSONParser {
  let bytes: [UInt8]
  let file: String
  var pos = 0
  var line = 1
  /// Objects and lists open around the value being read. A catalogue needs about 6; the limit
  /// keeps a hostile file (2,000 levels) from overflowing the stack of this recursive reader.
  var depth = 0
  static let maxDepth = 64

  func error(_ message: String) -> SourceError { SourceError(file: file, line: line, message) }

  mutating func skipSpace() {
    while pos < bytes.count {
      switch bytes[pos] {
      case UInt8(ascii: "\n"):
        line += 1
        pos += 1
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): pos += 1
      default: return
      }
    }
  }

  mutating func expect(_ c: Character) throws(SourceError) {
    skipSpace()
    guard pos < bytes.count, bytes[pos] == c.asciiValue! else {
      throw error("expected '\(c)'")
    }
    pos += 1
  }

  mutating func value() throws(SourceError) -> JSONNode {
    skipSpace()
    guard pos < bytes.count else { throw error("unexpected end of file") }
    let startLine = line
    let opens = bytes[pos] == UInt8(ascii: "{") || bytes[pos] == UInt8(ascii: "[")
    if opens {
      if depth >= JSONParser.maxDepth {
        throw error("objects and lists nested more than \(JSONParser.maxDepth) deep")
      }
      depth += 1
    }
    defer { if opens { depth -= 1 } }
    switch bytes[pos] {
    case UInt8(ascii: "{"):
      pos += 1
      var members: [(key: String, value: JSONNode)] = []
      skipSpace()
      if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") {
        pos += 1
        return JSONNode(line: startLine, value: .object(members))
      }
      while true {
        skipSpace()
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
        let key = try string()
        if members.contains(where: { $0.key == key }) { throw error("key \"\(key)\" appears twice") }
        try expect(":")
        members.append((key, try value()))
        skipSpace()
        guard pos < bytes.count else { throw error("unexpected end of file in an object") }
        if bytes[pos] == UInt8(ascii: ",") {
          pos += 1
          continue
        }
        if bytes[pos] == UInt8(ascii: "}") {
          pos += 1
          return JSONNode(line: startLine, value: .object(members))
        }
        throw error("expected ',' or '}'")
      }
    case UInt8(ascii: "["):
      pos += 1
      var items: [JSONNode] = []
      skipSpace()
      if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") {
        pos += 1
        return JSONNode(line: startLine, value: .array(items))
      }
      while true {
        items.append(try value())
        skipSpace()
        guard pos < bytes.count else { throw error("unexpected end of file in an array") }
        if bytes[pos] == UInt8(ascii: ",") {
          pos += 1
          continue
        }
        if bytes[pos] == UInt8(ascii: "]") {
          pos += 1
          return JSONNode(line: startLine, value: .array(items))
        }
        throw error("expected ',' or ']'")
      }
    case UInt8(ascii: "\""):
      return JSONNode(line: startLine, value: .string(try string()))
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    default:
      let start = pos
      while pos < bytes.count, "+-0123456789.eE".utf8.contains(bytes[pos]) { pos += 1 }
      guard pos > start else { throw error("unexpected character") }
      let text = String(decoding: bytes[start..<pos], as: UTF8.self)
      guard Double(text) != nil else { throw error("'\(text)' is not a number") }
      return JSONNode(line: startLine, value: .number(text))
    }
  }

  mutating func literal(_ word: String, _ value: JSONValue) throws(SourceError) -> JSONNode {
    let w = Array(word.utf8)
    guard pos + w.count <= bytes.count, Array(bytes[pos..<pos + w.count]) == w else {
      throw error("unexpected word")
    }
    pos += w.count
    return JSONNode(line: line, value: value)
  }

  mutating func string() throws(SourceError) -> String {
    pos += 1  // opening quote
    var out: [UInt8] = []
    while pos < bytes.count {
      let b = bytes[pos]
      pos += 1
      switch b {
      case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
      case UInt8(ascii: "\n"): throw error("line break inside a string")
      case UInt8(ascii: "\\"):
        guard pos < bytes.count else { break }
        let e = bytes[pos]
        pos += 1
        switch e {
        case UInt8(ascii: "n"): out.append(10)
        case UInt8(ascii: "t"): out.append(9)
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
        case UInt8(ascii: "u"):
          guard pos + 4 <= bytes.count,
            let v = UInt32(String(decoding: bytes[pos..<pos + 4], as: UTF8.self), radix: 16),
            let scalar = Unicode.Scalar(v)
          else { throw error("bad \\u escape") }
          pos += 4
          out.append(contentsOf: Array(String(Character(scalar)).utf8))
        default: throw error("unknown escape")
        }
      default: out.append(b)
      }
    }
    throw error("unterminated string")
  }
}

/// Reads the members of one JSON object, collecting problems instead of stopping at the first, and
/// reporting keys nobody asked for (a misspelt key must not be silently ignored).
public final class ObjectReader {
  public let node: JSONNode
  let file: String
  let members: [(key: String, value: JSONNode)]
  private var used: Set<String> = []
  private(set) var errors: [SourceError] = []

  public init(_ node: JSONNode, file: String, what: String) {
    self.node = node
    self.file = file
    if case .object(let m) = node.value {
      members = m
    } else {
      members = []
      errors.append(SourceError(file: file, line: node.line, "\(what) must be an object"))
    }
  }

  func fail(_ line: Int, _ message: String) { errors.append(SourceError(file: file, line: line, message)) }
  func fail(_ message: String) { fail(node.line, message) }

  public func raw(_ key: String) -> JSONNode? {
    used.insert(key)
    return members.first(where: { $0.key == key })?.value
  }

  public func has(_ key: String) -> Bool { members.contains(where: { $0.key == key }) }

  public func string(_ key: String, required: Bool = true) -> String? {
    guard let n = raw(key) else {
      if required { fail("missing \"\(key)\"") }
      return nil
    }
    guard case .string(let s) = n.value, !s.isEmpty else {
      fail(n.line, "\"\(key)\" must be a non-empty string")
      return nil
    }
    return s
  }

  public func int(_ key: String, required: Bool = true, range: ClosedRange<Int> = 0...Int.max) -> Int? {
    guard let n = raw(key) else {
      if required { fail("missing \"\(key)\"") }
      return nil
    }
    guard case .number(let s) = n.value, let v = Int(s), range.contains(v) else {
      fail(n.line, "\"\(key)\" must be a whole number from \(range.lowerBound) to \(range.upperBound)")
      return nil
    }
    return v
  }

  public func bool(_ key: String) -> Bool? {
    guard let n = raw(key) else { return nil }
    guard case .bool(let b) = n.value else {
      fail(n.line, "\"\(key)\" must be true or false")
      return nil
    }
    return b
  }

  /// `{"bn": "…", "en": "…"}`: both translations are required.
  public func text(_ key: String, required: Bool = true) -> BilingualText? {
    guard let n = raw(key) else {
      if required { fail("missing \"\(key)\" (Bengali and English)") }
      return nil
    }
    return bilingual(n, key)
  }

  func bilingual(_ n: JSONNode, _ key: String) -> BilingualText? {
    let r = ObjectReader(n, file: file, what: "\"\(key)\"")
    let bn = r.string("bn"), en = r.string("en")
    errors.append(
      contentsOf: r.finish().map { e in
        SourceError(
          file: e.file, line: e.line,
          e.message.replacingFirst("missing \"bn\"", "missing Bengali translation (\"bn\") of \"\(key)\"")
            .replacingFirst("missing \"en\"", "missing English translation (\"en\") of \"\(key)\""))
      })
    guard let bn, let en else { return nil }
    return BilingualText(bn: bn, en: en)
  }

  public func array(_ key: String, required: Bool = true) -> [JSONNode]? {
    guard let n = raw(key) else {
      if required { fail("missing \"\(key)\"") }
      return nil
    }
    guard case .array(let items) = n.value else {
      fail(n.line, "\"\(key)\" must be a list")
      return nil
    }
    return items
  }

  public func texts(_ key: String, required: Bool = true) -> [BilingualText]? {
    array(key, required: required)?.compactMap { bilingual($0, key) }
  }

  public func strings(_ key: String, required: Bool = true) -> [String]? {
    array(key, required: required)?.compactMap { n in
      if case .string(let s) = n.value { return s }
      fail(n.line, "\"\(key)\" must be a list of strings")
      return nil
    }
  }

  public func child(_ key: String, required: Bool = true) -> ObjectReader? {
    guard let n = raw(key) else {
      if required { fail("missing \"\(key)\"") }
      return nil
    }
    return ObjectReader(n, file: file, what: "\"\(key)\"")
  }

  public func absorb(_ other: ObjectReader) { errors.append(contentsOf: other.finish()) }

  /// Every problem found, with the keys that no reader asked for.
  public func finish() -> [SourceError] {
    for m in members where !used.contains(m.key) {
      fail(m.value.line, "unknown field \"\(m.key)\"")
    }
    used.formUnion(members.map(\.key))
    let result = errors
    errors = []
    return result
  }
}

extension String {
  func replacingFirst(_ target: String, _ replacement: String) -> String {
    guard let r = range(of: target) else { return self }
    return replacingCharacters(in: r, with: replacement)
  }
}
