import Foundation
import GRDB
import KioskCore
import Synchronization

/// A citizen's draft application (খসড়া আবেদন) as stored.
public struct Draft: Sendable, Equatable {
  public let id: Int64
  public let resumeCode: ResumeCode
  public let serviceID: String
  public let language: Language
  public var state: DraftState
  public let createdAt: Date
  public var updatedAt: Date
  /// The page the citizen was on (a question id), to continue exactly there.
  public var position: String?
  /// Staff have filed it on the portal: the citizen may look at it, not change it (saves are
  /// refused with `StoreError.filed`); only staff corrections (with history) change it now.
  public var isFiled: Bool { state == .filed }
}

public enum DraftState: String, Sendable {
  /// The citizen is still answering.
  case inProgress = "in-progress"
  /// The citizen has finished and printed the slip; waiting for staff.
  case waiting
  /// Staff filed it on the portal.
  case filed
}

/// Where a page of drafts ends: the next page starts after it (keyset paging on the stored
/// `updated_at` and the id, so that no draft is skipped or shown twice between pages).
public struct DraftCursor: Sendable, Equatable {
  public let updatedAt: Double
  public let id: Int64
  public init(updatedAt: Double, id: Int64) {
    self.updatedAt = updatedAt
    self.id = id
  }
}

/// One page of drafts; `next` is nil on the last page.
public struct DraftPage: Sendable, Equatable {
  public let drafts: [Draft]
  public let next: DraftCursor?
}

/// What happened to one print job, kept with its PDF so that staff can reprint it.
public struct PrintRecord: Sendable, Equatable {
  public let id: Int64
  public let draftID: Int64?
  public let kind: String
  public let state: String
  public let message: String
}

/// Why the store cannot go on, in words for the person at the kiosk or the console (Bengali and
/// English). The store never starts a new database on its own: a busy, damaged or foreign file
/// stops it, and is left exactly as it was.
public enum StoreError: Error, CustomStringConvertible, Equatable {
  /// Another program held the database for longer than the wait (`busyTimeout`).
  case busy(path: String, waited: Double)
  /// The file is not a sound SQLite database (quick_check failed, or it is not SQLite at all).
  case damaged(path: String, detail: String)
  /// A sound SQLite database, but not ours.
  case foreign(path: String)
  /// The centre's database server cannot be reached (stopped, the network down, a wrong address).
  case serverAway(address: String, detail: String)
  /// The centre's database server refused a statement (SQLSTATE and its message).
  case server(sqlState: String, detail: String)
  /// The centre server's TLS certificate failed `check` (sslmode=verify-full): nothing was sent to
  /// it. `file` is sslrootcert, the centre's CA certificate the kiosk checks against. A centre
  /// kiosk goes on on its own disk as while the server is away, but this is no network trouble:
  /// staff see it in these words (staff mode's sign-in, `kioskctl store status`).
  case badCertificate(address: String, check: CertificateCheck, file: String, detail: String)
  /// `[store] url` (or BHUMISEBA_STORE_URL) is not a usable PostgreSQL address.
  case badAddress(detail: String)
  /// A receipt needs the centre's server (numbers come from one place), which is away.
  case receiptNeedsServer(address: String)
  /// The operation exists on SQLite only (a file check, recovery).
  case notOnThisEngine(String)
  /// A kiosk's login on a centre's database reads a draft only through its resume code: the queue
  /// and other staff reads are a desk's (docs/centre.md).
  case deskOnly(BilingualText)
  /// The file or its folder cannot be opened (permissions, missing folder, full disk …).
  case cannotOpen(path: String, detail: String)
  case codeSpaceExhausted
  case unknownDraft(Int64)
  /// Staff have filed this draft: the citizen's answers can no longer be changed.
  case filed(draftID: Int64)

  /// The command that recovers a damaged database into a new file, keeping the original.
  public static let recoverCommand = "kioskctl store recover"

  /// The centre's server cannot be used now (away, or its certificate refused): a centre kiosk
  /// keeps citizens' answers on its own disk and hands them over later.
  public var serverUnusable: Bool {
    switch self {
    case .serverAway, .badCertificate: return true
    default: return false
    }
  }

  public var message: BilingualText {
    switch self {
    case .busy(let path, let waited):
      let s = String(Int(waited.rounded(.up)))
      return tr(
        "the database {1} is in use by another program and was not let go after waiting {2} s. No new database was started. Close the other program (e.g. sqlite3 or kioskctl) and try again.",
        .same("\(path)"), .digits("\(s)"))
    case .damaged(let path, let detail):
      return tr(
        "the database {1} is damaged ({2}). The kiosk has stopped; no new database was started and the file is kept as it is. With the kiosk stopped, run `{3}` (it recovers into a new file and keeps the original).",
        .same("\(path)"), .same("\(detail)"), .same("\(StoreError.recoverCommand)"))
    case .foreign(let path):
      return tr(
        "{1} is a database of another program, not Bhumiseba Kiosk's. Nothing was changed; check data_dir.",
        .same("\(path)"))
    case .cannotOpen(let path, let detail):
      return tr(
        "cannot open the database {1} ({2}). Check the folder's permissions and the free disk space.", .same("\(path)"),
        .same("\(detail)"))
    case .serverAway(let address, let detail):
      return tr(
        "the centre's database server ({1}) cannot be reached ({2}). Check the network and that the server is running.",
        .same("\(address)"), .same("\(detail)"))
    case .badCertificate(let address, let check, let file, let detail):
      let what = check.words(file: file, host: detail)
      return tr(
        "the TLS certificate check of the centre's database server ({1}) failed: {2} Nothing was sent to that server; a kiosk keeps citizens' answers on its own disk. This is not the network: fix the server's certificate or the sslrootcert file (docs/centre.md).",
        .same("\(address)"), .text(what))
    case .server(let state, let detail):
      return tr("the centre's database server refused the operation ({1}: {2}).", .same("\(state)"), .same("\(detail)"))
    case .badAddress(let detail):
      return tr("[store] url (or BHUMISEBA_STORE_URL) is not usable: {1}", .same("\(detail)"))
    case .receiptNeedsServer(let address):
      return tr(
        "the centre's database server ({1}) cannot be reached, so no receipt can be issued now: receipt numbers come from the server alone. Take no money; try again when it is back. The citizen's answers are kept on the kiosk.",
        .same("\(address)"))
    case .notOnThisEngine(let what):
      return tr("{1} works on a kiosk's own SQLite file only, not on the centre's server.", .same("\(what)"))
    case .deskOnly(let what):
      return tr(
        "this kiosk's login opens an application only by its code; {1} is a desk's work at a centre. Do it at a desk (with a desk's login).",
        .text(what))
    case .codeSpaceExhausted:
      return tr("could not find an unused resume code")
    case .unknownDraft(let id):
      return tr("no draft with id {1}", .same("\(id)"))
    case .filed(let id):
      return tr(
        "this application has been filed (draft {1}); it can no longer be changed. Ask the staff at the counter to correct anything.",
        .same("\(id)"))
    }
  }

