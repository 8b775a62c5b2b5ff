// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "Bhumiseba",
  products: [
    .executable(name: "bhumiseba-kiosk", targets: ["BhumisebaKiosk"]),
    .executable(name: "kioskctl", targets: ["kioskctl"]),
  ],
  dependencies: [
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
  ],
  targets: [
    .systemLibrary(name: "CGtk", pkgConfig: "gtk4", providers: [.apt(["libgtk-4-dev"])]),
    .systemLibrary(name: "CCups", providers: [.apt(["libcups2-dev"])]),
    .systemLibrary(name: "CPangoCairo", pkgConfig: "pangocairo", providers: [.apt(["libpango1.0-dev"])]),
    .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
    .systemLibrary(name: "CPoppler", pkgConfig: "poppler-glib", providers: [.apt(["libpoppler-glib-dev"])]),
    .target(name: "Gtk", dependencies: ["CGtk"]),
    .target(name: "KioskCore"),
    .target(
      name: "KioskStore",
      dependencies: ["KioskCore", .product(name: "GRDB", package: "GRDB.swift")]),
    .target(name: "KioskPrint", dependencies: ["KioskCore", "CCups", "CPangoCairo", "CQREncode", "CPoppler"]),
    .target(
      name: "KioskUI",
      dependencies: [
        "Gtk", "KioskCore", "KioskStore", "KioskPrint", .product(name: "Logging", package: "swift-log"),
      ]),
    .executableTarget(name: "BhumisebaKiosk", dependencies: ["KioskUI"]),
    .executableTarget(
      name: "kioskctl",
      dependencies: [
        "KioskCore", "KioskStore", "KioskPrint",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // Benchmarks: `scripts/bench.sh`; never part of the test run.
    .executableTarget(
      name: "KioskBench", dependencies: ["KioskCore", "KioskStore", "KioskPrint"], path: "bench/KioskBench"),
    .testTarget(
      name: "KioskCoreTests",
      dependencies: ["KioskCore", .product(name: "PropertyBased", package: "swift-property-based")]),
    .testTarget(name: "KioskStoreTests", dependencies: ["KioskStore"]),
    // The child process of the crash test: writes answers and acknowledges each one.
    .executableTarget(name: "crash-writer", dependencies: ["KioskStore"], path: "Tests/CrashWriter"),
    .testTarget(name: "KioskPrintTests", dependencies: ["KioskPrint"]),
    .testTarget(name: "GtkTests", dependencies: ["Gtk"]),
  ]
)
