import Foundation
import KioskCore
import KioskPrint
import KioskStore

/// kiosk-bench places | store [DRAFTS] | print  — figures for the README; never part of the tests.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().path

func percentile(_ sorted: [Double], _ p: Double) -> Double {
  sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}

func report(_ name: String, _ samples: [Double], budget: Double? = nil) {
  let s = samples.sorted()
  let p50 = percentile(s, 0.5)
  let p99 = percentile(s, 0.99)
  var line = String(format: "%@: n=%d p50=%.3f ms p99=%.3f ms max=%.3f ms", name, s.count, p50, p99, s.last ?? 0)
  if let budget { line += String(format: " (budget p99 ≤ %.0f ms: %@)", budget, p99 <= budget ? "met" : "NOT MET") }
  print(line)
}

func time(_ body: () throws -> Void) rethrows -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  try body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
}

func benchPlaces() throws {
  let loadMS = try time { _ = try PlaceDirectory.load(directory: root + "/assets/places") }
  let d = try PlaceDirectory.load(directory: root + "/assets/places")
  print(String(format: "places: loading and indexing %d places: %.1f ms", d.places.count, loadMS))
  var generator = SystemRandomNumberGenerator()
  var samples: [Double] = []
  for _ in 0..<600 {
    let place = d.places.randomElement(using: &generator)!
    let name = Bool.random(using: &generator) ? place.name.bn : place.name.en
    var typed = ""
    for ch in name {  // one search per keystroke, as the place picker does
      typed.append(ch)
      samples.append(time { _ = d.search(typed) })
    }
  }
  report("place search per keystroke", samples, budget: 5)
}

let args = CommandLine.arguments.dropFirst()
switch args.first ?? "all" {
case "places": try benchPlaces()
case "all": try benchPlaces()
default:
  FileHandle.standardError.write(Data("usage: KioskBench places|all\n".utf8))
  exit(2)
}