  public var description: String { "\(message.bn)\n\(message.en)" }
}

/// Which check of the centre server's TLS certificate failed (`StoreError.badCertificate`).
public enum CertificateCheck: String, Sendable, Equatable {
  /// A CA in sslrootcert signed it, it is in date and it is a server's.
  case signedByCentreCA = "signed-by-the-centre-ca"
  /// Its subjectAltName carries the host name or address of `[store] url`.
  case namesTheServer = "names-the-server"
  /// sslrootcert can be read as a PEM certificate.
  case caFileReadable = "ca-file-readable"
  /// The TLS handshake failed otherwise.
  case handshake

  /// The failed check in words; `host` is the host the kiosk connects to (or the TLS library's
  /// own words for `.handshake`).
  func words(file: String, host: String) -> BilingualText {
    switch self {
    case .signedByCentreCA:
      return tr(
        "no CA in the sslrootcert file {1} signed the certificate (or it has expired, or it is not a server's).",
        .same("\(file)"))
    case .namesTheServer:
      return tr(
        "the certificate does not name {1} (its subjectAltName must carry the name or address in [store] url; CA file {2}).",
        .same("\(host)"), .same("\(file)"))
    case .caFileReadable:
      return tr(
        "the centre's CA certificate file (sslrootcert) {1} cannot be read (missing, not readable, or not a PEM certificate).",
        .same("\(file)"))
    case .handshake:
      return tr("the TLS handshake failed ({1}; CA file {2}).", .same("\(host)"), .same("\(file)"))
    }
  }
}

/// The store: drafts, answers, the audit log, operators, print jobs and the receipts ledger, on
/// one of two engines — a kiosk's own SQLite file (GRDB, WAL, synchronous=FULL; the default) or a
/// centre's PostgreSQL database (PostgresNIO), chosen by `[store] url`. The only place that knows SQL.
public final class KioskStore: Sendable {
  /// The SQLite file's path, or the centre server's address (without its password).
  public let path: String
  let engine: any StoreEngine
  let sqlite: SQLiteEngine?
  /// A centre kiosk's own disk for while the server is away (nil: a desk, or a kiosk on its own).
  let journal: Journal?
  /// Until when the server is not tried again after it was found away (no wait on every tap).
  let awayUntil = Mutex<Date>(.distantPast)
  /// Why the server could not be used the last time it was tried (nil: it was used since).
  let lastServerProblem = Mutex<StoreError?>(nil)
  /// Whether this login reads drafts only by their codes (a kiosk's role, pg-004); nil: not asked yet.
  let codeOnly = Mutex<Bool?>(nil)
  /// The codes of the drafts this store started or opened by code (a kiosk's role reads a draft by
  /// its id and code together).
  let knownCodes = Mutex<[Int64: String]>([:])
  /// Where the ledger's key is kept (outside the database): see `LedgerKey`.
  public let ledgerKeyPath: String

  /// The SQLite file's connections (SQLite-only work: checks, recovery, tests).
  var pool: DatabasePool {
    guard let sqlite else { preconditionFailure("pool is SQLite's; this store is \(path)") }
    return sqlite.pool
  }

  public var dialect: SQLDialect { engine.dialect }

  /// `PRAGMA application_id` of our files ("BSK1"): tells our database from a foreign one.
  static let applicationID: Int32 = 0x4253_4B31

  /// Opens the centre's PostgreSQL database at `url` (see `PostgresAddress`) and brings its schema
  /// up to date (migrations run one kiosk at a time, under an advisory lock). `ledgerKeyPath`: the
  /// centre's ledger key, the same file on every desk (see `LedgerKey`).
  ///
  /// `journalPath`: a kiosk's own SQLite file, where citizens' answers are kept first and from
  /// which they are handed to the server (see `Journal`); with it the kiosk starts, and citizens
  /// go on, while the server is away. Desks have none: receipts come from the server only.
  public init(url: String, ledgerKeyPath: String, journalPath: String? = nil) throws {
    let address = try PostgresAddress(url)
    path = address.description
    self.ledgerKeyPath = ledgerKeyPath
    sqlite = nil
    journal = try journalPath.map { try Journal(path: $0) }
    let engine = try PostgresEngine(address: address, connectNow: false)
    self.engine = engine
    do {
      try PostgresSchema.migrate(engine)
    } catch let e as StoreError where e.serverUnusable && journal != nil {
      // A kiosk starts on its own disk; the server is tried again on the next change.
      serverUnusable(e)
    }
    if journal != nil { handOverIfBack() }
  }

  /// How long the server is left alone after it was found away.
  static let retryAway: TimeInterval = 10

  /// The store a setup names: the centre's server when `[store] url` (or BHUMISEBA_STORE_URL) is
  /// set, else the kiosk's own file.
  public static func open(
    url: String?, path: String, ledgerKeyPath: String? = nil, checkFirst: Bool = true
  ) throws -> KioskStore {
    if let url, !url.isEmpty {
      return try KioskStore(
        url: url,
        ledgerKeyPath: ledgerKeyPath ?? ((path as NSString).deletingLastPathComponent + "/" + LedgerKey.fileName))
    }
    return try KioskStore(path: path, checkFirst: checkFirst, ledgerKeyPath: ledgerKeyPath)
  }

  /// The store a setup names (see `Setup.storeURL`, `Setup.ledgerKeyPath`).
  public static func open(_ setup: KioskSetup, checkFirst: Bool = true) throws -> KioskStore {
    try open(
      url: setup.storeURL(), path: setup.databasePath(), ledgerKeyPath: setup.ledgerKeyPath(), checkFirst: checkFirst)
  }

