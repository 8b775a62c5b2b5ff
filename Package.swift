// swift-tools-version:6.0
import PackageDescription

// The kiosk's release link (scripts/build-release.sh): lld, relative relocations packed (RELR: the
// dynamic loader reads 15 KB instead of 1.9 MB before `main`), no exported symbols, and the code
// that runs at start-up placed together, in the order it first runs (packaging/startup-order.txt,
// made by scripts/startup-order.sh). Names the list has and the program lacks are skipped.
let packageRoot = String(#filePath.dropLast("Package.swift".count))
let kioskReleaseLink: [LinkerSetting] = [
  .unsafeFlags(
    [
      "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
      "-Xlinker", "--symbol-ordering-file=\(packageRoot)packaging/startup-order.txt",
      "-Xlinker", "--no-warn-symbol-ordering",
      // The toolchain's static-stdlib link exports every symbol of our modules (8,000); nothing
      // looks them up, and every library's symbol look-up at start-up checks the program first.
      "-Xlinker", "--no-export-dynamic",
    ], .when(platforms: [.linux], configuration: .release))
]

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
    // A centre's database: PostgreSQL through PostgresNIO (with SwiftNIO and its TLS, which it brings).
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
  ],
  targets: [
    .systemLibrary(name: "CGtk", pkgConfig: "gtk4", providers: [.apt(["libgtk-4-dev"])]),
    .systemLibrary(name: "CCups", providers: [.apt(["libcups2-dev"])]),
    .systemLibrary(name: "CPangoCairo", pkgConfig: "pangocairo", providers: [.apt(["libpango1.0-dev"])]),
    .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
    // librsvg: the pictures of the documents to bring (assets/documents/*.svg) drawn on paper by Cairo.
    .systemLibrary(name: "CRsvg", pkgConfig: "librsvg-2.0", providers: [.apt(["librsvg2-dev"])]),
    // libcups and poppler-glib are opened with dlopen on first use (they bring ~35 libraries).
    .systemLibrary(name: "CPoppler"),
    // libsodium: Argon2id for staff PINs, SHA-256 for the receipts ledger's hash chain.
    .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
    // glibc's gettext (libintl): the texts of every screen and paper come from po/ (KioskCore's Texts).
    .systemLibrary(name: "CIntl"),
    // espeak-ng's C library and pcaudiolib (its audio output): the kiosk's speech (KioskSpeech).
    .systemLibrary(name: "CEspeak", providers: [.apt(["libespeak-ng-dev", "libpcaudio-dev"])]),
    .target(name: "Gtk", dependencies: ["CGtk"]),
    .target(name: "KioskCore", dependencies: ["CIntl"]),
    .target(
      name: "KioskStore",
      dependencies: [
        "KioskCore", "CSodium", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "Logging", package: "swift-log"),
      ]),
    .target(name: "KioskSpeech", dependencies: ["KioskCore", "CEspeak"]),
    .target(
      name: "KioskPrint", dependencies: ["KioskCore", "CCups", "CPangoCairo", "CQREncode", "CPoppler", "CRsvg"]),
    // The staff counter without a screen: charging, receipts, voids, the day-end report.
    .target(name: "KioskStaff", dependencies: ["KioskCore", "KioskStore", "KioskPrint"]),
    .target(
      name: "KioskUI",
      dependencies: [
        "Gtk", "KioskCore", "KioskStore", "KioskPrint", "KioskStaff", "KioskSpeech",
        .product(name: "Logging", package: "swift-log"),
      ]),
    .executableTarget(
      name: "BhumisebaKiosk", dependencies: ["KioskUI", "Gtk", "KioskCore", "KioskStore", "KioskPrint"],
      linkerSettings: kioskReleaseLink),
    .executableTarget(
      name: "kioskctl",
      dependencies: [
        "KioskCore", "KioskStore", "KioskPrint", "KioskStaff", "KioskSpeech",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // Benchmarks: `scripts/bench.sh`; never part of the test run.
    // (PostgresNIO itself too: the round trip of the client under the store, for where time goes.)
    .executableTarget(
      name: "KioskBench",
      dependencies: [
        "KioskCore", "KioskStore", "KioskPrint", .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "NIOPosix", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
      ],
      path: "bench/KioskBench"),
    // What the test targets share: paths, the real catalogue, scratch folders, a clock, the flow driver.
    .target(name: "KioskTesting", dependencies: ["KioskCore"], path: "Tests/KioskTesting"),
    .testTarget(
      name: "KioskCoreTests",
      dependencies: ["KioskCore", "KioskTesting", .product(name: "PropertyBased", package: "swift-property-based")]),
    .testTarget(name: "KioskStoreTests", dependencies: ["KioskStore", "KioskTesting"]),
    // The child process of the crash test: writes answers and acknowledges each one.
    .executableTarget(name: "crash-writer", dependencies: ["KioskStore"], path: "Tests/CrashWriter"),
    .testTarget(name: "KioskPrintTests", dependencies: ["KioskPrint", "KioskStaff", "KioskStore", "KioskTesting"]),
    .testTarget(name: "GtkTests", dependencies: ["Gtk"]),
    // Speech rendered to WAV: non-silent, of a plausible length for its text.
    .testTarget(name: "KioskSpeechTests", dependencies: ["KioskSpeech", "KioskCore", "KioskTesting"]),
    // Staff mode's reducer and runner on a real database file (GRDB only to hold a write lock
    // from a second connection, as another program would).
    .testTarget(
      name: "KioskStaffTests",
      dependencies: [
        "KioskStaff", "KioskStore", "KioskPrint", "KioskCore", "KioskTesting",
        .product(name: "GRDB", package: "GRDB.swift"),
      ]),
  ]
)
