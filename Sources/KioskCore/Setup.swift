import Foundation

/// What both programs need before they can do anything: the configuration, where the shipped
/// files are, and the checked catalogue. Any problem stops start-up with file and line.
public struct KioskSetup: Sendable {
  public let config: KioskConfig
  public let shareDirectory: String
  public let catalogue: Catalogue

  /// The config file named by `--config`, else by `BHUMISEBA_CONFIG`, over the embedded default.
  public static func load(configPath: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
    throws -> KioskSetup
  {
    var config = KioskConfig.embeddedDefault
    if let path = configPath ?? environment["BHUMISEBA_CONFIG"].flatMap({ $0.isEmpty ? nil : $0 }) {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw SourceErrors([SourceError(file: path, line: 0, "config file is missing or unreadable")])
      }
      guard let text = String(data: data, encoding: .utf8) else {
        throw SourceErrors([SourceError(file: path, line: 0, "config file is not UTF-8 text")])
      }
      config = try config.overlaid(text: text, file: path)
      // Drop-ins: FILE.d/*.conf, in name order, each over what came before (a key set in a later
      // file wins; within one file a key is still set once).
      for dropIn in dropIns(of: path) {
        guard let data = FileManager.default.contents(atPath: dropIn),
          let text = String(data: data, encoding: .utf8)
        else {
          throw SourceErrors([SourceError(file: dropIn, line: 0, "drop-in is unreadable or not UTF-8 text")])
        }
        config = try config.overlaid(text: text, file: dropIn)
      }
    }
    let share = try locateShare(config: config, environment: environment)
    let catalogue = try Catalogue.load(directory: share + "/assets/catalogue/services")
    return KioskSetup(config: config, shareDirectory: share, catalogue: catalogue)
  }

  /// The files `*.conf` in the folder `CONFIG.d` beside a config file, in name order (none when
  /// there is no such folder). Other names (README, *.dpkg-old, editors' backups) are not read.
  public static func dropIns(of configPath: String) -> [String] {
    let folder = configPath + ".d"
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
    return names.filter { $0.hasSuffix(".conf") && !$0.hasPrefix(".") }.sorted().map { folder + "/" + $0 }
  }

  /// Where the shipped files are when no config could be read (the out-of-service page's theme):
  /// BHUMISEBA_SHARE, else next to the program, else /usr/share/bhumiseba.
  public static func defaultShareDirectory(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> String?
  {
    func ok(_ dir: String) -> Bool { FileManager.default.fileExists(atPath: dir + "/assets/catalogue/services") }
    if let env = environment["BHUMISEBA_SHARE"], !env.isEmpty, ok(env) { return env }
    return searchNearProgram(ok)
  }

  /// `share_dir` from the config, else `BHUMISEBA_SHARE`, else the folder above the program that
  /// holds `assets/catalogue` (a source checkout) or `share/bhumiseba` (an installed tree), else
  /// /usr/share/bhumiseba (the package).
  static func locateShare(config: KioskConfig, environment: [String: String]) throws(SourceErrors) -> String {
    func ok(_ dir: String) -> Bool { FileManager.default.fileExists(atPath: dir + "/assets/catalogue/services") }
    if !config.shareDirectory.isEmpty {
      guard ok(config.shareDirectory) else {
        throw SourceErrors([
          SourceError(
            file: config.sources.last ?? "config", line: 0,
            "kiosk.share_dir \(config.shareDirectory) has no assets/catalogue/services")
        ])
      }
      return config.shareDirectory
    }
    if let env = environment["BHUMISEBA_SHARE"], !env.isEmpty {
      guard ok(env) else {
        throw SourceErrors([SourceError(file: env, line: 0, "BHUMISEBA_SHARE has no assets/catalogue/services")])
      }
      return env
    }
    if let found = searchNearProgram(ok) { return found }
    throw SourceErrors([
      SourceError(
        file: "assets/catalogue/services", line: 0,
        "not found next to the program nor in /usr/share/bhumiseba; set BHUMISEBA_SHARE")
    ])
  }

  /// The first folder above the program for which `ok` holds (a source checkout), or
  /// `share/bhumiseba` beside one (an installed tree: PREFIX/lib/bhumiseba/bhumiseba-kiosk next to
  /// PREFIX/share/bhumiseba, from scripts/install-kiosk.sh, also with --destdir), else
  /// /usr/share/bhumiseba (the package).
  static func searchNearProgram(_ ok: (String) -> Bool) -> String? {
    var dir = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    for _ in 0..<8 {
      dir = (dir as NSString).deletingLastPathComponent
      if ok(dir) { return dir }
      if ok(dir + "/share/bhumiseba") { return dir + "/share/bhumiseba" }
      if dir == "/" || dir.isEmpty { break }
    }
    return ok("/usr/share/bhumiseba") ? "/usr/share/bhumiseba" : nil
  }

  /// `data_dir`, else `$XDG_DATA_HOME/bhumiseba`, else `~/.local/share/bhumiseba`.
  public func dataDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    if !config.dataDirectory.isEmpty { return config.dataDirectory }
    if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/bhumiseba" }
    let home = environment["HOME"] ?? NSHomeDirectory()
    return home + "/.local/share/bhumiseba"
  }

  public func databasePath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    dataDirectory(environment: environment) + "/kiosk.sqlite"
  }

  /// The centre's database: BHUMISEBA_STORE_URL, else `[store] url`; nil: the kiosk's own file.
  public func storeURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
    if let url = environment["BHUMISEBA_STORE_URL"], !url.isEmpty { return url }
    return config.storeURL.isEmpty ? nil : config.storeURL
  }

  /// `[store] ledger_key_file`, else BHUMISEBA_LEDGER_KEY, else `ledger.key` in the data folder.
  public func ledgerKeyPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    if !config.ledgerKeyFile.isEmpty { return config.ledgerKeyFile }
    if let path = environment["BHUMISEBA_LEDGER_KEY"], path.hasPrefix("/") { return path }
    return dataDirectory(environment: environment) + "/ledger.key"
  }
}