  /// A centre kiosk's store: the server at `[store] url`, with the kiosk's own file as its journal
  /// (see `Journal`). Without a url, the kiosk's own file alone.
  public static func openKiosk(_ setup: KioskSetup, checkFirst: Bool = true) throws -> KioskStore {
    guard let url = setup.storeURL() else { return try open(setup, checkFirst: checkFirst) }
    return try KioskStore(url: url, ledgerKeyPath: setup.ledgerKeyPath(), journalPath: setup.databasePath())
  }

  public func close() throws { try engine.close() }

  /// Opens (or creates) the database at `path`. An existing file is never replaced, moved or
  /// started over: while another program holds it, every open and every write waits up to
  /// `busyTimeout` seconds and then fails with `StoreError.busy`; a damaged file stops with
  /// `StoreError.damaged` (recover with `kioskctl store recover`), a foreign one with `.foreign`.
  /// `checkFirst: false` opens without `PRAGMA quick_check` (the kiosk's first page does not wait
  /// for it at a million drafts): the caller runs `quickCheck()` soon after, in the background.
  public init(path: String, busyTimeout: TimeInterval = 10, checkFirst: Bool = true, ledgerKeyPath: String? = nil)
    throws
  {
    self.path = path
    self.ledgerKeyPath =
      ledgerKeyPath ?? ((path as NSString).deletingLastPathComponent + "/" + LedgerKey.fileName)
    let dir = (path as NSString).deletingLastPathComponent
    do {
      try FileManager.default.createDirectory(
        atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    } catch {
      throw StoreError.cannotOpen(path: path, detail: "cannot make the folder \(dir)")
    }
    let deadline = Date().addingTimeInterval(busyTimeout)
    try KioskStore.checkUsable(path, busyTimeout: busyTimeout, deadline: deadline, quickCheck: checkFirst)
    if !FileManager.default.fileExists(atPath: path) {
      guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
      else { throw StoreError.cannotOpen(path: path, detail: "cannot create the file") }
    }
    var config = Configuration()
    config.busyMode = .timeout(busyTimeout)
    config.prepareDatabase { db in
      try db.execute(sql: "PRAGMA synchronous = FULL")
      try db.execute(sql: "PRAGMA foreign_keys = ON")
      // Deleted rows are overwritten with zeros, so that purged personal data is gone from the
      // file's free space too (Debian's SQLite has it on by default; other builds do not).
      try db.execute(sql: "PRAGMA secure_delete = ON")
    }
    let pool = try KioskStore.classified(path, busyTimeout, deadline) {
      try DatabasePool(path: path, configuration: config)
    }
    let sqlite = SQLiteEngine(pool: pool, path: path)
    self.sqlite = sqlite
    engine = sqlite
    journal = nil
    try KioskStore.classified(path, busyTimeout, deadline) { try KioskStore.migrator.migrate(pool) }
    chmod(path, 0o600)
  }

  /// Runs `body`, again while the database is busy (until `deadline`), and turns SQLite's errors
  /// into `StoreError`s that say what to do.
  static func classified<T>(_ path: String, _ busyTimeout: TimeInterval, _ deadline: Date, _ body: () throws -> T)
    throws -> T
  {
    while true {
      do {
        return try body()
      } catch let e as DatabaseError {
        switch e.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
          if Date() < deadline {
            usleep(50_000)
            continue
          }
          throw StoreError.busy(path: path, waited: busyTimeout)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
          throw StoreError.damaged(path: path, detail: e.message ?? "\(e.resultCode)")
        default:
          throw StoreError.cannotOpen(path: path, detail: e.message ?? "\(e.resultCode)")
        }
      }
    }
  }

  /// Throws unless the file at `path` is ours and sound (or empty, or not there yet). Reads only.
  static func checkUsable(_ path: String, busyTimeout: TimeInterval, deadline: Date, quickCheck: Bool = true) throws {
    guard FileManager.default.fileExists(atPath: path) else { return }
    let attrs: [FileAttributeKey: Any]
    do {
      attrs = try FileManager.default.attributesOfItem(atPath: path)
    } catch {
      throw StoreError.cannotOpen(path: path, detail: "cannot read the file's attributes: \(error)")
    }
    if (attrs[.size] as? NSNumber)?.intValue == 0 { return }
    var config = Configuration()
    config.readonly = true
    config.busyMode = .timeout(busyTimeout)
    try classified(path, busyTimeout, deadline) {
      var queue: DatabaseQueue
      do {
        let readOnly = try DatabaseQueue(path: path, configuration: config)
        _ = try readOnly.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
        queue = readOnly
      } catch let e as DatabaseError where e.resultCode == .SQLITE_READONLY {
        // A WAL left by a killed writer must be recovered, which a read-only connection cannot
        // do: check through a read-write one (it writes nothing but that recovery).
        var writable = config
        writable.readonly = false
        queue = try DatabaseQueue(path: path, configuration: writable)
      }
      try queue.read { db in
        if quickCheck {
          let check = try String.fetchAll(db, sql: "PRAGMA quick_check").joined(separator: "; ")
          if check != "ok" { throw StoreError.damaged(path: path, detail: "quick_check: \(check.prefix(300))") }
        }
        let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        // A first start killed before migration 001 committed leaves only GRDB's own table: ours.
        let tables =
          try Int.fetchOne(
            db,
            sql: """
              SELECT count(*) FROM sqlite_master
              WHERE name != 'grdb_migrations' AND name NOT LIKE 'sqlite_%'
              """) ?? 0
        if appID != applicationID && tables > 0 { throw StoreError.foreign(path: path) }
      }
      try queue.close()
    }
  }

