/// One token of a day, as the waiting figures need it (nothing of the citizen).
public struct QueueSample: Sendable, Equatable {
  public let serviceID: String
  /// waiting, called, served or skipped.
  public let state: String
  public let issuedAt: Double
  public let calledAt: Double?

  public init(serviceID: String, state: String, issuedAt: Double, calledAt: Double?) {
    self.serviceID = serviceID
    self.state = state
    self.issuedAt = issuedAt
    self.calledAt = calledAt
  }
}

/// The figures of one group of tokens (an hour, a service, the whole day).
public struct QueueFigureRow: Sendable, Codable, Equatable {
  /// The hour ("09" for 09:00–09:59, Bangladesh time), the service's id, or "" for the day.
  public var key: String
  public var issued = 0
  public var called = 0
  public var served = 0
  public var skipped = 0
  /// Issue → call, over the tokens called; nil when none was called.
  public var meanWaitSeconds: Double?
  /// The 90th percentile of the same waits (nearest rank: 9 in 10 waited this long or less).
  public var p90WaitSeconds: Double?
  public var maxWaitSeconds: Double?

  public init(key: String) { self.key = key }

  /// Tokens issued and not yet called.
  public var waiting: Int { issued - called }
}

/// The centre manager's waiting figures of a day: tokens issued, called, served and skipped, and
/// how long citizens waited from their token to their call, for the day, by hour and by service.
/// A token counts in the hour it was issued (the hour the citizen came), waits included.
public struct QueueFigures: Sendable, Codable, Equatable {
  public var day: CivilDate
  public var total: QueueFigureRow
  /// Hours with at least one token, in order.
  public var byHour: [QueueFigureRow]
  /// Services with at least one token, by id.
  public var byService: [QueueFigureRow]

  public init(day: CivilDate, samples: [QueueSample], utcOffsetSeconds: Int = 6 * 3600) {
    self.day = day
    total = QueueFigures.row("", samples)
    let hours = Dictionary(grouping: samples) { s -> String in
      let local = Int((s.issuedAt + Double(utcOffsetSeconds)).rounded(.down))
      let h = ((local % 86400 + 86400) % 86400) / 3600
      return h < 10 ? "0\(h)" : "\(h)"
    }
    byHour = hours.keys.sorted().map { QueueFigures.row($0, hours[$0]!) }
    let services = Dictionary(grouping: samples, by: \.serviceID)
    byService = services.keys.sorted().map { QueueFigures.row($0, services[$0]!) }
  }

  static func row(_ key: String, _ samples: [QueueSample]) -> QueueFigureRow {
    var r = QueueFigureRow(key: key)
    var waits: [Double] = []
    for s in samples {
      r.issued += 1
      if let called = s.calledAt {
        r.called += 1
        waits.append(max(0, called - s.issuedAt))
      }
      if s.state == "served" { r.served += 1 }
      if s.state == "skipped" { r.skipped += 1 }
    }
    waits.sort()
    if !waits.isEmpty {
      r.meanWaitSeconds = waits.reduce(0, +) / Double(waits.count)
      r.p90WaitSeconds = percentile(waits, 0.9)
      r.maxWaitSeconds = waits.last
    }
    return r
  }

  /// The nearest-rank percentile of sorted values: the smallest value with at least `p` of all
  /// values at or below it. Nil for no values.
  public static func percentile(_ sorted: [Double], _ p: Double) -> Double? {
    guard !sorted.isEmpty else { return nil }
    let rank = Int((p * Double(sorted.count)).rounded(.up))
    return sorted[min(sorted.count, max(1, rank)) - 1]
  }

  /// A wait in whole minutes, "১২ মিনিট" / "12 min"; "—" for none.
  public static func minutes(_ seconds: Double?, _ language: Language) -> String {
    guard let seconds else { return "—" }
    let m = String(Int((seconds / 60).rounded()))
    return tr("{1} min", .digits(m))[language]
  }

  /// "০৯:০০–১০:০০" / "09:00–10:00" for an hour's key.
  public static func hourSpan(_ key: String, _ language: Language) -> String {
    let h = Int(key) ?? 0
    let next = h + 1 < 10 ? "0\(h + 1)" : "\(h + 1)"
    let text = "\(key):00–\(next):00"
    return language == .bn ? BengaliDigits.toBengali(text) : text
  }
}
