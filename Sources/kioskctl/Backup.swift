import ArgumentParser
import Foundation
import KioskCore
import KioskStore

/// `kioskctl backup DIR`: the kiosk's SQLite file copied consistently (VACUUM INTO) while the kiosk
/// runs, with the ledger's key beside it; on a centre's PostgreSQL database, what to run instead.
struct BackupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backup",
    abstract:
      "Copy the kiosk's data into DIR (SQLite: VACUUM INTO, with the ledger key); PostgreSQL: pg_dump's command.",
    discussion: """
      Writes DIR/kiosk-YYYYMMDD-HHMMSS.sqlite (mode 0600) and DIR/ledger.key (mode 0400) while the \
      kiosk keeps running. To restore: stop the kiosk, put both files in the data folder as \
      kiosk.sqlite and ledger.key (owner bhumiseba), then run `kioskctl doctor`. A centre's \
      PostgreSQL database is backed up on its server with pg_dump (the command is printed).
      """)
  @OptionGroup var common: Common
  @Argument(help: "Folder to write the backup into (made if missing)") var folder: String

  func run() throws {
    let setup = try common.setup()
    if let url = setup.storeURL() {
      let address = (try? PostgresAddress(url)).map { "\($0)" } ?? "the centre's server"
      throw CommandFailure(
        """
        this kiosk's store is the centre's PostgreSQL database (\(address)): back it up on the server, as its owner:
          pg_dump --format=custom --file=\(folder)/bhumiseba-$(date +%Y%m%d-%H%M%S).dump bhumiseba
        and keep the centre's ledger key file (\(setup.ledgerKeyPath())) with it; restore with pg_restore --clean.
        """)
    }
    let store = try KioskStore.open(setup)
    try FileManager.default.createDirectory(
      atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let stamp = ISO8601DateFormatter.string(
      from: Date(), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withYear, .withMonth, .withDay, .withTime]
    ).replacingOccurrences(of: "T", with: "-")
    let target = (folder as NSString).appendingPathComponent("kiosk-\(stamp).sqlite")
    do {
      try store.backup(to: target)
    } catch {
      throw CommandFailure("backup to \(target) failed: \(error)")
    }
    var files = [target]
    let key = setup.ledgerKeyPath()
    if FileManager.default.fileExists(atPath: key) {
      let keyCopy = (folder as NSString).appendingPathComponent(LedgerKey.fileName)
      do {
        if FileManager.default.fileExists(atPath: keyCopy) {
          guard FileManager.default.contentsEqual(atPath: key, andPath: keyCopy) else {
            throw CommandFailure("\(keyCopy) is another ledger's key: back up into another folder")
          }
        } else {
          try FileManager.default.copyItem(atPath: key, toPath: keyCopy)
          try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: keyCopy)
        }
      } catch let failure as CommandFailure {
        throw failure
      } catch {
        throw CommandFailure("copying the ledger key to \(keyCopy) failed: \(error)")
      }
      files.append(keyCopy)
    }
    // The copy is checked as a restore would find it: whole, and its ledger intact.
    let copy = try KioskStore(path: target, ledgerKeyPath: files.count > 1 ? files[1] : key)
    let integrity = try copy.integrityCheck()
    let ledger = try copy.checkLedger(full: true)
    guard integrity == "ok", ledger.problem == nil else {
      throw CommandFailure(
        "the backup \(target) does not check: integrity \(integrity), ledger \(ledger.problem.map { "\($0)" } ?? "ok")")
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: target)[.size] as? Int) ?? 0
    try common.emit(
      files.joined(separator: "\n") + "\nbackup ok: \(size) bytes, integrity ok, ledger ok (\(ledger.checked) rows)",
      ["ok": true, "files": files, "bytes": size, "ledger_rows": ledger.checked])
  }
}