  static var migrator: DatabaseMigrator {
    var m = DatabaseMigrator()
    m.registerMigration("001-drafts") { db in
      try db.execute(sql: "PRAGMA application_id = \(applicationID)")
      try db.execute(
        sql: """
          CREATE TABLE draft (
            id INTEGER PRIMARY KEY,
            resume_code TEXT NOT NULL UNIQUE,
            service_id TEXT NOT NULL,
            language TEXT NOT NULL,
            state TEXT NOT NULL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL
          );
          CREATE TABLE draft_answer (
            draft_id INTEGER NOT NULL REFERENCES draft(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            value TEXT NOT NULL,
            updated_at REAL NOT NULL,
            PRIMARY KEY (draft_id, question_id)
          ) WITHOUT ROWID;
          -- every code ever handed out, so that none is reused after its draft is purged
          CREATE TABLE issued_code (code TEXT PRIMARY KEY) WITHOUT ROWID;
          CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at REAL NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL DEFAULT '',
            detail TEXT NOT NULL DEFAULT ''
          );
          CREATE TABLE print_job (
            id INTEGER PRIMARY KEY,
            draft_id INTEGER REFERENCES draft(id) ON DELETE SET NULL,
            kind TEXT NOT NULL,
            queue TEXT NOT NULL,
            cups_job_id INTEGER,
            state TEXT NOT NULL,
            message TEXT NOT NULL DEFAULT '',
            pdf BLOB NOT NULL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL
          );
          """)
    }
    m.registerMigration("002-staff-and-retention") { db in
      try db.execute(
        sql: """
          ALTER TABLE draft ADD COLUMN position TEXT;
          ALTER TABLE draft ADD COLUMN filed_at REAL;
          CREATE INDEX draft_state_updated ON draft(state, updated_at);
          -- the portal's application number, once staff have filed the draft
          CREATE TABLE submission (
            draft_id INTEGER PRIMARY KEY REFERENCES draft(id) ON DELETE CASCADE,
            application_number TEXT NOT NULL,
            operator TEXT NOT NULL,
            filed_at REAL NOT NULL
          );
          CREATE TABLE operator (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            pin_hash TEXT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            locked_until REAL NOT NULL DEFAULT 0,
            created_at REAL NOT NULL
          );
          -- receipts: numbered without gaps per centre and year; each row carries the hash of the one before
          CREATE TABLE receipt (
            id INTEGER PRIMARY KEY,
            centre_id TEXT NOT NULL,
            year INTEGER NOT NULL,
            number INTEGER NOT NULL,
            draft_id INTEGER,
            service_id TEXT NOT NULL,
            operator TEXT NOT NULL,
            lines TEXT NOT NULL,
            total INTEGER NOT NULL,
            issued_at REAL NOT NULL,
            voids_receipt INTEGER REFERENCES receipt(id),
            void_reason TEXT,
            printed INTEGER NOT NULL DEFAULT 0,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            UNIQUE (centre_id, year, number)
          );
          -- wrong resume codes typed on this kiosk, for slowing down and locking guessing
          CREATE TABLE code_attempt (id INTEGER PRIMARY KEY, at REAL NOT NULL, ok INTEGER NOT NULL);
          """)
    }
    m.registerMigration("003-answer-history") { db in
      try db.execute(
        sql: """
          -- staff corrections: old and new value, kept with the draft (and purged with it)
          CREATE TABLE answer_history (
            id INTEGER PRIMARY KEY,
            draft_id INTEGER NOT NULL REFERENCES draft(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            old_value TEXT,
            new_value TEXT NOT NULL,
            operator TEXT NOT NULL,
            at REAL NOT NULL
          );
          CREATE INDEX receipt_voids ON receipt(voids_receipt);
          CREATE INDEX receipt_issued ON receipt(issued_at);
          """)
    }
    // Migrations are append-only: a new one gets the next number, none is ever edited.
    m.registerMigration("004-print-job-draft-index") { db in
      try db.execute(
        sql: """
          -- the retention purge deletes print jobs by draft: without it each purged draft scanned the table
          CREATE INDEX print_job_draft ON print_job(draft_id);
          """)
    }
    m.registerMigration("005-code-attempt-source") { db in
      try db.execute(
        sql: """
          -- wrong resume codes are counted per source (the screen, the scanner …), not per kiosk
          ALTER TABLE code_attempt ADD COLUMN source TEXT NOT NULL DEFAULT 'kiosk';
          CREATE INDEX code_attempt_source ON code_attempt(source, at);
          """)
    }
    m.registerMigration("006-draft-paging") { db in
      try db.execute(
        sql: """
          -- the staff queue and the list of drafts are read a page at a time, in this order
          CREATE INDEX draft_queue ON draft(updated_at, id) WHERE state IN ('waiting', 'in-progress');
          CREATE INDEX draft_updated ON draft(updated_at, id);
          """)
    }
    m.registerMigration("007-draft-typing") { db in
      try db.execute(
        sql: """
          -- what is being typed into a field, not yet confirmed with Next: kept so that a crash or
          -- a power cut loses at most the last second of typing; gone with its draft
          CREATE TABLE draft_typing (
            draft_id INTEGER NOT NULL REFERENCES draft(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            text TEXT NOT NULL,
            updated_at REAL NOT NULL,
            PRIMARY KEY (draft_id, question_id)
          ) WITHOUT ROWID;
          """)
    }
    m.registerMigration("008-ledger-keyed") { db in
      try db.execute(
        sql: """
          -- rows from now on are chained with HMAC-SHA-256 under the ledger key (kept outside the
          -- database); older rows stay plain SHA-256, and none may follow a keyed one
          ALTER TABLE receipt ADD COLUMN chain TEXT NOT NULL DEFAULT 'sha256';
          -- the ledger's head (last row and its hash, with a MAC) saved at day-end and after a
          -- full verification: verify checks the ledger against every one
          CREATE TABLE ledger_head (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            at REAL NOT NULL,
            receipt_id INTEGER NOT NULL,
            hash TEXT NOT NULL,
            operator TEXT NOT NULL,
            mac TEXT NOT NULL
          );
          """)
    }
    m.registerMigration("009-journal") { db in
      try db.execute(
        sql: """
          -- a centre kiosk's changes not yet handed to the centre's server (Journal); AUTOINCREMENT:
          -- a number is never used twice, since the server skips a (kiosk, number) it has applied
          CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            draft_id INTEGER NOT NULL,
            payload TEXT NOT NULL,
            at REAL NOT NULL
          );
          -- draft ids and resume codes the server reserved for this kiosk, to start drafts while it is away
          CREATE TABLE reserved_draft (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE);
          CREATE TABLE journal_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
          """)
    }
    m.registerMigration("010-queue-tokens") { db in
      try db.execute(
        sql: """
          -- the centre's queue: a token per confirmed draft and day (ক-০২৩), called by a desk
          CREATE TABLE queue_token (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            letter TEXT NOT NULL,
            number INTEGER NOT NULL,
            draft_id INTEGER REFERENCES draft(id) ON DELETE SET NULL,
            service_id TEXT NOT NULL,
            state TEXT NOT NULL,
            desk TEXT,
            issued_at REAL NOT NULL,
            called_at REAL,
            served_at REAL,
            UNIQUE (day, letter, number)
          );
          CREATE INDEX queue_token_waiting ON queue_token(day, state, id);
          CREATE INDEX queue_token_draft ON queue_token(draft_id, day);
          """)
    }
    m.registerMigration("011-complaints") { db in
      try db.execute(
        sql: """
          -- the complaints register (Complaints.swift): append-only, each row chained to the one
          -- before with an HMAC under the ledger key; staff's responses are rows of their own
          CREATE TABLE complaint (
            id INTEGER PRIMARY KEY,
            centre_id TEXT NOT NULL,
            number INTEGER,
            at REAL NOT NULL,
            kind TEXT NOT NULL,
            asked_amount INTEGER,
            reference TEXT,
            service_id TEXT,
            fee INTEGER,
            mobile TEXT,
            responds_to INTEGER REFERENCES complaint(id),
            response TEXT,
            operator TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            UNIQUE (centre_id, number)
          );
          CREATE INDEX complaint_at ON complaint(at);
          CREATE INDEX complaint_responds_to ON complaint(responds_to);
          CREATE TABLE complaint_head (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            at REAL NOT NULL,
            complaint_id INTEGER NOT NULL,
            hash TEXT NOT NULL,
            operator TEXT NOT NULL,
            mac TEXT NOT NULL
          );
          -- nothing in the register or its heads is ever changed or deleted through the program
          CREATE TRIGGER complaint_no_update BEFORE UPDATE ON complaint
            BEGIN SELECT RAISE(ABORT, 'the complaint register is append-only: UPDATE refused'); END;
          CREATE TRIGGER complaint_no_delete BEFORE DELETE ON complaint
            BEGIN SELECT RAISE(ABORT, 'the complaint register is append-only: DELETE refused'); END;
          CREATE TRIGGER complaint_head_no_update BEFORE UPDATE ON complaint_head
            BEGIN SELECT RAISE(ABORT, 'the complaint register is append-only: UPDATE refused'); END;
          CREATE TRIGGER complaint_head_no_delete BEFORE DELETE ON complaint_head
            BEGIN SELECT RAISE(ABORT, 'the complaint register is append-only: DELETE refused'); END;
          -- one-tap feedback after a visit: a count by day, service and rating, nothing personal
          CREATE TABLE feedback_count (
            day TEXT NOT NULL,
            service_id TEXT NOT NULL,
            rating INTEGER NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (day, service_id, rating)
          ) WITHOUT ROWID;
          """)
    }
    return m
  }

