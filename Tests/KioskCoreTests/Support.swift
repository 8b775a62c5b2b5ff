import Foundation
import KioskCore

/// The checkout's root, from this file's path (Tests/KioskCoreTests/Support.swift).
let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().path

let catalogueDirectory = repoRoot + "/assets/catalogue/services"

func loadCatalogue() throws -> Catalogue { try Catalogue.load(directory: catalogueDirectory) }

/// A folder of its own for a test, removed by the caller.
func scratchDirectory() throws -> String {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-core-\(UUID().uuidString)").path
  try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  return dir
}
