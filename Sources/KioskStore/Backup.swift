import Foundation
import GRDB
import KioskCore

extension KioskStore {
  /// A consistent copy of the kiosk's SQLite file at `target` (which must not exist), made with
  /// `VACUUM INTO` while the kiosk may go on writing (WAL: readers and the one writer do not wait
  /// for it). The ledger's key file is not in it: `kioskctl backup` copies that beside it.
  public func backup(to target: String) throws {
    guard sqlite != nil else {
      throw StoreError.notOnThisEngine("VACUUM INTO (a backup of the centre's database is pg_dump's work)")
    }
    guard !FileManager.default.fileExists(atPath: target) else {
      throw CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: target])
    }
    // Outside a transaction (SQLite refuses VACUUM inside one); a reader's read-only connection
    // may VACUUM INTO another file.
    try pool.unsafeRead { db in try db.execute(sql: "VACUUM INTO ?", arguments: [target]) }
    // Citizens' answers are in it: the kiosk's user alone reads it.
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target)
  }
}