  /// The names of the migrations, in order (the same numbers on both engines).
  public static var migrationNames: [String] { migrator.migrations }

  /// The migrations this store has applied.
  public func appliedMigrations() throws -> [String] {
    if let sqlite {
      return try sqlite.pool.read { db in try KioskStore.migrator.appliedMigrations(db) }
    }
    return try engine.read { db in
      try db.rows("SELECT id FROM schema_migration ORDER BY id").map { try $0.text(0) }
    }
  }

  // MARK: drafts

  /// Starts a draft with a fresh, never-used resume code. The code is taken by inserting it into
  /// `issued_code` (its primary key): two kiosks drawing the same code at once cannot both get it.
  public func createDraft(serviceID: String, language: Language, now: Date = Date()) throws -> Draft {
    if let journal { return try journaledCreate(journal, serviceID, language, now) }
    if dialect == .postgres {
      // One call per code drawn (pg-003's bhumiseba_create_draft): NULL when the code was taken.
      for _ in 0..<16 {
        let code = ResumeCode.generate()
        let id = try engine.single { db in
          try db.int64(
            "SELECT bhumiseba_create_draft(?, ?, ?, ?)",
            [code.digits, serviceID, language.rawValue, now.timeIntervalSince1970])
        }
        guard let id else { continue }
        remember(id, code.digits)
        return Draft(
          id: id, resumeCode: code, serviceID: serviceID, language: language, state: .inProgress,
          createdAt: now, updatedAt: now, position: nil)
      }
      throw StoreError.codeSpaceExhausted
    }
    return try engine.write { db in
      for _ in 0..<16 {
        let code = ResumeCode.generate()
        let taken = try db.execute(
          "INSERT INTO issued_code(code) VALUES (?) ON CONFLICT DO NOTHING", [code.digits])
        if taken == 0 { continue }
        let t = now.timeIntervalSince1970
        guard
          let id = try db.int64(
            """
            INSERT INTO draft(resume_code, service_id, language, state, created_at, updated_at)
            VALUES (?,?,?,?,?,?) RETURNING id
            """, [code.digits, serviceID, language.rawValue, DraftState.inProgress.rawValue, t, t])
        else { throw StoreError.unknownDraft(0) }
        return Draft(
          id: id, resumeCode: code, serviceID: serviceID, language: language, state: .inProgress,
          createdAt: now, updatedAt: now, position: nil)
      }
      throw StoreError.codeSpaceExhausted
    }
  }

  /// Saves one of the citizen's answers durably (committed before this returns: synchronous=FULL
  /// on SQLite, the server's commit on PostgreSQL). Idempotent: repeating the same save after a
  /// crash leaves the same row. Text is stored in NFC. A filed draft is not the citizen's to
  /// change: `StoreError.filed` (staff use `correctAnswer`, which keeps the history).
  public func saveAnswer(
    draftID: Int64, questionID: String, value: String, position: String? = nil, now: Date = Date()
  ) throws {
    let value = value.precomposedStringWithCanonicalMapping
    if let journal {
      var payload = ["question": questionID, "value": value]
      if let position { payload["position"] = position }
      return try journaled(journal, "answer", draftID, payload, now) { db in
        try Self.saveAnswer(db, draftID, questionID, value, position, now)
      }
    }
    try engine.single { db in try Self.saveAnswer(db, draftID, questionID, value, position, now) }
  }

  static func saveAnswer(
    _ db: any SQLSession, _ draftID: Int64, _ questionID: String, _ value: String, _ position: String?, _ now: Date
  ) throws {
    if db.dialect == .postgres {
      // One statement, one round trip: the same steps in pg-003's function.
      try db.execute(
        "SELECT bhumiseba_save_answer(?, ?, ?, ?, ?)",
        [draftID, questionID, value, position, now.timeIntervalSince1970])
      return
    }
    do {
      try KioskStore.requireCitizenMayChange(db, draftID)
      try db.execute(
        """
        INSERT INTO draft_answer(draft_id, question_id, value, updated_at) VALUES (?,?,?,?)
        ON CONFLICT(draft_id, question_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
        """,
        [draftID, questionID, value, now.timeIntervalSince1970])
      try db.execute("DELETE FROM draft_typing WHERE draft_id = ? AND question_id = ?", [draftID, questionID])
      let changed = try db.execute(
        "UPDATE draft SET updated_at = ?, position = coalesce(?, position) WHERE id = ?",
        [now.timeIntervalSince1970, position, draftID])
      if changed == 0 { throw StoreError.unknownDraft(draftID) }
    }
  }

  /// Keeps what is being typed into a question's field (not yet confirmed with Next); empty text
  /// forgets it. A confirmed answer (`saveAnswer`) replaces it. Refused for a filed draft.
  public func saveTyping(draftID: Int64, questionID: String, text: String, now: Date = Date()) throws {
    let text = text.precomposedStringWithCanonicalMapping
    if let journal {
      return try journaled(journal, "typing", draftID, ["question": questionID, "text": text], now) { db in
        try Self.saveTyping(db, draftID, questionID, text, now)
      }
    }
    try engine.single { db in try Self.saveTyping(db, draftID, questionID, text, now) }
  }

  static func saveTyping(_ db: any SQLSession, _ draftID: Int64, _ questionID: String, _ text: String, _ now: Date)
    throws
  {
    let text = text.precomposedStringWithCanonicalMapping
    if db.dialect == .postgres {
      try db.execute(
        "SELECT bhumiseba_save_typing(?, ?, ?, ?)", [draftID, questionID, text, now.timeIntervalSince1970])
      return
    }
    do {
      try KioskStore.requireCitizenMayChange(db, draftID)
      if text.isEmpty {
        try db.execute("DELETE FROM draft_typing WHERE draft_id = ? AND question_id = ?", [draftID, questionID])
      } else {
        try db.execute(
          """
          INSERT INTO draft_typing(draft_id, question_id, text, updated_at) VALUES (?,?,?,?)
          ON CONFLICT(draft_id, question_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at
          """,
          [draftID, questionID, text, now.timeIntervalSince1970])
      }
    }
  }

  /// Removes answers (and their half-typed text) of questions the citizen no longer has to answer.
  public func dropAnswers(draftID: Int64, questionIDs: [String], now: Date = Date()) throws {
    guard !questionIDs.isEmpty else { return }
    if let journal {
      return try journaled(journal, "drop", draftID, ["questions": questionIDs.joined(separator: "\n")], now) { db in
        try Self.dropAnswers(db, draftID, questionIDs, now)
      }
    }
    try engine.single { db in try Self.dropAnswers(db, draftID, questionIDs, now) }
  }

  static func dropAnswers(_ db: any SQLSession, _ draftID: Int64, _ questionIDs: [String], _ now: Date) throws {
    if db.dialect == .postgres {
      try db.execute(
        "SELECT bhumiseba_drop_answers(?, ?, ?)",
        [draftID, questionIDs.joined(separator: "\n"), now.timeIntervalSince1970])
      return
    }
    do {
      try KioskStore.requireCitizenMayChange(db, draftID)
      for id in questionIDs {
        try db.execute("DELETE FROM draft_answer WHERE draft_id = ? AND question_id = ?", [draftID, id])
        try db.execute("DELETE FROM draft_typing WHERE draft_id = ? AND question_id = ?", [draftID, id])
      }
      try db.execute("UPDATE draft SET updated_at = ? WHERE id = ?", [now.timeIntervalSince1970, draftID])
    }
  }

  /// What was being typed and not confirmed, by question (offered again on resume).
  public func typing(draftID: Int64) throws -> [String: String] {
    try preferServer(
      {
        let (sql, args) = try byCode(
          draftID, "SELECT question_id, text FROM draft_typing WHERE draft_id = ?",
          "SELECT o_question, o_text FROM bhumiseba_draft_typing(?, ?)")
        return try engine.read { db in
          var out: [String: String] = [:]
          try db.each(sql, args) {
            out[try $0.text(0)] = try $0.text(1)
          }
          return out
        }
      }, local: { try $0.typing(draftID: draftID) })
  }

  public func answers(draftID: Int64) throws -> [String: String] {
    try preferServer(
      {
        let (sql, args) = try byCode(
          draftID, "SELECT question_id, value FROM draft_answer WHERE draft_id = ?",
          "SELECT o_question, o_value FROM bhumiseba_draft_answers(?, ?)")
        return try engine.read { db in
          var out: [String: String] = [:]
          try db.each(sql, args) {
            out[try $0.text(0)] = try $0.text(1)
          }
          return out
        }
      }, local: { try $0.answers(draftID: draftID) })
  }

  /// The citizen's progress: in progress → waiting (the slip printed). A filed draft never goes back
  /// (`StoreError.filed`); staff file a draft with `markFiled`.
  public func setState(draftID: Int64, _ state: DraftState, now: Date = Date()) throws {
    if let journal {
      return try journaled(journal, "state", draftID, ["state": state.rawValue], now) { db in
        try Self.setState(db, draftID, state, now)
      }
    }
    try engine.single { db in try Self.setState(db, draftID, state, now) }
  }

  static func setState(_ db: any SQLSession, _ draftID: Int64, _ state: DraftState, _ now: Date) throws {
    if db.dialect == .postgres {
      try db.execute("SELECT bhumiseba_set_state(?, ?, ?)", [draftID, state.rawValue, now.timeIntervalSince1970])
      return
    }
    do {
      try KioskStore.requireCitizenMayChange(db, draftID)
      try db.execute(
        "UPDATE draft SET state = ?, updated_at = ? WHERE id = ?", [state.rawValue, now.timeIntervalSince1970, draftID])
    }
  }

  /// Throws unless the draft exists and is not filed.
  static func requireCitizenMayChange(_ db: any SQLSession, _ draftID: Int64) throws {
    guard let state = try db.text("SELECT state FROM draft WHERE id = ?", [draftID]) else {
      throw StoreError.unknownDraft(draftID)
    }
    if state == DraftState.filed.rawValue { throw StoreError.filed(draftID: draftID) }
  }

  static let draftColumns = "id, resume_code, service_id, language, state, created_at, updated_at, position"

  /// A draft from a row of `draftColumns`, read by position (a million rows: no look-up of each
  /// column's name); nil for a row our code cannot read (an unknown language or state).
  static func draft(_ row: SQLRow) throws -> Draft? {
    guard let code = ResumeCode(stored: try row.text(1)), let lang = Language(rawValue: try row.text(3)),
      let state = DraftState(rawValue: try row.text(4))
    else { return nil }
    return Draft(
      id: try row.int64(0), resumeCode: code, serviceID: try row.text(2), language: lang, state: state,
      createdAt: Date(timeIntervalSince1970: try row.double(5)),
      updatedAt: Date(timeIntervalSince1970: try row.double(6)), position: try row.optionalText(7))
  }

  public func draft(code: ResumeCode) throws -> Draft? {
    try preferServer(
      {
        // A kiosk's role opens a draft by code only through `lookUp` (its lockout counts the tries).
        try requireTableReads(
          tr("finding a draft by code without counting wrong codes"))
        return try engine.read { db in
          try db.one("SELECT \(Self.draftColumns) FROM draft WHERE resume_code = ?", [code.digits]).flatMap(Self.draft)
        }
      }, local: { try $0.draft(code: code) })
  }

  public func draft(id: Int64) throws -> Draft? {
    try preferServer({ try serverDraft(id: id) }, local: { try $0.draft(id: id) })
  }

  /// A draft as the server has it (by id and code for a kiosk's role; nil for one it never opened).
  func serverDraft(id: Int64) throws -> Draft? {
    let statement: (String, SQLArguments)
    do {
      statement = try byCode(
        id, "SELECT \(Self.draftColumns) FROM draft WHERE id = ?", "SELECT * FROM bhumiseba_draft(?, ?)")
    } catch StoreError.unknownDraft {
      return nil  // a kiosk's role that never opened it cannot read it: not there for it
    }
    return try engine.read { db in try db.one(statement.0, statement.1).flatMap(Self.draft) }
  }

  /// Whether this login reads drafts only through their codes (a kiosk's role on a centre's
  /// database, pg-004); asked of the server once.
  func readsByCode() throws -> Bool {
    guard dialect == .postgres else { return false }
    if let known = codeOnly.withLock({ $0 }) { return known }
    let byCode = try engine.read { db in
      try db.int64("SELECT CASE WHEN has_table_privilege('draft', 'SELECT') THEN 0 ELSE 1 END") == 1
    }
    codeOnly.withLock { $0 = byCode }
    return byCode
  }

  func remember(_ id: Int64, _ code: String) { knownCodes.withLock { $0[id] = code } }

  /// The statement that reads draft `id`: `table` (a desk, kioskctl, SQLite) or, for a kiosk's
  /// role, `function` with the draft's id and code (`StoreError.unknownDraft` for a draft this
  /// kiosk neither started nor opened by its code).
  func byCode(_ id: Int64, _ table: String, _ function: String) throws -> (String, SQLArguments) {
    guard try readsByCode() else { return (table, [id]) }
    if let code = knownCodes.withLock({ $0[id] }) { return (function, [id, code]) }
    if let code = try journal?.local.draft(id: id)?.resumeCode.digits {
      remember(id, code)
      return (function, [id, code])
    }
    throw StoreError.unknownDraft(id)
  }

  /// Refuses, in words, what a kiosk's role may not read (the queue, drafts by anything but their
  /// codes): on a centre, that is a desk's work (docs/centre.md).
  func requireTableReads(_ what: BilingualText) throws {
    if try readsByCode() { throw StoreError.deskOnly(what) }
  }

  /// Every draft, least recently changed first. Loads them all: use `draftsPage` where there may
  /// be many.
  public func drafts() throws -> [Draft] {
    try requireTableReads(tr("the list of drafts"))
    return try engine.read { db in
      try db.rows("SELECT \(Self.draftColumns) FROM draft ORDER BY updated_at, id").compactMap(Self.draft)
    }
  }

  /// One page of every draft, least recently changed first (as `drafts()`), from after `cursor`.
  /// Read from an index in order: the same time and memory for the first page and the last, at
  /// any number of drafts.
  public func draftsPage(after cursor: DraftCursor? = nil, limit: Int = 1000) throws -> DraftPage {
    try requireTableReads(tr("the list of drafts"))
    return try engine.read { db in try KioskStore.page(db, KioskStore.listSource, cursor, limit) }
  }

  /// Which rows a page is read from, and through which index (SQLite's INDEXED BY: a query the
  /// index cannot serve fails instead of scanning the table; PostgreSQL's planner picks it).
  struct PageSource {
    let table: String
    let index: String
    let filter: String?
    func from(_ dialect: SQLDialect) -> String { dialect == .sqlite ? "\(table) INDEXED BY \(index)" : table }
  }
  static let listSource = PageSource(table: "draft", index: "draft_updated", filter: nil)

  /// The statements of a page: the first page; and after a cursor, the rest of the cursor's
  /// `updated_at` (by id), then the later times. Each is a seek in the index: SQLite seeks a row
  /// value `(updated_at, id) > (?, ?)` on `updated_at` alone and then walks every draft of that
  /// time, which is slow when many share one.
  static func pageSQL(_ source: PageSource, _ dialect: SQLDialect) -> (first: String, sameTime: String, later: String) {
    let filter = source.filter.map { $0 + " AND " } ?? ""
    let from = source.from(dialect)
    let head = "SELECT \(draftColumns) FROM \(from) WHERE " + filter
    return (
      first: "SELECT \(draftColumns) FROM \(from)" + (source.filter.map { " WHERE " + $0 } ?? "")
        + " ORDER BY updated_at, id LIMIT ?",
      sameTime: head + "updated_at = ? AND id > ? ORDER BY id LIMIT ?",
      later: head + "updated_at > ? ORDER BY updated_at, id LIMIT ?"
    )
  }

  static func page(_ db: any SQLSession, _ source: PageSource, _ cursor: DraftCursor?, _ limit: Int) throws
    -> DraftPage
  {
    let n = max(1, limit)
    let sql = pageSQL(source, db.dialect)
    var drafts: [Draft] = []
    drafts.reserveCapacity(min(n, 10_000))
    var read = 0
    var last: DraftCursor?
    // Rows are decoded as they are read (no copy of the page's rows).
    func take(_ statement: String, _ arguments: SQLArguments) throws {
      try db.each(statement, arguments) { row in
        read += 1
        last = DraftCursor(updatedAt: try row.double(6), id: try row.int64(0))
        if let d = try draft(row) { drafts.append(d) }
      }
    }
    if let cursor {
      try take(sql.sameTime, [cursor.updatedAt, cursor.id, n])
      if read < n { try take(sql.later, [cursor.updatedAt, n - read]) }
    } else {
      try take(sql.first, [n])
    }
    return DraftPage(drafts: drafts, next: read < n ? nil : last)
  }

  // MARK: audit

  /// Writes one audit entry. `subject` and `detail` carry ids and counts, never citizens' data.
  public func audit(actor: String, action: String, subject: String = "", detail: String = "", now: Date = Date()) throws
  {
    if let journal {
      // Kept with the kiosk's other changes and handed over in order.
      let payload = ["actor": actor, "action": action, "subject": subject, "detail": detail]
      try journal.record("audit", draftID: 0, payload, now: now) { db in
        try Self.audit(db, actor, action, subject, detail, now)
      }
      _ = handOverIfBack(now: now)
      return
    }
    try engine.write { db in try Self.audit(db, actor, action, subject, detail, now) }
  }

  static func audit(
    _ db: any SQLSession, _ actor: String, _ action: String, _ subject: String, _ detail: String, _ now: Date
  ) throws {
    try db.execute(
      "INSERT INTO audit_log(at, actor, action, subject, detail) VALUES (?,?,?,?,?)",
      [now.timeIntervalSince1970, actor, action, subject, detail])
  }

  public struct AuditEntry: Sendable, Equatable {
    public let at: Date
    public let actor: String
    public let action: String
    public let subject: String
    public let detail: String
  }

  public func auditLog(since: Date? = nil) throws -> [AuditEntry] {
    try engine.read { db in
      try db.rows(
        "SELECT at, actor, action, subject, detail FROM audit_log WHERE at >= ? ORDER BY id",
        [since?.timeIntervalSince1970 ?? 0]
      ).map {
        AuditEntry(
          at: Date(timeIntervalSince1970: try $0.double(0)), actor: try $0.text(1), action: try $0.text(2),
          subject: try $0.text(3), detail: try $0.text(4))
      }
    }
  }

  // MARK: print jobs

  /// Keeps the PDF of a job before it is sent, so that nothing printed can be lost.
  public func recordPrintJob(draftID: Int64?, kind: String, queue: String, pdf: Data, now: Date = Date()) throws
    -> Int64
  {
    // A centre kiosk's print jobs are its own (its printer, its paper): kept on its disk.
    if let journal {
      return try journal.local.recordPrintJob(draftID: draftID, kind: kind, queue: queue, pdf: pdf, now: now)
    }
    return try engine.write { db in
      let t = now.timeIntervalSince1970
      guard
        let id = try db.int64(
          """
          INSERT INTO print_job(draft_id, kind, queue, state, pdf, created_at, updated_at) VALUES (?,?,?,?,?,?,?)
          RETURNING id
          """, [draftID, kind, queue, "not-printed", pdf, t, t])
      else { throw StoreError.server(sqlState: "", detail: "no print job id returned") }
      return id
    }
  }

  public func updatePrintJob(id: Int64, state: String, message: String, cupsJobID: Int?, now: Date = Date()) throws {
    if let journal {
      return try journal.local.updatePrintJob(id: id, state: state, message: message, cupsJobID: cupsJobID, now: now)
    }
    try engine.write { db in
      _ = try db.execute(
        "UPDATE print_job SET state = ?, message = ?, cups_job_id = coalesce(?, cups_job_id), updated_at = ? WHERE id = ?",
        [state, message, cupsJobID, now.timeIntervalSince1970, id])
    }
  }

  public func printJobs(draftID: Int64) throws -> [PrintRecord] {
    if let journal { return try journal.local.printJobs(draftID: draftID) }
    return try engine.read { db in
      try db.rows("SELECT id, draft_id, kind, state, message FROM print_job WHERE draft_id = ? ORDER BY id", [draftID])
        .map {
          PrintRecord(
            id: try $0.int64(0), draftID: try $0.optionalInt64(1), kind: try $0.text(2), state: try $0.text(3),
            message: try $0.text(4))
        }
    }
  }
}

extension KioskStore {
  /// SQLite's quick check of the whole file; throws `StoreError.damaged` (with the command that
  /// recovers it) unless the file is sound. On PostgreSQL the server checks its own pages: a
  /// round trip to it is the check.
  public func quickCheck() throws {
    guard sqlite != nil else {
      _ = try engine.read { db in try db.int64("SELECT 1") }
      return
    }
    let path = self.path
    let check = try KioskStore.classified(path, 10, Date().addingTimeInterval(10)) {
      try pool.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check").joined(separator: "; ") }
    }
    if check != "ok" { throw StoreError.damaged(path: path, detail: "quick_check: \(check.prefix(300))") }
  }

  /// `PRAGMA integrity_check`: "ok" when the file is sound.
  public func integrityCheck() throws -> String {
    guard sqlite != nil else { throw StoreError.notOnThisEngine("integrity_check") }
    return try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
  }

  /// Limits the file to `pages` pages (tests of a full disk): writes past it fail with SQLITE_FULL.
  public func limitSize(pages: Int) throws {
    guard sqlite != nil else { throw StoreError.notOnThisEngine("max_page_count") }
    try pool.barrierWriteWithoutTransaction { db in
      try db.execute(sql: "PRAGMA max_page_count = \(pages)")
    }
  }
}

extension KioskStore {
  /// Fills the database with `count` synthetic drafts of two answers each (benchmarks only).
  public func seedSyntheticDrafts(count: Int, now: Date = Date()) throws {
    var generator = SystemRandomNumberGenerator()
    let batch = dialect == .sqlite ? 50_000 : 1_000
    var done = 0
    while done < count {
      let n = min(batch, count - done)
      try engine.write { db in
        for _ in 0..<n {
          let c = ResumeCode.generate(using: &generator).digits
          if try db.execute("INSERT INTO issued_code(code) VALUES (?) ON CONFLICT DO NOTHING", [c]) == 0 { continue }
          let t = now.timeIntervalSince1970
          guard
            let id = try db.int64(
              """
              INSERT INTO draft(resume_code, service_id, language, state, created_at, updated_at)
              VALUES (?,?,?,?,?,?) RETURNING id
              """, [c, "namjari", "bn", "waiting", t, t])
          else { continue }
          try db.execute(
            "INSERT INTO draft_answer(draft_id, question_id, value, updated_at) VALUES (?,?,?,?)",
            [id, "applicant_name", "রহিমা খাতুন", t])
          try db.execute(
            "INSERT INTO draft_answer(draft_id, question_id, value, updated_at) VALUES (?,?,?,?)",
            [id, "mobile", "01712345678", t])
        }
      }
      done += n
    }
  }
}
